import { ServerInfoDocument } from '../generated/graphql';
import { freeTcpPort } from '../../src/core/net/free-port';
import { TcpProxy } from '../support/tcp-proxy';
import { startTestServer, testConfig, type TestServer } from '../support/test-server';

async function readiness(server: TestServer): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${server.baseUrl}/readyz`);
  return { status: response.status, body: await response.json() };
}

async function eventually<T>(
  probe: () => Promise<T>,
  accept: (value: T) => boolean,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (accept(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function realDatabaseUri(): string {
  const { target } = testConfig().neo4j;
  if (target.kind !== 'external') throw new Error('global set-up did not publish NEO4J_URI');
  return target.uri;
}

describe('when Neo4j is unreachable', () => {
  let proxy: TcpProxy;
  let server: TestServer;

  beforeAll(async () => {
    proxy = TcpProxy.forBoltUri(realDatabaseUri(), await freeTcpPort());
    // The proxy is closed: the service starts while the database cannot be reached.
    server = await startTestServer({
      env: {
        NEO4J_URI: proxy.boltUri,
        NEO4J_CONNECTION_TIMEOUT_MS: '1000',
        NEO4J_MAX_TRANSACTION_RETRY_MS: '500',
      },
      reset: false,
    });
  });

  afterAll(async () => {
    await server.stop();
    await proxy.cut();
  });

  it('at start-up the service is alive but not ready, and retries until the database comes', async () => {
    expect((await fetch(`${server.baseUrl}/healthz`)).status).toBe(200);
    expect(await readiness(server)).toEqual({
      status: 503,
      body: { status: 'starting', database: 'not-ready' },
    });
    const response = await server.execute(ServerInfoDocument);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');

    await proxy.open();
    await server.bootstrap.whenSettled();
    expect(server.bootstrap.state).toBe('ready');
    expect(await readiness(server)).toEqual({
      status: 200,
      body: { status: 'ready', database: 'up' },
    });
  });

  it('while running, requests fail with SERVICE_UNAVAILABLE and recover when the database is back', async () => {
    expect((await server.execute(ServerInfoDocument)).body.data?.serverInfo.neo4jVersion).toMatch(
      /^5\./,
    );

    await proxy.cut();
    const failed = await server.execute(ServerInfoDocument);
    expect(failed.status).toBe(200);
    expect(failed.body.data).toBeNull();
    expect(failed.body.errors?.[0]?.message).toMatch(/not reachable/);
    expect(failed.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    const overWebSocket = await server.executeOverWebSocket(ServerInfoDocument);
    expect(overWebSocket.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect((await readiness(server)).status).toBe(503);

    await proxy.open();
    const recovered = await eventually(
      () => server.execute(ServerInfoDocument),
      (response) => response.body.errors === undefined,
    );
    expect(recovered.body.data?.serverInfo.neo4jVersion).toMatch(/^5\./);
    expect((await readiness(server)).status).toBe(200);
  });
});
