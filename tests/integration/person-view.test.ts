import {
  AddTieDocument,
  CreateProductDocument,
  LinkSocialAccountDocument,
  MarkSameAsDocument,
  PersonByEmailDocument,
  PersonByExternalKeyDocument,
  PersonBySocialAccountDocument,
  PersonClosestStaffDocument,
  PersonInsightListsDocument,
  PersonTiesDocument,
  type PersonTiesQuery,
  PersonTimelineDocument,
  type PersonTimelineQuery,
  PersonViewDocument,
  PersonViewInListDocument,
  type RecordInteractionInput,
  RecordInteractionDocument,
  SetInterestDocument,
  type TieType,
  type TimelineFilter,
  type PersonClosestStaffQuery,
  UpsertPersonByExternalKeyDocument,
  UpsertSocialAccountDocument,
  UpsertTopicDocument,
  UpsertUserDocument,
} from '../generated/graphql';
import { addRole, createOrganization, createPerson, dataOf } from '../support/factories';
import { type TestServer, useTestServer } from '../support/test-server';

// Consent is not what this file is about: the views show what is stored. Linking accounts needs
// SOCIAL_MONITORING consent by default, so no purpose requires it here.
// The view reached through a list of people (PersonViewInList) nests three levels deeper than a
// screen's single person, beyond the default depth limit.
const server = useTestServer({
  env: { CONSENT_REQUIRED_PURPOSES: '', GRAPHQL_MAX_DEPTH: '12', GRAPHQL_MAX_COST: '1000000' },
});

const DAY_MS = 24 * 60 * 60 * 1000;
const now = Date.now();

function daysAgo(days: number): string {
  return new Date(now - days * DAY_MS).toISOString();
}

/** The 10th of the month `months` before the current one, at noon UTC. */
function monthsAgo(months: number): string {
  const today = new Date(now);
  return new Date(
    Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - months, 10, 12),
  ).toISOString();
}

function monthKey(iso: string): string {
  return iso.slice(0, 7);
}

async function record(input: RecordInteractionInput): Promise<string> {
  return dataOf(await server.execute(RecordInteractionDocument, { input })).recordInteraction.id;
}

async function staffUser(login: string) {
  const person = await createPerson(server, { name: `Staff ${login}` });
  const user = dataOf(
    await server.execute(UpsertUserDocument, {
      input: { login, displayName: login, staffRole: 'SALES_REP', personId: person.id },
    }),
  ).upsertUser;
  return { userId: user.id, personId: person.id };
}

async function tie(fromPersonId: string, toPersonId: string, type: TieType, strength: number) {
  return dataOf(
    await server.execute(AddTieDocument, { input: { fromPersonId, toPersonId, type, strength } }),
  ).addTie.id;
}

function errorOf(response: Awaited<ReturnType<TestServer['execute']>>) {
  return response.body.errors?.[0]?.extensions;
}

/**
 * Anna: a decision maker at a customer company with two social accounts, a duplicate record, 12
 * contacts, seven members of staff who know her in different ways, and two years of classic and social
 * interactions (plus one older).
 */
const anna = {
  id: '',
  xAccountId: '',
  productCargo: '',
  productCity: '',
  topicCargo: '',
  topicBatteries: '',
  topicCommuting: '',
  staff: [] as { userId: string; personId: string }[],
  openComplaintId: '',
  acknowledgedTicketId: '',
  interactions: [] as { id: string; occurredAt: string; sentiment: number | null }[],
};
const CONTACTS = 12;
/** Setting up through the API takes a while on a busy machine. */
const SETUP_TIMEOUT_MS = 300_000;

beforeAll(async () => {
  const nordlicht = await createOrganization(server, { name: 'Nordlicht Logistik' });
  const formerEmployer = await createOrganization(server, { name: 'Südwind Spedition' });
  anna.id = dataOf(
    await server.execute(UpsertPersonByExternalKeyDocument, {
      key: { system: 'shop', externalId: 'C-1042' },
      input: { name: 'Anna Schmidt', email: 'anna@nordlicht.example' },
    }),
  ).upsertPersonByExternalKey.id;
  await addRole(server, {
    personId: anna.id,
    role: 'DECISION_MAKER',
    organizationId: nordlicht.id,
    since: '2022-01-01',
  });
  await addRole(server, {
    personId: anna.id,
    role: 'EMPLOYEE',
    organizationId: formerEmployer.id,
    since: '2015-03-01',
    until: '2021-12-31',
  });
  await addRole(server, { personId: anna.id, role: 'CUSTOMER', since: '2023-05-10' });

  const x = dataOf(
    await server.execute(UpsertSocialAccountDocument, {
      input: { platform: 'X', handle: '@anna_nordlicht', followers: 820 },
    }),
  ).upsertSocialAccount;
  const linkedIn = dataOf(
    await server.execute(UpsertSocialAccountDocument, {
      input: { platform: 'LINKEDIN', handle: 'anna-schmidt', followers: 300 },
    }),
  ).upsertSocialAccount;
  anna.xAccountId = x.id;
  for (const accountId of [x.id, linkedIn.id]) {
    dataOf(
      await server.execute(LinkSocialAccountDocument, {
        input: { accountId, personId: anna.id, confidence: 1 },
      }),
    );
  }
  const duplicate = await createPerson(server, { name: 'A. Schmidt' });
  dataOf(
    await server.execute(MarkSameAsDocument, {
      input: { personId: anna.id, otherPersonId: duplicate.id, confidence: 0.9 },
    }),
  );

  // 12 contacts, ties in both directions with distinct strengths; the strongest has a role.
  for (let index = 0; index < CONTACTS; index += 1) {
    const other = await createPerson(server, { name: `Contact ${String(index).padStart(2, '0')}` });
    const strength = Math.round((0.95 - 0.07 * (CONTACTS - 1 - index)) * 100) / 100;
    const type: TieType = index % 3 === 0 ? 'COLLEAGUE_OF' : 'KNOWS';
    if (index % 2 === 1) await tie(anna.id, other.id, type, strength);
    else await tie(other.id, anna.id, type, strength);
    if (index === CONTACTS - 1) {
      await addRole(server, { personId: other.id, role: 'CHAMPION', organizationId: nordlicht.id });
    }
  }

  anna.productCargo = dataOf(
    await server.execute(CreateProductDocument, { input: { name: 'Velora Cargo' } }),
  ).createProduct.id;
  anna.productCity = dataOf(
    await server.execute(CreateProductDocument, { input: { name: 'Velora City' } }),
  ).createProduct.id;
  const topic = async (name: string) =>
    dataOf(await server.execute(UpsertTopicDocument, { name })).upsertTopic.id;
  anna.topicCargo = await topic('cargo bikes');
  anna.topicBatteries = await topic('batteries');
  anna.topicCommuting = await topic('commuting');
  dataOf(
    await server.execute(SetInterestDocument, {
      input: { personId: anna.id, subjectId: anna.topicCommuting, weight: 0.8 },
    }),
  );

  for (const login of ['s0', 's1', 's2', 's3', 's4', 's5', 's6']) {
    anna.staff.push(await staffUser(login));
  }
  const [s0, s1, s2, s3, s4, s5, s6] = anna.staff as [
    (typeof anna.staff)[0],
    (typeof anna.staff)[0],
    (typeof anna.staff)[0],
    (typeof anna.staff)[0],
    (typeof anna.staff)[0],
    (typeof anna.staff)[0],
    (typeof anna.staff)[0],
  ];
  await tie(s0.personId, anna.id, 'KNOWS', 0.9);
  await tie(anna.id, s1.personId, 'FRIEND_OF', 0.5);
  await tie(s5.personId, anna.id, 'KNOWS', 0.2);
  await tie(s6.personId, anna.id, 'KNOWS', 0.1);

  const remember = (id: string, occurredAt: string, sentiment: number | null) => {
    anna.interactions.push({ id, occurredAt, sentiment });
    return id;
  };
  const classic = async (
    kind: RecordInteractionInput['kind'],
    occurredAt: string,
    sentiment: number | null,
    extra: Partial<RecordInteractionInput> = {},
  ) =>
    remember(
      await record({
        kind,
        channel: kind === 'ORDER' ? 'WEB_SHOP' : 'EMAIL',
        occurredAt,
        sentiment,
        performedByPersonId: anna.id,
        ...extra,
      }),
      occurredAt,
      sentiment,
    );

  await classic('ORDER', monthsAgo(20), 0.6, { aboutIds: [anna.productCargo] });
  await classic('ORDER', monthsAgo(8), 0.4, { aboutIds: [anna.productCargo] });
  await classic('ORDER', monthsAgo(3), null, { aboutIds: [anna.productCity] });
  for (const months of [14, 9, 5]) {
    await classic('CALL', monthsAgo(months), 0.1, { handledByUserId: s2.userId });
  }
  await classic('TICKET', monthsAgo(6), -0.2, { status: 'RESOLVED' });
  anna.acknowledgedTicketId = await classic('TICKET', monthsAgo(2), -0.1, {
    status: 'ACKNOWLEDGED',
  });
  anna.openComplaintId = await classic('COMPLAINT', daysAgo(4), -0.8, {
    aboutIds: [anna.productCargo, anna.topicBatteries],
    handledByUserId: s0.userId,
  });
  // Outside the 24-month window: on the timeline, not in the trend.
  await classic('MEETING', monthsAgo(30), 0.9);
  const posts: string[] = [];
  for (const months of [7, 1, 0]) {
    const occurredAt = months === 0 ? daysAgo(1) : monthsAgo(months);
    posts.push(
      remember(
        await record({
          kind: 'POST',
          channel: 'SOCIAL',
          occurredAt,
          sentiment: 0.5,
          performedByAccountId: x.id,
          aboutIds: [anna.topicCargo],
        }),
        occurredAt,
        0.5,
      ),
    );
  }
  // Staff 3 answers her newest post; staff 4 e-mails her (naming her).
  await record({
    kind: 'REPLY',
    channel: 'SOCIAL',
    occurredAt: daysAgo(0.5),
    performedByPersonId: s3.personId,
    replyToId: posts[2] ?? null,
  });
  await record({
    kind: 'EMAIL',
    channel: 'EMAIL',
    occurredAt: daysAgo(2),
    performedByPersonId: s4.personId,
    mentionIds: [anna.id],
  });
}, SETUP_TIMEOUT_MS);

describe('person lookups', () => {
  it('finds one person by id, e-mail (any case), platform + handle and external key', async () => {
    const byEmail = dataOf(
      await server.execute(PersonByEmailDocument, { email: 'Anna@Nordlicht.example' }),
    );
    const byHandle = dataOf(
      await server.execute(PersonBySocialAccountDocument, {
        platform: 'X',
        handle: '@Anna_Nordlicht',
      }),
    );
    const byKey = dataOf(
      await server.execute(PersonByExternalKeyDocument, {
        key: { system: 'shop', externalId: 'C-1042' },
      }),
    );
    expect(byEmail.personByEmail.id).toBe(anna.id);
    expect(byHandle.personBySocialAccount.id).toBe(anna.id);
    expect(byKey.personByExternalKey).toEqual({ id: anna.id, name: 'Anna Schmidt' });
  });

  it('several records with one e-mail are a CONFLICT that names them', async () => {
    const a = await createPerson(server, { email: 'shared@example.org' });
    const b = await createPerson(server, { email: 'shared@example.org' });
    const response = await server.execute(PersonByEmailDocument, { email: 'shared@example.org' });
    expect(errorOf(response)).toMatchObject({ code: 'CONFLICT', field: 'email' });
    expect((errorOf(response)?.personIds as string[]).sort()).toEqual([a.id, b.id].sort());
  });

  it('an account without a known owner is NOT_FOUND', async () => {
    dataOf(
      await server.execute(UpsertSocialAccountDocument, {
        input: { platform: 'X', handle: 'anonymous_critic' },
      }),
    );
    const response = await server.execute(PersonBySocialAccountDocument, {
      platform: 'X',
      handle: 'anonymous_critic',
    });
    expect(errorOf(response)).toMatchObject({ code: 'NOT_FOUND', field: 'handle' });
  });

  it.each([
    [
      'an unknown id',
      'NOT_FOUND',
      () => server.execute(PersonViewDocument, { id: 'no-such-person' }),
    ],
    ['a malformed id', 'BAD_USER_INPUT', () => server.execute(PersonViewDocument, { id: 'x y;' })],
    [
      'an unknown e-mail',
      'NOT_FOUND',
      () => server.execute(PersonByEmailDocument, { email: 'nobody@example.org' }),
    ],
    [
      'a malformed e-mail',
      'BAD_USER_INPUT',
      () => server.execute(PersonByEmailDocument, { email: 'not-an-address' }),
    ],
    [
      'a malformed handle',
      'BAD_USER_INPUT',
      () => server.execute(PersonBySocialAccountDocument, { platform: 'X', handle: 'a b' }),
    ],
    [
      'an unknown handle',
      'NOT_FOUND',
      () => server.execute(PersonBySocialAccountDocument, { platform: 'X', handle: 'nobody' }),
    ],
    [
      'an unknown external key',
      'NOT_FOUND',
      () =>
        server.execute(PersonByExternalKeyDocument, {
          key: { system: 'shop', externalId: 'C-0000' },
        }),
    ],
    [
      'a malformed external key',
      'BAD_USER_INPUT',
      () =>
        server.execute(PersonByExternalKeyDocument, {
          key: { system: 'Shop System', externalId: 'C-1042' },
        }),
    ],
  ])('%s → %s', async (_case, code, send) => {
    const response = await send();
    expect(errorOf(response)?.code).toBe(code);
  });
});

describe('the person view in one request', () => {
  let view: NonNullable<Awaited<ReturnType<typeof loadView>>>;

  async function loadView() {
    return dataOf(
      await server.execute(PersonViewDocument, {
        id: anna.id,
        tiesFirst: 5,
        timelineFirst: 100,
        staffFirst: 100,
      }),
    ).person;
  }

  beforeAll(async () => {
    view = await loadView();
  });

  it('has current and past roles with organizations, identities and same-as records', () => {
    expect(view.roles.map((role) => [role.role, role.since, role.until, role.isCurrent])).toEqual([
      ['CUSTOMER', '2023-05-10', null, true],
      ['DECISION_MAKER', '2022-01-01', null, true],
      ['EMPLOYEE', '2015-03-01', '2021-12-31', false],
    ]);
    expect(view.roles.slice(1).map((role) => role.organization.name)).toEqual([
      'Nordlicht Logistik',
      'Südwind Spedition',
    ]);
    expect(view.socialAccounts.map((account) => [account.platform, account.followers])).toEqual([
      ['X', 820],
      ['LINKEDIN', 300],
    ]);
    expect(view.sameAs.map((link) => [link.other.name, link.confidence])).toEqual([
      ['A. Schmidt', 0.9],
    ]);
  });

  it('pages ties strongest first, each with the other person, their roles and the direction', () => {
    // 12 contacts and 4 members of staff.
    expect(view.tiesConnection.totalCount).toBe(CONTACTS + 4);
    const strengths = view.tiesConnection.edges.map((edge) => edge.node.strength);
    expect(strengths).toEqual([0.95, 0.9, 0.88, 0.81, 0.74]);
    const strongest = view.tiesConnection.edges[0];
    expect(strongest?.other).toMatchObject({
      name: 'Contact 11',
      roles: [{ role: 'CHAMPION', isCurrent: true }],
    });
    expect(strongest?.direction).toBe('OUTGOING');
    expect(view.tiesConnection.edges[1]).toMatchObject({
      direction: 'INCOMING',
      other: { name: 'Staff s0', roles: [] },
    });
  });

  it('merges classic and social interactions newest first on the timeline', () => {
    const expected = [...anna.interactions].sort(
      (a, b) => Date.parse(b.occurredAt) - Date.parse(a.occurredAt),
    );
    expect(view.timeline.totalCount).toBe(anna.interactions.length);
    expect(view.timeline.edges.map((edge) => edge.node.id)).toEqual(expected.map((i) => i.id));
    const newest = view.timeline.edges[0]?.node;
    expect(newest).toMatchObject({
      kind: 'POST',
      performer: { __typename: 'SocialAccount', handle: 'anna_nordlicht' },
      about: [{ __typename: 'Topic', name: 'cargo bikes' }],
    });
  });

  it('gives the sentiment per month for the last 24 months, oldest first', () => {
    expect(view.sentimentTrend).toHaveLength(24);
    expect(view.sentimentTrend[23]?.month).toBe(monthKey(new Date(now).toISOString()));
    const inWindow = anna.interactions.filter(
      (interaction) => Date.parse(interaction.occurredAt) >= Date.parse(monthsAgo(23)) - 9 * DAY_MS,
    );
    for (const month of view.sentimentTrend) {
      const those = inWindow.filter((i) => monthKey(i.occurredAt) === month.month);
      const rated = those.flatMap((i) => (i.sentiment === null ? [] : [i.sentiment]));
      expect(month.interactions).toBe(those.length);
      expect(month.rated).toBe(rated.length);
      if (rated.length === 0) expect(month.averageSentiment).toBeNull();
      else
        expect(month.averageSentiment).toBeCloseTo(
          rated.reduce((a, b) => a + b, 0) / rated.length,
          6,
        );
      expect(month.positive).toBe(rated.filter((value) => value > 0.2).length);
      expect(month.negative).toBe(rated.filter((value) => value < -0.2).length);
    }
    const total = view.sentimentTrend.reduce((sum, month) => sum + month.interactions, 0);
    expect(total).toBe(anna.interactions.length - 1);
  });

  it('ranks topics from interactions and stated interests', () => {
    expect(
      view.topTopics.map((topic) => [topic.topic.name, topic.interactions, topic.interestWeight]),
    ).toEqual([
      ['commuting', 0, 0.8],
      ['cargo bikes', 3, null],
      ['batteries', 1, null],
    ]);
    expect(view.topTopics[0]?.score).toBeCloseTo(4);
  });

  it('lists open tickets and complaints, products bought and the last staff contact', () => {
    expect(view.openIssueCount).toBe(2);
    expect(view.openIssues.map((issue) => [issue.id, issue.status])).toEqual([
      [anna.openComplaintId, 'OPEN'],
      [anna.acknowledgedTicketId, 'ACKNOWLEDGED'],
    ]);
    expect(view.productsBought.map((p) => [p.product.name, p.orders, p.buyers])).toEqual([
      ['Velora Cargo', 2, 1],
      ['Velora City', 1, 1],
    ]);
    expect(view.lastContact).toMatchObject({
      interaction: { id: anna.openComplaintId, kind: 'COMPLAINT' },
      staff: { login: 's0' },
    });
  });

  it('explains the relationship strength by its four components', () => {
    const strength = view.relationshipStrength;
    expect(strength.components.map((c) => c.factor)).toEqual([
      'RECENCY',
      'FREQUENCY',
      'RECIPROCITY',
      'SENTIMENT',
    ]);
    const sum = strength.components.reduce((total, c) => total + c.points, 0);
    expect(strength.score).toBe(Math.round(sum));
    expect(strength.score).toBeGreaterThan(20);
    for (const component of strength.components) {
      expect(component.explanation).not.toMatch(/Anna|Schmidt|nordlicht/i);
    }
  });

  it('ranks every member of staff who knows her, with the evidence, not capped at five', () => {
    const ranked = view.closestStaff.edges.map((edge) => edge.node);
    expect(view.closestStaff.totalCount).toBe(7);
    expect(ranked).toHaveLength(7);
    expect(ranked[0]?.staff.login).toBe('s0');
    expect(ranked[0]).toMatchObject({ tieStrength: 0.9, sharedInteractions: 1 });
    expect(ranked[0]?.recentSharedInteractions.map((i) => i.id)).toEqual([anna.openComplaintId]);
    const scores = ranked.map((node) => node.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const byLogin = new Map(ranked.map((node) => [node.staff.login, node]));
    expect(byLogin.get('s2')).toMatchObject({ tieStrength: 0, sharedInteractions: 3 });
    expect(byLogin.get('s3')?.sharedInteractions).toBe(1);
    expect(byLogin.get('s4')?.sharedInteractions).toBe(1);
    expect(byLogin.get('s6')?.ties).toEqual([expect.objectContaining({ strength: 0.1 })]);
    expect(ranked.at(-1)?.staff.login).toBe('s6');
  });

  it('is the same whether prefetched in one query or loaded field by field', async () => {
    const variables = { tiesFirst: 5, timelineFirst: 100, staffFirst: 100 };
    const prefetched = await server.execute(PersonViewDocument, { id: anna.id, ...variables });
    const fieldByField = await server.execute(PersonViewInListDocument, {
      email: 'anna@nordlicht.example',
      ...variables,
    });
    expect(dataOf(fieldByField).persons.edges[0]?.node).toEqual(dataOf(prefetched).person);
    // One query for the person and everything below it (the audit entry goes out in its own batched write).
    expect(prefetched.body.extensions?.diagnostics?.dbRoundTrips).toBe(1);
  });

  it('reads the stored influence score, null until the analytics wrote one', async () => {
    expect(view.influenceScore).toBeNull();
    await server.gateway.write({ operationName: 'test' }, (runner) =>
      runner.run(
        'MATCH (p:Person {id: $id}) SET p.influenceScore = 73.5, p.influenceComputedAt = datetime($at)',
        { id: anna.id, at: '2026-01-02T03:04:05Z' },
      ),
    );
    const again = await loadView();
    expect(again.influenceScore).toBe(73.5);
    expect(again.influenceComputedAt).toBe('2026-01-02T03:04:05.000Z');
  });
});

describe('relationship strength', () => {
  it('counts only interactions with us and explains each factor with the numbers', async () => {
    const ben = await createPerson(server, { name: 'Ben' });
    const staff = await staffUser('strength-agent');
    const account = dataOf(
      await server.execute(UpsertSocialAccountDocument, {
        input: { platform: 'X', handle: 'ben' },
      }),
    ).upsertSocialAccount;
    dataOf(
      await server.execute(LinkSocialAccountDocument, {
        input: { accountId: account.id, personId: ben.id, confidence: 1 },
      }),
    );
    await record({
      kind: 'CALL',
      channel: 'PHONE',
      occurredAt: daysAgo(10),
      sentiment: 0.5,
      performedByPersonId: ben.id,
      handledByUserId: staff.userId,
    });
    await record({
      kind: 'EMAIL',
      channel: 'EMAIL',
      occurredAt: daysAgo(40),
      sentiment: -0.1,
      performedByPersonId: ben.id,
    });
    // A post about nothing of ours is not an interaction with us.
    await record({
      kind: 'POST',
      channel: 'SOCIAL',
      occurredAt: daysAgo(1),
      sentiment: 1,
      performedByAccountId: account.id,
    });
    const strength = dataOf(await server.execute(PersonViewDocument, { id: ben.id })).person
      .relationshipStrength;
    const value = (factor: string) => strength.components.find((c) => c.factor === factor)?.value;
    expect(strength.interactionsInYear).toBe(2);
    expect(value('RECENCY')).toBeCloseTo(0.5 ** (10 / 90), 2);
    expect(value('FREQUENCY')).toBeCloseTo(Math.log(3) / Math.log(25), 3);
    expect(value('RECIPROCITY')).toBe(0.5);
    expect(value('SENTIMENT')).toBeCloseTo(0.6, 3);
    expect(strength.components.find((c) => c.factor === 'RECIPROCITY')?.explanation).toBe(
      '1 of 2 interactions in the last 12 months handled or answered by our staff',
    );

    const stranger = await createPerson(server);
    const none = dataOf(await server.execute(PersonViewDocument, { id: stranger.id })).person;
    expect(none.relationshipStrength.score).toBe(0);
    expect(none.closestStaff.totalCount).toBe(0);
    expect(none.lastContact).toBeNull();
    expect(none.sentimentTrend.every((month) => month.interactions === 0)).toBe(true);
  });
});

describe('paging and filters', () => {
  it('pages through all ties by strength without gaps or repeats, and filters by type', async () => {
    const seen: number[] = [];
    let after: string | null = null;
    for (;;) {
      const page: NonNullable<PersonTiesQuery['person']>['tiesConnection'] = dataOf(
        await server.execute(PersonTiesDocument, { id: anna.id, first: 5, after }),
      ).person.tiesConnection;
      seen.push(...page.edges.map((edge) => edge.node.strength));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(CONTACTS + 4);
    expect(seen).toEqual([...seen].sort((a, b) => b - a));

    const colleagues = dataOf(
      await server.execute(PersonTiesDocument, { id: anna.id, types: ['COLLEAGUE_OF'] }),
    ).person.tiesConnection;
    expect(colleagues.totalCount).toBe(4);
    expect(colleagues.edges.every((edge) => edge.node.type === 'COLLEAGUE_OF')).toBe(true);
  });

  it('pages through the timeline in order', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: NonNullable<PersonTimelineQuery['person']>['timeline'] = dataOf(
        await server.execute(PersonTimelineDocument, { id: anna.id, first: 4, after }),
      ).person.timeline;
      seen.push(...page.edges.map((edge) => edge.node.occurredAt));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(anna.interactions.length);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual([...seen].sort().reverse());
  });

  it.each<[string, TimelineFilter, (row: Row) => boolean]>([
    ['kinds', { kinds: ['ORDER', 'TICKET'] }, (i: Row) => ['ORDER', 'TICKET'].includes(i.kind)],
    ['channels', { channels: ['SOCIAL'] }, (i: Row) => i.channel === 'SOCIAL'],
    ['sentiment', { minSentiment: -0.15, maxSentiment: 0.45 }, inRange(-0.15, 0.45)],
    ['time range', { from: monthsAgo(9), to: monthsAgo(2) }, between(monthsAgo(9), monthsAgo(2))],
  ])('filters by %s', async (_name, filter, keep) => {
    const all = dataOf(
      await server.execute(PersonTimelineDocument, { id: anna.id, first: 100 }),
    ).person.timeline.edges.map((edge) => edge.node);
    const filtered = dataOf(
      await server.execute(PersonTimelineDocument, { id: anna.id, filter, first: 100 }),
    ).person.timeline;
    const expected = all.filter(keep);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(all.length);
    expect(filtered.edges.map((edge) => edge.node.id)).toEqual(expected.map((i) => i.id));
    expect(filtered.totalCount).toBe(expected.length);
  });

  it('filters by topic', async () => {
    const batteries = dataOf(
      await server.execute(PersonTimelineDocument, {
        id: anna.id,
        filter: { topicId: anna.topicBatteries },
      }),
    ).person.timeline;
    expect(batteries.edges.map((edge) => edge.node.id)).toEqual([anna.openComplaintId]);
  });

  it('pages through our staff closest first', async () => {
    const logins: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: NonNullable<PersonClosestStaffQuery['person']>['closestStaff'] = dataOf(
        await server.execute(PersonClosestStaffDocument, { id: anna.id, first: 3, after }),
      ).person.closestStaff;
      expect(page.totalCount).toBe(7);
      logins.push(...page.edges.map((edge) => edge.node.staff.login));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(logins).toHaveLength(7);
    expect(new Set(logins).size).toBe(7);
  });

  it.each([
    ['ties above the cap', 'first', PersonTiesDocument, { first: 101 }],
    ['a timeline page above the cap', 'first', PersonTimelineDocument, { first: 500 }],
    ['staff above the cap', 'first', PersonClosestStaffDocument, { first: 101 }],
    ['a negative page', 'first', PersonTimelineDocument, { first: -1 }],
    ['a foreign cursor', 'after', PersonTimelineDocument, { after: 'bm9wZQ' }],
    [
      'a tie cursor on the timeline',
      'after',
      PersonTimelineDocument,
      { after: Buffer.from(JSON.stringify([0.5, 'x'])).toString('base64url') },
    ],
    [
      'a time range that ends before it starts',
      'to',
      PersonTimelineDocument,
      { filter: { from: daysAgo(1), to: daysAgo(2) } },
    ],
    [
      'a sentiment range upside down',
      'maxSentiment',
      PersonTimelineDocument,
      { filter: { minSentiment: 0.5, maxSentiment: 0 } },
    ],
    ['a malformed topic id', 'topicId', PersonTimelineDocument, { filter: { topicId: 'a b' } }],
  ] as const)('%s → BAD_USER_INPUT naming %s', async (_name, field, document, variables) => {
    const response = await server.execute(document as typeof PersonTimelineDocument, {
      id: anna.id,
      ...variables,
    });
    expect(errorOf(response)).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it.each([
    [{ topics: 21 }, 20],
    [{ issues: 101 }, 100],
    [{ products: 101 }, 100],
  ])('list sizes above their cap (%p) are BAD_USER_INPUT with the cap', async (variables, max) => {
    const response = await server.execute(PersonInsightListsDocument, {
      id: anna.id,
      ...variables,
    });
    expect(errorOf(response)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first', max });
  });
});

type Row = { kind: string; channel: string; occurredAt: string; sentiment: number | null };

function inRange(min: number, max: number) {
  return (row: Row) => row.sentiment !== null && row.sentiment >= min && row.sentiment <= max;
}

function between(from: string, to: string) {
  return (row: Row) =>
    Date.parse(row.occurredAt) >= Date.parse(from) && Date.parse(row.occurredAt) < Date.parse(to);
}

describe('database round-trips (no N+1)', () => {
  /**
   * Builds a person with `size` interactions (classic and social, with topics, products, open
   * complaints and a handling member of staff) and `size` ties, straight through Cypher: the
   * quantities differ, the kinds of data are the same, so every nested loader runs in both views.
   */
  async function personWith(size: number, prefix: string): Promise<string> {
    const organization = await createOrganization(server);
    const person = await createPerson(server, {
      name: `${prefix} person`,
      email: `${prefix}@example.org`,
    });
    await addRole(server, {
      personId: person.id,
      role: 'CUSTOMER',
      organizationId: organization.id,
    });
    const staff = await staffUser(`${prefix}-staff`);
    await tie(staff.personId, person.id, 'KNOWS', 0.7);
    const account = dataOf(
      await server.execute(UpsertSocialAccountDocument, {
        input: { platform: 'X', handle: `${prefix}_handle` },
      }),
    ).upsertSocialAccount;
    dataOf(
      await server.execute(LinkSocialAccountDocument, {
        input: { accountId: account.id, personId: person.id, confidence: 1 },
      }),
    );
    const duplicate = await createPerson(server);
    dataOf(
      await server.execute(MarkSameAsDocument, {
        input: { personId: person.id, otherPersonId: duplicate.id, confidence: 0.5 },
      }),
    );
    const product = dataOf(
      await server.execute(CreateProductDocument, { input: { name: `${prefix} bike` } }),
    ).createProduct.id;
    const topic = dataOf(await server.execute(UpsertTopicDocument, { name: `${prefix} topic` }))
      .upsertTopic.id;
    await server.gateway.write({ operationName: 'test' }, (runner) =>
      runner.run(
        `MATCH (p:Person {id: $personId}), (a:SocialAccount {id: $accountId}),
               (u:User {id: $userId}), (t:Topic {id: $topic}), (product:Product {id: $product}),
               (o:Organization {id: $organizationId})
         UNWIND range(1, $size) AS n
         CREATE (i:Interaction {id: $prefix + '-i-' + n, channel: 'EMAIL',
                 kind: ['ORDER', 'COMPLAINT', 'POST', 'EMAIL'][n % 4],
                 status: CASE WHEN n % 4 = 1 THEN 'OPEN' END,
                 occurredAt: datetime() - duration({hours: n}), sentiment: (n % 5 - 2) / 2.0,
                 createdAt: datetime(), updatedAt: datetime()})
         CREATE (i)-[:ABOUT]->(t)
         FOREACH (_ IN CASE WHEN n % 4 = 2 THEN [1] ELSE [] END | CREATE (a)-[:PERFORMED]->(i))
         FOREACH (_ IN CASE WHEN n % 4 <> 2 THEN [1] ELSE [] END | CREATE (p)-[:PERFORMED]->(i))
         FOREACH (_ IN CASE WHEN n % 4 = 0 THEN [1] ELSE [] END | CREATE (i)-[:ABOUT]->(product))
         FOREACH (_ IN CASE WHEN n % 3 = 0 THEN [1] ELSE [] END | CREATE (u)-[:HANDLED]->(i))
         CREATE (friend:Person {id: $prefix + '-f-' + n, name: 'Friend ' + n,
                 createdAt: datetime(), updatedAt: datetime()})
         CREATE (p)-[:KNOWS {id: $prefix + '-t-' + n, strength: n / ($size + 1.0)}]->(friend)
         CREATE (friend)-[:HAS_ROLE {id: $prefix + '-r-' + n, role: 'EMPLOYEE'}]->(o)`,
        {
          personId: person.id,
          accountId: account.id,
          userId: staff.userId,
          topic,
          product,
          organizationId: organization.id,
          size,
          prefix,
        },
      ),
    );
    return person.id;
  }

  it(
    'the full person view costs the same for 5 and for 500 interactions and ties',
    async () => {
      const small = await personWith(5, 'small');
      const large = await personWith(500, 'large');
      const variables = { tiesFirst: 100, timelineFirst: 100, staffFirst: 100 };

      const smallView = await server.execute(PersonViewDocument, { id: small, ...variables });
      const largeView = await server.execute(PersonViewDocument, { id: large, ...variables });
      const smallPerson = dataOf(smallView).person;
      const largePerson = dataOf(largeView).person;
      expect(smallPerson.timeline.edges).toHaveLength(5);
      expect(largePerson.timeline).toMatchObject({ totalCount: 500 });
      expect(largePerson.timeline.edges).toHaveLength(100);
      expect(largePerson.tiesConnection.totalCount).toBe(501);
      expect(largePerson.tiesConnection.edges).toHaveLength(100);
      expect(largePerson.openIssues.length).toBeGreaterThan(smallPerson.openIssues.length);

      const trips = (response: {
        body: { extensions?: { diagnostics?: { dbRoundTrips: number } } };
      }) => response.body.extensions?.diagnostics?.dbRoundTrips ?? -1;
      expect(trips(largeView)).toBe(trips(smallView));
      // One prefetch query for the person and the whole view (the audit entry goes out in its own batched write).
      expect(trips(smallView)).toBe(1);

      // Without the prefetch (a person inside a list), every field batches through its loader:
      // bounded by the depth of the selection, one query per field and level, not per row. The
      // exact count may differ by one between runs (two loaders' loads share a batch only when
      // they fall into the same tick), so both sizes are held to the same fixed bound instead.
      const inList = (email: string) =>
        server.execute(PersonViewInListDocument, { email, ...variables });
      const smallInList = await inList('small@example.org');
      const largeInList = await inList('large@example.org');
      expect(dataOf(largeInList).persons.edges[0]?.node.timeline.edges).toHaveLength(100);
      expect(trips(smallInList)).toBeLessThanOrEqual(20);
      expect(trips(largeInList)).toBeLessThanOrEqual(20);
    },
    SETUP_TIMEOUT_MS,
  );

  it('a person with no ties, interactions or roles yet is one round-trip too', async () => {
    const bare = await createPerson(server, { name: 'Bare person', email: 'bare@example.org' });
    const view = await server.execute(PersonViewDocument, {
      id: bare.id,
      tiesFirst: 10,
      timelineFirst: 10,
      staffFirst: 10,
    });
    const person = dataOf(view).person;
    expect(person).toMatchObject({
      name: 'Bare person',
      roles: [],
      tiesConnection: { totalCount: 0, edges: [] },
      timeline: { totalCount: 0, edges: [] },
      closestStaff: { totalCount: 0, edges: [] },
    });
    expect(view.body.extensions?.diagnostics?.dbRoundTrips).toBe(1);
  });
});
