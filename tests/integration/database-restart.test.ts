import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { createLogger } from '../../src/core/logging/logger';
import {
  type RunningLocalNeo4j,
  startLocalNeo4j,
} from '../../src/core/neo4j/local-neo4j/local-neo4j';
import { Neo4jGateway } from '../../src/core/neo4j/neo4j-gateway';
import { freeTcpPort } from '../../src/core/net/free-port';
import { signToken } from '../../src/features/access/token-verifier';
import { StaffRole } from '../../src/features/staff/staff-user.type';
import { projectRoot, testConfig } from '../support/test-server';

/**
 * A Neo4j restart under a steady stream of writes, on a Neo4j of this test's own (the suite's
 * database stays up for the other files): the project's local launcher on a fresh data folder,
 * really stopped — SIGTERM for a clean restart, SIGKILL for a crash — and started again on the same
 * folder and port. The service runs as the built process (`node dist/src/main.js`), as in
 * production, so that "no crash" means the process itself survived.
 *
 * The writers keep a ledger: a write is acknowledged when the API answered with its id. Writes are
 * upserts by external key, so a write the client saw fail may or may not have landed (its commit
 * can succeed while the answer is lost), but every acknowledged one must be in the database after
 * recovery, under exactly one person.
 */

const MAIN = path.join(projectRoot, 'dist', 'src', 'main.js');
const WRITERS = 4;
const logger = createLogger('warn');

const UPSERT = `mutation ($key: ExternalKeyInput!, $input: CreatePersonInput!) {
  upsertPersonByExternalKey(key: $key, input: $input) { id }
}`;

interface Ledger {
  acknowledged: Map<string, string>;
  failures: Map<string, number>;
}

async function waitUntil(
  probe: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 120_000,
) {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function processGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
}

async function startDatabase(port: number, dataDir: string): Promise<RunningLocalNeo4j> {
  // The port of a killed JVM can take a moment to free up; the launcher refuses a busy port.
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startLocalNeo4j(
        {
          boltPort: port,
          dataDir,
          heap: '512m',
          pageCache: '64m',
          plugins: false,
          launcherDir: path.join(projectRoot, 'neo4j-local'),
        },
        logger,
      );
    } catch (error) {
      if (attempt >= 10) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}

describe.each([
  ['a clean restart (SIGTERM)', 'SIGTERM'],
  ['a crash and restart (SIGKILL)', 'SIGKILL'],
] as const)('Neo4j goes away during a stream of writes: %s', (_name, signal) => {
  let database: RunningLocalNeo4j | undefined;
  let service: ChildProcessWithoutNullStreams | undefined;
  let output = '';
  let dataDir: string;

  beforeAll(() => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first`);
    dataDir = path.join(projectRoot, '.neo4j-local', `restart-test-${process.pid}-${signal}`);
  });

  afterAll(async () => {
    service?.kill('SIGKILL');
    await database?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('the service stays up, is not ready during the outage, recovers, and loses no acknowledged write', async () => {
    const boltPort = await freeTcpPort();
    database = await startDatabase(boltPort, dataDir);
    const port = await freeTcpPort();
    const baseUrl = `http://127.0.0.1:${port}`;
    service = spawn(process.execPath, [MAIN], {
      cwd: projectRoot,
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'development',
        LOG_LEVEL: 'warn',
        DEMO_DATA: 'false',
        PORT: String(port),
        NEO4J_URI: database.boltUri,
        NEO4J_CONNECTION_TIMEOUT_MS: '1000',
      },
    });
    service.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    service.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const readiness = async () => (await fetch(`${baseUrl}/readyz`).catch(() => null))?.status;
    await waitUntil(async () => (await readiness()) === 200, 'the service is ready');

    const token = await signToken(testConfig().auth, {
      userId: 'restart-test',
      roles: [StaffRole.ADMIN],
      expiresInSeconds: 3600,
    });
    const ledger: Ledger = { acknowledged: new Map(), failures: new Map() };
    let writing = true;
    const writer = async (writerIndex: number) => {
      for (let sequence = 0; writing; sequence += 1) {
        const externalId = `W${writerIndex}-${sequence}`;
        try {
          const response = await fetch(`${baseUrl}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify({
              query: UPSERT,
              variables: {
                key: { system: 'ledger', externalId },
                input: { name: `Ledger ${externalId}` },
              },
            }),
          });
          const body = (await response.json()) as {
            data?: { upsertPersonByExternalKey?: { id: string } } | null;
            errors?: Array<{ extensions?: { code?: string } }>;
          };
          const id = body.data?.upsertPersonByExternalKey?.id;
          if (id !== undefined && body.errors === undefined) {
            ledger.acknowledged.set(externalId, id);
          } else {
            const code = body.errors?.[0]?.extensions?.code ?? `HTTP ${response.status}`;
            ledger.failures.set(code, (ledger.failures.get(code) ?? 0) + 1);
          }
        } catch {
          ledger.failures.set('no answer', (ledger.failures.get('no answer') ?? 0) + 1);
        }
      }
    };
    const writers = Array.from({ length: WRITERS }, (_, index) => writer(index));

    await waitUntil(() => ledger.acknowledged.size >= 100, '100 writes were acknowledged');
    const pid = database.pid;
    if (signal === 'SIGKILL') process.kill(pid, 'SIGKILL');
    else await database.stop();
    await waitUntil(() => processGone(pid), 'Neo4j has exited');
    const acknowledgedBeforeOutage = ledger.acknowledged.size;

    // During the outage: alive, not ready, and the failures are answers (not a dead process).
    await waitUntil(async () => (await readiness()) === 503, 'readiness reports the outage');
    const duringOutage = await fetch(`${baseUrl}/readyz`);
    expect(duringOutage.status).toBe(503);
    expect(await duringOutage.json()).toEqual({ status: 'degraded', database: 'down' });
    expect((await fetch(`${baseUrl}/healthz`)).status).toBe(200);
    await waitUntil(
      () => (ledger.failures.get('SERVICE_UNAVAILABLE') ?? 0) > 0,
      'writes fail with SERVICE_UNAVAILABLE',
    );

    database = await startDatabase(boltPort, dataDir);
    await waitUntil(async () => (await readiness()) === 200, 'the service is ready again');
    await waitUntil(
      () => ledger.acknowledged.size >= acknowledgedBeforeOutage + 100,
      '100 more writes were acknowledged after recovery',
    );
    writing = false;
    await Promise.all(writers);

    expect(service.exitCode).toBeNull();
    // Writes during the outage failed with an answer the client can act on, never a dropped
    // connection or a masked internal error.
    for (const code of ledger.failures.keys())
      expect(['SERVICE_UNAVAILABLE', 'TIMEOUT']).toContain(code);
    expect((await fetch(`${baseUrl}/healthz`)).status).toBe(200);
    expect(output).not.toMatch(/uncaught|unhandled/i);

    // Every acknowledged write is there, once, with the id the client was given.
    const gateway = Neo4jGateway.connect(
      {
        uri: database.boltUri,
        database: 'neo4j',
        transactionTimeoutMs: 30_000,
        connectionTimeoutMs: 5_000,
        maxTransactionRetryMs: 5_000,
      },
      logger,
    );
    try {
      const rows = await gateway.read({ operationName: 'ledgerCheck' }, (runner) =>
        runner.run(
          `MATCH (k:ExternalKey {system: 'ledger'})-[:IDENTIFIES]->(p:Person)
           RETURN k.externalId AS externalId, collect(p.id) AS ids`,
        ),
      );
      const stored = new Map(rows.map((row) => [String(row.externalId), row.ids as string[]]));
      const lost = [...ledger.acknowledged].filter(([externalId, id]) => {
        const ids = stored.get(externalId);
        return ids?.length !== 1 || ids[0] !== id;
      });
      expect(lost).toEqual([]);
      expect([...stored.values()].every((ids) => ids.length === 1)).toBe(true);
      process.stdout.write(
        `Neo4j ${signal}: ${ledger.acknowledged.size} writes acknowledged (all found), ` +
          `${stored.size} stored, failures during the outage ${JSON.stringify(Object.fromEntries(ledger.failures))}\n`,
      );
    } finally {
      await gateway.close();
    }

    service.kill('SIGTERM');
    const exitCode = await new Promise<number | null>((resolve) =>
      service?.once('exit', (code) => resolve(code)),
    );
    expect(exitCode).toBe(0);
  }, 300_000);
});
