import { signToken } from '../../src/features/access/token-verifier';
import { StaffRole } from '../../src/features/staff/staff-user.type';
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { freeTcpPort } from '../../src/core/net/free-port';
import { projectRoot, testConfig } from '../support/test-server';

const MAIN = path.join(projectRoot, 'dist', 'src', 'main.js');

interface ServiceRun {
  child: ChildProcessWithoutNullStreams;
  output: () => string;
  exited: Promise<number | null>;
}

const running = new Set<ChildProcessWithoutNullStreams>();

function suiteDatabaseEnv(): Record<string, string> {
  const { target } = testConfig().neo4j;
  if (target.kind !== 'external') throw new Error('global set-up did not publish NEO4J_URI');
  return {
    NEO4J_URI: target.uri,
    ...(target.username === undefined ? {} : { NEO4J_USERNAME: target.username }),
    ...(target.password === undefined ? {} : { NEO4J_PASSWORD: target.password }),
  };
}

/**
 * Runs the built service (`node dist/src/main.js`) as a user would: in development mode (where
 * libraries behave differently than under NODE_ENV=test), with only the given environment.
 */
function runService(env: Record<string, string>): ServiceRun {
  const child = spawn(process.execPath, [MAIN], {
    cwd: projectRoot,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      DEMO_DATA: 'false',
      ...env,
    },
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  return { child, output: () => output, exited };
}

async function waitForOutput(run: ServiceRun, pattern: RegExp, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(run.output())) {
    if (Date.now() > deadline || run.child.exitCode !== null) {
      throw new Error(`expected ${pattern} in service output:\n${run.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(() => {
  if (!existsSync(MAIN))
    throw new Error(`${MAIN} is missing: run \`npm run build\` first (npm test does)`);
});

// A failed assertion must not leave a service running (it would also keep jest from exiting).
afterEach(() => {
  for (const child of running) child.kill('SIGKILL');
});

describe('the service process', () => {
  it('starts, prints where to go, serves, and shuts down cleanly on SIGTERM', async () => {
    const port = await freeTcpPort();
    const run = runService({ ...suiteDatabaseEnv(), PORT: String(port) });
    await waitForOutput(
      run,
      /Social CRM graph service is ready: open http:\/\/localhost:\d+\/graphql/,
    );

    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await signToken(testConfig().auth, {
          userId: 'process-test',
          roles: [StaffRole.ANALYST],
          expiresInSeconds: 60,
        })}`,
      },
      body: JSON.stringify({ query: '{ serverInfo { neo4jVersion } }' }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: { serverInfo: { neo4jVersion: string } } };
    expect(body.data.serverInfo.neo4jVersion).toMatch(/^5\./);

    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.output()).toMatch(/"msg":"shutting down"/);
    expect(run.output()).toMatch(/"msg":"stopped"/);
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });

  it('refuses to start on invalid configuration and names every bad variable', async () => {
    const run = runService({ ...suiteDatabaseEnv(), PORT: 'eighty', LOG_LEVEL: 'chatty' });
    expect(await run.exited).toBe(78);
    expect(run.output()).toContain('PORT must be an integer');
    expect(run.output()).toContain('LOG_LEVEL must be one of');
  });

  it('SIGINT while the database is still unreachable stops without hanging', async () => {
    const run = runService({
      PORT: String(await freeTcpPort()),
      NEO4J_URI: `bolt://127.0.0.1:${await freeTcpPort()}`,
    });
    await waitForOutput(run, /database not usable yet; retrying/);
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
  });

  it('without NEO4J_URI starts its own Neo4j, loads demo data, and stops that Neo4j with itself', async () => {
    const dataDir = path.join(projectRoot, '.neo4j-local', `process-test-${process.pid}`);
    const run = runService({
      PORT: String(await freeTcpPort()),
      NEO4J_LOCAL_BOLT_PORT: String(await freeTcpPort()),
      NEO4J_LOCAL_DATA_DIR: dataDir,
      NEO4J_LOCAL_HEAP: '512m',
      NEO4J_LOCAL_PAGECACHE: '64m',
      NEO4J_LOCAL_PLUGINS: 'false',
      DEMO_DATA: 'true',
    });
    try {
      await waitForOutput(run, /Social CRM graph service is ready/, 120_000);
      expect(run.output()).toMatch(/"msg":"demo data loaded"/);
      expect(run.output()).toMatch(/started by this service; stops with it/);

      run.child.kill('SIGTERM');
      expect(await run.exited).toBe(0);
      expect(run.output()).toMatch(/"msg":"local Neo4j stopped"/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});
