import 'reflect-metadata';
import path from 'node:path';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import {
  type AppConfig,
  findProjectRoot,
  parseConfig,
  readEnvironment,
} from '../../src/core/config/config';
import { createLogger } from '../../src/core/logging/logger';
import { DatabaseBootstrap } from '../../src/core/neo4j/database-bootstrap';
import { readMigrations } from '../../src/core/neo4j/migrations';
import { Neo4jGateway } from '../../src/core/neo4j/neo4j-gateway';
import { signToken } from '../../src/features/access/token-verifier';
import type { FollowerIndexSource } from '../../src/features/reach/follower-index-keeper';
import { StaffRole } from '../../src/features/staff/staff-user.type';
import { type RunningApp, startApp } from '../../src/server/app';
import { resetGraph } from './test-database';

export const projectRoot = findProjectRoot(__dirname);

export interface GraphQLResponse<TData> {
  status: number;
  headers: Headers;
  body: {
    data?: TData | null;
    errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, unknown> }>;
    extensions?: { diagnostics?: { requestId: string; dbRoundTrips: number } };
  };
}

export interface TestServer {
  url: string;
  wsUrl: string;
  baseUrl: string;
  config: AppConfig;
  gateway: Neo4jGateway;
  bootstrap: DatabaseBootstrap;
  app: RunningApp;
  execute<TData, TVariables>(
    document: TypedDocumentNode<TData, TVariables>,
    variables?: TVariables,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<TData>>;
  /** Sends `authorization` in connection_init: an ADMIN token unless given ('' = none). */
  executeOverWebSocket<TData, TVariables>(
    document: TypedDocumentNode<TData, TVariables>,
    variables?: TVariables,
    authorization?: string,
  ): Promise<GraphQLResponse<TData>['body']>;
  /** Sends raw query text over WebSocket, e.g. a broken one the server must reject. */
  sendOverWebSocket(query: string): Promise<GraphQLResponse<unknown>['body']>;
  /**
   * A signed bearer token for a member of staff. `execute` and `executeOverWebSocket` send an
   * ADMIN token unless given headers with their own `authorization` (empty = none at all).
   */
  tokenFor(roles: readonly StaffRole[], userId?: string): Promise<string>;
  stop(): Promise<void>;
}

/** The test configuration: the suite's database from the environment, any free HTTP port. */
export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  return parseConfig(
    {
      ...readEnvironment(projectRoot),
      NODE_ENV: 'test',
      PORT: '0',
      DEMO_DATA: 'false',
      // The link index is a per-process cache of the whole graph; the files that test it turn it on.
      LINK_INDEX: 'off',
      ...overrides,
    },
    projectRoot,
  );
}

export function connectTestGateway(config: AppConfig = testConfig()): Neo4jGateway {
  const { target } = config.neo4j;
  if (target.kind !== 'external') throw new Error('global set-up did not publish NEO4J_URI');
  return Neo4jGateway.connect({ ...target, ...config.neo4j }, createLogger(config.logLevel));
}

/**
 * Boots the real app (HTTP + WebSocket) in this process on the suite's Neo4j, starting from an
 * empty graph. `reset: false` keeps the graph, for tests that point the app at another address.
 */
export async function startTestServer(
  options: {
    env?: Record<string, string>;
    reset?: boolean;
    /** Where the app's reach service finds a follower index (none: Cypher only). */
    followerIndex?: FollowerIndexSource;
  } = {},
): Promise<TestServer> {
  const config = testConfig(options.env);
  const logger = createLogger(config.logLevel);
  const gateway = connectTestGateway(config);
  if (options.reset !== false) await resetGraph(gateway);
  const bootstrap = new DatabaseBootstrap({
    gateway,
    migrations: readMigrations(path.join(projectRoot, 'cypher')),
    logger,
    initialDelayMs: 100,
    maxDelayMs: 500,
  });
  const app = await startApp({
    config,
    logger,
    gateway,
    bootstrap,
    serviceVersion: '0.0.0-test',
    followerIndex: options.followerIndex,
  });
  const baseUrl = `http://127.0.0.1:${app.port}`;
  const tokenFor = (roles: readonly StaffRole[], userId = 'test-admin') =>
    signToken(config.auth, { userId, roles, expiresInSeconds: 3600 });
  const adminAuthorization = `Bearer ${await tokenFor([StaffRole.ADMIN])}`;
  const withDefaultAuthorization = (headers: Record<string, string>) => {
    const { authorization = adminAuthorization, ...rest } = headers;
    return authorization === '' ? rest : { ...rest, authorization };
  };

  return {
    url: `${baseUrl}/graphql`,
    wsUrl: `ws://127.0.0.1:${app.port}/graphql`,
    baseUrl,
    config,
    gateway,
    bootstrap,
    app,
    async execute(document, variables, headers = {}) {
      const response = await fetch(`${baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...withDefaultAuthorization(headers) },
        body: JSON.stringify({ query: print(document), variables }),
      });
      return {
        status: response.status,
        headers: response.headers,
        body: (await response.json()) as never,
      };
    },
    executeOverWebSocket(document, variables, authorization = adminAuthorization) {
      return runOverWebSocket(
        app.port,
        print(document),
        variables as Record<string, unknown> | undefined,
        authorization,
      );
    },
    sendOverWebSocket(query) {
      return runOverWebSocket(app.port, query, undefined, adminAuthorization);
    },
    tokenFor,
    async stop() {
      await app.stop();
      await gateway.close();
    },
  };
}

/** One operation over graphql-ws; resolves with the last result or the operation's errors. */
function runOverWebSocket(
  port: number,
  query: string,
  variables: Record<string, unknown> | undefined,
  authorization: string,
): Promise<GraphQLResponse<never>['body']> {
  const client = createClient({
    url: `ws://127.0.0.1:${port}/graphql`,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    connectionParams: authorization === '' ? {} : { authorization },
  });
  return new Promise((resolve, reject) => {
    let result: GraphQLResponse<never>['body'] = {};
    client.subscribe(
      { query, variables },
      {
        next: (value) => {
          result = value as typeof result;
        },
        error: (error: unknown) => {
          void client.dispose();
          // An `error` message carries the operation's GraphQL errors (parse, validation);
          // anything else is a transport failure.
          if (Array.isArray(error)) resolve({ errors: error as never });
          else reject(error instanceof Error ? error : new Error(JSON.stringify(error)));
        },
        complete: () => {
          void client.dispose();
          resolve(result);
        },
      },
    );
  });
}

/**
 * The usual life of a test file: one server on a fresh graph for the whole file, ready before the
 * first test, stopped after the last. Returns a handle that forwards to that server.
 */
export function useTestServer(
  options: { env?: Record<string, string>; followerIndex?: FollowerIndexSource } = {},
): TestServer {
  let running: TestServer | undefined;
  beforeAll(async () => {
    running = await startTestServer(options);
    await running.bootstrap.whenSettled();
  });
  afterAll(async () => {
    await running?.stop();
  });
  return new Proxy({} as TestServer, {
    get(_target, property: keyof TestServer) {
      if (running === undefined)
        throw new Error('The test server starts in beforeAll; use it inside tests');
      return running[property];
    },
  });
}

/** How many nodes carry a label (from a fixed list, so no label text comes from a test). */
export async function countNodes(
  server: Pick<TestServer, 'gateway'>,
  label: 'Person' | 'Organization' | 'ExternalKey' | 'SocialAccount' | 'Interaction',
): Promise<number> {
  const rows = await server.gateway.read({ operationName: 'countNodes' }, (runner) =>
    runner.run(`MATCH (n:${label}) RETURN count(n) AS n`),
  );
  return Number(rows[0]?.n);
}
