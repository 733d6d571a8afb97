import { TieType } from '../../src/features/ties/tie.type';
import {
  LookalikesDocument,
  ReferenceCustomersDocument,
  ReferralCandidatesDocument,
} from '../generated/graphql';
import { dataOf } from '../support/factories';
import { type GraphSpec, writeGraph } from '../support/social-graph-builder';
import { useTestServer } from '../support/test-server';

const server = useTestServer();
const OWN = 'own-organization';
const CONSENT = ['SALES_PROSPECTING'];
const id = (name: string) => `pr-${name}`;

/**
 * A small market for one product (cargo bikes): customers happy and not, their friends and
 * followers, look-alikes and organizations. Names say what each person is for.
 */
function market(): GraphSpec {
  const people: Array<[string, boolean]> = [
    ['happy', true],
    ['complaining', true],
    ['grumpy', true],
    ['silent', false], // a happy customer without consent
    ['former', true],
    ['friend', true],
    ['follower', true],
    ['knitter', true],
    ['customer-friend', true],
    ['private-friend', false],
    ['friend-of-complaining', true],
    ['friend-of-silent', true],
    ['staff', true],
    ['twin', true],
    ['stranger', true],
    ['private-twin', false],
    ['prospect', true],
    ['private-prospect', false],
    ['buyer', true],
    ['employee', true],
    ['journalist', true],
  ];
  const order = (
    name: string,
    sentiment: number,
    extra: Partial<{ kind: string; status: string }> = {},
  ) => ({
    id: id(`${name}-${extra.kind ?? 'order'}`),
    kind: extra.kind ?? 'ORDER',
    occurredAt: '2025-05-01T10:00:00Z',
    performerPersonId: id(name),
    aboutIds: [id('cargo')],
    sentiment,
    status: extra.status ?? null,
  });
  return {
    persons: people.map(([name, consent]) => ({
      id: id(name),
      name,
      consents: consent ? CONSENT : [],
    })),
    users: [{ id: id('user-staff'), personId: id('staff') }],
    organizations: [
      { id: OWN, name: 'Velora' },
      { id: id('buyer-co'), kind: 'COMPANY' },
      { id: id('similar-co'), kind: 'COMPANY' },
      { id: id('press'), kind: 'MEDIA_OUTLET' },
    ],
    topics: [
      { id: id('cargo-bikes'), name: 'cargo bikes' },
      { id: id('knitting'), name: 'knitting' },
    ],
    products: [{ id: id('cargo'), name: 'Velora Cargo' }],
    roles: [
      ...['happy', 'complaining', 'grumpy', 'silent', 'customer-friend', 'buyer'].map((name) => ({
        personId: id(name),
        organizationId: OWN,
        role: 'CUSTOMER',
        since: '2024-01-01',
      })),
      {
        personId: id('former'),
        organizationId: OWN,
        role: 'CUSTOMER',
        since: '2020-01-01',
        until: '2021-01-01',
      },
      { personId: id('happy'), organizationId: id('buyer-co'), role: 'DECISION_MAKER' },
      { personId: id('buyer'), organizationId: id('buyer-co'), role: 'DECISION_MAKER' },
      { personId: id('twin'), organizationId: id('similar-co'), role: 'DECISION_MAKER' },
      { personId: id('employee'), organizationId: id('similar-co'), role: 'EMPLOYEE' },
      { personId: id('journalist'), organizationId: id('press'), role: 'JOURNALIST' },
    ],
    interests: [
      { personId: id('happy'), targetId: id('cargo-bikes'), weight: 0.9 },
      { personId: id('buyer'), targetId: id('cargo-bikes'), weight: 0.9 },
      { personId: id('friend'), targetId: id('cargo'), weight: 0.8 },
      { personId: id('follower'), targetId: id('cargo-bikes'), weight: 0.5 },
      { personId: id('knitter'), targetId: id('knitting'), weight: 0.9 },
      { personId: id('customer-friend'), targetId: id('cargo'), weight: 0.9 },
      { personId: id('private-friend'), targetId: id('cargo'), weight: 0.9 },
      { personId: id('friend-of-complaining'), targetId: id('cargo'), weight: 0.9 },
      { personId: id('friend-of-silent'), targetId: id('cargo'), weight: 0.9 },
      { personId: id('staff'), targetId: id('cargo'), weight: 0.9 },
      { personId: id('twin'), targetId: id('cargo-bikes'), weight: 0.7 },
      { personId: id('private-twin'), targetId: id('cargo-bikes'), weight: 0.7 },
      { personId: id('stranger'), targetId: id('knitting'), weight: 0.7 },
      { personId: id('prospect'), targetId: id('cargo-bikes'), weight: 0.6 },
      { personId: id('employee'), targetId: id('cargo-bikes'), weight: 0.6 },
      { personId: id('journalist'), targetId: id('knitting'), weight: 0.6 },
    ],
    ties: [
      { from: id('friend'), to: id('happy'), type: TieType.FRIEND_OF, strength: 0.9 },
      { from: id('happy'), to: id('knitter'), type: TieType.KNOWS, strength: 0.6 },
      { from: id('happy'), to: id('customer-friend'), type: TieType.FRIEND_OF, strength: 0.9 },
      { from: id('happy'), to: id('private-friend'), type: TieType.FRIEND_OF, strength: 0.9 },
      { from: id('happy'), to: id('staff'), type: TieType.FRIEND_OF, strength: 0.9 },
      {
        from: id('complaining'),
        to: id('friend-of-complaining'),
        type: TieType.FRIEND_OF,
        strength: 0.9,
      },
      { from: id('grumpy'), to: id('friend-of-complaining'), type: TieType.KNOWS, strength: 0.9 },
      { from: id('silent'), to: id('friend-of-silent'), type: TieType.FRIEND_OF, strength: 0.9 },
      { from: id('prospect'), to: id('happy'), type: TieType.KNOWS, strength: 0.7 },
      { from: id('prospect'), to: id('complaining'), type: TieType.KNOWS, strength: 0.9 },
      { from: id('employee'), to: id('happy'), type: TieType.COLLEAGUE_OF, strength: 0.5 },
      // The twin's neighbourhood: tied to a friend of the happy customer.
      { from: id('twin'), to: id('friend'), type: TieType.KNOWS, strength: 0.5 },
    ],
    accounts: [
      { id: id('happy-x'), platform: 'X', ownerId: id('happy') },
      { id: id('follower-x'), platform: 'X', ownerId: id('follower') },
    ],
    follows: [{ from: id('follower-x'), to: id('happy-x') }],
    interactions: [
      order('happy', 0.8),
      order('complaining', 0.9),
      order('complaining', -0.8, { kind: 'COMPLAINT', status: 'OPEN' }),
      order('grumpy', -0.5),
      order('silent', 0.9),
      order('former', 0.9),
      order('buyer', 0.6),
      {
        id: id('cargo-review'),
        kind: 'REVIEW',
        occurredAt: '2025-05-02T10:00:00Z',
        performerPersonId: id('happy'),
        aboutIds: [id('cargo'), id('cargo-bikes')],
        sentiment: 0.8,
      },
    ],
  };
}

beforeAll(async () => {
  await writeGraph(server.gateway, market());
});

async function referralCandidates(input: Record<string, unknown>) {
  return dataOf(await server.execute(ReferralCandidatesDocument, { input })).referralCandidates;
}

describe('referral candidates', () => {
  it('finds friends and followers of satisfied customers who are interested, best first', async () => {
    const found = await referralCandidates({ productId: id('cargo') });
    expect(found.map((candidate) => candidate.person.id)).toEqual(
      ['friend', 'prospect', 'employee', 'follower'].map(id),
    );
    const [friend, , , follower] = found;
    // interest × strength × (1 + mean sentiment) / 2
    expect(friend?.score).toBeCloseTo((0.8 * 0.9 * (1 + 0.8)) / 2, 10);
    expect(friend?.products.map((product) => product.id)).toEqual([id('cargo')]);
    expect(friend?.referrers).toEqual([
      {
        linkKinds: ['FRIEND_OF'],
        strength: 0.9,
        sentiment: 0.8,
        referralStrength: expect.closeTo(0.9 * 0.9, 10) as unknown as number,
        customer: { id: id('happy') },
      },
    ]);
    // The product's topic comes from what its interactions are about.
    expect(follower?.topics.map((topic) => topic.id)).toEqual([id('cargo-bikes')]);
    expect(follower?.referrers[0]?.linkKinds).toEqual(['FOLLOWS']);
  });

  it('takes one satisfied customer, and given topics', async () => {
    const mine = await referralCandidates({ customerPersonId: id('happy') });
    expect(mine.map((candidate) => candidate.person.id)).toEqual(
      ['friend', 'prospect', 'employee', 'follower'].map(id),
    );
    const knitters = await referralCandidates({
      customerPersonId: id('happy'),
      topicIds: [id('knitting')],
    });
    expect(knitters.map((candidate) => candidate.person.id)).toEqual([id('friend'), id('knitter')]);
  });

  it('has nothing for unhappy customers, complaining ones, or a former customer', async () => {
    for (const name of ['grumpy', 'complaining', 'former']) {
      expect(await referralCandidates({ customerPersonId: id(name) })).toEqual([]);
    }
  });

  it.each([
    [
      'both a product and a customer',
      { productId: id('cargo'), customerPersonId: id('happy') },
      'BAD_USER_INPUT',
    ],
    ['neither', {}, 'BAD_USER_INPUT'],
    ['an unknown product', { productId: 'pr-nothing' }, 'NOT_FOUND'],
    ['an unknown customer', { customerPersonId: 'pr-nobody' }, 'NOT_FOUND'],
    ['an unknown topic', { productId: id('cargo'), topicIds: ['pr-no-topic'] }, 'NOT_FOUND'],
    ['101 results', { productId: id('cargo'), first: 101 }, 'BAD_USER_INPUT'],
  ])('%s → %s', async (_case, input, code) => {
    const response = await server.execute(ReferralCandidatesDocument, { input });
    expect(response.body.errors?.[0]?.extensions?.code).toBe(code);
  });
});

describe('look-alike prospects', () => {
  it('ranks people like our customers, never customers, staff or people without consent', async () => {
    const found = dataOf(
      await server.execute(LookalikesDocument, { input: { first: 100 } }),
    ).lookalikes;
    const ids = found.map((lookalike) => lookalike.person?.id);
    expect(ids[0]).toBe(id('twin'));
    for (const excluded of [
      'happy',
      'buyer',
      'customer-friend',
      'staff',
      'private-twin',
      'private-friend',
    ]) {
      expect(ids).not.toContain(id(excluded));
    }
    expect(ids.indexOf(id('twin'))).toBeLessThan(ids.indexOf(id('employee')));
    const [twin] = found;
    expect(twin).toMatchObject({
      sharedRoles: ['DECISION_MAKER'],
      sharedOrganizationKinds: ['COMPANY'],
      sharedTopics: [{ id: id('cargo-bikes') }],
      commonNeighbours: 1,
    });
    expect(twin?.networkScore).toBeGreaterThan(0);
    expect(twin?.profileSimilarity).toBeGreaterThan(0);
    expect(ids).not.toContain(id('stranger'));
  });

  it('finds organizations like our customers’ organizations', async () => {
    const found = dataOf(
      await server.execute(LookalikesDocument, { input: { kind: 'ORGANIZATION' } }),
    ).lookalikes;
    const ids = found.map((lookalike) => lookalike.organization?.id);
    expect(ids[0]).toBe(id('similar-co'));
    expect(ids).not.toContain(id('buyer-co'));
    // Nothing alike and nobody in common: no score at all.
    expect(ids).not.toContain(OWN);
    expect(ids).not.toContain(id('press'));
    expect(found[0]?.profileSimilarity).toBe(1);
  });

  it('narrows the customers to a product and a segment; an unknown product is NOT_FOUND', async () => {
    const deciders = dataOf(
      await server.execute(LookalikesDocument, {
        input: { productId: id('cargo'), segmentRole: 'DECISION_MAKER' },
      }),
    ).lookalikes;
    expect(deciders[0]?.person?.id).toBe(id('twin'));
    const response = await server.execute(LookalikesDocument, { input: { productId: 'pr-none' } });
    expect(response.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('reference customers', () => {
  it('names satisfied customers tied to the prospect first, then similar ones', async () => {
    const found = dataOf(
      await server.execute(ReferenceCustomersDocument, {
        input: { prospectPersonId: id('prospect') },
      }),
    ).referenceCustomers;
    expect(found.map((reference) => reference.customer.id)).toEqual([id('happy'), id('buyer')]);
    expect(found[0]).toMatchObject({
      reasons: ['TIED', 'SIMILAR'],
      linkKinds: ['KNOWS'],
      linkWeight: 0.7,
      sentiment: 0.8,
      via: null,
    });
    expect(found[1]).toMatchObject({ reasons: ['SIMILAR'], linkWeight: 0 });
    expect(found[1]?.sharedTopics).toEqual([{ id: id('cargo-bikes') }]);
  });

  it('works for an organization through its people', async () => {
    const found = dataOf(
      await server.execute(ReferenceCustomersDocument, {
        input: { prospectOrganizationId: id('similar-co') },
      }),
    ).referenceCustomers;
    expect(found[0]).toMatchObject({
      customer: { id: id('happy') },
      reasons: ['TIED', 'SIMILAR'],
      via: { id: id('employee') },
    });
  });

  it.each([
    [
      'a prospect without consent',
      { prospectPersonId: id('private-prospect') },
      'CONSENT_REQUIRED',
    ],
    ['an unknown prospect', { prospectPersonId: 'pr-nobody' }, 'NOT_FOUND'],
    ['an unknown organization', { prospectOrganizationId: 'pr-no-org' }, 'NOT_FOUND'],
    [
      'two prospects',
      { prospectPersonId: id('prospect'), prospectOrganizationId: id('press') },
      'BAD_USER_INPUT',
    ],
  ])('%s → %s', async (_case, input, code) => {
    const response = await server.execute(ReferenceCustomersDocument, { input });
    expect(response.body.errors?.[0]?.extensions?.code).toBe(code);
  });
});
