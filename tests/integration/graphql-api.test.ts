import { StaffRole } from '../../src/features/staff/staff-user.type';
import { ServerInfoDocument } from '../generated/graphql';
import { useTestServer } from '../support/test-server';

const server = useTestServer();

describe('serverInfo', () => {
  it('reads versions from the real Neo4j over HTTP and counts its round-trips', async () => {
    const response = await server.execute(ServerInfoDocument);
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    const info = response.body.data?.serverInfo;
    expect(info?.neo4jVersion).toMatch(/^5\.\d+/);
    expect(['community', 'enterprise']).toContain(info?.neo4jEdition);
    expect(info?.database).toBe(server.config.neo4j.database);
    expect(info?.version).toBe('0.0.0-test');
    const roundTrips = response.body.extensions?.diagnostics?.dbRoundTrips ?? 0;
    const pluginQueries = (info?.apocVersion ? 1 : 0) + (info?.gdsVersion ? 1 : 0);
    expect(roundTrips).toBe(2 + pluginQueries);
  });

  it('gives the same answer over WebSocket (graphql-ws) on the same port and path', async () => {
    const overHttp = await server.execute(ServerInfoDocument);
    const overWs = await server.executeOverWebSocket(ServerInfoDocument);
    expect(overWs.errors).toBeUndefined();
    expect(overWs.data).toEqual(overHttp.body.data);
  });

  it.each([
    ['{ serverInfo { nope } }', 'GRAPHQL_VALIDATION_FAILED'],
    ['{ serverInfo { ', 'GRAPHQL_PARSE_FAILED'],
  ])('over WebSocket, %p fails with %s like over HTTP', async (query, code) => {
    const result = await server.sendOverWebSocket(query);
    expect(result.data).toBeUndefined();
    expect(result.errors?.[0]?.extensions?.code).toBe(code);
  });

  it('echoes a safe X-Request-Id and reports it in diagnostics', async () => {
    const response = await server.execute(ServerInfoDocument, undefined, {
      'x-request-id': 'req-1234567',
    });
    expect(response.headers.get('x-request-id')).toBe('req-1234567');
    expect(response.body.extensions?.diagnostics?.requestId).toBe('req-1234567');
  });

  it('tells browsers and proxies not to keep answers (they hold personal data)', async () => {
    const answered = await server.execute(ServerInfoDocument);
    const refused = await server.execute(ServerInfoDocument, undefined, { authorization: 'x' });
    for (const response of [answered, refused]) {
      expect(response.headers.get('cache-control')).toBe('no-store');
    }
  });
});

describe('health endpoints', () => {
  it('/healthz says the process is alive', async () => {
    const response = await fetch(`${server.baseUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('/readyz says the database answers', async () => {
    const response = await fetch(`${server.baseUrl}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready', database: 'up' });
  });
});

type BadRequestCase = {
  name: string;
  init: RequestInit;
  status: number;
  code: string;
};

const json = { 'content-type': 'application/json' };

describe('bad requests get 4xx with GraphQL-shaped errors', () => {
  it.each<BadRequestCase>([
    {
      name: 'unknown field',
      init: {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ query: '{ serverInfo { nope } }' }),
      },
      status: 400,
      code: 'GRAPHQL_VALIDATION_FAILED',
    },
    {
      name: 'syntax error',
      init: { method: 'POST', headers: json, body: JSON.stringify({ query: '{ serverInfo { ' }) },
      status: 400,
      code: 'GRAPHQL_PARSE_FAILED',
    },
    {
      name: 'malformed JSON',
      init: { method: 'POST', headers: json, body: '{"query": "{ serverInfo { version } }"' },
      status: 400,
      code: 'BAD_REQUEST',
    },
    {
      name: 'wrong content type',
      init: {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: '{ serverInfo { version } }',
      },
      status: 415,
      code: 'BAD_REQUEST',
    },
    {
      name: 'missing query',
      init: { method: 'POST', headers: json, body: JSON.stringify({ variables: {} }) },
      status: 400,
      code: 'BAD_REQUEST',
    },
    {
      name: 'variables of the wrong shape',
      init: {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ query: '{ serverInfo { version } }', variables: [1] }),
      },
      status: 400,
      code: 'BAD_REQUEST',
    },
  ])('$name → $status $code', async ({ init, status, code }) => {
    const authorization = `Bearer ${await server.tokenFor([StaffRole.ANALYST])}`;
    const headers = { ...(init.headers as Record<string, string>), authorization };
    const response = await fetch(server.url, { ...init, headers });
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/json/);
    const body = (await response.json()) as {
      errors: Array<{ message: string; extensions: { code: string } }>;
    };
    expect(body.errors[0]?.extensions.code).toBe(code);
    expect(body.errors[0]?.message).not.toMatch(/at .*\.js/);
  });

  it('an unknown path is a JSON 404', async () => {
    const response = await fetch(`${server.baseUrl}/nope`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      errors: [{ message: 'Not found', extensions: { code: 'NOT_FOUND' } }],
    });
  });
});
