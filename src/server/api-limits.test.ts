import { buildSchema, parse } from 'graphql';
import type { ApiLimitsConfig } from '../core/config/config';
import { createApiLimits, withoutSuggestions } from './api-limits';

const CONFIG: ApiLimitsConfig = {
  maxDepth: 3,
  maxAliases: 2,
  maxCost: 100,
  maxTokens: 30,
  maxDirectives: 1,
  maxBodyBytes: 1024,
  webSocketInitTimeoutMs: 1000,
};

const schema = buildSchema(`
  type Query { person(id: ID!): Person, people(first: Int): [Person!]! }
  type Person { name: String, friends: [Person!]! }
`);

describe('withoutSuggestions', () => {
  it.each([
    [
      'Cannot query field "nme" on type "Person". Did you mean "name"?',
      'Cannot query field "nme" on type "Person".',
    ],
    [
      'Value "TWITER" does not exist in "Platform" enum. Did you mean the enum value "TWITTER"?',
      'Value "TWITER" does not exist in "Platform" enum.',
    ],
    [
      'Unknown argument "frist" on field "Query.persons". Did you mean "first", "after", or "filter"?',
      'Unknown argument "frist" on field "Query.persons".',
    ],
    ['Syntax Error: Unexpected "}".', 'Syntax Error: Unexpected "}".'],
  ])('%s', (message, expected) => {
    expect(withoutSuggestions(message)).toBe(expected);
  });
});

describe('createApiLimits', () => {
  const limits = createApiLimits(CONFIG, false);
  const codes = (query: string) =>
    limits.validate(schema, parse(query)).map((error) => [error.extensions.limit, error.message]);

  it('refuses what is over a limit with the limit named', () => {
    expect(codes('{ people { friends { friends { name } } } }')).toEqual([
      ['maxDepth', 'Query depth limit of 3 exceeded, found 4.'],
    ]);
    expect(codes('{ a: people { name } b: people { name } c: people { name } }')).toEqual([
      ['maxAliases', 'Aliases limit of 2 exceeded, found 3.'],
    ]);
    expect(codes('{ people { name @skip(if: true) friends @skip(if: false) { name } } }')).toEqual([
      ['maxDirectives', 'Directives limit of 1 exceeded, found 2.'],
    ]);
    expect(codes('{ people(first: 100) { name } }')[0]?.[0]).toBe('maxCost');
    expect(codes('{ people { friends { name } } }')).toEqual([]);
  });

  it('parses under the token limit and refuses beyond it', () => {
    expect(() => limits.parse('{ people { name } }')).not.toThrow();
    expect(() => limits.parse(`{ people { ${'name '.repeat(30)}} }`)).toThrow(
      'Token limit of 30 exceeded.',
    );
  });

  it('hides schema hints and introspection in production only', () => {
    const hinted = { message: 'Cannot query field "nme" on type "Person". Did you mean "name"?' };
    expect(limits.redact(hinted)).toBe(hinted);
    const production = createApiLimits(CONFIG, true);
    expect(production.redact(hinted).message).toBe('Cannot query field "nme" on type "Person".');
    expect(limits.validate(schema, parse('{ __schema { queryType { name } } }'))).toEqual([]);
    expect(
      production.validate(schema, parse('{ __schema { queryType { name } } }'))[0]?.message,
    ).toMatch(/introspection has been disabled/);
  });
});
