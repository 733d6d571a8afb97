import { rmSync } from 'node:fs';
import path from 'node:path';
import { findProjectRoot } from '../src/core/config/config';
import { createLogger } from '../src/core/logging/logger';
import { startLocalNeo4j } from '../src/core/neo4j/local-neo4j/local-neo4j';
import { applyMigrations, readMigrations } from '../src/core/neo4j/migrations';
import { Neo4jGateway } from '../src/core/neo4j/neo4j-gateway';
import { ServerInfoRepository } from '../src/features/server-info/server-info.repository';
import { freeTcpPort } from '../src/core/net/free-port';
import { peakRssMiB, printTable, timed, type ResultRow } from './support/measurements';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);

interface StartupSample {
  launcherMs: number;
  migrationsMs: number;
  firstQueryMs: number;
  totalMs: number;
  rssMiB: number | null;
}

/** One start: local Neo4j until Bolt answers, migrations, then the first real GraphQL-backing query. */
async function startOnce(projectRoot: string, dataDir: string): Promise<StartupSample> {
  const logger = createLogger('warn');
  const boltPort = await freeTcpPort();
  const total = process.hrtime.bigint();
  const launcher = await timed(() =>
    startLocalNeo4j(
      {
        boltPort,
        dataDir,
        heap: '1g',
        pageCache: '512m',
        plugins: true,
        launcherDir: path.join(projectRoot, 'neo4j-local'),
      },
      logger,
    ),
  );
  const local = launcher.value;
  const gateway = Neo4jGateway.connect(
    {
      uri: local.boltUri,
      database: 'neo4j',
      transactionTimeoutMs: 30_000,
      connectionTimeoutMs: 5_000,
      maxTransactionRetryMs: 5_000,
    },
    logger,
  );
  try {
    const migrations = await timed(() =>
      applyMigrations(gateway, readMigrations(path.join(projectRoot, 'cypher')), logger),
    );
    const firstQuery = await timed(() =>
      new ServerInfoRepository(gateway).databaseFacts({ operationName: 'bench' }),
    );
    const totalMs = Number(process.hrtime.bigint() - total) / 1e6;
    return {
      launcherMs: launcher.ms,
      migrationsMs: migrations.ms,
      firstQueryMs: firstQuery.ms,
      totalMs,
      rssMiB: peakRssMiB(local.pid),
    };
  } finally {
    await gateway.close();
    await local.stop();
  }
}

function rows(label: string, samples: readonly StartupSample[]): ResultRow[] {
  const rss = Math.max(...samples.map((sample) => sample.rssMiB ?? 0));
  return [
    {
      name: `${label}: launcher until Bolt ready`,
      samples: samples.map((s) => s.launcherMs),
      peakRssMiB: rss,
    },
    { name: `${label}: migrations`, samples: samples.map((s) => s.migrationsMs) },
    { name: `${label}: first query (serverInfo)`, samples: samples.map((s) => s.firstQueryMs) },
    { name: `${label}: total`, samples: samples.map((s) => s.totalMs) },
  ];
}

/**
 * Cold start: a new, empty data folder each run (first start of a fresh clone, minus the one-off
 * Maven download). Warm start: the same data folder again, already migrated.
 */
export async function runStartupBenchmark(): Promise<void> {
  const projectRoot = findProjectRoot(__dirname);
  const cold: StartupSample[] = [];
  const warm: StartupSample[] = [];
  const warmDir = path.join(projectRoot, '.neo4j-local', 'bench-warm');
  rmSync(warmDir, { recursive: true, force: true });
  await startOnce(projectRoot, warmDir);

  for (let run = 0; run < RUNS; run += 1) {
    const coldDir = path.join(projectRoot, '.neo4j-local', `bench-cold-${run}`);
    rmSync(coldDir, { recursive: true, force: true });
    cold.push(await startOnce(projectRoot, coldDir));
    rmSync(coldDir, { recursive: true, force: true });
    warm.push(await startOnce(projectRoot, warmDir));
  }
  rmSync(warmDir, { recursive: true, force: true });
  printTable(`startup (${RUNS} runs each; Neo4j heap 1g, page cache 512m, APOC + GDS loaded)`, [
    ...rows('cold', cold),
    ...rows('warm', warm),
  ]);
}
