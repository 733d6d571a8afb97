import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import {
  type AppConfig,
  findProjectRoot,
  parseConfig,
  readEnvironment,
} from '../../src/core/config/config';
import { createLogger, type Logger } from '../../src/core/logging/logger';
import { DatabaseBootstrap } from '../../src/core/neo4j/database-bootstrap';
import {
  type RunningLocalNeo4j,
  startLocalNeo4j,
} from '../../src/core/neo4j/local-neo4j/local-neo4j';
import { readMigrations } from '../../src/core/neo4j/migrations';
import { Neo4jGateway } from '../../src/core/neo4j/neo4j-gateway';
import { freeTcpPort } from '../../src/core/net/free-port';
import type { FollowerIndexSource } from '../../src/features/reach/follower-index-keeper';
import { type RunningApp, startApp } from '../../src/server/app';

/** mulberry32: every run measures the same cases. */
export { seededRandom as seeded } from '../../src/core/random/seeded-random';

const projectRoot = findProjectRoot(__dirname);
export const BENCH_M_DIR =
  process.env.BENCH_DATA_DIR ?? path.join(projectRoot, '.neo4j-local', 'bench-m');
/** How long to wait for the data folder when another process holds it. */
const LOCK_WAIT_MS = Number(process.env.BENCH_LOCK_WAIT_MS ?? 30 * 60_000);

/**
 * A Neo4j with plugins on bench-M's data folder (or another copy of it). The folder admits one
 * process at a time: wait while someone else has it open.
 */
export async function startOnBenchData(
  logger: Logger,
  dataDir: string = BENCH_M_DIR,
): Promise<RunningLocalNeo4j> {
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      return await startLocalNeo4j(
        {
          boltPort: await freeTcpPort(),
          dataDir,
          heap: process.env.BENCH_NEO4J_HEAP ?? '2g',
          pageCache: process.env.BENCH_NEO4J_PAGECACHE ?? '2g',
          plugins: true,
          launcherDir: path.join(projectRoot, 'neo4j-local'),
        },
        logger,
      );
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (!/lock/i.test(message) || Date.now() > deadline) throw error;
      process.stdout.write('bench-M data folder is in use by another process; retrying in 30 s\n');
      await new Promise((resolve) => setTimeout(resolve, 30_000));
    }
  }
}

/** A small Neo4j without plugins on a folder of its own, for benchmarks that make their own data. */
export async function startScratchNeo4j(
  dataDir: string,
  logger: Logger,
  pageCache = '512m',
): Promise<RunningLocalNeo4j> {
  return startLocalNeo4j(
    {
      boltPort: await freeTcpPort(),
      dataDir,
      heap: '1g',
      pageCache,
      plugins: false,
      launcherDir: path.join(projectRoot, 'neo4j-local'),
    },
    logger,
  );
}

/**
 * The service as in production (a random token secret) on a running Neo4j, with the project's
 * migrations applied unless `applyMigrations` is false.
 */
export async function startServiceOn(
  local: RunningLocalNeo4j,
  logger: Logger,
  environment: Record<string, string> = {},
  applyMigrations = true,
  followerIndex?: FollowerIndexSource,
): Promise<{ config: AppConfig; gateway: Neo4jGateway; app: RunningApp }> {
  const config = parseConfig(
    {
      ...readEnvironment(projectRoot),
      NODE_ENV: 'production',
      PORT: '0',
      LOG_LEVEL: 'warn',
      DEMO_DATA: 'false',
      NEO4J_URI: local.boltUri,
      JWT_SECRET: randomBytes(32).toString('hex'),
      // Loading the link index reads every link once, in the background: only the benchmarks of
      // introductions turn it on, so that it never runs beside another benchmark's measurements.
      LINK_INDEX: 'off',
      ...environment,
    },
    projectRoot,
  );
  const target = config.neo4j.target;
  if (target.kind !== 'external') throw new Error('the benchmark needs NEO4J_URI');
  const gateway = Neo4jGateway.connect({ ...target, ...config.neo4j }, logger);
  const bootstrap = new DatabaseBootstrap({
    gateway,
    migrations: applyMigrations ? readMigrations(path.join(projectRoot, 'cypher')) : [],
    logger,
  });
  const app = await startApp({
    config,
    logger,
    gateway,
    bootstrap,
    serviceVersion: 'bench',
    followerIndex,
  });
  await bootstrap.whenSettled();
  return { config, gateway, app };
}

/** The service on bench-M: a local Neo4j on the data folder, the app on it, a raw driver too. */
export interface BenchMApp {
  config: AppConfig;
  /** The service's own gateway, for calling services without HTTP. */
  gateway: Neo4jGateway;
  /** A plain driver for the floor queries. */
  driver: Driver;
  url: string;
  app: RunningApp;
  stop(): Promise<void>;
}

/**
 * `environment`: settings over the benchmark's own; `followerIndex`: where the app's reach
 * service finds a follower index (none: Cypher only).
 */
export async function startBenchMApp(
  label: string,
  environment: Record<string, string> = {},
  followerIndex?: FollowerIndexSource,
): Promise<BenchMApp> {
  const logger = createLogger('warn');
  process.stdout.write(`${label}: starting Neo4j on ${BENCH_M_DIR} (heap 2g, page cache 2g)\n`);
  const local = await startOnBenchData(logger);
  const { config, gateway, app } = await startServiceOn(
    local,
    logger,
    environment,
    true,
    followerIndex,
  );
  const driver = neo4j.driver(local.boltUri, undefined, { maxConnectionPoolSize: 50 });
  return {
    config,
    gateway,
    driver,
    url: `http://127.0.0.1:${app.port}/graphql`,
    app,
    async stop() {
      await driver.close();
      await app.stop();
      await gateway.close();
      await local.stop();
    },
  };
}

/** Reads every node and relationship once, so that all sides run on a warm page cache. */
export async function warmPageCache(driver: Driver): Promise<void> {
  const session = driver.session({ defaultAccessMode: neo4j.session.READ });
  try {
    await session.run('MATCH (n) WITH n, properties(n) AS values RETURN count(*) AS nodes');
    await session.run('MATCH ()-[r]->() WITH r, properties(r) AS values RETURN count(*) AS rels');
  } finally {
    await session.close();
  }
}

/** One GraphQL request over HTTP; throws on errors, so that a benchmark never times failures. */
export async function postGraphQL<T>(
  url: string,
  token: string,
  query: string,
  variables: Record<string, unknown>,
): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (body.errors !== undefined || body.data === undefined) {
    throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
  }
  return body.data;
}

/** Runs a read query on its own session, as a service would. */
export async function readQuery(
  driver: Driver,
  query: string,
  params: Record<string, unknown>,
): Promise<Record<string, unknown>[]> {
  const session = driver.session({ defaultAccessMode: neo4j.session.READ });
  try {
    const result = await session.executeRead((tx) => tx.run(query, params));
    return result.records.map((record) => record.toObject());
  } finally {
    await session.close();
  }
}

/** Milliseconds a call takes. */
export async function millis(work: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** The machine's load, printed next to figures: this machine is shared. */
export function loadNote(): string {
  const [one, five] = loadavg();
  return `load average ${one?.toFixed(1)} (1 min) / ${five?.toFixed(1)} (5 min) on ${cpus().length} cores`;
}
