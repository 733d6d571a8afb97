import { Neo4jError } from 'neo4j-driver';
import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-code';
import { mapNeo4jError } from './neo4j-errors';

function neo4jError(code: string): Neo4jError {
  return new Neo4jError('driver message with MATCH (secret) cypher', code, 'N/A', 'N/A');
}

describe('mapNeo4jError', () => {
  it.each([
    ['ServiceUnavailable', ErrorCode.ServiceUnavailable],
    ['SessionExpired', ErrorCode.ServiceUnavailable],
    ['Neo.TransientError.General.DatabaseUnavailable', ErrorCode.ServiceUnavailable],
    ['Neo.TransientError.Transaction.DeadlockDetected', ErrorCode.ServiceUnavailable],
    ['Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration', ErrorCode.Timeout],
    ['Neo.ClientError.Transaction.LockClientStopped', ErrorCode.Timeout],
    ['Neo.ClientError.Schema.ConstraintValidationFailed', ErrorCode.Conflict],
    ['Neo.ClientError.Statement.SyntaxError', ErrorCode.Internal],
  ])('maps %s to %s without leaking the driver message', (code, expected) => {
    const mapped = mapNeo4jError(neo4jError(code));
    expect(mapped).toBeInstanceOf(DomainError);
    expect((mapped as DomainError).code).toBe(expected);
    expect((mapped as DomainError).message).not.toContain('MATCH');
    expect((mapped as DomainError).cause).toBeInstanceOf(Neo4jError);
  });

  it('maps a full connection pool (the driver gives it no code) to SERVICE_UNAVAILABLE', () => {
    const poolFull = new Neo4jError(
      'Connection acquisition timed out in 60000 ms. Pool status: Active conn count = 100, Idle conn count = 0.',
      'N/A',
      'N/A',
      'N/A',
    );
    expect((mapNeo4jError(poolFull) as DomainError).code).toBe(ErrorCode.ServiceUnavailable);
  });

  it('leaves domain errors and foreign errors alone', () => {
    const domain = new DomainError(ErrorCode.NotFound, 'no such person');
    const foreign = new TypeError('bug');
    expect(mapNeo4jError(domain)).toBe(domain);
    expect(mapNeo4jError(foreign)).toBe(foreign);
  });
});
