import { StaffRole } from '../../src/features/staff/staff-user.type';
import {
  CommunitiesDocument,
  CommunityDocument,
  FansAndCriticsDocument,
  InfluenceDocument,
  InfluenceStatusDocument,
  MultipliersDocument,
  MultipliersWithPeopleDocument,
  MultipliersWithTotalDocument,
  type MultiplierFilter,
  type MultipliersQuery,
  RecomputeInfluenceDocument,
  UpsertSocialAccountDocument,
  WithdrawConsentDocument,
} from '../generated/graphql';
import { dataOf } from '../support/factories';
import {
  personProperty,
  subjectScoreCount,
  writeInfluenceFixture,
} from '../support/influence-fixture';
import { useTestServer } from '../support/test-server';

const server = useTestServer();

const bearer = async (roles: readonly StaffRole[]) => ({
  authorization: `Bearer ${await server.tokenFor(roles)}`,
});

async function recompute(engine: 'GDS' | 'IN_PROCESS' = 'IN_PROCESS') {
  return dataOf(await server.execute(RecomputeInfluenceDocument, { engine })).recomputeInfluence;
}

async function multiplierIds(filter: MultiplierFilter = {}, first = 50): Promise<string[]> {
  const { multipliers } = dataOf(await server.execute(MultipliersDocument, { filter, first }));
  return multipliers.edges.map((edge) => edge.node.person.id);
}

async function influenceOf(personId: string, subjectId?: string) {
  return dataOf(await server.execute(InfluenceDocument, { personId, subjectId })).influence;
}

function fanAccounts(prefix: string, count: number) {
  return Array.from({ length: count }, (_, index) => `${prefix}-${index}`);
}

/**
 * A small market: a journalist ("star") with two accounts and fans who follow, mention, answer and
 * share them about e-bikes; a battery expert ("guru") others answer about batteries; a customer;
 * someone without any edge ("loner"); someone who did not consent to profiling ("private").
 */
const FANS = fanAccounts('fan', 4);
const BATTERY_FANS = fanAccounts('battery-fan', 3);

beforeAll(async () => {
  await writeInfluenceFixture(server.gateway, {
    organizations: ['org-media', 'org-shop'],
    topics: ['topic-e-bikes', 'topic-batteries', 'topic-quiet'],
    products: ['product-cargo'],
    people: [
      { id: 'star', roles: [{ role: 'JOURNALIST', organizationId: 'org-media' }] },
      { id: 'guru', roles: [{ role: 'BLOGGER' }] },
      { id: 'customer', roles: [{ role: 'CUSTOMER' }] },
      { id: 'loner' },
      { id: 'newcomer' },
      { id: 'private', profiling: false },
      ...FANS.map((id) => ({ id })),
      ...BATTERY_FANS.map((id) => ({ id })),
    ],
    accounts: [
      { id: 'star-x', ownerId: 'star', followers: 50_000 },
      { id: 'star-ig', ownerId: 'star', platform: 'INSTAGRAM', followers: 10_000 },
      { id: 'guru-x', ownerId: 'guru', followers: 4_000 },
      { id: 'customer-x', ownerId: 'customer', followers: 300 },
      { id: 'newcomer-x', ownerId: 'newcomer', followers: 0 },
      { id: 'private-x', ownerId: 'private', followers: 90_000 },
      { id: 'anonymous-x', followers: 20 },
      ...FANS.map((id) => ({ id: `${id}-x`, ownerId: id, followers: 10 })),
      ...BATTERY_FANS.map((id) => ({ id: `${id}-x`, ownerId: id, followers: 10 })),
    ],
    follows: [
      // fan-0 follows both of star's accounts: the platforms count them twice.
      ['fan-0-x', 'star-ig'],
      ...FANS.map((id): [string, string] => [`${id}-x`, 'star-x']),
      ['anonymous-x', 'star-x'],
      ['private-x', 'star-x'],
      ['star-x', 'private-x'],
      ...BATTERY_FANS.map((id): [string, string] => [`${id}-x`, 'guru-x']),
      ['customer-x', 'guru-x'],
    ],
    ties: [
      ['customer', 'fan-1', 0.9],
      ['fan-2', 'fan-3', 0.4],
    ],
    interactions: [
      { id: 'star-post', by: 'star-x', kind: 'POST', about: ['topic-e-bikes'] },
      ...FANS.map((id) => ({
        id: `${id}-share`,
        by: `${id}-x`,
        kind: 'SHARE',
        replyTo: 'star-post',
        about: ['topic-e-bikes'],
      })),
      ...FANS.slice(0, 2).map((id) => ({
        id: `${id}-mention`,
        by: `${id}-x`,
        kind: 'MENTION',
        mentions: ['star-x'],
        about: ['topic-e-bikes'],
      })),
      { id: 'guru-post', by: 'guru-x', kind: 'POST', about: ['topic-batteries'] },
      ...BATTERY_FANS.map((id) => ({
        id: `${id}-reply`,
        by: `${id}-x`,
        kind: 'REPLY',
        replyTo: 'guru-post',
        mentions: ['guru-x'],
        about: ['topic-batteries'],
      })),
      { id: 'private-share', by: 'private-x', kind: 'SHARE', replyTo: 'guru-post' },
      // Stances towards the cargo bike: the star is critical, fans like it.
      {
        id: 'star-cargo',
        by: 'star-x',
        kind: 'REVIEW',
        about: ['product-cargo'],
        sentiment: -0.8,
      },
      {
        id: 'fan-0-cargo',
        by: 'fan-0-x',
        kind: 'REVIEW',
        about: ['product-cargo'],
        sentiment: 0.9,
      },
      { id: 'fan-1-cargo', by: 'fan-1', kind: 'ORDER', about: ['product-cargo'], sentiment: 0.5 },
      {
        id: 'fan-1-cargo-old',
        by: 'fan-1',
        kind: 'COMPLAINT',
        about: ['product-cargo'],
        sentiment: -1,
        daysAgo: 200,
      },
      {
        id: 'customer-cargo',
        by: 'customer-x',
        kind: 'POST',
        mentions: ['product-cargo'],
        about: ['product-cargo'],
        sentiment: -0.3,
      },
      {
        id: 'private-cargo',
        by: 'private-x',
        kind: 'REVIEW',
        about: ['product-cargo'],
        sentiment: -1,
      },
    ],
  });
  await recompute();
});

describe('recompute', () => {
  it('stores a timestamped score for everyone who may be profiled and for nobody else', async () => {
    const run = await recompute();
    // 5 named people + 7 fans; "private" gave no consent to profiling.
    expect(run).toMatchObject({ engine: 'IN_PROCESS', peopleScored: 12, removedScores: 0 });
    expect(Date.parse(run.computedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(typeof (await personProperty(server.gateway, 'star', 'influenceScore'))).toBe('number');
    expect(await personProperty(server.gateway, 'private', 'influenceScore')).toBeNull();
    const status = dataOf(await server.execute(InfluenceStatusDocument)).influenceStatus;
    expect(status).toMatchObject({ computedAt: run.computedAt, peopleScored: 12 });
  });

  it('gives a person with no edges the floor score, and says so', async () => {
    const loner = await influenceOf('loner');
    expect(loner?.score).toBe(0);
    expect(loner?.components).toMatchObject({
      centrality: 0,
      reach: 0,
      amplification: 0,
      accounts: 0,
    });
    expect(loner?.components.pageRank).toBeCloseTo(0.15, 12);
    expect(loner?.explanation.at(-1)).toContain('floor score');
  });

  it('ranks the journalist highest and explains why', async () => {
    const star = await influenceOf('star');
    expect(star?.score).toBeGreaterThan(80);
    expect(star?.explanation[0]).toMatch(/^Score \d+\.\d of 100 = 40 % centrality/);
    expect(star?.explanation.join(' ')).toContain('replies and shares of their posts');
    expect((await multiplierIds())[0]).toBe('star');
  });

  it('sums followers across accounts and removes follows it knows are counted twice', async () => {
    const star = await influenceOf('star');
    // fan-0..3 and the anonymous account follow; fan-0 follows both accounts; "private" is unknown.
    expect(star?.components).toMatchObject({
      reportedFollowers: 60_000,
      knownFollowers: 5,
      duplicateFollows: 1,
      reach: 59_999,
      accounts: 2,
    });
  });

  it('raises reach when followers are added', async () => {
    const before = await influenceOf('newcomer');
    expect(before?.components.reach).toBe(0);
    await writeInfluenceFixture(server.gateway, {
      people: [{ id: 'follower-of-newcomer' }],
      accounts: [{ id: 'follower-of-newcomer-x', ownerId: 'follower-of-newcomer' }],
      follows: [['follower-of-newcomer-x', 'newcomer-x']],
    });
    await recompute();
    const followed = await influenceOf('newcomer');
    expect(followed?.components.reach).toBe(1);
    expect(followed?.score).toBeGreaterThan(before?.score ?? 0);

    dataOf(
      await server.execute(UpsertSocialAccountDocument, {
        input: { platform: 'X', handle: 'newcomer-x', followers: 2_500 },
      }),
    );
    await recompute();
    const reported = await influenceOf('newcomer');
    expect(reported?.components.reach).toBe(2_500);
    expect(reported?.components.reachScore).toBeGreaterThan(followed?.components.reachScore ?? 0);
  });
});

describe('topic-scoped influence', () => {
  it('ranks by influence about the topic, among the people engaged with it', async () => {
    const eBikes = await multiplierIds({ topicId: 'topic-e-bikes' });
    const batteries = await multiplierIds({ topicId: 'topic-batteries' });
    expect(eBikes[0]).toBe('star');
    expect(batteries[0]).toBe('guru');
    expect(eBikes).not.toContain('guru');
    expect(batteries).not.toContain('star');
    expect(new Set(eBikes)).toEqual(new Set(['star', ...FANS]));
    expect(await multiplierIds({ topicId: 'topic-quiet' })).toEqual([]);
  });

  it('stores the score about a subject with its own components', async () => {
    const starOnBikes = await influenceOf('star', 'topic-e-bikes');
    expect(starOnBikes?.subject).toEqual({
      id: 'topic-e-bikes',
      kind: 'TOPIC',
      name: 'topic-e-bikes',
    });
    expect(starOnBikes?.components.amplifiedCount).toBe(4);
    expect(starOnBikes?.explanation[0]).toContain('about topic-e-bikes');
    expect(await influenceOf('star', 'topic-batteries')).toBeNull();
    const onProduct = await multiplierIds({ productId: 'product-cargo' });
    expect(onProduct).toEqual(expect.arrayContaining(['star', 'fan-0', 'customer']));
  });
});

describe('multipliers', () => {
  it('filters by role, organization, platform, reach and customers', async () => {
    expect(await multiplierIds({ role: 'JOURNALIST' })).toEqual(['star']);
    expect(await multiplierIds({ organizationId: 'org-media' })).toEqual(['star']);
    expect(await multiplierIds({ platform: 'INSTAGRAM' })).toEqual(['star']);
    expect(await multiplierIds({ minReach: 2_000 })).toEqual(['star', 'guru', 'newcomer']);
    expect(await multiplierIds()).toContain('customer');
    expect(await multiplierIds({ excludeCustomers: true })).not.toContain('customer');
    expect(await multiplierIds({ role: 'CUSTOMER', excludeCustomers: true })).toEqual([]);
  });

  it('pages by score without gaps or repeats, and counts all matches', async () => {
    const all = await multiplierIds({}, 100);
    const paged: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: MultipliersQuery['multipliers'] = dataOf(
        await server.execute(MultipliersDocument, { first: 5, after }),
      ).multipliers;
      paged.push(...page.edges.map((edge) => edge.node.person.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(paged).toEqual(all);
    const { multipliers } = dataOf(
      await server.execute(MultipliersWithTotalDocument, { first: 3 }),
    );
    expect(multipliers.totalCount).toBe(all.length);
    const scores = multipliers.edges.map((edge) => edge.node.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('costs the same number of database round-trips for 2 or 12 multipliers', async () => {
    const trips = async (first: number) => {
      const response = await server.execute(MultipliersWithPeopleDocument, { first });
      expect(response.body.errors).toBeUndefined();
      return response.body.extensions?.diagnostics?.dbRoundTrips ?? -1;
    };
    expect(await trips(12)).toBe(await trips(2));
  });

  it.each([
    [
      { filter: { topicId: 'topic-e-bikes', productId: 'product-cargo' } },
      'BAD_USER_INPUT',
      'productId',
    ],
    [{ first: 101 }, 'BAD_USER_INPUT', 'first'],
    [{ after: 'not-a-cursor' }, 'BAD_USER_INPUT', 'after'],
    [{ filter: { topicId: 'topic-unknown' } }, 'NOT_FOUND', 'topicId'],
    [{ filter: { productId: 'bad id!' } }, 'BAD_USER_INPUT', 'productId'],
  ])('refuses %j with %s', async (variables, code, field) => {
    const response = await server.execute(MultipliersDocument, variables);
    expect(response.body.errors?.[0]?.extensions).toMatchObject({ code, field });
  });

  it('refuses a negative minimum reach before it reaches the database', async () => {
    const response = await server.execute(MultipliersDocument, { filter: { minReach: -1 } });
    expect(response.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('consent', () => {
  it('never lists people who did not consent to profiling', async () => {
    for (const filter of [{}, { topicId: 'topic-batteries' }, { platform: 'X' as const }]) {
      expect(await multiplierIds(filter)).not.toContain('private');
    }
    expect(await influenceOf('private')).toBeNull();
  });

  it('forgets the stored scores in the withdrawal itself, and only for PROFILING', async () => {
    expect(await multiplierIds()).toContain('fan-3');
    expect(await personProperty(server.gateway, 'fan-3', 'influenceScore')).not.toBeNull();
    expect(await subjectScoreCount(server.gateway, 'fan-3')).toBeGreaterThan(0);
    const storedCommunity = await personProperty(server.gateway, 'fan-3', 'communityId');

    // Another purpose leaves the profile alone.
    dataOf(
      await server.execute(WithdrawConsentDocument, { personId: 'fan-3', purpose: 'MARKETING' }),
    );
    expect(await personProperty(server.gateway, 'fan-3', 'influenceScore')).not.toBeNull();
    expect(await personProperty(server.gateway, 'fan-3', 'communityId')).toBe(storedCommunity);

    dataOf(
      await server.execute(WithdrawConsentDocument, { personId: 'fan-3', purpose: 'PROFILING' }),
    );
    expect(await multiplierIds()).not.toContain('fan-3');
    expect(await multiplierIds({ topicId: 'topic-e-bikes' })).not.toContain('fan-3');
    expect(await influenceOf('fan-3')).toBeNull();
    expect(await personProperty(server.gateway, 'fan-3', 'influenceScore')).toBeNull();
    expect(await personProperty(server.gateway, 'fan-3', 'influenceReach')).toBeNull();
    expect(await personProperty(server.gateway, 'fan-3', 'communityId')).toBeNull();
    expect(await subjectScoreCount(server.gateway, 'fan-3')).toBe(0);
    // Everyone else keeps theirs.
    expect(await personProperty(server.gateway, 'fan-1', 'influenceScore')).not.toBeNull();

    const run = await recompute();
    expect(run.removedScores).toBe(0);
    expect(await personProperty(server.gateway, 'fan-3', 'influenceScore')).toBeNull();
  });
});

describe('fans and critics', () => {
  it('ranks by influence × net sentiment in the window, critical multipliers first', async () => {
    const result = dataOf(
      await server.execute(FansAndCriticsDocument, {
        input: { targetId: 'product-cargo', criticalMinInfluence: 50 },
      }),
    ).fansAndCritics;
    expect(result.target).toEqual({ id: 'product-cargo', kind: 'PRODUCT', name: 'product-cargo' });
    expect(result.criticalMultipliers.map((entry) => entry.person.id)).toEqual(['star']);
    expect(result.critics.map((entry) => entry.person.id)).toEqual(['star', 'customer']);
    expect(result.fans.map((entry) => entry.person.id).sort()).toEqual(['fan-0', 'fan-1']);
    const fanStances = result.fans.map((entry) => entry.stance);
    expect(fanStances).toEqual([...fanStances].sort((a, b) => b - a));
    const star = result.critics[0];
    expect(star?.netSentiment).toBeCloseTo(-0.8, 6);
    expect(star?.stance).toBeCloseTo((star?.influenceScore ?? 0) * -0.8, 6);
    // The person without consent never appears, however negative.
    const everyone = [...result.fans, ...result.critics].map((entry) => entry.person.id);
    expect(everyone).not.toContain('private');
  });

  it('counts only interactions inside the window', async () => {
    const from = new Date(Date.now() - 365 * 86_400_000).toISOString();
    const result = dataOf(
      await server.execute(FansAndCriticsDocument, { input: { targetId: 'product-cargo', from } }),
    ).fansAndCritics;
    const fan1 = [...result.fans, ...result.critics].find((entry) => entry.person.id === 'fan-1');
    // The old complaint (−1) now counts with the recent order (+0.5).
    expect(fan1).toMatchObject({ interactions: 2, positive: 1, negative: 1 });
    expect(fan1?.netSentiment).toBeCloseTo(-0.25, 6);
  });

  it.each([
    [{ targetId: 'nothing-here' }, 'NOT_FOUND', 'targetId'],
    [
      { targetId: 'product-cargo', from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' },
      'BAD_USER_INPUT',
      'from',
    ],
  ])('refuses %j with %s', async (input, code, field) => {
    const response = await server.execute(FansAndCriticsDocument, { input });
    expect(response.body.errors?.[0]?.extensions).toMatchObject({ code, field });
  });
});

describe('communities', () => {
  it('lists communities with their most influential members and dominant topics', async () => {
    const { communities } = dataOf(await server.execute(CommunitiesDocument, { members: 2 }));
    expect(communities.totalCount).toBeGreaterThanOrEqual(2);
    const all = communities.edges.map((edge) => edge.node);
    const ofStar = all.find((community) =>
      community.topMembers.some((member) => member.person.id === 'star'),
    );
    const ofGuru = all.find((community) =>
      community.topMembers.some((member) => member.person.id === 'guru'),
    );
    expect(ofStar).toBeDefined();
    expect(ofGuru).toBeDefined();
    expect(ofStar?.id).not.toBe(ofGuru?.id);
    expect(ofStar?.topMembers[0]?.person.id).toBe('star');
    expect(ofStar?.topMembers).toHaveLength(2);
    expect(ofStar?.dominantTopics[0]?.subject.id).toBe('topic-e-bikes');
    expect(ofGuru?.dominantTopics[0]?.subject.id).toBe('topic-batteries');
    const sizes = all.map((community) => community.size);
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    expect(await personProperty(server.gateway, 'star', 'communityId')).toBe(ofStar?.id);
  });

  it('loads members and topics of every community on a page in the same round-trips', async () => {
    const trips = async (first: number) => {
      const response = await server.execute(CommunitiesDocument, { first, members: 3 });
      expect(response.body.errors).toBeUndefined();
      return response.body.extensions?.diagnostics?.dbRoundTrips ?? -1;
    };
    expect(await trips(10)).toBe(await trips(1));
  });

  it('finds one community by id; NOT_FOUND for others', async () => {
    const { communities } = dataOf(await server.execute(CommunitiesDocument, { first: 1 }));
    const id = communities.edges[0]?.node.id ?? '';
    const { community } = dataOf(await server.execute(CommunityDocument, { id }));
    expect(community.id).toBe(id);
    const missing = await server.execute(CommunityDocument, { id: 'community-999' });
    expect(missing.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('authorization', () => {
  it('lets only administrators recompute', async () => {
    const response = await server.execute(
      RecomputeInfluenceDocument,
      {},
      await bearer([StaffRole.SALES_REP]),
    );
    expect(response.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('gives sales reps multipliers, and the service team fans and critics but not rankings', async () => {
    const salesRep = await bearer([StaffRole.SALES_REP]);
    const support = await bearer([StaffRole.SUPPORT]);
    expect((await server.execute(MultipliersDocument, {}, salesRep)).body.errors).toBeUndefined();
    const rankings = await server.execute(MultipliersDocument, {}, support);
    expect(rankings.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const stances = await server.execute(
      FansAndCriticsDocument,
      { input: { targetId: 'product-cargo' } },
      support,
    );
    expect(stances.body.errors).toBeUndefined();
  });
});
