import { StaffRole } from '../../src/features/staff/staff-user.type';
import { seededRandom as randomFrom } from '../../src/core/random/seeded-random';
import { AudienceOverlapDocument, NetworkReachDocument } from '../generated/graphql';
import { dataOf } from '../support/factories';
import { type GraphSpec, writeGraph } from '../support/social-graph-builder';
import { useTestServer } from '../support/test-server';

const server = useTestServer();

interface Account {
  id: string;
  platform: string;
  ownerId: string | null;
}

/**
 * The expected reach, by breadth-first search over the spec: per platform, each follower account
 * at its first level, standing for its owner (or itself); in total, each person at their nearest
 * level on any platform. The subject's own people are not their audience.
 */
function expectedReach(
  accounts: readonly Account[],
  follows: readonly { from: string; to: string }[],
  subjectPersonId: string,
  maxHops: number,
) {
  const followers = new Map<string, string[]>();
  for (const follow of follows) {
    followers.set(follow.to, [...(followers.get(follow.to) ?? []), follow.from]);
  }
  const byId = new Map(accounts.map((account) => [account.id, account]));
  const seeds = accounts.filter((account) => account.ownerId === subjectPersonId);
  const level = new Map<string, number>(seeds.map((seed) => [seed.id, 0]));
  let frontier = seeds.map((seed) => seed.id);
  for (let hops = 1; hops <= maxHops; hops++) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const follower of followers.get(id) ?? []) {
        if (level.has(follower)) continue;
        level.set(follower, hops);
        next.push(follower);
      }
    }
    frontier = next;
  }
  const perPlatform = new Map<string, Map<string, number>>();
  const total = new Map<string, number>();
  for (const [id, hops] of level) {
    const account = byId.get(id) as Account;
    if (hops === 0 || account.ownerId === subjectPersonId) continue;
    const who = account.ownerId ?? id;
    const platform = perPlatform.get(account.platform) ?? new Map<string, number>();
    platform.set(who, Math.min(hops, platform.get(who) ?? hops));
    perPlatform.set(account.platform, platform);
    total.set(who, Math.min(hops, total.get(who) ?? hops));
  }
  const cumulative = (reached: Map<string, number>) =>
    Array.from({ length: maxHops }, (_, index) => ({
      hops: index + 1,
      people: [...reached.values()].filter((hops) => hops <= index + 1).length,
    }));
  return {
    total: cumulative(total),
    perPlatform: new Map(
      [...perPlatform].map(([platform, reached]) => [platform, cumulative(reached)]),
    ),
  };
}

describe('network reach against an independent breadth-first search', () => {
  it.each([21, 22, 23, 24])('random follower graph %i', async (seed) => {
    const random = randomFrom(seed);
    const people = Array.from({ length: 30 }, (_, index) => `reach${seed}-p${index}`);
    const platforms = ['X', 'INSTAGRAM'];
    const accounts: Account[] = [];
    for (const [index, platform] of platforms.entries()) {
      for (let n = 0; n < 40; n++) {
        const owner =
          random() < 0.8
            ? (people[1 + Math.floor(random() * (people.length - 1))] as string)
            : null;
        accounts.push({ id: `reach${seed}-a${index}-${n}`, platform, ownerId: owner });
      }
    }
    const subject = people[0] as string;
    accounts.push({ id: `reach${seed}-subject-x`, platform: 'X', ownerId: subject });
    accounts.push({ id: `reach${seed}-subject-ig`, platform: 'INSTAGRAM', ownerId: subject });
    const follows: { from: string; to: string }[] = [];
    const seen = new Set<string>();
    for (let n = 0; n < 160; n++) {
      const from = accounts[Math.floor(random() * accounts.length)] as Account;
      const sameNetwork = accounts.filter((account) => account.platform === from.platform);
      const to = sameNetwork[Math.floor(random() * sameNetwork.length)] as Account;
      if (from.id === to.id || seen.has(`${from.id}>${to.id}`)) continue;
      seen.add(`${from.id}>${to.id}`);
      follows.push({ from: from.id, to: to.id });
    }
    await writeGraph(server.gateway, {
      persons: people.map((id) => ({ id })),
      accounts: accounts.map((account) => ({ ...account, handle: account.id })),
      follows,
    });
    for (const maxHops of [1, 2, 3]) {
      const { networkReach } = dataOf(
        await server.execute(NetworkReachDocument, { subject: { personId: subject }, maxHops }),
      );
      const expected = expectedReach(accounts, follows, subject, maxHops);
      expect(
        networkReach.total.map(({ hops, people: count }) => ({ hops, people: count })),
      ).toEqual(expected.total);
      expect(networkReach.subjectAccounts).toBe(2);
      for (const platform of networkReach.byPlatform) {
        expect(platform.levels.map(({ hops, people: count }) => ({ hops, people: count }))).toEqual(
          expected.perPlatform.get(platform.platform) ??
            Array.from({ length: maxHops }, (_, index) => ({ hops: index + 1, people: 0 })),
        );
      }
    }
  });
});

describe('network reach of people, organizations, campaigns and a brand', () => {
  const id = (name: string) => `nr-${name}`;

  beforeAll(async () => {
    const spec: GraphSpec = {
      persons: ['star', 'ann', 'ben', 'cat', 'dan', 'eve', 'boss'].map((name) => ({
        id: id(name),
      })),
      organizations: [{ id: id('org') }],
      roles: [
        { personId: id('star'), organizationId: id('org'), role: 'EMPLOYEE' },
        {
          personId: id('boss'),
          organizationId: id('org'),
          role: 'DECISION_MAKER',
          until: '2020-01-01',
        },
      ],
      campaigns: [{ id: id('campaign') }],
      accounts: [
        { id: id('star-x'), platform: 'X', ownerId: id('star') },
        { id: id('star-ig'), platform: 'INSTAGRAM', ownerId: id('star') },
        { id: id('ann-x'), platform: 'X', ownerId: id('ann') },
        { id: id('ann-ig'), platform: 'INSTAGRAM', ownerId: id('ann') },
        { id: id('ben-x'), platform: 'X', ownerId: id('ben') },
        { id: id('cat-x'), platform: 'X', ownerId: id('cat') },
        { id: id('dan-x'), platform: 'X', ownerId: id('dan') },
        { id: id('eve-ig'), platform: 'INSTAGRAM', ownerId: id('eve') },
        { id: id('boss-x'), platform: 'X', ownerId: id('boss') },
        { id: id('fan-x'), platform: 'X' },
        { id: id('brand-x'), platform: 'X', handle: 'nrbrand' },
        { id: id('brand-ig'), platform: 'INSTAGRAM', handle: 'nrbrand' },
      ],
      follows: [
        // star: ann on both platforms (one person), ben and an unknown fan on X.
        { from: id('ann-x'), to: id('star-x') },
        { from: id('ann-ig'), to: id('star-ig') },
        { from: id('ben-x'), to: id('star-x') },
        { from: id('fan-x'), to: id('star-x') },
        // two hops: cat follows ben; ann's second follow of ben stays at one hop.
        { from: id('cat-x'), to: id('ben-x') },
        { from: id('ann-x'), to: id('ben-x') },
        // three hops: dan follows cat; star follows cat back (star is not their own audience).
        { from: id('dan-x'), to: id('cat-x') },
        { from: id('star-x'), to: id('cat-x') },
        { from: id('eve-ig'), to: id('brand-ig') },
        { from: id('ben-x'), to: id('brand-x') },
        { from: id('dan-x'), to: id('boss-x') },
      ],
      interactions: [
        {
          id: id('post'),
          kind: 'POST',
          occurredAt: '2025-01-01T00:00:00Z',
          performerAccountId: id('ben-x'),
          aboutIds: [id('campaign')],
        },
      ],
    };
    await writeGraph(server.gateway, spec);
  });

  it('counts each person once across their accounts, level by level', async () => {
    const { networkReach } = dataOf(
      await server.execute(NetworkReachDocument, { subject: { personId: id('star') } }),
    );
    expect(networkReach).toEqual({
      maxHops: 3,
      subjectAccounts: 2,
      total: [
        { hops: 1, people: 3, newPeople: 3, identifiedPeople: 2 },
        { hops: 2, people: 4, newPeople: 1, identifiedPeople: 3 },
        { hops: 3, people: 5, newPeople: 1, identifiedPeople: 4 },
      ],
      byPlatform: [
        {
          platform: 'INSTAGRAM',
          subjectAccounts: 1,
          levels: [
            { hops: 1, people: 1, newPeople: 1, identifiedPeople: 1 },
            { hops: 2, people: 1, newPeople: 0, identifiedPeople: 1 },
            { hops: 3, people: 1, newPeople: 0, identifiedPeople: 1 },
          ],
        },
        {
          platform: 'X',
          subjectAccounts: 1,
          levels: [
            { hops: 1, people: 3, newPeople: 3, identifiedPeople: 2 },
            { hops: 2, people: 4, newPeople: 1, identifiedPeople: 3 },
            { hops: 3, people: 5, newPeople: 1, identifiedPeople: 4 },
          ],
        },
      ],
    });
  });

  it('reaches through an organization’s current people, a campaign’s posters and a brand handle', async () => {
    const reach = async (subject: Record<string, unknown>, maxHops = 1) =>
      dataOf(await server.execute(NetworkReachDocument, { subject, maxHops })).networkReach;
    const organization = await reach({ organizationId: id('org') });
    expect(organization.subjectAccounts).toBe(2);
    expect(organization.total[0]?.people).toBe(3);
    const campaign = await reach({ campaignId: id('campaign') });
    expect(campaign.subjectAccounts).toBe(1);
    expect(campaign.total[0]?.people).toBe(2);
    const brand = await reach({ handle: '@NRbrand' });
    expect(
      brand.byPlatform.map((platform) => [platform.platform, platform.levels[0]?.people]),
    ).toEqual([
      ['INSTAGRAM', 1],
      ['X', 1],
    ]);
    const accounts = await reach({ accountIds: [id('star-x')] }, 2);
    expect(accounts.total.map((level) => level.people)).toEqual([3, 4]);
  });

  it('compares two audiences: shared people and Jaccard', async () => {
    const { audienceOverlap } = dataOf(
      await server.execute(AudienceOverlapDocument, {
        a: { personId: id('star') },
        b: { personId: id('ben') },
      }),
    );
    // star: ann, ben, fan; ben: ann, cat.
    expect(audienceOverlap).toMatchObject({
      hops: 1,
      aPeople: 3,
      bPeople: 2,
      sharedPeople: 1,
      unionPeople: 4,
      jaccard: 0.25,
    });
    expect(audienceOverlap.byPlatform).toEqual([
      { platform: 'INSTAGRAM', aPeople: 1, bPeople: 0, sharedPeople: 0, jaccard: 0 },
      { platform: 'X', aPeople: 3, bPeople: 2, sharedPeople: 1, jaccard: 0.25 },
    ]);
  });

  it.each([
    ['no subject', { subject: {} }, 'BAD_USER_INPUT'],
    ['two subjects', { subject: { personId: id('star'), handle: 'x' } }, 'BAD_USER_INPUT'],
    ['an unknown person', { subject: { personId: 'nr-nobody' } }, 'NOT_FOUND'],
    ['an unknown account', { subject: { accountIds: ['nr-nothing'] } }, 'NOT_FOUND'],
    ['an unknown handle', { subject: { handle: 'nobody_here' } }, 'NOT_FOUND'],
    ['0 hops', { subject: { personId: id('star') }, maxHops: 0 }, 'BAD_USER_INPUT'],
    ['4 hops', { subject: { personId: id('star') }, maxHops: 4 }, 'BAD_USER_INPUT'],
  ])('%s → %s', async (_case, variables, code) => {
    const response = await server.execute(NetworkReachDocument, variables);
    expect(response.body.errors?.[0]?.extensions?.code).toBe(code);
  });

  it('gives analysts the figures and refuses support staff', async () => {
    const ask = async (role: StaffRole) =>
      server.execute(
        NetworkReachDocument,
        { subject: { personId: id('star') } },
        { authorization: `Bearer ${await server.tokenFor([role])}` },
      );
    expect((await ask(StaffRole.ANALYST)).body.errors).toBeUndefined();
    expect((await ask(StaffRole.SUPPORT)).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
