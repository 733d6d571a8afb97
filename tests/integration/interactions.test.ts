import {
  CreateProductDocument,
  InteractionsDocument,
  type RecordInteractionInput,
  RecordInteractionDocument,
  UpdateInteractionDocument,
  UpsertSocialAccountDocument,
  UpsertTopicDocument,
  UpsertUserDocument,
} from '../generated/graphql';
import { createPerson, dataOf, grantConsent } from '../support/factories';
import { countNodes, useTestServer } from '../support/test-server';

const server = useTestServer();

async function record(input: RecordInteractionInput) {
  return dataOf(await server.execute(RecordInteractionDocument, { input })).recordInteraction;
}

describe('interactions', () => {
  let customerId: string;
  let accountId: string;
  let productId: string;
  let topicId: string;
  let agentId: string;

  beforeAll(async () => {
    const customer = await createPerson(server, { name: 'Mia Becker' });
    customerId = customer.id;
    // Her posts and mentions are linked to her: that needs her SOCIAL_MONITORING consent.
    await grantConsent(server, customerId, 'SOCIAL_MONITORING');
    accountId = dataOf(
      await server.execute(UpsertSocialAccountDocument, {
        input: { platform: 'X', handle: 'mia_b' },
      }),
    ).upsertSocialAccount.id;
    productId = dataOf(
      await server.execute(CreateProductDocument, { input: { name: 'Velora City' } }),
    ).createProduct.id;
    topicId = dataOf(await server.execute(UpsertTopicDocument, { name: 'batteries' })).upsertTopic
      .id;
    const agentPerson = await createPerson(server, { name: 'Jonas Weber' });
    agentId = dataOf(
      await server.execute(UpsertUserDocument, {
        input: {
          login: 'jonas',
          displayName: 'Jonas',
          staffRole: 'SUPPORT',
          personId: agentPerson.id,
        },
      }),
    ).upsertUser.id;
  });

  it('records a complaint with its subjects and handler; a complaint starts OPEN', async () => {
    const complaint = await record({
      kind: 'COMPLAINT',
      channel: 'EMAIL',
      occurredAt: '2026-10-02T14:05:00Z',
      text: 'Battery drains within a day',
      sentiment: -0.7,
      performedByPersonId: customerId,
      aboutIds: [productId, topicId],
      handledByUserId: agentId,
    });
    expect(complaint).toMatchObject({
      kind: 'COMPLAINT',
      status: 'OPEN',
      occurredAt: '2026-10-02T14:05:00.000Z',
      performer: { __typename: 'Person', id: customerId },
      handledBy: { login: 'jonas' },
    });
    expect(complaint.about.map((subject) => subject.__typename).sort()).toEqual([
      'Product',
      'Topic',
    ]);

    const resolved = dataOf(
      await server.execute(UpdateInteractionDocument, {
        id: complaint.id,
        input: { status: 'RESOLVED', sentiment: 0.2 },
      }),
    );
    expect(resolved.updateInteraction).toMatchObject({ status: 'RESOLVED', sentiment: 0.2 });
  });

  it('a social post is upserted by platform + post id: sending it twice leaves one', async () => {
    const before = await countNodes(server, 'Interaction');
    const post = {
      kind: 'POST' as const,
      channel: 'X',
      occurredAt: '2026-10-03T08:00:00Z',
      text: 'Still waiting for @velora to fix my battery',
      sentiment: -0.6,
      performedByAccountId: accountId,
      platform: 'X' as const,
      postId: '1849000000001',
      url: 'https://x.com/mia_b/status/1849000000001',
      aboutIds: [productId],
      mentionIds: [customerId],
    };
    const first = await record(post);
    const again = await record({ ...post, sentiment: -0.65 });
    expect(again.id).toBe(first.id);
    expect(again.sentiment).toBe(-0.65);
    expect(again.about).toHaveLength(1);
    expect(again.performer).toMatchObject({ __typename: 'SocialAccount', handle: 'mia_b' });
    expect(await countNodes(server, 'Interaction')).toBe(before + 1);

    const reply = await record({
      ...post,
      kind: 'REPLY',
      postId: '1849000000002',
      replyToId: first.id,
      mentionIds: [accountId],
    });
    expect(reply.replyTo).toEqual({ id: first.id, kind: 'POST' });
    expect(reply.mentions).toEqual([
      { __typename: 'SocialAccount', id: accountId, handle: 'mia_b' },
    ]);
  });

  it.each<[string, Partial<RecordInteractionInput>, string, string]>([
    ['no performer', { performedByPersonId: null }, 'BAD_USER_INPUT', 'performedByPersonId'],
    ['sentiment above 1', { sentiment: 1.2 }, 'BAD_USER_INPUT', 'sentiment'],
    ['a status on an order', { kind: 'ORDER', status: 'OPEN' }, 'BAD_USER_INPUT', 'status'],
    ['a post id without platform', { postId: 'p-1' }, 'BAD_USER_INPUT', 'platform'],
    ['a time that is not ISO', { occurredAt: 'yesterday' }, 'BAD_USER_INPUT', 'occurredAt'],
    [
      'a time far in the future',
      { occurredAt: '2999-01-01T00:00:00Z' },
      'BAD_USER_INPUT',
      'occurredAt',
    ],
    ['an unknown performer', { performedByPersonId: 'nobody' }, 'NOT_FOUND', 'performedByPersonId'],
    ['an unknown subject', { aboutIds: ['no-such-topic'] }, 'NOT_FOUND', 'aboutIds'],
    ['an unknown reply target', { replyToId: 'no-such-post' }, 'NOT_FOUND', 'replyToId'],
  ])('%s → %s, nothing written', async (_name, override, code, field) => {
    const before = await countNodes(server, 'Interaction');
    const response = await server.execute(RecordInteractionDocument, {
      input: {
        kind: 'CALL',
        channel: 'PHONE',
        occurredAt: '2026-11-01T09:00:00Z',
        performedByPersonId: customerId,
        ...override,
      },
    });
    const error = response.body.errors?.[0];
    expect(error?.extensions?.code).toBe(code);
    expect(JSON.stringify([error?.extensions?.field, error?.extensions?.fields])).toContain(field);
    expect(await countNodes(server, 'Interaction')).toBe(before);
  });

  it('lists a person’s interactions, including those of their accounts, newest first, filtered', async () => {
    await server.gateway.write({ operationName: 'link' }, (runner) =>
      runner.run(
        'MATCH (a:SocialAccount {id: $a}), (p:Person {id: $p}) MERGE (a)-[:OWNED_BY]->(p)',
        { a: accountId, p: customerId },
      ),
    );
    const all = dataOf(
      await server.execute(InteractionsDocument, { filter: { personId: customerId } }),
    ).interactions;
    const times = all.edges.map((edge) => edge.node.occurredAt);
    expect(all.totalCount).toBe(3);
    expect(times).toEqual([...times].sort().reverse());

    const negativeAboutProduct = dataOf(
      await server.execute(InteractionsDocument, {
        filter: { personId: customerId, aboutId: productId, maxSentiment: -0.5 },
      }),
    ).interactions;
    expect(negativeAboutProduct.edges.map((edge) => edge.node.kind).sort()).toEqual([
      'POST',
      'REPLY',
    ]);

    const october = dataOf(
      await server.execute(InteractionsDocument, {
        filter: { kinds: ['COMPLAINT'], from: '2026-10-01T00:00:00Z', to: '2026-11-01T00:00:00Z' },
      }),
    ).interactions;
    expect(october.totalCount).toBe(1);

    const firstPage = dataOf(
      await server.execute(InteractionsDocument, { filter: { personId: customerId }, first: 2 }),
    ).interactions;
    const secondPage = dataOf(
      await server.execute(InteractionsDocument, {
        filter: { personId: customerId },
        first: 2,
        after: firstPage.pageInfo.endCursor,
      }),
    ).interactions;
    expect([...firstPage.edges, ...secondPage.edges].map((edge) => edge.node.id)).toEqual(
      all.edges.map((edge) => edge.node.id),
    );
  });

  it('a page of interactions with all their links costs the same round-trips for 2 or 8 rows', async () => {
    // Rows of one shape (a share by an account, about a product and a topic, naming a person,
    // replying to a post): the round-trips depend on the kinds of neighbours, not on the row count.
    const original = await record({
      kind: 'POST',
      channel: 'X',
      occurredAt: '2026-09-01T10:00:00Z',
      performedByAccountId: accountId,
      platform: 'X',
      postId: 'shape-origin',
    });
    for (let index = 0; index < 8; index += 1) {
      await record({
        kind: 'SHARE',
        channel: 'X',
        occurredAt: `2026-09-0${index + 2}T10:00:00Z`,
        performedByAccountId: accountId,
        platform: 'X',
        postId: `shape-${index}`,
        aboutIds: [productId, topicId],
        mentionIds: [customerId],
        replyToId: original.id,
      });
    }
    const roundTrips = async (first: number) => {
      const response = await server.execute(InteractionsDocument, {
        filter: { kinds: ['SHARE'] },
        first,
      });
      expect(dataOf(response).interactions.edges).toHaveLength(first);
      return response.body.extensions?.diagnostics?.dbRoundTrips;
    };
    expect(await roundTrips(8)).toBe(await roundTrips(2));
  });
});
