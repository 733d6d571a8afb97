import type { Server } from 'node:http';
import {
  type ExecutionResult,
  type FormattedExecutionResult,
  getOperationAST,
  GraphQLError,
  type GraphQLFormattedError,
  type GraphQLSchema,
  OperationTypeNode,
} from 'graphql';
import { WebSocketServer } from 'ws';
import { DomainError } from '../core/errors/domain-error';
import { formatGraphQLError } from '../core/errors/graphql-errors';
import type { Logger } from '../core/logging/logger';
import type { TokenVerifier } from '../features/access/token-verifier';
import { subscribeWithSharedDeliveries } from '../features/realtime/shared-delivery';
import type { ApiLimits } from './api-limits';
import { nextMessageSender, useGraphQLWsAdapter } from './graphql-ws-adapter';
import { createContext, type GraphQLContext } from './context';
import { requestIdFrom } from './request-id';
import type { Services } from './services';

function formatErrors(errors: readonly GraphQLError[], limits: ApiLimits): GraphQLFormattedError[] {
  return errors.map((error) => limits.redact(formatGraphQLError(error.toJSON(), error)));
}

/**
 * graphql-ws reports parse and validation failures without a code; give them the codes Apollo uses
 * over HTTP so that clients handle both transports alike.
 */
function formatRequestErrors(
  errors: readonly GraphQLError[],
  limits: ApiLimits,
): GraphQLFormattedError[] {
  return formatErrors(errors, limits).map((formatted) => ({
    ...formatted,
    extensions: {
      code: formatted.message.startsWith('Syntax Error')
        ? 'GRAPHQL_PARSE_FAILED'
        : 'GRAPHQL_VALIDATION_FAILED',
      ...formatted.extensions,
    },
  }));
}

function bearerFrom(params: Readonly<Record<string, unknown>> | undefined): string | undefined {
  const value = params?.['authorization'] ?? params?.['Authorization'];
  return typeof value === 'string' ? value : undefined;
}

/** graphql-ws's default: a dead peer is noticed within 24 s. */
const KEEP_ALIVE_MS = 12_000;
/**
 * Writes go out without waiting until a socket holds this much unsent data (Node's default
 * high-water mark of a stream); then each send waits, and the subscription's queue (newest 1,024
 * events) bounds what a slow client costs.
 */
const MAX_BUFFERED_BYTES = 16 * 1024;

export interface RunningWebSocketServer {
  /** Closes every socket with 1001 (going away) and stops accepting. */
  dispose(): Promise<void>;
}

/** GraphQL over WebSocket (graphql-transport-ws) on the HTTP server's port and GraphQL path. */
export function startWebSocketServer(
  httpServer: Server,
  path: string,
  schema: GraphQLSchema,
  services: Services,
  logger: Logger,
  tokens: TokenVerifier,
  limits: ApiLimits,
): RunningWebSocketServer {
  // A message over the HTTP body limit closes the socket with 1009 (message too big).
  const wsServer = new WebSocketServer({
    server: httpServer,
    path,
    maxPayload: limits.config.maxBodyBytes,
  });
  const formattedResult = (result: ExecutionResult): FormattedExecutionResult =>
    result.errors === undefined
      ? result
      : { ...result, errors: formatErrors(result.errors, limits) };
  const adapter = useGraphQLWsAdapter(
    {
      schema,
      // One event to many subscribers executes once per distinct outcome (masking), not per socket.
      subscribe: subscribeWithSharedDeliveries,
      // A socket that never sends connection_init is closed with 4408 (graphql-ws's default is 3 s).
      connectionInitWaitTimeout: limits.config.webSocketInitTimeoutMs,
      // The token travels in connection_init: `{ "authorization": "Bearer <token>" }`. A missing or
      // bad one closes the socket with 4403 Forbidden, as the graphql-ws protocol prescribes.
      onConnect: async (ctx) => {
        try {
          return (await tokens.viewerFromHeader(bearerFrom(ctx.connectionParams))) !== null;
        } catch (error) {
          if (error instanceof DomainError) return false;
          throw error;
        }
      },
      // graphql-ws lets a syntax error escape as an internal error that closes the socket; parse
      // here so that it becomes an ordinary error message, as over HTTP. Parsing and validation
      // apply the API's limits exactly as Apollo does over HTTP.
      onSubscribe: (_ctx, _id, payload) => {
        let document;
        try {
          document = limits.parse(payload.query);
        } catch (error) {
          if (error instanceof GraphQLError) return [error];
          throw error;
        }
        const validationErrors = limits.validate(schema, document);
        if (validationErrors.length > 0) return validationErrors;
        return {
          schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
        };
      },
      // Called per subscribe message: every operation gets its own context and loaders (and a
      // subscription fresh ones per event, see contextForEvent in context.ts).
      // The token is checked again per operation, so an expired token stops new subscriptions.
      // A subscription also gets its directDelivery: its shared results are serialised once for
      // all subscribers and sent as graphql-ws's `next` messages without its per-message path.
      context: async (ctx, id, _payload, args) => {
        const context = createContext(
          requestIdFrom(ctx.extra.request.headers['x-request-id']),
          logger,
          services,
          await tokens.viewerFromHeader(bearerFrom(ctx.connectionParams)).catch(
            // Expired since connection_init: the operation runs without a viewer and every root
            // field answers UNAUTHENTICATED; the socket stays open for a fresh connection.
            (error: unknown) => {
              if (error instanceof DomainError) return null;
              throw error;
            },
          ),
          // One event reaches many subscribers at once: their audit entries go in one write.
          services.auditWrites,
        );
        const operation = getOperationAST(args.document, args.operationName);
        context.scope.operationName = operation?.name?.value ?? 'anonymous';
        if (operation?.operation === OperationTypeNode.SUBSCRIPTION) {
          context.directDelivery = {
            payloadOf: (result) => JSON.stringify(formattedResult(result)),
            sendNext: nextMessageSender(ctx.extra, id),
          };
        }
        return context;
      },
      // Each result graphql-ws sends (a query's answer, a subscription event that is not shared)
      // first writes its audit entries; a result that showed no personal data goes out without
      // waiting. Shared subscription results bypass this hook (directDelivery above) and keep the
      // same rule in shared-delivery.ts.
      onNext: (_ctx, _id, _payload, args, result) => {
        const formatted = formattedResult(result);
        const { audit } = args.contextValue as GraphQLContext;
        if (!audit.hasEntries) return formatted;
        return audit.flush().then(() => formatted);
      },
      onError: (_ctx, _id, _payload, errors) => formatRequestErrors(errors, limits),
    },
    wsServer,
    {
      keepAliveMs: KEEP_ALIVE_MS,
      // Both mean production: no internal messages in close reasons, as graphql-ws's NODE_ENV check.
      hideErrorDetails: limits.hideSchemaDetails,
      maxBufferedBytes: MAX_BUFFERED_BYTES,
      logger,
    },
  );
  return {
    async dispose() {
      await adapter.dispose();
    },
  };
}
