import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { findProjectRoot } from '../src/core/config/config';
import { createLogger } from '../src/core/logging/logger';
import { signToken } from '../src/features/access/token-verifier';
import { RealtimeTopic } from '../src/features/realtime/realtime-events';
import { StaffRole } from '../src/features/staff/staff-user.type';
import { seeded, startScratchNeo4j, startServiceOn } from './support/bench-m-app';
import { printTable, type ResultRow } from './support/measurements';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 2_000);
const WATCH_LISTS = Number(process.env.BENCH_WATCH_LISTS ?? 30);
const STREAM_POSTS = Number(process.env.BENCH_STREAM_POSTS ?? 5_000);
const MUTATION_BATCHES = 20;
const MUTATION_BATCH_SIZE = 100;
const LATENCY_POSTS = Number(process.env.BENCH_LATENCY_POSTS ?? 300);

const WORDS = [
  'akku',
  'battery',
  'velora',
  'service',
  'delivery',
  'rad',
  'bike',
  'app',
  'update',
  'price',
  'shop',
  'support',
  'kaputt',
  'broken',
  'great',
  'love',
  'hate',
  'wunderbar',
  'enttäuscht',
  'slow',
];
const GERMAN = 'Der {w} ist {m} und ich bin {s} mit dem {w2}';
const ENGLISH = 'The {w} is {m} and I am {s} with the {w2}';
const MOODS = ['kaputt', 'super', 'langsam', 'broken', 'great', 'slow', 'wunderbar', 'terrible'];
const STATES = ['zufrieden', 'enttäuscht', 'happy', 'disappointed', 'angry', 'fine'];

// A social graph of its own: persons with consent and an X account each, ties in a ring with
// random chords, 10 decision makers of one organization, customers with complaints, scores.
const SETUP = `
  CREATE (acme:Organization {id: 'bench-acme', name: 'Acme', createdAt: datetime(), updatedAt: datetime()})
  WITH acme
  UNWIND range(0, toInteger($people) - 1) AS n
  CREATE (p:Person {id: 'bench-person-' + n, name: 'Person ' + n, influenceScore: rand() * 100,
                    createdAt: datetime(), updatedAt: datetime()})
  CREATE (p)-[:GAVE]->(:Consent {id: 'bench-consent-' + n, purpose: 'SOCIAL_MONITORING',
                                 grantedAt: datetime(), channel: 'WEB_FORM', source: 'bench'})
  CREATE (:SocialAccount {id: 'bench-account-' + n, platform: 'X', handle: 'user_' + n,
                          followers: toInteger(rand() * 10000), createdAt: datetime(),
                          updatedAt: datetime()})-[:OWNED_BY]->(p)
  FOREACH (_ IN CASE WHEN n < 10 THEN [1] ELSE [] END |
    CREATE (p)-[:HAS_ROLE {id: 'bench-dm-' + n, role: 'DECISION_MAKER'}]->(acme))
  FOREACH (_ IN CASE WHEN n % 7 = 0 THEN [1] ELSE [] END |
    CREATE (p)-[:HAS_ROLE {id: 'bench-customer-' + n, role: 'CUSTOMER'}]->(acme)
    CREATE (p)-[:PERFORMED]->(:Interaction {id: 'bench-complaint-' + n, kind: 'COMPLAINT',
      status: 'OPEN', channel: 'EMAIL', occurredAt: datetime(), createdAt: datetime()}))`;

const TIES = `
  WITH toInteger($people) AS people
  UNWIND range(0, people - 1) AS n
  MATCH (a:Person {id: 'bench-person-' + n})
  MATCH (b:Person {id: 'bench-person-' + ((n + 1) % people)})
  MATCH (c:Person {id: 'bench-person-' + toInteger(rand() * people)})
  CREATE (a)-[:KNOWS {id: randomUUID(), strength: 0.5}]->(b)
  CREATE (a)-[:KNOWS {id: randomUUID(), strength: 0.5}]->(c)`;

function watchListInputs(count: number) {
  const lists: Array<Record<string, unknown>> = [];
  for (let index = 0; index < count; index += 1) {
    const word = WORDS[index % WORDS.length] ?? 'akku';
    const other = WORDS[(index * 7 + 3) % WORDS.length] ?? 'velora';
    const base = { name: `bench list ${index}` };
    switch (index % 6) {
      case 0:
        lists.push({ ...base, keywords: `${word} AND (${other} OR "the ${other}") NOT recall` });
        break;
      case 1:
        lists.push({ ...base, keywords: word, sentimentBelow: -0.3 });
        break;
      case 2:
        lists.push({ ...base, keywords: `${word} OR ${other}`, minInfluence: 80 });
        break;
      case 3:
        lists.push({ ...base, keywords: word, minFollowers: 5_000, platforms: ['X'] });
        break;
      case 4:
        lists.push({
          ...base,
          keywords: word,
          nearDecisionMakerOf: { organizationId: 'bench-acme', maxHops: 2 },
        });
        break;
      default:
        lists.push({ ...base, keywords: `${word} ${other}`, customerWithOpenComplaint: true });
    }
  }
  // The latency probe: every probe post matches this list, whose author is near a decision maker.
  lists.push({
    name: 'bench latency probe',
    keywords: 'latencyprobe',
    nearDecisionMakerOf: { organizationId: 'bench-acme', maxHops: 3 },
  });
  return lists;
}

function postText(random: () => number): string {
  const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)] as T;
  return (random() < 0.5 ? GERMAN : ENGLISH)
    .replace('{w}', pick(WORDS))
    .replace('{w2}', pick(WORDS))
    .replace('{m}', pick(MOODS))
    .replace('{s}', pick(STATES));
}

let postSequence = 0;
function post(random: () => number, text = postText(random), handle?: string) {
  postSequence += 1;
  return {
    platform: 'X',
    postId: `bench-${postSequence}`,
    authorHandle: handle ?? `user_${Math.floor(random() * PEOPLE * 1.2)}`,
    text,
    occurredAt: new Date(Date.UTC(2026, 10, 1) + postSequence * 1000).toISOString(),
  };
}

const INGEST_MUTATION = `mutation ($posts: [PostInput!]!) { ingestPosts(posts: $posts) { created alertsRaised } }`;
const CREATE_LIST = `mutation ($input: WatchListInput!) { createWatchList(input: $input) { id } }`;

/**
 * Posts per second through ingest (NDJSON stream and mutation batches) with sentiment, topic and
 * watch-list matching against WATCH_LISTS lists, and ingest-to-alert latency: from the start of a
 * one-post ingestPosts request to the ALERT_RAISED event at an in-process subscriber of the bus.
 * On a fresh local Neo4j of its own.
 */
export async function runIngestBenchmark(): Promise<void> {
  const projectRoot = findProjectRoot(__dirname);
  const logger = createLogger('warn');
  const dataDir = path.join(projectRoot, '.neo4j-local', 'bench-ingest');
  rmSync(dataDir, { recursive: true, force: true });
  const local = await startScratchNeo4j(dataDir, logger);
  const { config, gateway, app } = await startServiceOn(local, logger, { REDIS_URL: '' });
  try {
    const scope = { operationName: 'benchSetup', transactionTimeoutMs: 120_000 };
    await gateway.write(scope, (runner) => runner.run(SETUP, { people: PEOPLE }));
    await gateway.write(scope, (runner) => runner.run(TIES, { people: PEOPLE }));
    const token = await signToken(config.auth, {
      userId: 'bench',
      roles: [StaffRole.ADMIN],
      expiresInSeconds: 3600,
    });
    const baseUrl = `http://127.0.0.1:${app.port}`;
    const graphql = async (query: string, variables: Record<string, unknown>) => {
      const response = await fetch(`${baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { errors?: unknown; data?: unknown };
      if (body.errors !== undefined) throw new Error(JSON.stringify(body.errors));
      return body.data;
    };
    const lists = watchListInputs(WATCH_LISTS);
    let probeListId = '';
    for (const input of lists) {
      const data = (await graphql(CREATE_LIST, { input })) as { createWatchList: { id: string } };
      if (input.name === 'bench latency probe') probeListId = data.createWatchList.id;
    }
    process.stdout.write(`ingest: ${PEOPLE} people and ${lists.length} watch lists ready\n`);
    const random = seeded(8);
    // Warm-up: nlp.js loads its lexicons, Neo4j plans the queries.
    await graphql(INGEST_MUTATION, { posts: Array.from({ length: 50 }, () => post(random)) });

    const streamBody = Array.from({ length: STREAM_POSTS }, () =>
      JSON.stringify(post(random)),
    ).join('\n');
    const streamStart = process.hrtime.bigint();
    const streamResponse = await fetch(`${baseUrl}/ingest/posts`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${token}` },
      body: streamBody,
    });
    const streamReport = (await streamResponse.json()) as { created: number; alertsRaised: number };
    const streamMs = Number(process.hrtime.bigint() - streamStart) / 1e6;

    process.stdout.write(`ingest: NDJSON stream done (${streamReport.created} posts)\n`);
    const batchSamples: number[] = [];
    let mutationAlerts = 0;
    const mutationStart = process.hrtime.bigint();
    for (let batch = 0; batch < MUTATION_BATCHES; batch += 1) {
      const started = process.hrtime.bigint();
      const data = (await graphql(INGEST_MUTATION, {
        posts: Array.from({ length: MUTATION_BATCH_SIZE }, () => post(random)),
      })) as { ingestPosts: { alertsRaised: number } };
      mutationAlerts += data.ingestPosts.alertsRaised;
      batchSamples.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    const mutationMs = Number(process.hrtime.bigint() - mutationStart) / 1e6;

    process.stdout.write('ingest: mutation batches done; measuring latency\n');
    // Latency: one post per request, each matching the probe list; sequential, so the next
    // ALERT_RAISED of the probe list belongs to the request in flight.
    const probeAlerts = app.realtime.subscribe(
      RealtimeTopic.ALERT_RAISED,
      (event) => event.watchListId === probeListId,
    );
    const events = probeAlerts[Symbol.asyncIterator]();
    const latencySamples: number[] = [];
    const requestSamples: number[] = [];
    for (let probe = 0; probe < LATENCY_POSTS; probe += 1) {
      // Persons 0–9 are decision makers of Acme, 10 knows 9: every probe author is near one.
      const handle = `user_${Math.floor(random() * 11)}`;
      const started = process.hrtime.bigint();
      const seen = Promise.race([
        events.next().then(() => Number(process.hrtime.bigint() - started) / 1e6),
        new Promise<number>((resolve) => setTimeout(() => resolve(Number.NaN), 10_000).unref()),
      ]);
      const probePost = post(random, `latencyprobe ${postText(random)}`, handle);
      let raised = 0;
      const request = graphql(INGEST_MUTATION, { posts: [probePost] }).then((data) => {
        raised = (data as { ingestPosts: { alertsRaised: number } }).ingestPosts.alertsRaised;
        return Number(process.hrtime.bigint() - started) / 1e6;
      });
      const [eventMs, requestMs] = await Promise.all([seen, request]);
      if (Number.isNaN(eventMs)) {
        throw new Error(
          `probe ${probe} (${JSON.stringify(probePost)}): ${raised} alerts raised, no ALERT_RAISED event within 10 s`,
        );
      }
      latencySamples.push(eventMs);
      requestSamples.push(requestMs);
    }
    await events.return?.();

    const rows: ResultRow[] = [
      {
        name: `NDJSON stream, ${STREAM_POSTS} posts (${streamReport.alertsRaised} alerts)`,
        samples: [streamMs],
        throughput: (streamReport.created / streamMs) * 1000,
      },
      {
        name: `ingestPosts, ${MUTATION_BATCHES} × ${MUTATION_BATCH_SIZE} posts (${mutationAlerts} alerts)`,
        samples: batchSamples,
        throughput: ((MUTATION_BATCHES * MUTATION_BATCH_SIZE) / mutationMs) * 1000,
      },
      { name: 'ingest-to-ALERT_RAISED, 1 post/request', samples: latencySamples },
      { name: 'ingestPosts response, 1 post/request', samples: requestSamples },
    ];
    printTable(
      `ingest (${WATCH_LISTS + 1} watch lists, ${PEOPLE} people with ties; Neo4j heap 1g, page cache 512m; load ${loadavg()
        .map((value) => value.toFixed(2))
        .join(' ')})`,
      rows,
    );
  } finally {
    await app.stop();
    await gateway.close();
    await local.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
