import { GraphQLError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import { ValidationError } from 'class-validator';
import { DomainError } from './domain-error';
import { ErrorCode } from './error-code';
import { formatGraphQLError, INTERNAL_ERROR_MESSAGE, isExpectedError } from './graphql-errors';

function located(original: Error): GraphQLError {
  return new GraphQLError(original.message, { path: ['person'], originalError: original });
}

function format(error: GraphQLError) {
  return formatGraphQLError(error.toJSON(), error);
}

describe('formatGraphQLError', () => {
  it.each(Object.values(ErrorCode).filter((code) => code !== ErrorCode.Internal))(
    'shows %s with its message and code',
    (code) => {
      const formatted = format(located(new DomainError(code, 'visible message', { field: 'id' })));
      expect(formatted).toEqual({
        message: 'visible message',
        path: ['person'],
        locations: undefined,
        extensions: { code, field: 'id' },
      });
    },
  );

  it('masks INTERNAL_SERVER_ERROR domain errors', () => {
    const formatted = format(
      located(new DomainError(ErrorCode.Internal, 'Database error at MATCH (p)')),
    );
    expect(formatted.message).toBe(INTERNAL_ERROR_MESSAGE);
    expect(formatted.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
  });

  it('masks unexpected errors completely', () => {
    const formatted = format(
      located(new TypeError("Cannot read properties of undefined (reading 'email')")),
    );
    expect(formatted).toEqual({
      message: INTERNAL_ERROR_MESSAGE,
      path: ['person'],
      locations: undefined,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(isExpectedError(located(new TypeError('x')))).toBe(false);
  });

  it('turns class-validator failures into BAD_USER_INPUT naming the fields', () => {
    const issue = Object.assign(new ValidationError(), {
      property: 'email',
      constraints: { isEmail: 'bad' },
    });
    const formatted = format(located(new ArgumentValidationError([issue])));
    expect(formatted.extensions).toEqual({ code: 'BAD_USER_INPUT', fields: ['email'] });
    expect(formatted.message).toContain('email');
  });

  it('passes request errors through without stack traces', () => {
    const error = new GraphQLError('Cannot query field "nope" on type "Query".', {
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    const formatted = formatGraphQLError(
      {
        ...error.toJSON(),
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED', stacktrace: ['at x'] },
      },
      error,
    );
    expect(formatted.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
    expect(formatted.message).toContain('nope');
  });
});
