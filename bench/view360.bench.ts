import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import { findProjectRoot } from '../src/core/config/config';
import { createLogger } from '../src/core/logging/logger';
import { startLocalNeo4j, type RunningLocalNeo4j } from '../src/core/neo4j/local-neo4j/local-neo4j';
import { freeTcpPort } from '../src/core/net/free-port';
import { signToken } from '../src/features/access/token-verifier';
import { type CypherParams, Neo4jGateway } from '../src/core/neo4j/neo4j-gateway';
import { AuditRepository } from '../src/features/audit/audit.repository';
import { AuditAction } from '../src/features/audit/audit.type';
import { StaffRole } from '../src/features/staff/staff-user.type';
import { postGraphQL, seeded, startServiceOn, warmPageCache } from './support/bench-m-app';
import { percentile, printTable, type ResultRow } from './support/measurements';

/**
 * The person 360° view on bench-M: the whole view as one GraphQL request over HTTP (the product,
 * with authentication, validation, limits, masking and batched loaders), next to the same data
 * fetched by one hand-written Cypher query through neo4j-driver (the floor: no API at all).
 */

const projectRoot = findProjectRoot(__dirname);
const DATA_DIR = process.env.BENCH_DATA_DIR ?? path.join(projectRoot, '.neo4j-local', 'bench-m');
const REQUESTS = Number(process.env.BENCH_VIEW360_REQUESTS ?? 400);
const WARMUP = Number(process.env.BENCH_VIEW360_WARMUP ?? 100);
const CONCURRENCY = (process.env.BENCH_VIEW360_CONCURRENCY ?? '1,8,32').split(',').map(Number);
const RANDOM_PERSONS = Number(process.env.BENCH_VIEW360_RANDOM ?? 200);
const HEAVY_PERSONS = Number(process.env.BENCH_VIEW360_HEAVY ?? 20);
/** How long to wait for the data folder when another process holds it. */
const LOCK_WAIT_MS = Number(process.env.BENCH_LOCK_WAIT_MS ?? 30 * 60_000);
const SEED = 42;

const TIES = 20;
/** People one view's audit entry names: the subject, 20 ties' other persons, same-as links. */
const AUDITED_PEOPLE = 25;
const TIMELINE = 20;
const STAFF = 10;

// Depth 6, variables for page sizes: within the API's default limits (depth, cost, tokens).
export const VIEW_QUERY = `
query PersonView360($id: ID!, $ties: Int, $timeline: Int, $staff: Int) {
  person(id: $id) {
    id name email influenceScore
    roles { role since until isCurrent organization { id name } }
    socialAccounts { platform handle followers }
    sameAs { confidence other { id name } }
    tiesConnection(first: $ties) {
      totalCount
      edges { direction node { type strength } other { id name roles { role isCurrent } } }
    }
    timeline(first: $timeline) {
      totalCount
      edges { node { id kind channel occurredAt sentiment text
        performer { __typename ... on SocialAccount { platform handle } ... on Person { id } }
        about { __typename ... on Topic { name } ... on Product { name } } } }
    }
    sentimentTrend { month interactions averageSentiment }
    topTopics { topic { name } interactions interestWeight }
    openIssueCount
    openIssues { id kind status occurredAt }
    productsBought { product { name } orders lastOrderedAt }
    lastContact { at staff { displayName } }
    relationshipStrength { score components { factor value points } }
    closestStaff(first: $staff) {
      totalCount
      edges { node { score tieStrength sharedInteractions lastSharedAt staff { displayName } } }
    }
  }
}`;

// The floor: the same data in one statement, written by hand for this person only, with nothing
// of the API around it. It lives here, not in a repository, because it exists to be measured.
const FLOOR_QUERY = `
MATCH (p:Person {id: $id})
CALL (p) {
  OPTIONAL MATCH (p)-[r:HAS_ROLE]->(o:Organization)
  RETURN collect(r {.role, .since, .until, organizationId: o.id, organizationName: o.name}) AS roles
}
CALL (p) {
  OPTIONAL MATCH (p)<-[:OWNED_BY]-(a:SocialAccount)
  WITH a ORDER BY a.followers DESC
  RETURN collect(a {.platform, .handle, .followers}) AS accounts
}
CALL (p) {
  OPTIONAL MATCH (p)-[s:SAME_AS]-(other:Person)
  RETURN collect({confidence: s.confidence, id: other.id, name: other.name}) AS sameAs
}
CALL (p) {
  MATCH (p)-[t:KNOWS|COLLEAGUE_OF|FAMILY_OF|FRIEND_OF|REFERRED|REPORTS_TO]-(other:Person)
  WITH t, other ORDER BY t.strength DESC, t.id
  WITH collect({t: t, other: other}) AS ties
  CALL (p, ties) {
    UNWIND ties[0..$ties] AS x
    WITH x.t AS t, x.other AS other
    RETURN collect({type: type(t), strength: t.strength, outgoing: startNode(t) = p,
      id: other.id, name: other.name,
      roles: [(other)-[r:HAS_ROLE]->() | {role: r.role, since: r.since, until: r.until}]}) AS page
  }
  RETURN size(ties) AS tieTotal, page AS ties
}
CALL (p) {
  CALL (p) {
    MATCH (p)-[:PERFORMED]->(i:Interaction) RETURN i
    UNION
    MATCH (p)<-[:OWNED_BY]-(:SocialAccount)-[:PERFORMED]->(i:Interaction) RETURN i
  }
  WITH i ORDER BY i.occurredAt DESC, i.id
  RETURN collect(i) AS interactions
}
CALL (interactions) {
  UNWIND interactions[0..$timeline] AS i
  RETURN collect(i {.id, .kind, .channel, .occurredAt, .sentiment, .text,
    performer: [(n)-[:PERFORMED]->(i) | {labels: labels(n), id: n.id, platform: n.platform, handle: n.handle}][0],
    about: [(i)-[:ABOUT]->(s) | {labels: labels(s), name: s.name}]}) AS timeline
}
CALL (interactions) {
  UNWIND interactions AS i
  WITH i WHERE i.occurredAt >= datetime($trendFrom)
  WITH datetime({epochMillis: i.occurredAt.epochMillis}) AS utc, i.sentiment AS sentiment
  WITH utc.year * 100 + utc.month AS month, count(*) AS n, avg(sentiment) AS average
  RETURN collect({month: month, interactions: n, average: average}) AS trend
}
CALL (p, interactions) {
  CALL (p, interactions) {
    UNWIND interactions AS i
    WITH i WHERE i.occurredAt >= datetime($trendFrom)
    MATCH (i)-[:ABOUT]->(topic:Topic)
    RETURN topic, count(*) AS mentions, null AS weight
    UNION ALL
    MATCH (p)-[w:INTERESTED_IN]->(topic:Topic)
    RETURN topic, 0 AS mentions, w.weight AS weight
  }
  WITH topic, sum(mentions) AS mentions, max(weight) AS weight
  ORDER BY mentions + 5 * coalesce(weight, 0.0) DESC, topic.id LIMIT 5
  RETURN collect({name: topic.name, interactions: mentions, weight: weight}) AS topics
}
CALL (interactions) {
  UNWIND interactions AS i
  WITH i WHERE i.kind IN ['TICKET', 'COMPLAINT'] AND i.status IN ['OPEN', 'ACKNOWLEDGED']
  RETURN count(i) AS openIssueCount,
         collect(i {.id, .kind, .status, .occurredAt})[0..20] AS openIssues
}
CALL (interactions) {
  UNWIND interactions AS i
  WITH i WHERE i.kind = 'ORDER'
  MATCH (i)-[:ABOUT]->(product:Product)
  WITH product, count(i) AS orders, max(i.occurredAt) AS lastOrderedAt
  ORDER BY orders DESC, lastOrderedAt DESC LIMIT 10
  RETURN collect({name: product.name, orders: orders, lastOrderedAt: lastOrderedAt}) AS products
}
CALL (interactions) {
  UNWIND interactions AS i
  MATCH (u:User)-[h:HANDLED]->(i)
  WITH u, coalesce(h.at, i.occurredAt) AS at ORDER BY at DESC LIMIT 1
  RETURN collect({at: at, staff: u.displayName})[0] AS lastContact
}
CALL (interactions) {
  UNWIND interactions AS i
  WITH i WHERE NOT i.kind IN ['POST', 'MENTION', 'REPLY', 'SHARE', 'LIKE', 'REVIEW']
    OR EXISTS { (i)-[:ABOUT|MENTIONS]->(:Organization {id: 'own-organization'}) }
    OR EXISTS { (i)-[:ABOUT]->(:Product) }
    OR EXISTS { (i)<-[:HANDLED]-(:User) }
    OR EXISTS { MATCH (i)<-[:REPLY_TO]-(:Interaction)<-[:PERFORMED]-(actor)
                MATCH (actor)-[:OWNED_BY*0..1]->(:Person)<-[:IS_PERSON]-(:User) }
  WITH i, i.occurredAt >= datetime($yearFrom) AS inYear
  WITH i, inYear, inYear AND (EXISTS { (i)<-[:HANDLED]-(:User) }
    OR EXISTS { MATCH (i)<-[:REPLY_TO]-(:Interaction)<-[:PERFORMED]-(actor)
                MATCH (actor)-[:OWNED_BY*0..1]->(:Person)<-[:IS_PERSON]-(:User) }) AS answered
  RETURN max(i.occurredAt) AS lastInteractionAt, count(CASE WHEN inYear THEN 1 END) AS inYear,
         count(CASE WHEN answered THEN 1 END) AS answered,
         avg(CASE WHEN inYear THEN i.sentiment END) AS sentiment
}
CALL (p, interactions) {
  CALL (p, interactions) {
    MATCH (p)-[t:KNOWS|COLLEAGUE_OF|FAMILY_OF|FRIEND_OF|REFERRED|REPORTS_TO]-(:Person)<-[:IS_PERSON]-(u:User)
    RETURN u, t, null AS i
    UNION
    UNWIND interactions AS i
    MATCH (u:User)-[:HANDLED]->(i)
    RETURN u, null AS t, i
    UNION
    UNWIND interactions AS i
    MATCH (i)<-[:REPLY_TO]-(:Interaction)<-[:PERFORMED]-(actor)
    MATCH (actor)-[:OWNED_BY*0..1]->(:Person)<-[:IS_PERSON]-(u:User)
    RETURN u, null AS t, i
    UNION
    MATCH (p)<-[:OWNED_BY*0..1]-(:Person|SocialAccount)<-[:MENTIONS]-(i:Interaction)
    MATCH (i)<-[:PERFORMED]-(actor)-[:OWNED_BY*0..1]->(:Person)<-[:IS_PERSON]-(u:User)
    RETURN u, null AS t, i
  }
  WITH u, collect(DISTINCT t.strength) AS ties, collect(DISTINCT i.occurredAt) AS shared
  RETURN collect({staff: u.displayName, ties: ties, shared: shared}) AS staff
}
RETURN p {.id, .name, .email, .influenceScore} AS person, roles, accounts, sameAs, tieTotal, ties,
       size(interactions) AS timelineTotal, timeline, trend, topics, openIssueCount, openIssues,
       products, lastContact, lastInteractionAt, inYear, answered, sentiment, staff`;

interface Sample {
  ids: string[];
  heavy: Set<string>;
  describe: string;
}

const TIE_DEGREE = `COUNT { (p)-[:KNOWS|COLLEAGUE_OF|FAMILY_OF|FRIEND_OF|REFERRED|REPORTS_TO]-() }`;
const FOLLOW_DEGREE = `COUNT { (p)<-[:OWNED_BY]-(:SocialAccount)-[:FOLLOWS]-() }`;

/**
 * Random persons, plus the heavy tail: half of it the people with the most person-to-person ties,
 * half the ones with the most ties of any kind (their accounts' FOLLOWS included: thousands in
 * bench-M), all in a fixed shuffled order.
 */
async function samplePersons(driver: Driver): Promise<Sample> {
  const session = driver.session({ defaultAccessMode: neo4j.session.READ });
  try {
    const all = (await session.run('MATCH (p:Person) RETURN p.id AS id ORDER BY id')).records.map(
      (record) => String(record.get('id')),
    );
    const heaviest = async (degree: string, limit: number) =>
      (
        await session.run(
          `MATCH (p:Person) WITH p, ${degree} AS degree
           ORDER BY degree DESC, p.id LIMIT $limit RETURN p.id AS id`,
          { limit: neo4j.int(limit) },
        )
      ).records.map((record) => String(record.get('id')));
    const half = Math.ceil(HEAVY_PERSONS / 2);
    const heavy = new Set([
      ...(await heaviest(TIE_DEGREE, half)),
      ...(await heaviest(`${TIE_DEGREE} + ${FOLLOW_DEGREE}`, HEAVY_PERSONS - half)),
    ]);
    const random = seeded(SEED);
    const picked = new Set<string>();
    while (picked.size < Math.min(RANDOM_PERSONS, all.length)) {
      const id = all[Math.floor(random() * all.length)] ?? '';
      if (!heavy.has(id)) picked.add(id);
    }
    const ids = [...picked, ...heavy];
    for (let index = ids.length - 1; index > 0; index -= 1) {
      const other = Math.floor(random() * (index + 1));
      [ids[index], ids[other]] = [ids[other] ?? '', ids[index] ?? ''];
    }
    const stats = await session.run(
      `UNWIND $ids AS id MATCH (p:Person {id: id})
       WITH p, ${TIE_DEGREE} AS ties, ${FOLLOW_DEGREE} AS follows,
            COUNT { (p)<-[:OWNED_BY*0..1]-()-[:PERFORMED]->(:Interaction) } AS interactions
       RETURN p.id IN $heavy AS heavy, count(*) AS people,
              percentileDisc(ties, 0.5) AS medianTies, max(ties) AS maxTies,
              percentileDisc(follows, 0.5) AS medianFollows, max(follows) AS maxFollows,
              percentileDisc(interactions, 0.5) AS medianInteractions,
              max(interactions) AS maxInteractions
       ORDER BY heavy`,
      { ids, heavy: [...heavy] },
    );
    const describe = stats.records
      .map((record) => {
        const figure = (key: string) => String(record.get(key));
        const group = record.get('heavy') === true ? 'heavy tail' : 'random';
        return (
          `${group} (${figure('people')}): person ties median ${figure('medianTies')} / max ${figure('maxTies')}, ` +
          `follows median ${figure('medianFollows')} / max ${figure('maxFollows')}, ` +
          `interactions median ${figure('medianInteractions')} / max ${figure('maxInteractions')}`
        );
      })
      .join('\n  ');
    return { ids, heavy, describe };
  } finally {
    await session.close();
  }
}

/**
 * Runs work with one method of a prototype replaced by what `replace` makes of the original,
 * and puts the original back afterwards. Diagnostic rows only.
 */
async function withReplacedMethod<T>(
  prototype: object,
  name: string,
  replace: (original: (...args: unknown[]) => unknown) => (...args: unknown[]) => unknown,
  work: () => Promise<T>,
): Promise<T> {
  const original = Object.getOwnPropertyDescriptor(prototype, name);
  if (original === undefined) throw new Error(`${name} not found`);
  Object.defineProperty(prototype, name, {
    ...original,
    value: replace(original.value as (...args: unknown[]) => unknown),
  });
  try {
    return await work();
  } finally {
    Object.defineProperty(prototype, name, original);
  }
}

/**
 * Runs work with the audit trail's write skipped: every read of personal data is logged with a
 * write transaction before the response goes out, and these rows show what that costs. Diagnostic
 * only; the product always writes it.
 */
function withoutAuditWrite<T>(work: () => Promise<T>): Promise<T> {
  return withReplacedMethod(
    AuditRepository.prototype,
    'record',
    () => () => Promise.resolve(),
    work,
  );
}

/**
 * The statement the product sends for one request's prefetch, caught on its way to the database:
 * the view's own query, to be run again alone, without the API around it.
 */
async function capturePrefetch(
  request: () => Promise<void>,
): Promise<{ query: string; params: CypherParams }> {
  let captured: { query: string; params: CypherParams } | null = null;
  await withReplacedMethod(
    Neo4jGateway.prototype,
    'readStatement',
    (readStatement) =>
      function (this: Neo4jGateway, ...args: unknown[]) {
        const [, query, params] = args as Parameters<Neo4jGateway['readStatement']>;
        if (params !== undefined && 'subjectIds' in params) captured ??= { query, params };
        return readStatement.apply(this, args);
      },
    request,
  );
  if (captured === null) throw new Error('the view sent no prefetch statement');
  return captured;
}

/**
 * One client, `total` requests for each of `variants`, which take turns person by person (the
 * order rotates, so that none always runs after the same one). Each variant's rate counts only
 * the time of its own requests.
 */
async function takeTurns(
  total: number,
  persons: readonly string[],
  variants: ReadonlyArray<(personId: string) => Promise<void>>,
): Promise<Array<{ samples: number[]; throughput: number }>> {
  const samples = variants.map((): number[] => []);
  for (let index = 0; index < total; index += 1) {
    const personId = persons[index % persons.length] ?? '';
    for (let turn = 0; turn < variants.length; turn += 1) {
      const which = (index + turn) % variants.length;
      const start = process.hrtime.bigint();
      await variants[which]?.(personId);
      samples[which]?.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  }
  return samples.map((own) => ({
    samples: own,
    throughput: own.length / (own.reduce((sum, ms) => sum + ms, 0) / 1000),
  }));
}

/** Runs `total` requests with `concurrency` clients; each request takes the next person. */
async function drive(
  concurrency: number,
  total: number,
  persons: readonly string[],
  request: (personId: string) => Promise<void>,
): Promise<{ samples: number[]; throughput: number }> {
  const samples: number[] = [];
  let next = 0;
  const started = process.hrtime.bigint();
  const client = async () => {
    for (;;) {
      const index = next;
      next += 1;
      if (index >= total) return;
      const personId = persons[index % persons.length] ?? '';
      const start = process.hrtime.bigint();
      await request(personId);
      samples.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, client));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { samples, throughput: samples.length / seconds };
}

/**
 * A private copy of the seeded folder: the GraphQL side writes audit entries (every read of
 * personal data is logged), and the shared data must not change. The copy also keeps the
 * benchmark clear of other processes' locks on the folder.
 */
async function copyBenchData(): Promise<string> {
  const deadline = Date.now() + LOCK_WAIT_MS;
  while (isLocked()) {
    if (Date.now() > deadline) throw new Error(`${DATA_DIR} stayed in use`);
    process.stdout.write('bench-M data folder is in use by another process; retrying in 30 s\n');
    await new Promise((resolve) => setTimeout(resolve, 30_000));
  }
  const copy = mkdtempSync(path.join(tmpdir(), 'view360-bench-'));
  cpSync(DATA_DIR, copy, { recursive: true });
  return copy;
}

/** Whether a running Neo4j holds the folder (its JVM has the data folder on its command line). */
function isLocked(): boolean {
  try {
    return execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
      .split('\n')
      .some((line) => line.includes('--data-dir') && line.includes(DATA_DIR));
  } catch {
    return false;
  }
}

function startOnBenchData(logger: ReturnType<typeof createLogger>, dataDir: string) {
  return freeTcpPort().then((boltPort) =>
    startLocalNeo4j(
      {
        boltPort,
        dataDir,
        heap: process.env.BENCH_NEO4J_HEAP ?? '2g',
        pageCache: process.env.BENCH_NEO4J_PAGECACHE ?? '2g',
        plugins: false,
        launcherDir: path.join(projectRoot, 'neo4j-local'),
      },
      logger,
    ),
  );
}

export async function runView360Benchmark(): Promise<void> {
  const logger = createLogger('warn');
  process.stdout.write(`view360: copying ${DATA_DIR}\n`);
  const dataDir = await copyBenchData();
  process.stdout.write(`view360: starting Neo4j on the copy (heap 2g, page cache 2g)\n`);
  const local: RunningLocalNeo4j = await startOnBenchData(logger, dataDir);
  // The seeded data gets no migrations, so that migrations still being written elsewhere in the
  // checkout never land in the benchmark data.
  const { config, gateway, app } = await startServiceOn(local, logger, {}, false);
  const driver = neo4j.driver(local.boltUri, undefined, { maxConnectionPoolSize: 100 });
  try {
    const token = await signToken(config.auth, {
      userId: 'bench',
      roles: [StaffRole.ADMIN],
      expiresInSeconds: 24 * 3600,
    });
    const url = `http://127.0.0.1:${app.port}/graphql`;
    process.stdout.write('view360: warming the page cache (reads the whole graph once)\n');
    await warmPageCache(driver);
    const sample = await samplePersons(driver);
    process.stdout.write(`view360: ${sample.ids.length} persons\n  ${sample.describe}\n`);

    const viewOverGraphQL = async (personId: string) => {
      await postGraphQL(url, token, VIEW_QUERY, {
        id: personId,
        ties: TIES,
        timeline: TIMELINE,
        staff: STAFF,
      });
    };
    const now = new Date();
    const floorParams = (personId: string) => ({
      id: personId,
      ties: neo4j.int(TIES),
      timeline: neo4j.int(TIMELINE),
      trendFrom: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 23, 1)).toISOString(),
      yearFrom: new Date(now.getTime() - 365 * 24 * 3600 * 1000).toISOString(),
    });
    const viewByFloorQuery = async (personId: string) => {
      const session = driver.session({ defaultAccessMode: neo4j.session.READ });
      try {
        await session.executeRead((tx) => tx.run(FLOOR_QUERY, floorParams(personId)));
      } finally {
        await session.close();
      }
    };

    // Every person of the sample once at least: otherwise the first measured row (the audited
    // view) pays for the page cache and JIT warming that the rows after it inherit.
    const warmup = Math.max(WARMUP, sample.ids.length);
    process.stdout.write(`view360: warming up (${warmup} requests each)\n`);
    await drive(4, warmup, sample.ids, viewOverGraphQL);
    await drive(4, warmup, sample.ids, viewByFloorQuery);

    // Where the product's time goes at 1 client: its two statements alone, through the gateway
    // (the prefetch as the product sends it, for each person; the audit entry of a view). The
    // floor sends one statement and writes nothing.
    const prefetch = await capturePrefetch(() => viewOverGraphQL(sample.ids[0] ?? ''));
    const prefetchAlone = async (personId: string) => {
      await gateway.readStatement({ operationName: 'PersonView360' }, prefetch.query, {
        ...prefetch.params,
        subjectIds: [personId],
      });
    };
    const audit = new AuditRepository(gateway);
    const auditAlone = async (personId: string) => {
      await audit.record({ operationName: 'auditTrail' }, [
        {
          id: randomUUID(),
          at: new Date().toISOString(),
          userId: 'bench',
          login: 'bench',
          roles: [StaffRole.ADMIN],
          operation: 'PersonView360',
          requestId: randomUUID(),
          action: AuditAction.READ,
          subjectIds: [personId, ...sample.ids.slice(0, AUDITED_PEOPLE - 1)],
        },
      ]);
    };
    // What HTTP, authentication and Apollo cost with nothing to fetch.
    const emptyRequest = async () => {
      await postGraphQL(url, token, '{ __typename }', {});
    };
    const viewWithoutAudit = (personId: string) =>
      withoutAuditWrite(() => viewOverGraphQL(personId));

    const rows: ResultRow[] = [];
    const ratios: string[] = [];
    let parts: string | null = null;
    for (const concurrency of CONCURRENCY) {
      const p50 = (samples: readonly number[]) => percentile(samples, 50);
      let graphql, unaudited, floor;
      const statementRows: ResultRow[] = [];
      if (concurrency === 1) {
        // These take turns request by request, so that the machine's drift over the run (the
        // floor alone moved between 2 and 4 ms from one block to the next) falls on all alike.
        const [view, withoutAudit, byFloor, prefetchOnly, auditOnly, emptyOnly] = await takeTurns(
          REQUESTS,
          sample.ids,
          [
            viewOverGraphQL,
            viewWithoutAudit,
            viewByFloorQuery,
            prefetchAlone,
            auditAlone,
            emptyRequest,
          ],
        );
        [graphql, unaudited, floor] = [view, withoutAudit, byFloor];
        if (
          prefetchOnly !== undefined &&
          auditOnly !== undefined &&
          emptyOnly !== undefined &&
          floor !== undefined
        ) {
          statementRows.push(
            { name: `  the view's prefetch statement alone, 1 client`, ...prefetchOnly },
            { name: `  its audit write alone, 1 client`, ...auditOnly },
            { name: `  an empty request ({ __typename }), 1 client`, ...emptyOnly },
          );
          const floorP50 = p50(floor.samples);
          const own = p50(prefetchOnly.samples) + p50(auditOnly.samples);
          parts =
            `1 client: the product's own two statements take ${own.toFixed(1)} ms at p50 ` +
            `(prefetch + audit write, nothing around them) = ${(own / floorP50).toFixed(2)}× the ` +
            `floor's ${floorP50.toFixed(1)} ms; the goal leaves ${(2 * floorP50 - own).toFixed(1)} ms ` +
            `for HTTP, GraphQL, access rules and loaders, where an empty request over HTTP ` +
            `alone takes ${p50(emptyOnly.samples).toFixed(1)} ms`;
        }
      } else {
        // More clients: one block each, since their requests would mix.
        graphql = await drive(concurrency, REQUESTS, sample.ids, viewOverGraphQL);
        unaudited = await withoutAuditWrite(() =>
          drive(concurrency, REQUESTS, sample.ids, viewOverGraphQL),
        );
        floor = await drive(concurrency, REQUESTS, sample.ids, viewByFloorQuery);
      }
      if (graphql === undefined || unaudited === undefined || floor === undefined) continue;
      rows.push({ name: `GraphQL 360 view, ${concurrency} clients`, ...graphql });
      rows.push({ name: `  same, audit write skipped, ${concurrency} clients`, ...unaudited });
      rows.push({ name: `floor (one Cypher query), ${concurrency} clients`, ...floor });
      rows.push(...statementRows);
      ratios.push(
        `${concurrency} clients: ${(p50(graphql.samples) / p50(floor.samples)).toFixed(2)}× ` +
          `(${(p50(unaudited.samples) / p50(floor.samples)).toFixed(2)}× without the audit write)`,
      );
    }

    const heavy = [...sample.heavy];
    const heavyRequests = Math.min(REQUESTS, 5 * heavy.length);
    const heavyGraphQL = await drive(1, heavyRequests, heavy, viewOverGraphQL);
    const heavyFloor = await drive(1, heavyRequests, heavy, viewByFloorQuery);
    rows.push({ name: 'GraphQL 360 view, heavy-tail only, 1 client', ...heavyGraphQL });
    rows.push({ name: 'floor, heavy-tail only, 1 client', ...heavyFloor });
    ratios.push(
      `heavy-tail, 1 client: ${(percentile(heavyGraphQL.samples, 50) / percentile(heavyFloor.samples, 50)).toFixed(2)}×`,
    );

    printTable(
      `Person 360° view on bench-M (${REQUESTS} requests per row; ops/s = requests/s)`,
      rows,
    );
    process.stdout.write(`\np50 ratio GraphQL / floor (goal ≤ 2×): ${ratios.join(', ')}\n`);
    if (parts !== null) process.stdout.write(`${parts}\n`);
  } finally {
    await driver.close();
    await app.stop();
    await gateway.close();
    await local.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
