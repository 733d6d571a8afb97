import { seededRandom } from '../../src/core/random/seeded-random';
import { RoundTripCounter } from '../../src/core/neo4j/round-trip-counter';
import type { OperationScope } from '../../src/core/neo4j/neo4j-gateway';
import { FollowerIndexKeeper } from '../../src/features/reach/follower-index-keeper';
import { FollowerIndexRepository } from '../../src/features/reach/follower-index.repository';
import type { ReachSubjectInput } from '../../src/features/reach/reach.input';
import { ReachRepository } from '../../src/features/reach/reach.repository';
import { ReachService } from '../../src/features/reach/reach.service';
import { SocialAccountRepository } from '../../src/features/social-accounts/social-account.repository';
import {
  AudienceOverlapDocument,
  FollowDocument,
  LinkSocialAccountDocument,
  NetworkReachDocument,
  UnfollowDocument,
  UnlinkSocialAccountDocument,
  UpsertSocialAccountDocument,
} from '../generated/graphql';
import { dataOf } from '../support/factories';
import { type GraphSpec, writeGraph } from '../support/social-graph-builder';
import { useTestServer } from '../support/test-server';

/** The app's follower index: none until a test hands it a loaded keeper; counts its answers. */
const appIndex = {
  keeper: null as FollowerIndexKeeper | null,
  served: 0,
  async current(operation: OperationScope) {
    const index = this.keeper === null ? null : await this.keeper.current(operation);
    if (index !== null) this.served += 1;
    return index;
  },
};
const server = useTestServer({ followerIndex: appIndex });
const scope: OperationScope = { operationName: 'reachIndexTest' };

const PLATFORMS = ['X', 'INSTAGRAM', 'LINKEDIN'] as const;

interface RandomGraph {
  spec: GraphSpec;
  people: string[];
  accounts: string[];
  subjects: ReachSubjectInput[];
}

/**
 * A random follower graph with every kind of subject: people with accounts on several platforms,
 * ownerless accounts, an organization with current, expired and non-member roles, a campaign
 * posted about by accounts and by a person, and a brand handle on two platforms.
 */
function randomGraph(seed: number): RandomGraph {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const id = (name: string) => `ri${seed}-${name}`;
  const people = Array.from({ length: 24 }, (_, n) => id(`p${n}`));
  const accounts: NonNullable<GraphSpec['accounts']> = [];
  for (let n = 0; n < 90; n++) {
    accounts.push({
      id: id(`a${n}`),
      platform: pick(PLATFORMS),
      ownerId: random() < 0.75 ? pick(people) : null,
    });
  }
  accounts.push({ id: id('brand-x'), platform: 'X', handle: `brand${seed}` });
  accounts.push({ id: id('brand-ig'), platform: 'INSTAGRAM', handle: `brand${seed}` });
  const accountIds = accounts.map((account) => account.id);
  const follows = new Map<string, { from: string; to: string }>();
  for (let n = 0; n < 320; n++) {
    const from = pick(accountIds);
    const to = pick(accountIds);
    if (from !== to) follows.set(`${from}>${to}`, { from, to });
  }
  const spec: GraphSpec = {
    persons: people.map((person) => ({ id: person, consents: ['SOCIAL_MONITORING'] })),
    organizations: [{ id: id('org') }],
    roles: [
      { personId: people[0] as string, organizationId: id('org'), role: 'EMPLOYEE' },
      { personId: people[1] as string, organizationId: id('org'), role: 'INFLUENCER' },
      { personId: people[2] as string, organizationId: id('org'), role: 'CUSTOMER' },
      {
        personId: people[3] as string,
        organizationId: id('org'),
        role: 'DECISION_MAKER',
        until: '2020-01-01',
      },
    ],
    campaigns: [{ id: id('campaign') }],
    accounts: accounts.map((account) => ({ ...account, handle: account.handle ?? account.id })),
    follows: [...follows.values()],
    interactions: [
      { performerAccountId: pick(accountIds) },
      { performerAccountId: pick(accountIds) },
      { performerPersonId: people[5] as string },
    ].map((performer, n) => ({
      id: id(`post${n}`),
      kind: 'POST',
      occurredAt: '2025-01-01T00:00:00Z',
      aboutIds: [id('campaign')],
      ...performer,
    })),
  };
  const subjects: ReachSubjectInput[] = [
    ...people.slice(0, 6).map((personId) => ({ personId })),
    { organizationId: id('org') },
    { campaignId: id('campaign') },
    { accountIds: [pick(accountIds), pick(accountIds), id('brand-x')] },
    { handle: `@Brand${seed}` },
    { personId: id('nobody') },
    { accountIds: [id('a0'), id('no-such-account')] },
  ];
  return { spec, people, accounts: accountIds, subjects };
}

function services() {
  const repository = new ReachRepository(server.gateway);
  const keeper = new FollowerIndexKeeper(new FollowerIndexRepository(server.gateway), 17);
  // Fails instead of falling back to Cypher: these tests compare the two paths.
  const source = {
    current: async (operation: OperationScope) => {
      const index = await keeper.current(operation);
      if (index === null) throw new Error('the follower index is not loaded');
      return index;
    },
  };
  return {
    keeper,
    cypher: new ReachService(repository),
    indexed: new ReachService(repository, source),
  };
}

/** The result, or the error code: both paths must agree on either. */
async function outcome(answer: Promise<unknown>): Promise<unknown> {
  try {
    return await answer;
  } catch (error) {
    return { code: (error as { code?: unknown }).code };
  }
}

type Reach = ReturnType<typeof services>;

async function disagreements(reach: Reach, graph: RandomGraph): Promise<string[]> {
  const differing: string[] = [];
  for (const subject of graph.subjects) {
    for (const hops of [1, 2, 3]) {
      const expected = await outcome(reach.cypher.networkReach(scope, subject, hops));
      const actual = await outcome(reach.indexed.networkReach(scope, subject, hops));
      if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        differing.push(`networkReach ${JSON.stringify(subject)} ${hops}`);
      }
    }
  }
  const pairs = graph.subjects.slice(0, -2).map((subject, n, all) => [subject, all[n + 3]]);
  for (const [a, b] of pairs) {
    if (a === undefined || b === undefined) continue;
    for (const hops of [1, 2, 3]) {
      const expected = await outcome(reach.cypher.audienceOverlap(scope, a, b, hops));
      const actual = await outcome(reach.indexed.audienceOverlap(scope, a, b, hops));
      if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        differing.push(`audienceOverlap ${JSON.stringify([a, b])} ${hops}`);
      }
    }
  }
  return differing;
}

describe('network reach from the follower index', () => {
  it.each([31, 32, 33])('answers as the Cypher path on random graph %i', async (seed) => {
    const graph = randomGraph(seed);
    await writeGraph(server.gateway, graph.spec);
    const reach = services();
    await reach.keeper.load(scope);
    expect(await disagreements(reach, graph)).toEqual([]);
    const brand = await reach.indexed.networkReach(scope, { handle: `brand${seed}` }, 3);
    expect(brand.total.at(-1)?.people).toBeGreaterThan(10);
  });

  it('reads only the seeds from Neo4j: one round trip', async () => {
    const graph = randomGraph(34);
    await writeGraph(server.gateway, graph.spec);
    const reach = services();
    await reach.keeper.load(scope);
    const counted = { ...scope, roundTrips: new RoundTripCounter() };
    await reach.indexed.networkReach(counted, { personId: graph.people[0] as string }, 3);
    expect(counted.roundTrips.value).toBe(1);
  });

  it('answers as the Cypher path again after follows, unfollows, owner changes and a deletion are applied', async () => {
    const seed = 35;
    const graph = randomGraph(seed);
    await writeGraph(server.gateway, graph.spec);
    const reach = services();
    await reach.keeper.load(scope);
    const random = seededRandom(99);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const touched: string[] = [];
    for (let n = 0; n < 25; n++) {
      const [follower, followed] = [pick(graph.accounts), pick(graph.accounts)];
      if (follower === followed) continue;
      dataOf(await server.execute(FollowDocument, { followerId: follower, followedId: followed }));
      touched.push(follower, followed);
    }
    for (const follow of (graph.spec.follows ?? []).slice(0, 40)) {
      dataOf(
        await server.execute(UnfollowDocument, { followerId: follow.from, followedId: follow.to }),
      );
      touched.push(follow.from, follow.to);
    }
    for (let n = 0; n < 8; n++) {
      const accountId = pick(graph.accounts);
      dataOf(
        await server.execute(LinkSocialAccountDocument, {
          input: { accountId, personId: pick(graph.people), confidence: 1 },
        }),
      );
      touched.push(accountId);
    }
    const unlinked = pick(graph.accounts);
    dataOf(await server.execute(UnlinkSocialAccountDocument, { accountId: unlinked }));
    touched.push(unlinked);
    const removed = graph.accounts[10] as string;
    await new SocialAccountRepository(server.gateway).delete(scope, removed);
    touched.push(removed);
    // The writes matter: until they are applied, the index answers differently.
    expect((await disagreements(reach, graph)).length).toBeGreaterThan(0);

    await reach.keeper.apply(scope, { accounts: touched, reset: false });
    expect(await disagreements(reach, graph)).toEqual([]);

    // A new account that follows and is followed, reported by one end only: the keeper reads
    // the account it has not seen as well.
    const created = dataOf(
      await server.execute(UpsertSocialAccountDocument, {
        input: { platform: 'X', handle: `ri${seed}-newcomer` },
      }),
    ).upsertSocialAccount.id;
    const star = graph.accounts[0] as string;
    dataOf(await server.execute(FollowDocument, { followerId: created, followedId: star }));
    dataOf(
      await server.execute(FollowDocument, {
        followerId: graph.accounts[1] as string,
        followedId: created,
      }),
    );
    await reach.keeper.apply(scope, { accounts: [star], reset: false });
    const newcomer = { accountIds: [star] };
    expect(await reach.indexed.networkReach(scope, newcomer, 2)).toEqual(
      await reach.cypher.networkReach(scope, newcomer, 2),
    );

    await reach.keeper.apply(scope, { accounts: [], reset: true });
    expect(await disagreements(reach, graph)).toEqual([]);
  });

  it('answers over GraphQL from the index the app was given, with one round trip', async () => {
    const graph = randomGraph(37);
    await writeGraph(server.gateway, graph.spec);
    const reachVariables = { subject: { personId: graph.people[0] as string }, maxHops: 3 };
    const overlapVariables = {
      a: { personId: graph.people[0] as string },
      b: { handle: 'brand37' },
      hops: 2,
    };
    const ask = async () => ({
      reach: await server.execute(NetworkReachDocument, reachVariables),
      overlap: await server.execute(AudienceOverlapDocument, overlapVariables),
    });
    const overCypher = await ask();
    const { keeper } = services();
    await keeper.load(scope);
    appIndex.keeper = keeper;
    try {
      const fromIndex = await ask();
      expect(fromIndex.reach.body.data).toEqual(overCypher.reach.body.data);
      expect(appIndex.served).toBe(2);
      // The seeds alone: as many round trips as the one Cypher statement.
      expect(fromIndex.reach.body.extensions?.diagnostics?.dbRoundTrips).toBe(1);
      expect(fromIndex.overlap.body.data).toEqual(overCypher.overlap.body.data);
      expect(fromIndex.overlap.body.data?.audienceOverlap.unionPeople).toBeGreaterThan(0);
    } finally {
      appIndex.keeper = null;
    }
  });

  it('has no index while none is loaded, and the service then takes the Cypher path', async () => {
    const graph = randomGraph(36);
    await writeGraph(server.gateway, graph.spec);
    const keeper = new FollowerIndexKeeper(new FollowerIndexRepository(server.gateway));
    expect(await keeper.current(scope)).toBeNull();
    const repository = new ReachRepository(server.gateway);
    const subject = { personId: graph.people[0] as string };
    expect(await new ReachService(repository, keeper).networkReach(scope, subject, 3)).toEqual(
      await new ReachService(repository).networkReach(scope, subject, 3),
    );
  });
});
