import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import { findProjectRoot } from '../src/core/config/config';
import { createLogger } from '../src/core/logging/logger';
import { applyMigrations, readMigrations } from '../src/core/neo4j/migrations';
import { Neo4jGateway } from '../src/core/neo4j/neo4j-gateway';
import { RoundTripCounter } from '../src/core/neo4j/round-trip-counter';
import { ImportRepository } from '../src/features/import/import.repository';
import {
  DEFAULT_BATCH_SIZE,
  DEFAULT_LANES,
  ImportService,
} from '../src/features/import/import.service';
import { ImportFormat } from '../src/features/import/import.type';
import { type PartitionClaim, WriteLanes } from '../src/features/import/import-write-lanes';
import { TIE_RELATIONSHIPS, TieType } from '../src/features/ties/tie.type';
import { startScratchNeo4j } from './support/bench-m-app';
import { peakRssMiB, printTable, timed, type ResultRow } from './support/measurements';

const PERSONS = Number(process.env.BENCH_IMPORT_PERSONS ?? 50_000);
const TIES = Number(process.env.BENCH_IMPORT_TIES ?? 100_000);
const INTERACTIONS = Number(process.env.BENCH_IMPORT_INTERACTIONS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 2);
const BATCH_SIZE = Number(process.env.BENCH_IMPORT_BATCH_SIZE ?? DEFAULT_BATCH_SIZE);
const LANES = Number(process.env.BENCH_IMPORT_LANES ?? DEFAULT_LANES);
const SCOPE = { operationName: 'importBench' };
/** Transactions run again after a transient error (a deadlock), per path, over all runs. */
const retries = new Map<string, RoundTripCounter>();

function retriesOf(pathName: string): RoundTripCounter {
  let counter = retries.get(pathName);
  if (counter === undefined) {
    counter = new RoundTripCounter();
    retries.set(pathName, counter);
  }
  return counter;
}

type Kind = 'persons' | 'ties' | 'interactions';
const KINDS: readonly Kind[] = ['persons', 'ties', 'interactions'];
const TIE_TYPES = Object.values(TieType);
const TOPICS = Array.from({ length: 20 }, (_, index) => `topic ${index}`);
const CLASSIC_KINDS = ['ORDER', 'CALL', 'EMAIL', 'TICKET', 'COMPLAINT', 'MEETING'] as const;

// The data: deterministic, generated here, one NDJSON object per record as a customer would send.

function personKey(index: number) {
  return { system: 'bench', externalId: `P-${index}` };
}

function* personRecords(): Generator<Record<string, unknown>> {
  for (let index = 0; index < PERSONS; index += 1) {
    yield {
      type: 'person',
      ...personKey(index),
      name: `Person ${index}`,
      email: `person${index}@example.org`,
      phone: index % 3 === 0 ? `+49 30 ${100000 + index}` : null,
      locale: index % 2 === 0 ? 'de' : 'en',
    };
  }
}

function* tieRecords(): Generator<Record<string, unknown>> {
  for (let index = 0; index < TIES; index += 1) {
    const from = index % PERSONS;
    const to = (from + 1 + ((index * 7919) % (PERSONS - 1))) % PERSONS;
    yield {
      type: 'tie',
      from: personKey(from),
      to: personKey(to),
      tieType: TIE_TYPES[index % TIE_TYPES.length],
      strength: ((index * 37) % 100) / 100,
      since: index % 2 === 0 ? `20${10 + (index % 15)}-0${1 + (index % 9)}-1${index % 10}` : null,
    };
  }
}

function* interactionRecords(): Generator<Record<string, unknown>> {
  const start = Date.parse('2024-01-01T00:00:00Z');
  for (let index = 0; index < INTERACTIONS; index += 1) {
    const isPost = index % 2 === 0;
    const key = isPost
      ? { platform: 'X', postId: `post-${index}` }
      : { system: 'shop', externalId: `I-${index}` };
    yield {
      type: 'interaction',
      ...key,
      kind: isPost ? 'POST' : CLASSIC_KINDS[index % CLASSIC_KINDS.length],
      channel: isPost ? 'X' : 'EMAIL',
      occurredAt: new Date(start + index * 60_000).toISOString(),
      text: `Interaction ${index} about our bikes`,
      sentiment: ((index % 21) - 10) / 10,
      performer: personKey((index * 31) % PERSONS),
      topics:
        index % 3 === 0 ? [TOPICS[index % 20], TOPICS[(index + 7) % 20]] : [TOPICS[index % 20]],
    };
  }
}

const GENERATORS: Readonly<Record<Kind, () => Generator<Record<string, unknown>>>> = {
  persons: personRecords,
  ties: tieRecords,
  interactions: interactionRecords,
};

const COUNTS: Readonly<Record<Kind, number>> = {
  persons: PERSONS,
  ties: TIES,
  interactions: INTERACTIONS,
};

async function writeNdjson(file: string, records: Iterable<Record<string, unknown>>) {
  const out = createWriteStream(file);
  for (const record of records) {
    if (!out.write(`${JSON.stringify(record)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

// The floor: the same data as plain UNWIND batches through neo4j-driver, writing the same graph
// with the least a write of it needs (the same MERGE keys), and none of the product's parsing,
// validation, change detection or rejection reporting. These queries exist to be measured against
// and live here, not in a repository, for that reason.

const FLOOR_PERSONS = `
  UNWIND $rows AS row
  MERGE (k:ExternalKey {key: row.key})
    ON CREATE SET k.system = row.system, k.externalId = row.externalId
  MERGE (k)-[:IDENTIFIES]->(p:Person)
    ON CREATE SET p.id = randomUUID(), p.createdAt = datetime()
  SET p += row.properties, p.updatedAt = datetime()`;

function floorTies(relationship: string): string {
  return `
  UNWIND $rows AS row
  MATCH (:ExternalKey {key: row.fromKey})-[:IDENTIFIES]->(a:Person)
  MATCH (:ExternalKey {key: row.toKey})-[:IDENTIFIES]->(b:Person)
  MERGE (a)-[t:${relationship}]->(b)
    ON CREATE SET t.id = randomUUID(), t.createdAt = datetime()
  SET t.strength = row.strength, t.since = date(row.since), t.source = 'import',
      t.updatedAt = datetime()`;
}

const FLOOR_INTERACTIONS = `
  UNWIND $rows AS row
  MATCH (:ExternalKey {key: row.performerKey})-[:IDENTIFIES]->(performer:Person)
  CALL (row) {
    WITH row WHERE row.postId IS NOT NULL
    MERGE (i:Interaction {platform: row.platform, postId: row.postId})
      ON CREATE SET i.id = randomUUID(), i.createdAt = datetime()
    RETURN i
    UNION
    WITH row WHERE row.postId IS NULL
    MERGE (k:ExternalKey {key: row.key})
      ON CREATE SET k.system = row.system, k.externalId = row.externalId
    MERGE (k)-[:IDENTIFIES]->(i:Interaction)
      ON CREATE SET i.id = randomUUID(), i.createdAt = datetime()
    RETURN i
  }
  SET i += row.properties, i.occurredAt = datetime(row.occurredAt), i.updatedAt = datetime()
  MERGE (performer)-[:PERFORMED]->(i)
  WITH i, row
  UNWIND row.topics AS topicName
  MERGE (topic:Topic {name: topicName})
    ON CREATE SET topic.id = randomUUID(), topic.createdAt = datetime(), topic.updatedAt = datetime()
  MERGE (i)-[:ABOUT]->(topic)`;

function keyOf(ref: unknown): string {
  const { system, externalId } = ref as { system: string; externalId: string };
  return `${system}:${externalId}`;
}

/** One floor batch: the query and its rows, straight from the generated records. */
function floorBatch(
  kind: Kind,
  records: readonly Record<string, unknown>[],
): Array<[string, object[]]> {
  switch (kind) {
    case 'persons':
      return [
        [
          FLOOR_PERSONS,
          records.map(({ system, externalId, name, email, phone, locale }) => ({
            key: keyOf({ system, externalId }),
            system,
            externalId,
            properties: { name, email, phone, locale },
          })),
        ],
      ];
    case 'ties':
      return TIE_TYPES.map((type) => [
        floorTies(TIE_RELATIONSHIPS[type]),
        records
          .filter((record) => record.tieType === type)
          .map((record) => ({
            fromKey: keyOf(record.from),
            toKey: keyOf(record.to),
            strength: record.strength,
            since: record.since,
          })),
      ]);
    case 'interactions':
      return [
        [
          FLOOR_INTERACTIONS,
          records.map((record) => ({
            postId: record.postId ?? null,
            platform: record.platform ?? null,
            key: record.system === undefined ? null : keyOf(record),
            system: record.system ?? null,
            externalId: record.externalId ?? null,
            occurredAt: record.occurredAt,
            performerKey: keyOf(record.performer),
            topics: record.topics,
            properties: {
              kind: record.kind,
              channel: record.channel,
              text: record.text,
              sentiment: record.sentiment,
              status: record.kind === 'TICKET' || record.kind === 'COMPLAINT' ? 'OPEN' : null,
            },
          })),
        ],
      ];
  }
}

/**
 * Which batches of the floor may run at the same time: the same claims the product's import
 * makes (a person its key, a tie both people; interactions lock performers and topics that their
 * keys do not name, so they claim everything and run one at a time), so that N floor writers and
 * N product lanes split the same data the same way.
 */
function floorClaim(
  lanes: WriteLanes,
  kind: Kind,
  record: Record<string, unknown>,
): PartitionClaim {
  switch (kind) {
    case 'persons':
      return lanes.claimOf(keyOf(record));
    case 'ties':
      return lanes.claimOf(keyOf(record.from), keyOf(record.to));
    case 'interactions':
      return lanes.claimAll();
  }
}

/** The floor: UNWIND batches through neo4j-driver, `writers` transactions at a time. */
async function floorImport(
  driver: Driver,
  kind: Kind,
  writers: number,
  retried: RoundTripCounter,
): Promise<void> {
  const lanes = new WriteLanes(writers);
  const buffers = new Map<string, { claim: PartitionClaim; records: Record<string, unknown>[] }>();
  const write = async (records: Record<string, unknown>[]) => {
    const statements = floorBatch(kind, records);
    const session = driver.session();
    try {
      let attempts = 0;
      await session.executeWrite(async (tx) => {
        attempts += 1;
        if (attempts > 1) retried.increment();
        for (const [query, rows] of statements) if (rows.length > 0) await tx.run(query, { rows });
      });
    } finally {
      await session.close();
    }
  };
  const submit = (buffer: { claim: PartitionClaim; records: Record<string, unknown>[] }) => {
    const records = buffer.records.splice(0);
    return lanes.submit(buffer.claim, () => write(records));
  };
  try {
    for (const record of GENERATORS[kind]()) {
      const claim = floorClaim(lanes, kind, record);
      const name = claim.join(' ');
      let buffer = buffers.get(name);
      if (buffer === undefined) {
        buffer = { claim, records: [] };
        buffers.set(name, buffer);
      }
      buffer.records.push(record);
      if (buffer.records.length >= BATCH_SIZE) await submit(buffer);
    }
    for (const buffer of buffers.values()) if (buffer.records.length > 0) await submit(buffer);
    await lanes.drain();
  } finally {
    await lanes.settle();
  }
}

async function productImport(
  service: ImportService,
  file: string,
  kind: Kind,
  lanes: number,
  retried: RoundTripCounter,
): Promise<void> {
  const report = await service.importSource(
    { ...SCOPE, transactionRetries: retried },
    { format: ImportFormat.NDJSON, type: null, open: () => createReadStream(file) },
    { batchSize: BATCH_SIZE, lanes },
  );
  if (report.accepted !== COUNTS[kind] || report.rejected !== 0) {
    throw new Error(`${kind}: expected ${COUNTS[kind]} accepted, got ${JSON.stringify(report)}`);
  }
}

async function wipe(gateway: Neo4jGateway): Promise<void> {
  await gateway.runAutoCommit(
    SCOPE,
    `MATCH (n) WHERE NOT n:SchemaMigration
     CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS`,
  );
}

async function graphSize(gateway: Neo4jGateway): Promise<string> {
  const [row] = await gateway.read(SCOPE, (runner) =>
    runner.run(
      `MATCH (n) WHERE NOT n:SchemaMigration AND NOT n:LinkChange WITH count(n) AS nodes
       MATCH ()-[r]->() RETURN nodes, count(r) AS relationships`,
    ),
  );
  return `${String(row?.nodes)} nodes, ${String(row?.relationships)} relationships`;
}

/** A way of writing the data: the product's import or the floor, with 1 or LANES writers. */
interface Path {
  name: string;
  product: boolean;
  writers: number;
}

const PATHS: readonly Path[] = [
  { name: 'product, 1 lane', product: true, writers: 1 },
  { name: `product, ${LANES} lanes`, product: true, writers: LANES },
  { name: 'floor, 1 writer', product: false, writers: 1 },
  { name: `floor, ${LANES} writers`, product: false, writers: LANES },
];

type Durations = Map<Path, Record<Kind, number[]>>;

function nodeRssMiB(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/** Each run writes with every path; the order rotates so that no path always gets the warmer database. */
function pathOrder(run: number): Path[] {
  return PATHS.map((_, index) => PATHS[(index + run) % PATHS.length] as Path);
}

/**
 * Bulk import throughput: persons, ties and interactions through the product's import path
 * (NDJSON file → parse → validate → batched UNWIND upserts), next to the floor, a raw UNWIND batch
 * write of the same data through neo4j-driver; each with one writer and with LANES concurrent
 * writers. Each run starts from an empty graph.
 */
export async function runImportBenchmark(): Promise<void> {
  const projectRoot = findProjectRoot(__dirname);
  const logger = createLogger('warn');
  const dataDir = path.join(projectRoot, '.neo4j-local', `bench-import-${process.pid}`);
  const workDir = mkdtempSync(path.join(tmpdir(), 'crm-import-bench-'));
  const local = await startScratchNeo4j(dataDir, logger);
  const gateway = Neo4jGateway.connect(
    {
      uri: local.boltUri,
      database: 'neo4j',
      transactionTimeoutMs: 120_000,
      connectionTimeoutMs: 5_000,
      maxTransactionRetryMs: 30_000,
    },
    logger,
  );
  const driver = neo4j.driver(local.boltUri, undefined, { maxTransactionRetryTime: 30_000 });
  try {
    await applyMigrations(gateway, readMigrations(path.join(projectRoot, 'cypher')), logger);
    const files = Object.fromEntries(
      KINDS.map((kind) => [kind, path.join(workDir, `${kind}.ndjson`)]),
    ) as Record<Kind, string>;
    for (const kind of KINDS) await writeNdjson(files[kind], GENERATORS[kind]());

    const service = new ImportService(new ImportRepository(gateway), 'Own organization');
    const durations: Durations = new Map(
      PATHS.map((which) => [which, { persons: [], ties: [], interactions: [] }]),
    );
    const sizes = new Map<Path, string>();
    let productNodeRss = 0;
    for (let run = 0; run < RUNS; run += 1) {
      for (const which of pathOrder(run)) {
        await wipe(gateway);
        for (const kind of KINDS) {
          const { ms } = await timed(() =>
            which.product
              ? productImport(service, files[kind], kind, which.writers, retriesOf(which.name))
              : floorImport(driver, kind, which.writers, retriesOf(which.name)),
          );
          durations.get(which)?.[kind].push(ms);
        }
        sizes.set(which, await graphSize(gateway));
        // maxRSS only grows: the first run writes with the product paths first, so read it then.
        if (run === 0 && which === PATHS[1]) productNodeRss = nodeRssMiB();
      }
    }
    report(durations, sizes, productNodeRss, peakRssMiB(local.pid));
  } finally {
    await driver.close();
    await gateway.close();
    await local.stop();
    rmSync(workDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function best(samples: readonly number[]): number {
  return Math.min(...samples);
}

function report(
  durations: Durations,
  sizes: ReadonlyMap<Path, string>,
  productNodeRss: number,
  neo4jRss: number | null,
): void {
  const rows: ResultRow[] = [];
  const timesOf = (which: Path) =>
    durations.get(which) ?? { persons: [], ties: [], interactions: [] };
  const total = (which: Path) => KINDS.reduce((sum, kind) => sum + best(timesOf(which)[kind]), 0);
  const records = KINDS.reduce((sum, kind) => sum + COUNTS[kind], 0);
  for (const kind of KINDS) {
    for (const which of PATHS) {
      rows.push({
        name: `${kind} (${COUNTS[kind]}): ${which.name}`,
        samples: timesOf(which)[kind],
        throughput: COUNTS[kind] / (best(timesOf(which)[kind]) / 1000),
      });
    }
  }
  for (const which of PATHS) {
    rows.push({
      name: `all (${records}): ${which.name}`,
      samples: [total(which)],
      throughput: records / (total(which) / 1000),
      peakRssMiB: which === PATHS[1] ? productNodeRss : null,
    });
  }
  printTable(
    `import (${RUNS} runs per path, batches of ${BATCH_SIZE}; ms per run; records/s from the best run)`,
    rows,
  );
  const [product1, productN, floor1, floorN] = PATHS as [Path, Path, Path, Path];
  const ratio = (product: Path, floor: Path, kind: Kind | null) => {
    const floorMs = kind === null ? total(floor) : best(timesOf(floor)[kind]);
    const productMs = kind === null ? total(product) : best(timesOf(product)[kind]);
    return `${((floorMs / productMs) * 100).toFixed(0)} %`.padStart(6);
  };
  const lines = [
    '',
    `product ÷ floor (records/s, best runs)   1 lane ÷ 1 writer   ${LANES} lanes ÷ ${LANES} writers`,
  ];
  for (const kind of [...KINDS, null]) {
    lines.push(
      `  ${(kind ?? 'all').padEnd(38)} ${ratio(product1, floor1, kind).padStart(17)}   ${ratio(productN, floorN, kind).padStart(20)}`,
    );
  }
  lines.push(
    '',
    `transactions retried after a transient error (deadlock), all runs: ${PATHS.map(
      (which) => `${which.name} ${retriesOf(which.name).value}`,
    ).join(', ')}`,
  );
  lines.push('', 'graph after a run:');
  for (const which of PATHS) lines.push(`  ${which.name.padEnd(20)} ${sizes.get(which) ?? '-'}`);
  lines.push(
    '',
    `peak RSS: node process ${productNodeRss.toFixed(0)} MiB during the product runs ` +
      `(${nodeRssMiB().toFixed(0)} MiB overall, floors included), Neo4j ` +
      `${neo4jRss === null ? '-' : neo4jRss.toFixed(0)} MiB (heap 1g, page cache 512m)`,
  );
  process.stdout.write(`${lines.join('\n')}\n`);
}
