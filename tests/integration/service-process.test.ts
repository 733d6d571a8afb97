import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
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

/** Runs the built service (`node dist/src/main.js`) as a user would, with the suite's database. */
function runService(env: Record<string, string>): ServiceRun {
  const { target } = testConfig().neo4j;
  const databaseEnv: Record<string, string> =
    target.kind === 'external'
      ? {
          NEO4J_URI: target.uri,
          ...(target.username === undefined ? {} : { NEO4J_USERNAME: target.username }),
          ...(target.password === undefined ? {} : { NEO4J_PASSWORD: target.password }),
        }
      : {};
  const child = spawn(process.execPath, [MAIN], {
    cwd: projectRoot,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      DEMO_DATA: 'false',
      ...databaseEnv,
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
    const run = runService({ PORT: String(port) });
    await waitForOutput(
      run,
      /Social CRM graph service is ready: open http:\/\/localhost:\d+\/graphql/,
    );

    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
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
    const run = runService({ PORT: 'eighty', LOG_LEVEL: 'chatty' });
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
});
