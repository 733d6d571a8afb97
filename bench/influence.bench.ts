import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseConfig, findProjectRoot } from '../src/core/config/config';
import { createLogger } from '../src/core/logging/logger';
import { DatabaseBootstrap } from '../src/core/neo4j/database-bootstrap';
import { applyMigrations, readMigrations } from '../src/core/neo4j/migrations';
import { Neo4jGateway } from '../src/core/neo4j/neo4j-gateway';
import { signToken } from '../src/features/access/token-verifier';
import { ConsentPolicy } from '../src/features/consent/consent-policy';
import { CONSENT_PURPOSES, ConsentPurpose } from '../src/features/consent/consent-purpose';
import { InfluenceEngineKind } from '../src/features/influence/influence-engine';
import {
  createInfluenceRecompute,
  type RecomputeSummary,
} from '../src/features/influence/influence-recompute.service';
import { StaffRole } from '../src/features/staff/staff-user.type';
import { startApp } from '../src/server/app';
import { startOnBenchData } from './support/bench-m-app';
import { printTable, type ResultRow } from './support/measurements';

const RUNS = Number(process.env.BENCH_RUNS ?? 2);
const QUERY_RUNS = Number(process.env.BENCH_QUERY_RUNS ?? 200);
const WARM_UP = 20;
/** An already running Neo4j with bench-M (and its JVM's pid for memory); else one is started. */
const EXTERNAL_URI = process.env.BENCH_NEO4J_URI;
const EXTERNAL_PID = Number(process.env.BENCH_NEO4J_PID ?? 0);
/** required: the default policy (PROFILING needs consent); all: PROFILING on another basis. */
const CONSENT_MODES = (process.env.BENCH_INFLUENCE_CONSENT ?? 'all,required').split(',');
/** Another copy of bench-M's data folder, e.g. while the shared one is busy. */
const DATA_DIR = process.env.BENCH_INFLUENCE_DATA_DIR;
const SCOPE = { operationName: 'influenceBench' };

interface BenchDatabase {
  uri: string;
  pid: number | null;
  stop(): Promise<void>;
}

/** bench-M, unless BENCH_NEO4J_URI names a running Neo4j that holds it. */
async function openBenchDatabase(): Promise<BenchDatabase> {
  if (EXTERNAL_URI !== undefined) {
    return { uri: EXTERNAL_URI, pid: EXTERNAL_PID || null, stop: () => Promise.resolve() };
  }
  const local = await startOnBenchData(createLogger('warn'), DATA_DIR);
  return { uri: local.boltUri, pid: local.pid, stop: () => local.stop() };
}

/** Resident memory of a process now, from /proc (Linux); null elsewhere. */
function rssMiB(pid: number): number | null {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match?.[1] === undefined ? null : Number(match[1]) / 1024;
  } catch {
    return null;
  }
}

/** The highest resident memory of this process and of Neo4j's JVM while `work` runs. */
async function withPeakMemory<T>(
  neo4jPid: number | null,
  work: () => Promise<T>,
): Promise<{ value: T; nodePeakMiB: number; neo4jPeakMiB: number | null }> {
  let nodePeak = process.memoryUsage().rss / 2 ** 20;
  let neo4jPeak = neo4jPid === null ? null : rssMiB(neo4jPid);
  const sample = () => {
    nodePeak = Math.max(nodePeak, process.memoryUsage().rss / 2 ** 20);
    const current = neo4jPid === null ? null : rssMiB(neo4jPid);
    if (current !== null) neo4jPeak = Math.max(neo4jPeak ?? 0, current);
  };
  const timer = setInterval(sample, 50);
  try {
    const value = await work();
    sample();
    return { value, nodePeakMiB: nodePeak, neo4jPeakMiB: neo4jPeak };
  } finally {
    clearInterval(timer);
  }
}

interface RecomputeSample {
  summary: RecomputeSummary;
  nodePeakMiB: number;
  neo4jPeakMiB: number | null;
}

async function benchRecompute(
  gateway: Neo4jGateway,
  database: BenchDatabase,
  engine: InfluenceEngineKind,
  consentPolicy: ConsentPolicy,
): Promise<RecomputeSample[]> {
  const job = createInfluenceRecompute(gateway, { consentPolicy, engine });
  const samples: RecomputeSample[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const measured = await withPeakMemory(database.pid, () => job.recompute(SCOPE));
    samples.push({
      summary: measured.value,
      nodePeakMiB: measured.nodePeakMiB,
      neo4jPeakMiB: measured.neo4jPeakMiB,
    });
  }
  return samples;
}

function recomputeRows(label: string, samples: readonly RecomputeSample[]): ResultRow[] {
  const peak = (values: (number | null)[]) => Math.max(...values.map((value) => value ?? 0));
  const phase = (name: keyof RecomputeSummary['phasesMs']) =>
    samples.map((sample) => sample.summary.phasesMs[name]);
  return [
    {
      name: `${label}: full recompute (Node peak RSS)`,
      samples: samples.map((sample) => sample.summary.durationMs),
      peakRssMiB: peak(samples.map((sample) => sample.nodePeakMiB)),
    },
    { name: `${label}:   load (people, accounts)`, samples: phase('load') },
    {
      name: `${label}:   projection + algorithms (Neo4j peak RSS)`,
      samples: phase('measure'),
      peakRssMiB: peak(samples.map((sample) => sample.neo4jPeakMiB)),
    },
    { name: `${label}:   scoring`, samples: phase('score') },
    { name: `${label}:   write-back`, samples: phase('write') },
  ];
}

const MULTIPLIERS = `
  query Multipliers($filter: MultiplierFilter, $first: Int, $after: String) {
    multipliers(filter: $filter, first: $first, after: $after) {
      edges {
        cursor
        node {
          score
          explanation
          components { centrality reach reachScore amplificationScore }
          person { id name roles { role } socialAccounts { platform followers } }
        }
      }
      pageInfo { hasNextPage endCursor }
    }
  }`;

const MULTIPLIERS_COUNTED = `
  query MultipliersCounted($filter: MultiplierFilter) {
    multipliers(filter: $filter, first: 20) { totalCount edges { node { score person { id } } } }
  }`;

const FANS_AND_CRITICS = `
  query FansAndCritics($input: FansAndCriticsInput!) {
    fansAndCritics(input: $input) {
      criticalMultipliers { stance person { id name } }
      fans { stance person { id } }
      critics { stance person { id } }
    }
  }`;

interface QueryCase {
  name: string;
  query: string;
  variables: Record<string, unknown>;
  runs?: number;
}

/** One Bolt round trip (RETURN 1): how busy the machine and the database are right now. */
async function boltBaseline(gateway: Neo4jGateway): Promise<ResultRow> {
  const samples: number[] = [];
  for (let run = 0; run < WARM_UP + QUERY_RUNS; run += 1) {
    const started = performance.now();
    await gateway.read(SCOPE, (runner) => runner.run('RETURN 1 AS one'));
    if (run >= WARM_UP) samples.push(performance.now() - started);
  }
  return { name: 'baseline: RETURN 1 over Bolt', samples };
}

async function benchQueries(uri: string, projectRoot: string): Promise<ResultRow[]> {
  const config = parseConfig(
    { NEO4J_URI: uri, NODE_ENV: 'test', PORT: '0', DEMO_DATA: 'false', LOG_LEVEL: 'warn' },
    projectRoot,
  );
  const logger = createLogger('warn');
  const gateway = Neo4jGateway.connect({ ...config.neo4j, uri }, logger);
  const bootstrap = new DatabaseBootstrap({
    gateway,
    migrations: readMigrations(path.join(projectRoot, 'cypher')),
    logger,
  });
  const app = await startApp({ config, logger, gateway, bootstrap, serviceVersion: 'bench' });
  try {
    await bootstrap.whenSettled();
    const token = await signToken(config.auth, {
      userId: 'bench-sales-rep',
      roles: [StaffRole.SALES_REP],
      expiresInSeconds: 3600,
    });
    const send = async (query: string, variables: Record<string, unknown>) => {
      const response = await fetch(`http://127.0.0.1:${app.port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: unknown; errors?: unknown[] };
      if (body.errors !== undefined) throw new Error(JSON.stringify(body.errors));
      return body.data as Record<string, { pageInfo?: { endCursor: string | null } }>;
    };
    const firstPage = await send(MULTIPLIERS, { first: 20 });
    const cases: QueryCase[] = [
      // The floor on this machine right now: what any request costs without the database.
      { name: 'baseline: { __typename } over HTTP', query: '{ __typename }', variables: {} },
      { name: 'multipliers: top 20 overall', query: MULTIPLIERS, variables: { first: 20 } },
      {
        name: 'multipliers: page 2 (cursor)',
        query: MULTIPLIERS,
        variables: { first: 20, after: firstPage.multipliers?.pageInfo?.endCursor ?? null },
      },
      {
        name: 'multipliers: journalists on X, reach ≥ 1,000',
        query: MULTIPLIERS,
        variables: { first: 20, filter: { role: 'JOURNALIST', platform: 'X', minReach: 1000 } },
      },
      {
        name: 'multipliers: about e-bikes',
        query: MULTIPLIERS,
        variables: { first: 20, filter: { topicId: 'topic-e-bikes' } },
      },
      {
        name: 'multipliers: about Velora Cargo, no customers',
        query: MULTIPLIERS,
        variables: {
          first: 20,
          filter: { productId: 'product-velora-cargo', excludeCustomers: true },
        },
      },
      {
        name: 'multipliers: with totalCount',
        query: MULTIPLIERS_COUNTED,
        variables: {},
      },
      {
        name: 'fansAndCritics: our brand, 90 days',
        query: FANS_AND_CRITICS,
        variables: { input: { targetId: 'own-organization', first: 10 } },
        runs: Math.max(10, Math.floor(QUERY_RUNS / 10)),
      },
    ];
    const rows: ResultRow[] = [await boltBaseline(gateway)];
    for (const entry of cases) {
      for (let run = 0; run < WARM_UP; run += 1) await send(entry.query, entry.variables);
      const samples: number[] = [];
      for (let run = 0; run < (entry.runs ?? QUERY_RUNS); run += 1) {
        const started = performance.now();
        await send(entry.query, entry.variables);
        samples.push(performance.now() - started);
      }
      rows.push({ name: entry.name, samples });
    }
    return rows;
  } finally {
    await app.stop();
    await gateway.close();
  }
}

/**
 * `npm run bench -- influence` on bench-M: a full recompute (projection, algorithms, write-back)
 * with each engine the database offers, under the default consent policy and with PROFILING on
 * another lawful basis (everyone scored); then the multipliers query over HTTP as a sales rep.
 */
export async function runInfluenceBenchmark(): Promise<void> {
  const projectRoot = findProjectRoot(__dirname);
  const logger = createLogger('warn');
  const database = await openBenchDatabase();
  const gateway = Neo4jGateway.connect(
    {
      uri: database.uri,
      database: 'neo4j',
      transactionTimeoutMs: 600_000,
      connectionTimeoutMs: 10_000,
      maxTransactionRetryMs: 5_000,
    },
    logger,
  );
  try {
    await applyMigrations(gateway, readMigrations(path.join(projectRoot, 'cypher')), logger);
    const probe = createInfluenceRecompute(gateway, {
      consentPolicy: new ConsentPolicy(CONSENT_PURPOSES),
      engine: null,
    });
    const gds = (await probe.chooseEngine(SCOPE, null)).kind === InfluenceEngineKind.GDS;
    const engines = gds
      ? [InfluenceEngineKind.IN_PROCESS, InfluenceEngineKind.GDS]
      : [InfluenceEngineKind.IN_PROCESS];
    const rows: ResultRow[] = [];
    const sizes: string[] = [];
    // The default policy runs last, so that the queries below read its scores.
    for (const mode of CONSENT_MODES) {
      const purposes =
        mode === 'all'
          ? CONSENT_PURPOSES.filter((purpose) => purpose !== ConsentPurpose.PROFILING)
          : CONSENT_PURPOSES;
      const label = mode === 'all' ? 'everyone' : 'consent';
      for (const engine of engines) {
        const samples = await benchRecompute(
          gateway,
          database,
          engine,
          new ConsentPolicy(purposes),
        );
        rows.push(...recomputeRows(`${label}, ${engine}`, samples));
        const last = samples.at(-1)?.summary;
        if (last !== undefined) {
          sizes.push(
            `${label}, ${engine}: ${last.peopleScored} people scored, ${last.subjectScores} topic/product scores, ` +
              `${last.nodeCount} nodes, ${last.relationshipCount} relationships, ` +
              `${last.communities} communities (modularity ${last.modularity.toFixed(3)})`,
          );
        }
      }
    }
    printTable(
      `influence recompute on bench-M (${RUNS} runs each; Neo4j heap 2g, page cache 2g; shared 2-core machine)`,
      rows,
    );
    process.stdout.write(`${sizes.join('\n')}\n`);
    printTable(
      `influence queries over HTTP as a sales rep (${QUERY_RUNS} runs after ${WARM_UP} warm-up; shared 2-core machine)`,
      await benchQueries(database.uri, projectRoot),
    );
  } finally {
    await gateway.close();
    await database.stop();
  }
}
