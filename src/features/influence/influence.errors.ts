import { badUserInput, DomainError } from '../../core/errors/domain-error';
import { ErrorCode } from '../../core/errors/error-code';

export function recomputeAlreadyRunning(): DomainError {
  return new DomainError(
    ErrorCode.Conflict,
    'An influence recompute is already running; try again when it has finished',
  );
}

export function gdsNotAvailable(): DomainError {
  return badUserInput(
    'Neo4j Graph Data Science is not installed in this database; use IN_PROCESS or leave engine out',
    { field: 'engine' },
  );
}
