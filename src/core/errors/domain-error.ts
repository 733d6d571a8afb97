import { ErrorCode } from './error-code';

/** Extra, client-safe facts about an error, e.g. which input field was wrong. */
export type ErrorDetails = Readonly<Record<string, unknown>>;

/**
 * The one error type services and repositories throw. Its message is shown to clients (except for
 * INTERNAL_SERVER_ERROR), so it must never contain Cypher, stack traces or personal data.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetails = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DomainError';
  }
}

export function badUserInput(message: string, details: ErrorDetails = {}): DomainError {
  return new DomainError(ErrorCode.BadUserInput, message, details);
}

export function notFound(message: string, details: ErrorDetails = {}): DomainError {
  return new DomainError(ErrorCode.NotFound, message, details);
}

export function unauthenticated(message: string): DomainError {
  return new DomainError(ErrorCode.Unauthenticated, message);
}

export function forbidden(message: string, details: ErrorDetails = {}): DomainError {
  return new DomainError(ErrorCode.Forbidden, message, details);
}

export function consentRequired(message: string, details: ErrorDetails = {}): DomainError {
  return new DomainError(ErrorCode.ConsentRequired, message, details);
}
