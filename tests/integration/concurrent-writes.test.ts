import { StaffRole } from '../../src/features/staff/staff-user.type';
import { type TestServer, useTestServer } from '../support/test-server';

/**
 * Concurrency under load on the real Neo4j: racing upserts leave one node, and transactions that
 * lock the same nodes in opposite order (and so deadlock in Neo4j) are retried by the managed
 * transactions until every request succeeds.
 */

type Body = {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
  extensions?: { diagnostics?: { dbRetries?: number } };
};

async function graphql(
  server: TestServer,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
  idempotent = false,
): Promise<Body> {
  // A thousand sockets at once on a busy machine: the client may reuse a keep-alive socket just as
  // the server closes it (ECONNRESET, no answer at all). A client sends such a request again; the
  // idempotent upserts are safe to send again; GraphQL errors are never retried.
  for (let attempt = 1; ; attempt += 1) {
    try {
      const response = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as Body;
    } catch (error) {
      if (!idempotent || attempt >= 3) throw error;
    }
  }
}

function errorsOf(bodies: readonly Body[]): string[] {
  return bodies.flatMap((body) =>
    (body.errors ?? []).map((error) => `${error.extensions?.code}: ${error.message}`),
  );
}

const retriesOf = (bodies: readonly Body[]) =>
  bodies.reduce((sum, body) => sum + (body.extensions?.diagnostics?.dbRetries ?? 0), 0);

const UPSERT_ACCOUNT = `mutation ($input: UpsertSocialAccountInput!) {
  upsertSocialAccount(input: $input) { id handle followers }
}`;

const CREATE_PERSON = `mutation ($name: String!) { createPerson(input: { name: $name }) { id } }`;

const RECORD_POST = `mutation ($input: RecordInteractionInput!) { recordInteraction(input: $input) { id } }`;

const PEOPLE = 20;

describe('concurrent writes', () => {
  // Posts mention people; without a consent requirement for SOCIAL_MONITORING (a deployment may
  // rest it on another lawful basis) the test needs no consent records.
  const server = useTestServer({
    env: { CONSENT_REQUIRED_PURPOSES: 'PROFILING,SALES_PROSPECTING,MARKETING' },
  });
  let token: string;
  beforeAll(async () => {
    token = await server.tokenFor([StaffRole.ADMIN]);
  });

  it('1,000 concurrent upserts of one social handle in different spellings leave exactly one account', async () => {
    const spellings = ['racer_one', '@racer_one', 'RACER_ONE', '@Racer_One'];
    const bodies = await Promise.all(
      Array.from({ length: 1000 }, (_, index) =>
        graphql(
          server,
          token,
          UPSERT_ACCOUNT,
          {
            input: { platform: 'X', handle: spellings[index % spellings.length], followers: index },
          },
          true,
        ),
      ),
    );
    expect(errorsOf(bodies)).toEqual([]);
    const accounts = bodies.map(
      (body) => body.data?.upsertSocialAccount as { id: string; handle: string },
    );
    expect(new Set(accounts.map((account) => account.id)).size).toBe(1);
    expect(new Set(accounts.map((account) => account.handle))).toEqual(new Set(['racer_one']));

    const rows = await server.gateway.read({ operationName: 'test' }, (runner) =>
      runner.run(
        `MATCH (a:SocialAccount) WHERE a.platform = 'X' AND toLower(a.handle) CONTAINS 'racer_one'
         RETURN a.id AS id, a.followers AS followers`,
      ),
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.id).toBe(accounts[0]?.id);
    // The last writer wins: the stored count is one that a request sent.
    expect(Number(rows[0]?.followers)).toBeGreaterThanOrEqual(0);
    expect(Number(rows[0]?.followers)).toBeLessThan(1000);
  }, 180_000);

  it('posts that link the same people in opposite order deadlock, are retried, and all succeed once', async () => {
    const people: string[] = [];
    for (let index = 0; index < PEOPLE; index += 1) {
      const body = await graphql(server, token, CREATE_PERSON, { name: `Mentioned ${index}` });
      people.push((body.data?.createPerson as { id: string }).id);
    }
    const author = async (name: string) =>
      ((await graphql(server, token, CREATE_PERSON, { name })).data?.createPerson as { id: string })
        .id;
    const [anna, ben] = [await author('Anna'), await author('Ben')];
    const post = (author: string, mentionIds: readonly string[], text: string) =>
      graphql(server, token, RECORD_POST, {
        input: {
          kind: 'POST',
          channel: 'X',
          occurredAt: '2025-03-02T09:30:00Z',
          performedByPersonId: author,
          mentionIds,
          text,
        },
      });

    // Each post is one transaction that links the mentioned people one after the other, taking
    // each person's lock as it goes: Anna's lists them forwards, Ben's backwards. Side by side they
    // meet in the middle, each holding locks the other waits for, and Neo4j aborts one of them.
    const bodies: Body[] = [];
    for (let round = 0; round < 5; round += 1) {
      const results = await Promise.all(
        Array.from({ length: 4 }, (_, pair) => [
          post(anna, people, `round ${round} pair ${pair} forwards`),
          post(ben, [...people].reverse(), `round ${round} pair ${pair} backwards`),
        ]).flat(),
      );
      bodies.push(...results);
    }

    expect(errorsOf(bodies)).toEqual([]);
    // Neo4j did abort transactions, and the retries hid that from every client.
    expect(retriesOf(bodies)).toBeGreaterThan(0);
    // A retried transaction was rolled back first: every post exists once, with all its links.
    const ids = bodies.map((body) => (body.data?.recordInteraction as { id: string }).id);
    const rows = await server.gateway.read({ operationName: 'test' }, (runner) =>
      runner.run(
        `MATCH (i:Interaction) WHERE i.text STARTS WITH 'round '
         RETURN i.id AS id, COUNT { (i)-[:MENTIONS]->() } AS mentions,
                COUNT { ()-[:PERFORMED]->(i) } AS performers`,
      ),
    );
    expect(rows.map((row) => row.id).sort()).toEqual([...ids].sort());
    for (const row of rows) expect(row).toMatchObject({ mentions: PEOPLE, performers: 1 });
    process.stdout.write(
      `crossing posts: ${bodies.length} requests, ${retriesOf(bodies)} transaction retries, 0 errors\n`,
    );
  }, 180_000);
});
