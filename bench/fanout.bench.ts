import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { WebSocketServer } from 'ws';
import { createLogger } from '../src/core/logging/logger';
import { type Neo4jGateway } from '../src/core/neo4j/neo4j-gateway';
import { signToken } from '../src/features/access/token-verifier';
import { InteractionEventsRepository } from '../src/features/realtime/interaction-events.repository';
import { RealtimeTopic } from '../src/features/realtime/realtime-events';
import { StaffRole } from '../src/features/staff/staff-user.type';
import type { RunningApp } from '../src/server/app';
import { startScratchNeo4j, startServiceOn } from './support/bench-m-app';
import { columns, percentile } from './support/measurements';

/** Subscriber counts; BENCH_FANOUT_SIZES=1000,10000 by default. */
const SIZES = (process.env.BENCH_FANOUT_SIZES ?? '1000,10000').split(',').map(Number);
/** Events per size; each is delivered to every subscriber before the next is published. */
const ROUNDS = Number(process.env.BENCH_FANOUT_ROUNDS ?? 5);
/** Distinct members of staff behind the subscribers (several tabs and dashboards each). */
const VIEWERS = Number(process.env.BENCH_FANOUT_VIEWERS ?? 200);

/**
 * A realistic live feed: the post with its text and url (personal: masked per viewer, audited per
 * delivery) and its author; and the same without personal fields, to show what masking and the
 * audit trail cost per delivery.
 */
const SELECTIONS = {
  'feed with personal fields': `subscription Feed {
  interactionAdded(filter: { kinds: [POST, COMPLAINT] }) {
    id kind occurredAt sentiment text url
    performer { __typename ... on Person { id name } ... on SocialAccount { id handle } }
  }
}`,
  'ids and sentiment only': `subscription Feed {
  interactionAdded(filter: { kinds: [POST, COMPLAINT] }) { id kind occurredAt sentiment }
}`,
} as const;

// Acme's customer Paula posts; reps of Acme see her post in full, other reps see it masked,
// admins see everything, analysts see the profile level (no activity).
const FIXTURE = `
CREATE (acme:Organization {id: 'fan-org', name: 'Acme', kind: 'COMPANY', isOwnOrganization: false})
CREATE (paula:Person {id: 'fan-paula', name: 'Paula', createdAt: datetime(), updatedAt: datetime()})
CREATE (paula)-[:HAS_ROLE {id: 'fan-r', role: 'CUSTOMER', since: date('2024-01-01')}]->(acme)
CREATE (post:Interaction {id: 'fan-post', kind: 'POST', channel: 'X', platform: 'X', postId: 'fan-1',
  occurredAt: datetime('2026-11-20T09:00:00Z'), text: 'Acme, where is my refund?', sentiment: -0.7,
  url: 'https://x.example/paula/1', createdAt: datetime(), updatedAt: datetime()})
CREATE (paula)-[:PERFORMED]->(post)
WITH acme
UNWIND range(0, $viewers - 1) AS n
CREATE (u:User {id: 'fan-u-' + n, login: 'fan-' + n, displayName: 'Viewer ' + n,
  staffRole: CASE n % 4 WHEN 0 THEN 'ADMIN' WHEN 3 THEN 'ANALYST' ELSE 'SALES_REP' END})
FOREACH (_ IN CASE WHEN n % 4 = 1 THEN [1] ELSE [] END | CREATE (u)-[:ASSIGNED_TO {since: datetime()}]->(acme))
`;

const ROLE_OF = [StaffRole.ADMIN, StaffRole.SALES_REP, StaffRole.SALES_REP, StaffRole.ANALYST];

class Clients {
  private readonly child: ChildProcess;

  constructor() {
    this.child = fork(path.join(__dirname, 'support', 'fanout-clients.js'), [], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
  }

  private request<T>(message: object, reply: string): Promise<T> {
    return new Promise((resolve) => {
      const onMessage = (answer: { type: string }) => {
        if (answer.type !== reply) return;
        this.child.off('message', onMessage);
        resolve(answer as T);
      };
      this.child.on('message', onMessage);
      this.child.send(message);
    });
  }

  open(url: string, mode: 'graphql' | 'raw', count: number, tokens: string[], query = '') {
    return this.request({ type: 'open', url, mode, count, tokens, query }, 'opened');
  }

  /** Arms the child for `count` messages; resolves with their arrival times when all are in. */
  async expect(count: number): Promise<() => Promise<number[]>> {
    const received = new Promise<number[]>((resolve) => {
      const onMessage = (answer: { type: string; at?: number[] }) => {
        if (answer.type !== 'received') return;
        this.child.off('message', onMessage);
        resolve(answer.at ?? []);
      };
      this.child.on('message', onMessage);
    });
    await this.request({ type: 'expect', count }, 'expecting');
    return () => received;
  }

  async close(): Promise<void> {
    await this.request({ type: 'close' }, 'closed');
  }

  kill(): void {
    this.child.kill();
  }
}

interface RoundFigures {
  latencies: number[];
  spanMs: number;
}

async function round(clients: Clients, count: number, publish: () => void): Promise<RoundFigures> {
  const received = await clients.expect(count);
  const publishedAt = performance.timeOrigin + performance.now();
  publish();
  const at = await received();
  const latencies = at.map((time) => time - publishedAt);
  return { latencies, spanMs: Math.max(...latencies) };
}

interface CaseResult {
  name: string;
  size: number;
  latencies: number[];
  messagesPerSecond: number;
  bytesPerConnection: number;
}

function summarize(name: string, size: number, rounds: RoundFigures[], bytes: number): CaseResult {
  const delivered = rounds.reduce((sum, r) => sum + r.latencies.length, 0);
  const busyMs = rounds.reduce((sum, r) => sum + r.spanMs, 0);
  return {
    name,
    size,
    latencies: rounds.flatMap((r) => r.latencies),
    messagesPerSecond: (delivered / busyMs) * 1000,
    bytesPerConnection: bytes / size,
  };
}

function heapAndRss(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const usage = process.memoryUsage();
  return usage.rss;
}

async function graphqlCase(
  app: RunningApp,
  gateway: Neo4jGateway,
  tokens: string[],
  size: number,
  selection: keyof typeof SELECTIONS,
): Promise<CaseResult> {
  const clients = new Clients();
  try {
    const before = heapAndRss();
    await clients.open(
      `ws://127.0.0.1:${app.port}/graphql`,
      'graphql',
      size,
      tokens,
      SELECTIONS[selection],
    );
    while (app.realtime.pubSub.subscriberCount(RealtimeTopic.INTERACTION_ADDED) < size) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const bytes = heapAndRss() - before;
    const [event] = await new InteractionEventsRepository(gateway).addedEvents(
      { operationName: 'fanoutBench' },
      ['fan-post'],
    );
    if (event === undefined) throw new Error('fixture post missing');
    // One warm-up round: first-time query planning is not what the figures are about.
    await round(clients, size, () => app.realtime.publish(RealtimeTopic.INTERACTION_ADDED, event));
    const rounds: RoundFigures[] = [];
    for (let index = 0; index < ROUNDS; index += 1) {
      rounds.push(
        await round(clients, size, () =>
          app.realtime.publish(RealtimeTopic.INTERACTION_ADDED, event),
        ),
      );
    }
    await clients.close();
    return summarize(`graphql-ws, ${selection}`, size, rounds, bytes);
  } finally {
    clients.kill();
  }
}

async function rawCase(size: number, message: string): Promise<CaseResult> {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  const clients = new Clients();
  try {
    const before = heapAndRss();
    await clients.open(`ws://127.0.0.1:${port}/`, 'raw', size, ['']);
    const bytes = heapAndRss() - before;
    const broadcast = () => {
      for (const socket of server.clients) socket.send(message);
    };
    await round(clients, size, broadcast);
    const rounds: RoundFigures[] = [];
    for (let index = 0; index < ROUNDS; index += 1)
      rounds.push(await round(clients, size, broadcast));
    await clients.close();
    return summarize('raw ws broadcast (floor)', size, rounds, bytes);
  } finally {
    clients.kill();
    await new Promise((resolve) => server.close(resolve));
  }
}

function print(results: CaseResult[]): void {
  const header = ['case', 'subscribers', 'p50 ms', 'p99 ms', 'max ms', 'msg/s', 'KiB/conn'];
  const lines = results.map((result) => [
    result.name,
    String(result.size),
    percentile(result.latencies, 50).toFixed(1),
    percentile(result.latencies, 99).toFixed(1),
    Math.max(...result.latencies).toFixed(1),
    result.messagesPerSecond.toFixed(0),
    (result.bytesPerConnection / 1024).toFixed(1),
  ]);
  const { format } = columns(header, lines);
  process.stdout.write(`\n${format(header)}\n`);
  for (const line of lines) process.stdout.write(`${format(line)}\n`);
  for (const size of new Set(results.map((result) => result.size))) {
    const raw = results.find((r) => r.size === size && r.name.startsWith('raw'));
    if (raw === undefined) continue;
    for (const graphql of results.filter((r) => r.size === size && r.name.startsWith('graphql'))) {
      process.stdout.write(
        `${size} subscribers, ${graphql.name}: ${((graphql.messagesPerSecond / raw.messagesPerSecond) * 100).toFixed(0)}% of the floor's msg/s\n`,
      );
    }
  }
}

/**
 * `npm run bench -- fanout`: N WebSocket subscribers on one instance, one published event matching
 * all of them; latency from publish to arrival at each client, msg/s, server memory per connection,
 * next to a raw `ws` broadcast of a pre-serialised message of the same size.
 */
export async function runFanoutBenchmark(): Promise<void> {
  const logger = createLogger('warn');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'fanout-bench-'));
  process.stdout.write('fanout: starting a Neo4j of its own\n');
  const local = await startScratchNeo4j(dataDir, logger, '256m');
  const { config, gateway, app } = await startServiceOn(local, logger, { REDIS_URL: '' });
  try {
    await gateway.write({ operationName: 'fanoutFixture' }, (runner) =>
      runner.run(FIXTURE, { viewers: VIEWERS }),
    );
    const tokens = await Promise.all(
      Array.from({ length: VIEWERS }, (_, n) =>
        signToken(config.auth, {
          userId: `fan-u-${n}`,
          roles: [ROLE_OF[n % 4] ?? StaffRole.ADMIN],
          expiresInSeconds: 3600,
        }),
      ),
    );
    // The floor sends a message as large as a full (unmasked) delivery.
    const sample = JSON.stringify({
      id: '1',
      type: 'next',
      payload: {
        data: {
          interactionAdded: {
            id: 'fan-post',
            kind: 'POST',
            occurredAt: '2026-11-20T09:00:00.000Z',
            sentiment: -0.7,
            text: 'Acme, where is my refund?',
            url: 'https://x.example/paula/1',
            performer: { __typename: 'Person', id: 'fan-paula', name: 'Paula' },
          },
        },
      },
    });
    const results: CaseResult[] = [];
    for (const size of SIZES) {
      process.stdout.write(`fanout: ${size} subscribers …\n`);
      results.push(await rawCase(size, sample));
      for (const selection of Object.keys(SELECTIONS) as Array<keyof typeof SELECTIONS>) {
        results.push(await graphqlCase(app, gateway, tokens, size, selection));
      }
    }
    const audit = await gateway.read({ operationName: 'fanoutAudit' }, (runner) =>
      runner.run(
        `MATCH (a:AuditEntry {operation: 'Feed'}) RETURN count(a) AS entries, sum(size(a.subjectIds)) AS subjects`,
      ),
    );
    process.stdout.write(
      `\nfanout: ${ROUNDS} rounds per size (+1 warm-up), ${VIEWERS} distinct viewers (¼ admin, ¼ assigned rep, ¼ unassigned rep, ¼ analyst); load average ${loadavg()
        .map((value) => value.toFixed(2))
        .join(' ')}\n`,
    );
    print(results);
    process.stdout.write(
      `audit entries written for the feed: ${String(audit[0]?.entries)} (one per delivery that showed personal data)\n`,
    );
  } finally {
    await app.stop();
    await gateway.close();
    await local.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
