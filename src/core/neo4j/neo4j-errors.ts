import { Neo4jError, isRetryableError } from 'neo4j-driver';
import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-code';

const UNAVAILABLE_CODES = new Set(['ServiceUnavailable', 'SessionExpired']);
// LockClientStopped: the transaction timeout ended a transaction while it waited for a lock (seen
// with a thousand upserts of one key on a busy machine); it is a timeout, not a fault.
const TIMEOUT_CODES = new Set([
  'Neo.ClientError.Transaction.TransactionTimedOut',
  'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration',
  'Neo.TransientError.Transaction.LockAcquisitionTimeout',
  'Neo.ClientError.Transaction.LockClientStopped',
]);

/**
 * The one place that turns driver errors into domain errors. The original stays as `cause` for the
 * log; the message a client may see says nothing about Cypher or the database's internals.
 */
export function mapNeo4jError(error: unknown): unknown {
  if (error instanceof DomainError) return error;
  if (!(error instanceof Neo4jError)) return error;

  const code = error.code;
  if (
    UNAVAILABLE_CODES.has(code) ||
    code.startsWith('Neo.TransientError.General.DatabaseUnavailable')
  ) {
    return new DomainError(
      ErrorCode.ServiceUnavailable,
      'The database is not reachable right now; try again shortly',
      {},
      { cause: error },
    );
  }
  // The driver gives a full connection pool no code of its own; its message is the only sign.
  if (error.message.startsWith('Connection acquisition timed out')) {
    return new DomainError(
      ErrorCode.ServiceUnavailable,
      'The database is busy; try again shortly',
      {},
      { cause: error },
    );
  }
  if (TIMEOUT_CODES.has(code)) {
    return new DomainError(
      ErrorCode.Timeout,
      'The database took too long to answer',
      {},
      { cause: error },
    );
  }
  if (code === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
    return new DomainError(
      ErrorCode.Conflict,
      'The change conflicts with existing data',
      {},
      { cause: error },
    );
  }
  // Transient errors are retried by managed transactions; one that still surfaces means the
  // database is overloaded or failing over.
  if (isRetryableError(error)) {
    return new DomainError(
      ErrorCode.ServiceUnavailable,
      'The database is busy; try again shortly',
      {},
      { cause: error },
    );
  }
  return new DomainError(ErrorCode.Internal, 'Database error', {}, { cause: error });
}
