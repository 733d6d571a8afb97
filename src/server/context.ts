import type { ExecutionResult } from 'graphql';
import type { Logger } from '../core/logging/logger';
import type { OperationScope } from '../core/neo4j/neo4j-gateway';
import { AuditTrail } from '../features/audit/audit-trail';
import type { AuditWriter } from '../features/audit/audit-write-batcher';
import { PersonalAccessResolver } from '../features/access/personal-access';
import { SharedNeedToKnow } from '../features/realtime/shared-need-to-know';
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
  /** Set on WebSocket subscriptions only: how shared results reach the subscriber's socket. */
  directDelivery?: DirectDelivery;
}

/**
 * One result reaches thousands of subscribers at once (src/features/realtime/shared-delivery.ts):
 * it is serialised once and written to each socket as it is, without graphql-ws's per-message
 * loop, hooks and serialisation.
 */
export interface DirectDelivery {
  /** The result as graphql-ws's `next` payload carries it (errors formatted and redacted), as JSON. */
  payloadOf(result: ExecutionResult): string;
  /**
   * Sends this subscription's `next` message around a payload from `payloadOf`. A promise means
   * the socket is behind: hold the next message until it settles (WebSocketExtra.send).
   */
  sendNext(payload: string): Promise<void> | undefined;
}

export function createContext(
  requestId: string,
  logger: Logger,
  services: Services,
  viewer: Viewer | null,
  auditWriter: AuditWriter = services.auditWrites,
): GraphQLContext {
  const scope = {
    operationName: 'anonymous',
    requestId,
    roundTrips: new RoundTripCounter(),
    transactionRetries: new RoundTripCounter(),
  };
  const audit = new AuditTrail(auditWriter, viewer, scope, logger);
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

/** Subscriptions with the same key share need-to-know answers for an event (contextForEvent). */
export function viewerKeyOf(viewer: Viewer | null): string {
  return viewer === null ? 'anonymous' : `${viewer.userId}:${viewer.roles.join(',')}`;
}

/** What every subscriber of one event shares (see src/features/realtime/delivered-event.ts). */
export interface PerEventShare {
  once<R>(key: string, create: () => R): R;
}

/**
 * A subscription's context lives as long as the subscription; each event it checks need-to-know
 * for or executes gets a copy with fresh loaders and need-to-know answers, so that no cache serves
 * what an earlier event read (an assignment or a record may have changed since), and events in
 * flight at the same time do not swap each other's. Within one event they are shared: loaders by
 * all subscribers (they hold records, never anything viewer-specific; masking applies on top, per
 * subscriber), need-to-know answers by the subscriptions of the same viewer, and the need-to-know
 * questions of all viewers go to the database together.
 */
export function contextForEvent(context: GraphQLContext, event: PerEventShare): GraphQLContext {
  const { services, viewer } = context;
  const scope = { operationName: 'subscriptionEvent' };
  const needToKnow = event.once(
    'needToKnow',
    () => new SharedNeedToKnow(services.needToKnow, scope),
  );
  return {
    ...context,
    loaders: event.once('loaders', () => createLoaders(services, scope)),
    personalAccess: event.once(
      `personalAccess:${viewerKeyOf(viewer)}`,
      () => new PersonalAccessResolver(needToKnow, viewer, scope),
    ),
  };
}
