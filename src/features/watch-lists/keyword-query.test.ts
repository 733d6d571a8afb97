import { DomainError } from '../../core/errors/domain-error';
import { matchKeywordQuery, parseKeywordQuery, postWords } from './keyword-query';

function matches(query: string, text: string) {
  return matchKeywordQuery(parseKeywordQuery(query), postWords(text));
}

function errorOf(query: string): DomainError {
  try {
    parseKeywordQuery(query);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error(`"${query}" parsed`);
}

describe('keyword queries', () => {
  it.each([
    ['velora', 'My Velora broke', true],
    ['velora', 'veloras everywhere', false],
    ['akku AND kaputt', 'Der Akku ist kaputt', true],
    ['akku AND kaputt', 'Der Akku ist super', false],
    ['akku kaputt', 'kaputt ist der Akku', true],
    ['akku OR battery', 'the battery died', true],
    ['velora NOT recall', 'velora recall announced', false],
    ['velora NOT recall', 'velora is fine', true],
    ['"battery died"', 'my battery died today', true],
    ['"battery died"', 'died battery', false],
    ['(akku OR battery) AND (kaputt OR broken)', 'Battery broken again', true],
    ['(akku OR battery) AND (kaputt OR broken)', 'Battery fine', false],
    ['NOT NOT velora', 'velora', true],
    ['a OR b AND c', 'a', true],
    ['a OR b AND c', 'b', false],
    ['ÄRGER', 'so ein ärger', true],
  ])('%s on "%s" → %s', (query, text, expected) => {
    expect(matches(query, text).matches).toBe(expected);
  });

  it('names the terms that matched, never those under NOT', () => {
    expect(matches('(akku OR battery) AND NOT recall', 'Akku und battery').terms).toEqual([
      'akku',
      'battery',
    ]);
  });

  it.each([
    ['', 1, 'empty'],
    ['velora AND', 11, 'missing'],
    ['(velora', 8, 'missing ")"'],
    ['velora)', 7, 'unmatched ")"'],
    ['"battery', 1, 'unclosed quote'],
    ['OR velora', 1, 'OR needs a term'],
    ['velora AND OR akku', 12, 'OR needs a term'],
    ['()', 1, 'empty parentheses'],
    ['velora ""', 8, 'empty phrase'],
    ['!!!', 1, 'not a word'],
  ])('refuses %j at position %i', (query, position, message) => {
    const error = errorOf(query);
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.details).toEqual({ field: 'keywords', position });
    expect(error.message).toContain(message);
  });
});
