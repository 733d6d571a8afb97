import { type GraphQLFormattedError, GraphQLError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import { DomainError } from './domain-error';
import { ErrorCode } from './error-code';

export const INTERNAL_ERROR_MESSAGE = 'Internal server error';

/**
 * Codes that Apollo Server and graphql-js put on request-level errors (syntax, validation,
 * variables). They describe the client's request, so they pass through unchanged.
 */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'BAD_USER_INPUT',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

function exposesMessage(code: ErrorCode): boolean {
  switch (code) {
    case ErrorCode.BadUserInput:
    case ErrorCode.NotFound:
    case ErrorCode.Unauthenticated:
    case ErrorCode.Forbidden:
    case ErrorCode.Conflict:
    case ErrorCode.ConsentRequired:
    case ErrorCode.ServiceUnavailable:
    case ErrorCode.Timeout:
      return true;
    case ErrorCode.Internal:
      return false;
    default:
      return assertNever(code);
  }
}

function assertNever(value: never): never {
  throw new Error(`Unhandled error code ${String(value)}`);
}

function validationDetails(error: ArgumentValidationError): { fields: string[] } {
  const fields = error.extensions.validationErrors.map((issue) => issue.property);
  return { fields };
}

/** True when the error is one the client caused or may see; false when it must be masked. */
export function isExpectedError(error: unknown): boolean {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  if (original instanceof DomainError) return original.code !== ErrorCode.Internal;
  if (original instanceof ArgumentValidationError) return true;
  if (original instanceof GraphQLError) {
    const code = original.extensions.code;
    return (
      original.originalError === undefined ||
      (typeof code === 'string' && REQUEST_ERROR_CODES.has(code))
    );
  }
  return false;
}

/**
 * The single mapping from any thrown error to what a client sees. Unexpected errors become a
 * generic INTERNAL_SERVER_ERROR; the original is logged elsewhere (see error-logging plugin).
 */
export function formatGraphQLError(
  formatted: GraphQLFormattedError,
  error: unknown,
): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  const location = { locations: formatted.locations, path: formatted.path };

  if (original instanceof DomainError) {
    const visible = exposesMessage(original.code);
    return {
      ...location,
      message: visible ? original.message : INTERNAL_ERROR_MESSAGE,
      extensions: visible
        ? { ...original.details, code: original.code }
        : { code: ErrorCode.Internal },
    };
  }
  if (original instanceof ArgumentValidationError) {
    const { fields } = validationDetails(original);
    return {
      ...location,
      message: `Invalid input: ${fields.join(', ')}`,
      extensions: { code: ErrorCode.BadUserInput, fields },
    };
  }
  if (isExpectedError(error)) {
    const { stacktrace, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  return { ...location, message: INTERNAL_ERROR_MESSAGE, extensions: { code: ErrorCode.Internal } };
}
