/**
 * Stable codes that clients may rely on in `extensions.code`. Adding one forces every exhaustive
 * switch over ErrorCode (see graphql-errors.ts) to decide how it reaches a client.
 */
export enum ErrorCode {
  BadUserInput = 'BAD_USER_INPUT',
  NotFound = 'NOT_FOUND',
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  Conflict = 'CONFLICT',
  ConsentRequired = 'CONSENT_REQUIRED',
  ServiceUnavailable = 'SERVICE_UNAVAILABLE',
  Timeout = 'TIMEOUT',
  Internal = 'INTERNAL_SERVER_ERROR',
}
