import type { Logger } from '../core/logging/logger';
import type { OperationScope } from '../core/neo4j/neo4j-gateway';
import { AuditTrail } from '../features/audit/audit-trail';
import { PersonalAccessResolver } from '../features/access/personal-access';
import type { Viewer } from '../features/access/viewer';
import { RoundTripCounter } from '../core/neo4j/round-trip-counter';
import { createLoaders, type Loaders } from './loaders';
import type { Services } from './services';

/**
 * Everything one GraphQL operation needs, built fresh per operation (HTTP request or WebSocket
 * subscribe message), so per-operation caches such as DataLoaders never leak between users.
 */
export interface GraphQLContext {
  requestId: string;
  logger: Logger;
  /** The authenticated member of staff; null when the request carries no valid token. */
  viewer: Viewer | null;
  /** Passed to every repository call: names the operation in Neo4j, counts round-trips and retries. */
  scope: OperationScope & { roundTrips: RoundTripCounter; transactionRetries: RoundTripCounter };
  services: Services;
  loaders: Loaders;
  /** How much of each person's data the viewer may see (need-to-know), batched per operation. */
  personalAccess: PersonalAccessResolver;
  /** Notes that personal data of a person was read; the audit log records it with the operation. */
  noteRead(personId: string): void;
  /** Whose personal data this operation read and changed; written when the result goes out. */
  audit: AuditTrail;
}

export function createContext(
  requestId: string,
  logger: Logger,
  services: Services,
  viewer: Viewer | null,
): GraphQLContext {
  const scope = {
    operationName: 'anonymous',
    requestId,
    roundTrips: new RoundTripCounter(),
    transactionRetries: new RoundTripCounter(),
  };
  const audit = new AuditTrail(services.audit, viewer, scope, logger);
  return {
    requestId,
    viewer,
    logger: logger.child({ requestId }),
    scope,
    services,
    loaders: createLoaders(services, scope),
    personalAccess: new PersonalAccessResolver(services.needToKnow, viewer, scope),
    noteRead: (personId) => audit.noteRead(personId),
    audit,
  };
}
