import {
  getIntrospectionQuery,
  getNamedType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  isNonNullType,
  isObjectType,
} from 'graphql';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { MAX_PAGE_SIZE } from '../../src/core/pagination/page-request';
import { StaffRole } from '../../src/features/staff/staff-user.type';
import { buildGraphQLSchema } from '../../src/server/schema';
import { AddTieDocument } from '../generated/graphql';
import { createPerson, dataOf } from '../support/factories';
import { type TestServer, useTestServer } from '../support/test-server';

type GraphQLRequest = { query: string; variables?: Record<string, unknown> };

type ErrorBody = {
  data?: unknown;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
  extensions?: Record<string, unknown>;
};

/** Every staff role, so that no operation (some are for the data protection officer only) refuses. */
const ALL_ROLES = Object.values(StaffRole);

/** Paged fields allowed more than MAX_PAGE_SIZE: the audit log is read in pages of up to 500. */
const PAGE_SIZE_EXCEPTIONS: Readonly<Record<string, number>> = { 'Query.auditLog': 500 };

const MAX_BODY_BYTES = 65_536;
const LIMITS_ENV = {
  HTTP_MAX_BODY_BYTES: String(MAX_BODY_BYTES),
  WS_CONNECTION_INIT_TIMEOUT_MS: '500',
};

async function post(
  server: TestServer,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: ErrorBody }> {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${await server.tokenFor(ALL_ROLES)}`,
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as ErrorBody };
}

/** One operation over graphql-ws with an ADMIN token; resolves with its result or its errors. */
async function overWebSocket(server: TestServer, request: GraphQLRequest): Promise<ErrorBody> {
  const authorization = `Bearer ${await server.tokenFor([StaffRole.ADMIN])}`;
  const client = createClient({
    url: server.wsUrl,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    connectionParams: { authorization },
  });
  try {
    return await new Promise<ErrorBody>((resolve, reject) => {
      let result: ErrorBody = {};
      client.subscribe(request, {
        next: (value) => {
          result = value as ErrorBody;
        },
        error: (error: unknown) => {
          if (Array.isArray(error)) resolve({ errors: error as ErrorBody['errors'] });
          else reject(error instanceof Error ? error : new Error(JSON.stringify(error)));
        },
        complete: () => resolve(result),
      });
    });
  } finally {
    await client.dispose();
  }
}

/** Opens a raw graphql-transport-ws socket and resolves with the code it is closed with. */
function closeCodeOf(server: TestServer, behave: (socket: WebSocket) => void): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(server.wsUrl, 'graphql-transport-ws');
    socket.once('open', () => behave(socket));
    socket.once('close', (code) => resolve(code));
    socket.once('error', reject);
  });
}

const aliases = (count: number) =>
  `{ ${Array.from({ length: count }, (_, index) => `a${index}: serverInfo { version }`).join(' ')} }`;
const directives = (count: number) =>
  `{ serverInfo { ${Array.from({ length: count }, () => 'version @include(if: true)').join(' ')} } }`;
/**
 * A query of exactly `count` tokens (commas are not tokens). A long list of enum values, because
 * graphql-js itself gives up validating hundreds of repeats of one field.
 */
const tokens = (count: number) =>
  `{ interactions(first: 1, filter: { kinds: [${'CALL, '.repeat(count - 19)}] }) { totalCount } }`;

/** Within every limit, as deep as allowed (6) and with as many aliases (15) and directives (20). */
const ALLOWED = [
  ['depth 6', '{ persons(first: 1) { edges { node { roles { organization { name } } } } } }'],
  ['15 aliases', aliases(15)],
  ['20 directives', directives(20)],
  ['1,000 tokens', tokens(1000)],
  ['Sandbox introspection', getIntrospectionQuery({ descriptions: true })],
] as const;

const REFUSED = [
  {
    limit: 'maxDepth',
    query:
      '{ persons(first: 1) { edges { node { ties { to { roles { organization { name } } } } } } } }',
    message: 'Query depth limit of 6 exceeded, found 8.',
  },
  { limit: 'maxAliases', query: aliases(16), message: 'Aliases limit of 15 exceeded, found 16.' },
  {
    limit: 'maxDirectives',
    query: directives(21),
    message: 'Directives limit of 20 exceeded, found 21.',
  },
  { limit: 'maxTokens', query: tokens(1001), message: 'Token limit of 1000 exceeded.' },
  {
    limit: 'maxCost',
    query: `{ persons(first: 100) { edges { node { id name email phone
      roles { role since organization { id name } } ties(first: 100) { id strength } } } } }`,
    message: expect.stringMatching(/^Query Cost limit of 5000 exceeded, found \d+/) as string,
  },
];

describe('with the default limits (development)', () => {
  const server = useTestServer({ env: LIMITS_ENV });

  describe.each(['HTTP', 'WebSocket'] as const)('over %s', (transport) => {
    const send = async (query: string): Promise<{ status: number | null; body: ErrorBody }> =>
      transport === 'HTTP'
        ? post(server, { query })
        : { status: null, body: await overWebSocket(server, { query }) };

    it.each(ALLOWED)('%s passes', async (_name, query) => {
      const { status, body } = await send(query);
      expect(body.errors).toBeUndefined();
      if (status !== null) expect(status).toBe(200);
    });

    it.each(REFUSED)(
      '$limit refuses the operation before it runs',
      async ({ query, limit, message }) => {
        const { status, body } = await send(query);
        if (status !== null) expect(status).toBe(400);
        expect(body.data).toBeUndefined();
        expect(body.errors).toEqual([
          { message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit } },
        ]);
      },
    );
  });

  describe('page size', () => {
    let schema: GraphQLSchema;
    beforeAll(async () => {
      schema = await buildGraphQLSchema();
      // Nested paged fields need parents with data (a new one fails below until it has some):
      // two people with a tie, one of them staff, and an organization with a customer.
      const anna = await createPerson(server);
      const ben = await createPerson(server);
      dataOf(
        await server.execute(AddTieDocument, {
          input: { fromPersonId: anna.id, toPersonId: ben.id, type: 'KNOWS', strength: 0.5 },
        }),
      );
      const staff = await post(server, {
        query: `mutation ($input: UpsertUserInput!) { upsertUser(input: $input) { id } }`,
        variables: {
          input: { login: 'anna', displayName: 'Anna', staffRole: 'SALES_REP', personId: anna.id },
        },
      });
      expect(staff.body.errors).toBeUndefined();
      const organization = await post(server, {
        query: 'mutation { org: createOrganization(input: { name: "Nordlicht" }) { id } }',
      });
      const org = (organization.body.data as { org: { id: string } }).org.id;
      const role = await post(server, {
        query: `mutation ($person: ID!, $org: ID!) {
          addRole(input: { personId: $person, organizationId: $org, role: CUSTOMER }) { id }
        }`,
        variables: { person: anna.id, org },
      });
      expect(role.body.errors).toBeUndefined();
    });

    it(`every field with a \`first\` argument refuses more than ${MAX_PAGE_SIZE}`, async () => {
      const paths = pagedFieldPaths(schema);
      const unreached: string[] = [];
      for (const path of paths) {
        const cap = PAGE_SIZE_EXCEPTIONS[path.field] ?? MAX_PAGE_SIZE;
        const { body } = await post(server, { query: path.query(cap + 1) });
        const fieldName = path.field.split('.')[1] ?? '';
        if (body.errors === undefined && !holdsKey(body.data, fieldName)) {
          // No parent on the path had data (e.g. communities before the first computation).
          unreached.push(path.field);
          continue;
        }
        expect({
          field: path.field,
          errors: body.errors?.map((error) => error.extensions?.code),
        }).toEqual({ field: path.field, errors: ['BAD_USER_INPUT'] });
        // A small page works, so the refusal above is the cap (some fields cap lower, e.g. at 20).
        const small = await post(server, { query: path.query(1) });
        expect({ field: path.field, errors: small.body.errors }).toEqual({
          field: path.field,
          errors: undefined,
        });
      }
      if (unreached.length > 0) {
        process.stdout.write(`page size: no data to reach ${unreached.join(', ')}\n`);
      }
      expect(paths.length - unreached.length).toBeGreaterThanOrEqual(10);
    });
  });

  describe('HTTP requests', () => {
    it('a batch (JSON array of operations) is refused with a clear message', async () => {
      const query = '{ serverInfo { version } }';
      const { status, body } = await post(server, [{ query }, { query }]);
      expect(status).toBe(400);
      expect(body.errors).toEqual([
        {
          message: 'Batched requests are not accepted: send one operation per request',
          extensions: { code: 'BAD_REQUEST' },
        },
      ]);
    });

    it('a GET without a preflight-forcing header is refused as possible CSRF; with one it runs', async () => {
      const authorization = `Bearer ${await server.tokenFor([StaffRole.ADMIN])}`;
      const url = `${server.url}?query=${encodeURIComponent('{ serverInfo { version } }')}`;
      const simple = await fetch(url, { headers: { authorization } });
      expect(simple.status).toBe(400);
      const refused = (await simple.json()) as ErrorBody;
      expect(refused.errors?.[0]?.message).toMatch(/Cross-Site Request Forgery/);
      expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');

      const preflighted = await fetch(url, {
        headers: { authorization, 'apollo-require-preflight': 'true' },
      });
      expect(preflighted.status).toBe(200);
      expect(((await preflighted.json()) as ErrorBody).errors).toBeUndefined();
    });

    it('the Sandbox landing page still loads for browsers', async () => {
      const response = await fetch(server.url, { headers: { accept: 'text/html' } });
      expect(response.status).toBe(200);
      expect(await response.text()).toMatch(/sandbox/i);
    });

    it(`a body over HTTP_MAX_BODY_BYTES is a 413 naming the limit`, async () => {
      const { status, body } = await post(server, {
        query:
          'mutation ($data: String!) { importRecords(data: $data, format: NDJSON) { accepted } }',
        variables: { data: 'x'.repeat(MAX_BODY_BYTES) },
      });
      expect(status).toBe(413);
      expect(body.errors).toEqual([
        {
          message: `The request body is larger than the limit of ${MAX_BODY_BYTES} bytes`,
          extensions: { code: 'BAD_REQUEST' },
        },
      ]);
    });
  });

  describe('WebSocket connections', () => {
    it('a connection that sends no connection_init is closed with 4408', async () => {
      expect(await closeCodeOf(server, () => undefined)).toBe(4408);
    });

    it('a message over HTTP_MAX_BODY_BYTES closes the socket with 1009 (message too big)', async () => {
      const authorization = `Bearer ${await server.tokenFor([StaffRole.ADMIN])}`;
      const code = await closeCodeOf(server, (socket) => {
        socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization } }));
        socket.once('message', () => {
          socket.send(
            JSON.stringify({
              id: '1',
              type: 'subscribe',
              payload: { query: `{ serverInfo { version } } # ${'x'.repeat(MAX_BODY_BYTES)}` },
            }),
          );
        });
      });
      expect(code).toBe(1009);
    });
  });

  it('outside production, schema hints ("Did you mean …") help developers', async () => {
    const { body } = await post(server, { query: '{ serverInfo { versio } }' });
    expect(body.errors?.[0]?.message).toMatch(/Did you mean "version"\?/);
  });
});

/** Requests that graphql-js answers with "Did you mean …" hints outside production. */
const HINTED: ReadonlyArray<{ name: string; body: GraphQLRequest }> = [
  { name: 'unknown field', body: { query: '{ serverInfo { versio } }' } },
  { name: 'unknown argument', body: { query: '{ persons(frist: 1) { totalCount } }' } },
  {
    name: 'unknown enum value in the query',
    body: { query: '{ socialAccountByHandle(platform: INSTAGRAMM, handle: "x") { id } }' },
  },
  {
    name: 'unknown enum value in variables',
    body: {
      query: 'query ($p: Platform!) { socialAccountByHandle(platform: $p, handle: "x") { id } }',
      variables: { p: 'INSTAGRAMM' },
    },
  },
  {
    name: 'unknown input field in variables',
    body: {
      query: 'mutation ($input: CreatePersonInput!) { createPerson(input: $input) { id } }',
      variables: { input: { name: 'A', emial: 'a@example.org' } },
    },
  },
  { name: 'unknown type', body: { query: 'query ($p: Persn) { serverInfo { version } }' } },
];

describe('in production', () => {
  const server = useTestServer({
    env: { NODE_ENV: 'production', JWT_SECRET: 'a-production-like-secret-of-at-least-32-chars' },
  });

  describe.each(['HTTP', 'WebSocket'] as const)('over %s', (transport) => {
    const send = async (body: GraphQLRequest): Promise<ErrorBody> =>
      transport === 'HTTP' ? (await post(server, body)).body : overWebSocket(server, body);

    it.each(['{ __schema { queryType { name } } }', '{ __type(name: "Person") { name } }'])(
      'introspection is refused: %s',
      async (query) => {
        const body = await send({ query });
        expect(body.data).toBeUndefined();
        expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
        expect(body.errors?.[0]?.message).toMatch(/introspection/i);
      },
    );

    it.each(HINTED)('errors carry no schema hints: $name', async ({ body }) => {
      const answer = await send(body);
      expect(answer.errors?.length).toBeGreaterThan(0);
      for (const error of answer.errors ?? []) expect(error.message).not.toMatch(/Did you mean/);
    });
  });

  it('responses carry no diagnostics', async () => {
    const { body } = await post(server, { query: '{ serverInfo { version } }' });
    expect(body.errors).toBeUndefined();
    expect(body.extensions).toBeUndefined();
  });
});

describe('the same requests outside production', () => {
  const server = useTestServer();

  it.each(HINTED)('get schema hints: $name', async ({ body }) => {
    const { body: answer } = await post(server, body);
    expect(answer.errors?.map((error) => error.message).join('\n')).toMatch(/Did you mean/);
  });
});

function holdsKey(value: unknown, key: string): boolean {
  if (Array.isArray(value)) return value.some((item) => holdsKey(item, key));
  if (typeof value !== 'object' || value === null) return false;
  return Object.entries(value).some(([name, inner]) => name === key || holdsKey(inner, key));
}

interface PagedFieldPath {
  field: string;
  query(first: number): string;
}

/**
 * Every field with a `first` argument, each with a query that reaches it from Query through
 * fields without required arguments (breadth first, so the shortest path).
 */
function pagedFieldPaths(schema: GraphQLSchema): PagedFieldPath[] {
  const paths: PagedFieldPath[] = [];
  const seen = new Set<string>();
  const queue: Array<{ type: GraphQLObjectType; wrap: (inner: string) => string }> = [
    { type: schema.getQueryType() as GraphQLObjectType, wrap: (inner) => `{ ${inner} }` },
  ];
  while (queue.length > 0) {
    const { type, wrap } = queue.shift() as (typeof queue)[number];
    if (seen.has(type.name)) continue;
    seen.add(type.name);
    for (const field of Object.values(type.getFields()) as Array<GraphQLField<unknown, unknown>>) {
      if (field.args.some((arg) => arg.name !== 'first' && isNonNullType(arg.type))) continue;
      const target = getNamedType(field.type);
      const selection = isObjectType(target) ? '{ __typename }' : '';
      if (field.args.some((arg) => arg.name === 'first')) {
        paths.push({
          field: `${type.name}.${field.name}`,
          query: (first) => wrap(`${field.name}(first: ${first}) ${selection}`),
        });
      }
      if (isObjectType(target)) {
        queue.push({ type: target, wrap: (inner) => wrap(`${field.name} { ${inner} }`) });
      }
    }
  }
  return paths;
}
