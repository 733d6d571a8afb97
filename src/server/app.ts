import { TokenVerifier } from '../features/access/token-verifier';
import type { Viewer } from '../features/access/viewer';
import { ConsentPolicy } from '../features/consent/consent-policy';
import { engineFromConfig } from '../features/influence/influence-recompute.service';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginLandingPageLocalDefault,
  ApolloServerPluginLandingPageProductionDefault,
} from '@apollo/server/plugin/landingPage/default';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { AppConfig } from '../core/config/config';
import { formatGraphQLError } from '../core/errors/graphql-errors';
import type { Logger } from '../core/logging/logger';
import type { DatabaseBootstrap } from '../core/neo4j/database-bootstrap';
import type { Neo4jGateway } from '../core/neo4j/neo4j-gateway';
import { createApiLimits } from './api-limits';
import {
  diagnosticsPlugin,
  errorLoggingPlugin,
  operationNamePlugin,
  auditPlugin,
} from './apollo-plugins';
import { requireBearerToken } from './authentication';
import { createContext, type GraphQLContext } from './context';
import {
  bodyErrorHandler,
  noStore,
  refuseBatchedRequests,
  requestErrorBody,
  requireJsonBody,
  unexpectedErrorHandler,
} from './http-errors';
import { INGEST_POSTS_PATH, ingestPostsHandler } from './ingest-endpoint';
import { requestIdFrom } from './request-id';
import { buildGraphQLSchema } from './schema';
import { createServices } from './services';
import type { FollowerIndexSource } from '../features/reach/follower-index-keeper';
import { startWebSocketServer } from './websocket-server';
import { RealtimeBus, type RealtimeState } from '../features/realtime/realtime-bus';

export const GRAPHQL_PATH = '/graphql';
const READINESS_TIMEOUT_MS = 2_000;
const PROBE_PATHS = new Set(['/healthz', '/readyz']);

export interface AppDependencies {
  config: AppConfig;
  logger: Logger;
  gateway: Neo4jGateway;
  bootstrap: DatabaseBootstrap;
  serviceVersion: string;
  /**
   * Network reach from this follower index instead of the one LINK_INDEX=auto keeps (tests and
   * benchmarks that switch it on and off); see ServiceSettings.followerIndex.
   */
  followerIndex?: FollowerIndexSource;
}

export interface RunningApp {
  url: string;
  port: number;
  httpServer: Server;
  /** The subscriptions' event bus (tests and benches watch its subscribers and state). */
  realtime: RealtimeBus;
  /**
   * Resolves once the link index (introductions) and the follower index (reach) serve (true), or
   * when they will not (false: LINK_INDEX=off, a database without the link journal, or the app
   * stopped first).
   */
  linkIndexLoaded(): Promise<boolean>;
  /** Stops accepting, drains in-flight requests, closes WebSockets. The caller closes the driver. */
  stop(): Promise<void>;
}

type Readiness = { ready: boolean; body: Record<string, string> };

/**
 * Without Redis, subscriptions only hear this instance's events but queries and writes work: the
 * instance stays ready (200) and says `degraded`, so that an outage of the shared Redis does not
 * take every instance out of the load balancer.
 */
function withRealtime(readiness: Readiness, realtime: RealtimeState): Readiness {
  if (realtime === 'in-process') return readiness;
  const body: Record<string, string> = { ...readiness.body, realtime };
  if (realtime === 'down' && readiness.body.status === 'ready') body.status = 'degraded';
  return { ready: readiness.ready, body };
}

async function checkReadiness(deps: AppDependencies, draining: boolean): Promise<Readiness> {
  if (draining) return { ready: false, body: { status: 'shutting-down' } };
  if (deps.bootstrap.state !== 'ready') {
    return { ready: false, body: { status: 'starting', database: 'not-ready' } };
  }
  const timeout = new Promise<false>((resolve) => {
    setTimeout(() => resolve(false), READINESS_TIMEOUT_MS).unref();
  });
  const ping = deps.gateway.ping().then(
    () => true,
    () => false,
  );
  return (await Promise.race([ping, timeout]))
    ? { ready: true, body: { status: 'ready', database: 'up' } }
    : { ready: false, body: { status: 'degraded', database: 'down' } };
}

export async function startApp(deps: AppDependencies): Promise<RunningApp> {
  const realtime = new RealtimeBus({
    redisUrl: deps.config.realtime.redisUrl,
    logger: deps.logger,
  });
  try {
    return await startAppOnBus(deps, realtime);
  } catch (error) {
    // A failed start (e.g. the port in use) must not leave Redis connections behind.
    await realtime.close();
    throw error;
  }
}

async function startAppOnBus(deps: AppDependencies, realtime: RealtimeBus): Promise<RunningApp> {
  const { config, logger } = deps;
  const services = createServices(deps.gateway, {
    serviceVersion: deps.serviceVersion,
    ownOrganizationName: config.ownOrganizationName,
    consentPolicy: new ConsentPolicy(config.consentRequiredPurposes),
    influenceEngine: engineFromConfig(config.influence.engine),
    linkIndex: config.linkIndex,
    realtime,
    logger,
    followerIndex: deps.followerIndex,
  });
  // The link index loads once the schema (its journal's index among it) is in place.
  void deps.bootstrap.whenSettled().then(() => {
    if (deps.bootstrap.state !== 'ready') return;
    services.linkIndex?.start();
    services.followerIndex?.start();
  });
  const schema = await buildGraphQLSchema(realtime.pubSub);
  const production = config.environment === 'production';
  const limits = createApiLimits(config.apiLimits, production);
  let draining = false;

  const app = express();
  app.disable('x-powered-by');
  const httpServer = createServer(app);

  const tokens = new TokenVerifier(config.auth);
  if (config.auth.usingDevelopmentSecret) {
    logger.warn(
      'JWT_SECRET and JWT_JWKS_URL are unset: tokens are signed with the built-in development secret',
    );
  }
  const webSocketServer = startWebSocketServer(
    httpServer,
    GRAPHQL_PATH,
    schema,
    services,
    logger,
    tokens,
    limits,
  );

  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    introspection: !production,
    includeStacktraceInErrorResponses: false,
    // The limits (graphql-armor) and redaction of src/server/api-limits.ts; the WebSocket server
    // applies the same ones.
    validationRules: [...limits.validationRules],
    hideSchemaDetailsFromClientErrors: limits.hideSchemaDetails,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    // main.ts owns the signal handlers and the shutdown order (HTTP, then driver, then local Neo4j);
    // Apollo's own handlers would race it and re-raise the signal.
    stopOnTerminationSignals: false,
    formatError: (formatted, error) => limits.redact(formatGraphQLError(formatted, error)),
    plugins: [
      // No answer may be cached (see noStore), so per-field cache hints are moot;
      // Apollo's cache-control plugin would otherwise wrap every field resolver to collect them.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginDrainHttpServer({
        httpServer,
        stopGracePeriodMillis: config.shutdownTimeoutMs,
      }),
      {
        serverWillStart() {
          return Promise.resolve({
            async drainServer() {
              await webSocketServer.dispose();
            },
          });
        },
      },
      production
        ? ApolloServerPluginLandingPageProductionDefault({ footer: false })
        : ApolloServerPluginLandingPageLocalDefault({ footer: false }),
      operationNamePlugin,
      auditPlugin,
      errorLoggingPlugin,
      ...(config.exposeDiagnostics ? [diagnosticsPlugin] : []),
    ],
  });
  await apollo.start();

  app.use((req, res, next) => {
    const requestId = requestIdFrom(req.headers['x-request-id']);
    const started = process.hrtime.bigint();
    res.locals.requestId = requestId;
    res.setHeader('x-request-id', requestId);
    res.once('finish', () => {
      // Probes hit every few seconds; their lines would drown the real traffic.
      const level = PROBE_PATHS.has(req.path) ? 'debug' : 'info';
      logger[level](
        {
          requestId,
          method: req.method,
          path: req.path,
          status: res.statusCode,
          durationMs: Number(process.hrtime.bigint() - started) / 1e6,
        },
        'http request',
      );
    });
    next();
  });
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', (_req, res, next) => {
    checkReadiness(deps, draining)
      .then((readiness) => withRealtime(readiness, realtime.state))
      .then(({ ready, body }) => res.status(ready ? 200 : 503).json(body))
      .catch(next);
  });
  app.use(
    GRAPHQL_PATH,
    noStore,
    requireJsonBody,
    requireBearerToken(tokens, logger),
    express.json({ limit: config.apiLimits.maxBodyBytes }),
    refuseBatchedRequests,
    limits.refuseTooManyTokens,
    expressMiddleware(apollo, {
      context: ({ res }) =>
        Promise.resolve(
          createContext(
            String(res.locals.requestId),
            logger,
            services,
            (res.locals.viewer as Viewer | undefined) ?? null,
          ),
        ),
    }),
  );
  app.post(
    INGEST_POSTS_PATH,
    noStore,
    requireBearerToken(tokens, logger),
    ingestPostsHandler(services),
  );
  app.use(bodyErrorHandler);
  app.use(unexpectedErrorHandler(logger));
  app.use((_req, res) => {
    res.status(404).json(requestErrorBody('Not found', 'NOT_FOUND'));
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const { port } = httpServer.address() as AddressInfo;
  const displayHost = ['127.0.0.1', '0.0.0.0', '::'].includes(config.host)
    ? 'localhost'
    : config.host;

  return {
    url: `http://${displayHost}:${port}${GRAPHQL_PATH}`,
    port,
    httpServer,
    realtime,
    linkIndexLoaded: async () => {
      const loaded = await Promise.all([
        services.linkIndex?.whenLoaded() ?? false,
        services.followerIndex?.whenLoaded() ?? false,
      ]);
      return loaded.every(Boolean);
    },
    async stop() {
      draining = true;
      deps.bootstrap.stop();
      services.linkIndex?.stop();
      services.followerIndex?.stop();
      await apollo.stop();
      await realtime.close();
    },
  };
}
