import {
  CreateProductDocument,
  IngestPostsDocument,
  LinkSocialAccountDocument,
  ListeningPostDocument,
  type PostInput,
  UpsertSocialAccountDocument,
  UpsertTopicDocument,
  WithdrawConsentDocument,
} from '../generated/graphql';
import { createPerson, dataOf, grantConsent } from '../support/factories';
import { type TestServer, useTestServer } from '../support/test-server';
import { RealtimeTopic } from '../../src/features/realtime/realtime-events';
import { StaffRole } from '../../src/features/staff/staff-user.type';

const server = useTestServer();

let sequence = 0;
function post(input: Partial<PostInput> = {}): PostInput {
  sequence += 1;
  return {
    platform: 'X',
    postId: `ingest-${Date.now()}-${sequence}`,
    authorHandle: `author_${sequence}`,
    text: 'Just a post',
    occurredAt: '2026-11-20T10:00:00Z',
    ...input,
  };
}

async function ingest(posts: PostInput[]) {
  return dataOf(await server.execute(IngestPostsDocument, { posts })).ingestPosts;
}

async function stored(platform: string, postId: string) {
  const rows = await server.gateway.read({ operationName: 'test' }, (runner) =>
    runner.run(
      `MATCH (i:Interaction {platform: $platform, postId: $postId})
       RETURN i.id AS id, i.sentiment AS sentiment, i.language AS language,
              COLLECT { MATCH (i)-[:ABOUT]->(n) RETURN n.name } AS about`,
      { platform, postId },
    ),
  );
  return rows;
}

async function postNdjson(
  target: TestServer,
  body: string,
  authorization?: string,
  contentType = 'application/x-ndjson',
) {
  const response = await fetch(`${target.baseUrl}/ingest/posts`, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      authorization: authorization ?? `Bearer ${await target.tokenFor([StaffRole.ADMIN])}`,
    },
    body,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('ingest of social posts', () => {
  it('is idempotent by platform + postId: the same post twice is one interaction and one event', async () => {
    const publish = jest.spyOn(server.app.realtime, 'publish');
    const first = post({ text: 'Hello world' });
    const once = await ingest([first]);
    const twice = await ingest([{ ...first, text: 'edited text is ignored' }]);
    expect(once).toMatchObject({ received: 1, created: 1, unchanged: 0, rejected: 0 });
    expect(twice).toMatchObject({ received: 1, created: 0, unchanged: 1 });
    const rows = await stored('X', first.postId);
    expect(rows).toHaveLength(1);
    // INTERACTION_ADDED goes out in the background, after the commit; a second one would have
    // been published before this third ingest's.
    const marker = post();
    await ingest([marker]);
    const [markerRow] = await stored('X', marker.postId);
    const published = (id: unknown) =>
      publish.mock.calls.filter(
        ([topic, payload]) =>
          topic === RealtimeTopic.INTERACTION_ADDED &&
          (payload as { interactionId: string }).interactionId === id,
      );
    for (let wait = 0; wait < 50 && published(markerRow?.id).length === 0; wait += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(published(markerRow?.id)).toHaveLength(1);
    expect(published(rows[0]?.id)).toHaveLength(1);
    publish.mockRestore();
  });

  it('creates unknown authors and mentioned accounts without owner, and links replies both ways', async () => {
    const parent = post({ authorHandle: 'Parent_Author', text: 'original' });
    const reply = post({
      authorHandle: '@Replier',
      replyToPostId: parent.postId,
      mentions: ['@Parent_Author', 'someone_else'],
      text: 'a reply',
    });
    // The reply arrives first: it is linked when its post comes.
    await ingest([reply]);
    await ingest([parent]);
    const [row] = await stored('X', reply.postId);
    const view = dataOf(
      await server.execute(ListeningPostDocument, { id: String(row?.id) }),
    ).interaction;
    expect(view.kind).toBe('REPLY');
    expect(view.performer).toMatchObject({ __typename: 'SocialAccount', handle: 'replier' });
    expect(view.mentions.map((m) => (m as { handle: string }).handle).sort()).toEqual([
      'parent_author',
      'someone_else',
    ]);
    expect(view.replyTo?.postId).toBe(parent.postId);
    const owners = await server.gateway.read({ operationName: 'test' }, (runner) =>
      runner.run(
        `MATCH (a:SocialAccount {platform: 'X'}) WHERE a.handle IN ['replier', 'someone_else']
         RETURN count(a) AS accounts, count { (a)-[:OWNED_BY]->() } AS owned`,
      ),
    );
    expect(owners[0]).toMatchObject({ accounts: 2, owned: 0 });
  });

  it.each([
    ['en', 'I love this bike, it is great', 1],
    ['en', 'I hate this, horrible and useless', -1],
    ['de', 'Das Rad ist wunderbar, ich bin sehr zufrieden', 1],
    ['de', 'Der Akku ist kaputt, schlechter Service, ich bin enttäuscht', -1],
  ])('scores %s sentiment with its sign, language detected: "%s"', async (language, text, sign) => {
    const given = post({ text });
    await ingest([given]);
    const [row] = await stored('X', given.postId);
    expect(row?.language).toBe(language);
    expect(Math.sign(Number(row?.sentiment))).toBe(sign);
    expect(Math.abs(Number(row?.sentiment))).toBeLessThanOrEqual(1);
  });

  it('takes a given language and leaves sentiment empty for languages it does not score', async () => {
    const french = post({ text: "C'est terrible", language: 'fr' });
    const german = post({ text: 'Das ist wunderbar', language: 'de-AT' });
    await ingest([french, german]);
    expect((await stored('X', french.postId))[0]?.sentiment).toBeNull();
    expect(Number((await stored('X', german.postId))[0]?.sentiment)).toBeGreaterThan(0);
  });

  it('finds topics and products by name in the text', async () => {
    await server.execute(UpsertTopicDocument, { name: 'e-bike batteries' });
    dataOf(await server.execute(CreateProductDocument, { input: { name: 'Velora City' } }));
    const given = post({ text: 'My VELORA city has a problem with e-bike batteries again' });
    await ingest([given]);
    expect(((await stored('X', given.postId))[0]?.about as string[]).sort()).toEqual([
      'Velora City',
      'e-bike batteries',
    ]);
  });

  it('finds them by their keywords too, as whole words, from the next batch on', async () => {
    await server.execute(UpsertTopicDocument, { name: 'cargo bikes', keywords: ['Lastenrad'] });
    dataOf(
      await server.execute(CreateProductDocument, {
        input: { name: 'Velora Cargo', keywords: ['VC 2'] },
      }),
    );
    const given = post({ text: 'Unser neues LASTENRAD (vc 2) ist da' });
    const partial = post({ text: 'Lastenradweg gesperrt, vc 20 kommt' });
    await ingest([given, partial]);
    expect(((await stored('X', given.postId))[0]?.about as string[]).sort()).toEqual([
      'Velora Cargo',
      'cargo bikes',
    ]);
    expect((await stored('X', partial.postId))[0]?.about).toEqual([]);
  });

  it('does not attribute posts to a person without SOCIAL_MONITORING consent', async () => {
    const person = await createPerson(server);
    await grantConsent(server, person.id, 'SOCIAL_MONITORING');
    const account = dataOf(
      await server.execute(UpsertSocialAccountDocument, {
        input: { platform: 'X', handle: 'consent_check' },
      }),
    ).upsertSocialAccount;
    dataOf(
      await server.execute(LinkSocialAccountDocument, {
        input: { accountId: account.id, personId: person.id },
      }),
    );
    const before = post({ authorHandle: 'consent_check', mentions: [] });
    await ingest([before]);
    dataOf(
      await server.execute(WithdrawConsentDocument, {
        personId: person.id,
        purpose: 'SOCIAL_MONITORING',
      }),
    );
    const after = post({ authorHandle: 'consent_check' });
    const mentioning = post({ mentions: ['consent_check'] });
    await ingest([after, mentioning]);
    const performer = async (postId: string) => {
      const [row] = await stored('X', postId);
      return dataOf(await server.execute(ListeningPostDocument, { id: String(row?.id) }))
        .interaction;
    };
    expect((await performer(before.postId)).performer).toMatchObject({ id: account.id });
    expect((await performer(after.postId)).performer).toBeNull();
    expect((await performer(mentioning.postId)).mentions).toEqual([]);
  });

  it.each([
    ['oversized', { text: 'x'.repeat(10_001) }, 'posts.1.text', 'too large'],
    ['empty', { text: '' }, 'posts.1.text', 'non-empty'],
    ['bad time', { occurredAt: 'yesterday' }, 'posts.1.occurredAt', 'ISO'],
    // Date.parse reads this as 2001-01-01; only strict ISO 8601 is taken.
    ['loosely parsed time', { occurredAt: "' OR 1=1 //" }, 'posts.1.occurredAt', 'ISO'],
    ['bad id', { postId: 'has spaces' }, 'posts.1.postId', 'postId'],
    ['bad mention', { mentions: ['not a handle'] }, 'posts.1.mentions', 'handles'],
    ['bad url', { url: 'ftp://x' }, 'posts.1.url', 'http'],
  ])(
    'refuses a batch with a %s post: BAD_USER_INPUT naming the field, nothing written',
    async (_case, change, field, message) => {
      const good = post();
      const response = await server.execute(IngestPostsDocument, { posts: [good, post(change)] });
      expect(await stored('X', good.postId)).toHaveLength(0);
      const [error] = response.body.errors ?? [];
      expect(error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(error?.message).toContain(message);
    },
  );

  it('caps the batch size', async () => {
    const posts = Array.from({ length: 501 }, () => post());
    const response = await server.execute(IngestPostsDocument, { posts });
    expect(response.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'posts',
    });
  });

  it.each([
    ['SUPPORT', 'FORBIDDEN'],
    ['ANALYST', 'FORBIDDEN'],
    ['MARKETING', null],
  ] as const)('lets %s ingest: %s', async (role, code) => {
    const response = await server.execute(
      IngestPostsDocument,
      { posts: [post()] },
      {
        authorization: `Bearer ${await server.tokenFor([StaffRole[role]])}`,
      },
    );
    expect(response.body.errors?.[0]?.extensions?.code ?? null).toBe(code);
  });
});

describe('NDJSON endpoint POST /ingest/posts', () => {
  it('reports malformed, invalid and oversized lines by number and ingests the rest', async () => {
    const good = post({ text: 'first good line' });
    const alsoGood = post({ text: 'second good line' });
    const body = [
      JSON.stringify(good),
      '{"platform": "X", broken',
      '',
      JSON.stringify({ ...post(), platform: 'MYSPACE' }),
      JSON.stringify(post({ text: 'y'.repeat(70_000) })),
      JSON.stringify(post({ text: 'z'.repeat(10_500) })),
      '[1, 2]',
      JSON.stringify(alsoGood),
      JSON.stringify(good),
    ].join('\n');
    const { status, body: report } = await postNdjson(server, body);
    expect(status).toBe(200);
    expect(report).toMatchObject({ received: 8, created: 2, unchanged: 1, rejected: 5 });
    const problems = report.problems as Array<{ line: number; field: string; message: string }>;
    expect(problems.map(({ line, field }) => [line, field])).toEqual([
      [2, 'line'],
      [4, 'platform'],
      [5, 'line'],
      [6, 'text'],
      [7, 'post'],
    ]);
    expect(problems.map(({ message }) => message)).toEqual([
      'not valid JSON',
      expect.stringContaining('platform must be one of'),
      expect.stringContaining('post too large'),
      expect.stringContaining('post too large'),
      'a post must be a JSON object',
    ]);
    expect(await stored('X', alsoGood.postId)).toHaveLength(1);
  });

  it.each([
    ['no token', '', 401],
    ['a role that may not ingest', 'SUPPORT', 403],
  ])('refuses %s', async (_case, role, status) => {
    const authorization = role === '' ? '' : `Bearer ${await server.tokenFor([role as StaffRole])}`;
    expect((await postNdjson(server, JSON.stringify(post()), authorization)).status).toBe(status);
  });

  it('wants NDJSON', async () => {
    expect((await postNdjson(server, '{}', undefined, 'text/plain')).status).toBe(415);
  });
});
