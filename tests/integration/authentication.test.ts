import { SignJWT } from 'jose';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { signToken } from '../../src/features/access/token-verifier';
import { StaffRole } from '../../src/features/staff/staff-user.type';
import { CreatePersonDocument, ServerInfoDocument } from '../generated/graphql';
import { countNodes, useTestServer } from '../support/test-server';

const server = useTestServer();

const bearer = async (roles: readonly StaffRole[]) => `Bearer ${await server.tokenFor(roles)}`;

/** A token like the real ones but with one thing changed. */
async function tamperedToken(change: {
  secret?: string;
  audience?: string;
  expiresAt?: number;
  roles?: unknown;
}): Promise<string> {
  const { auth } = server.config;
  if (auth.verification.kind !== 'secret') throw new Error('tests sign with a secret');
  return new SignJWT({ roles: change.roles ?? ['ADMIN'] })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('someone')
    .setIssuer(auth.issuer)
    .setAudience(change.audience ?? auth.audience)
    .setExpirationTime(change.expiresAt ?? Math.floor(Date.now() / 1000) + 600)
    .sign(new TextEncoder().encode(change.secret ?? auth.verification.secret));
}

describe('HTTP: every GraphQL request needs a valid bearer token', () => {
  it('answers 401 UNAUTHENTICATED without a token, and reveals nothing else', async () => {
    const response = await server.execute(ServerInfoDocument, {}, { authorization: '' });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(response.body).toEqual({
      errors: [
        {
          message: 'Sign in: send an Authorization: Bearer <token> header',
          extensions: { code: 'UNAUTHENTICATED' },
        },
      ],
    });
  });

  it.each([
    ['a header that is not Bearer', () => Promise.resolve('Basic dXNlcjpwYXNz')],
    [
      'a token signed with another secret',
      async () => `Bearer ${await tamperedToken({ secret: 'x'.repeat(40) })}`,
    ],
    [
      'an expired token',
      async () =>
        `Bearer ${await tamperedToken({ expiresAt: Math.floor(Date.now() / 1000) - 3600 })}`,
    ],
    [
      'a token for another audience',
      async () => `Bearer ${await tamperedToken({ audience: 'other-app' })}`,
    ],
    [
      'a token with an unknown role',
      async () => `Bearer ${await tamperedToken({ roles: ['GOD'] })}`,
    ],
    ['a token without roles', async () => `Bearer ${await tamperedToken({ roles: [] })}`],
    ['garbage', () => Promise.resolve('Bearer not.a.jwt')],
  ])('refuses %s with 401', async (_name, header) => {
    const response = await server.execute(
      ServerInfoDocument,
      {},
      { authorization: await header() },
    );
    expect(response.status).toBe(401);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(response.body.data).toBeUndefined();
  });

  it('lets any member of staff read, with a valid token', async () => {
    const response = await server.execute(
      ServerInfoDocument,
      {},
      { authorization: await bearer([StaffRole.ANALYST]) },
    );
    expect(response.status).toBe(200);
    expect(response.body.data?.serverInfo.neo4jVersion).toMatch(/^5\./);
  });

  it('refuses a role the operation does not allow with FORBIDDEN and writes nothing', async () => {
    const before = await countNodes(server, 'Person');
    const response = await server.execute(
      CreatePersonDocument,
      { input: { name: 'Nobody Allowed' } },
      { authorization: await bearer([StaffRole.ANALYST]) },
    );
    expect(response.body.data).toBeNull();
    expect(response.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await countNodes(server, 'Person')).toBe(before);

    const allowed = await server.execute(
      CreatePersonDocument,
      { input: { name: 'Sam Sales' } },
      { authorization: await bearer([StaffRole.ANALYST, StaffRole.SALES_REP]) },
    );
    expect(allowed.body.errors).toBeUndefined();
    expect(await countNodes(server, 'Person')).toBe(before + 1);
  });

  it('keeps the Sandbox landing page open to browsers outside production', async () => {
    const response = await fetch(server.url, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
  });

  it('keeps the health endpoints open', async () => {
    expect((await fetch(`${server.baseUrl}/healthz`)).status).toBe(200);
    expect((await fetch(`${server.baseUrl}/readyz`)).status).toBe(200);
  });
});

/** Connects over graphql-ws and reports how the server closed the socket, if it did. */
function closeCodeOf(connectionParams: Record<string, unknown>): Promise<number> {
  return new Promise((resolve) => {
    const client = createClient({
      url: server.wsUrl,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: false,
      connectionParams,
      on: {
        closed: (event) => resolve((event as { code: number }).code),
        connected: () => {
          void client.dispose();
          resolve(0);
        },
      },
      onNonLazyError: () => undefined,
    });
  });
}

describe('WebSocket: the token travels in connection_init', () => {
  it('closes the connection with 4403 Forbidden without a valid token', async () => {
    expect(await closeCodeOf({})).toBe(4403);
    expect(await closeCodeOf({ authorization: 'Bearer not.a.jwt' })).toBe(4403);
    const expired = await tamperedToken({ expiresAt: Math.floor(Date.now() / 1000) - 3600 });
    expect(await closeCodeOf({ authorization: `Bearer ${expired}` })).toBe(4403);
  });

  it('accepts a valid token and applies the same role rules as HTTP', async () => {
    expect(await closeCodeOf({ authorization: await bearer([StaffRole.SUPPORT]) })).toBe(0);
    const read = await server.executeOverWebSocket(
      ServerInfoDocument,
      {},
      await bearer([StaffRole.SUPPORT]),
    );
    expect(read.data?.serverInfo.neo4jVersion).toMatch(/^5\./);

    const write = await server.executeOverWebSocket(
      CreatePersonDocument,
      { input: { name: 'Over The Socket' } },
      await bearer([StaffRole.ANALYST]),
    );
    expect(write.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('signToken', () => {
  it('signs tokens that the service accepts, naming the user and roles', async () => {
    const token = await signToken(server.config.auth, {
      userId: 'user-42',
      login: 'maria',
      roles: [StaffRole.SUPPORT],
      expiresInSeconds: 60,
    });
    const [, payload] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as Record<
      string,
      unknown
    >;
    expect(claims).toMatchObject({ sub: 'user-42', login: 'maria', roles: ['SUPPORT'] });
    const response = await server.execute(
      ServerInfoDocument,
      {},
      { authorization: `Bearer ${token}` },
    );
    expect(response.status).toBe(200);
  });
});
