import {
  AddTieDocument,
  CreateProductDocument,
  OrganizationRolesDocument,
  OrganizationScreenDocument,
  type OrganizationRolesQuery,
  OrganizationTimelineDocument,
  OrganizationViewDocument,
  PersonScreenDocument,
  type RecordInteractionInput,
  RecordInteractionDocument,
  type RoleType,
  UpsertUserDocument,
} from '../generated/graphql';
import { addRole, createOrganization, createPerson, dataOf } from '../support/factories';
import { type TestServer, useTestServer } from '../support/test-server';

// Consent is not what this file is about: the views show what is stored.
const server = useTestServer({ env: { CONSENT_REQUIRED_PURPOSES: '' } });

const DAY_MS = 24 * 60 * 60 * 1000;
const SETUP_TIMEOUT_MS = 300_000;

function daysAgo(days: number): string {
  return new Date(Date.now() - days * DAY_MS).toISOString();
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

async function tie(fromPersonId: string, toPersonId: string, strength: number) {
  dataOf(
    await server.execute(AddTieDocument, {
      input: { fromPersonId, toPersonId, type: 'KNOWS', strength },
    }),
  );
}

function errorOf(response: Awaited<ReturnType<TestServer['execute']>>) {
  return response.body.errors?.[0]?.extensions;
}

/**
 * Nordlicht: five people with a current role (decision maker, champion, customer, two employees)
 * and two who left; our staff know some of them; orders, an open complaint and an open ticket.
 */
const nordlicht = {
  id: '',
  people: {} as Record<string, string>,
  interactions: [] as { id: string; occurredAt: string }[],
  complaintId: '',
  ticketId: '',
  leaverAfterId: '',
};

beforeAll(async () => {
  nordlicht.id = (await createOrganization(server, { name: 'Nordlicht Logistik' })).id;
  const elsewhere = await createOrganization(server, { name: 'Elsewhere GmbH' });
  const roles: Array<[string, RoleType, string | null, string | null]> = [
    ['dm', 'DECISION_MAKER', '2022-01-01', null],
    ['champion', 'CHAMPION', '2023-03-01', null],
    ['customer', 'CUSTOMER', null, null],
    ['employee1', 'EMPLOYEE', '2019-01-01', null],
    ['employee2', 'EMPLOYEE', null, null],
    ['former', 'EMPLOYEE', '2018-01-01', '2021-12-31'],
    ['leaver', 'EMPLOYEE', '2020-01-01', '2025-06-30'],
  ];
  for (const [key, role, since, until] of roles) {
    const person = await createPerson(server, { name: `Nordlicht ${key}` });
    nordlicht.people[key] = person.id;
    await addRole(server, {
      personId: person.id,
      role,
      organizationId: nordlicht.id,
      since,
      until,
    });
  }
  const person = (key: string) => nordlicht.people[key] ?? '';
  const outsider = await createPerson(server, { name: 'Outsider' });
  await addRole(server, { personId: outsider.id, role: 'CUSTOMER', organizationId: elsewhere.id });

  const [staffA, staffB, staffC, staffD] = [
    await staffUser('org-a'),
    await staffUser('org-b'),
    await staffUser('org-c'),
    await staffUser('org-d'),
  ];
  await tie(staffA.personId, person('dm'), 0.8);
  await tie(person('champion'), staffD.personId, 0.3);
  // Staff C knows only someone who left: no relationship into the organization today.
  await tie(staffC.personId, person('former'), 0.9);

  const cargo = dataOf(
    await server.execute(CreateProductDocument, { input: { name: 'Velora Cargo' } }),
  ).createProduct.id;
  const city = dataOf(
    await server.execute(CreateProductDocument, { input: { name: 'Velora City' } }),
  ).createProduct.id;

  const classic = async (
    key: string,
    kind: RecordInteractionInput['kind'],
    occurredAt: string,
    extra: Partial<RecordInteractionInput> = {},
  ) => {
    const id = await record({
      kind,
      channel: 'EMAIL',
      occurredAt,
      performedByPersonId: person(key),
      ...extra,
    });
    nordlicht.interactions.push({ id, occurredAt });
    return id;
  };
  await classic('dm', 'ORDER', daysAgo(90), { aboutIds: [cargo], sentiment: 0.6 });
  await classic('employee2', 'ORDER', daysAgo(200), { aboutIds: [cargo, city], sentiment: 0.4 });
  nordlicht.complaintId = await classic('employee1', 'COMPLAINT', daysAgo(5), {
    sentiment: -0.7,
    handledByUserId: staffA.userId,
  });
  nordlicht.ticketId = await classic('customer', 'TICKET', daysAgo(20), {
    status: 'ACKNOWLEDGED',
    handledByUserId: staffB.userId,
  });
  await classic('customer', 'TICKET', daysAgo(300), { status: 'RESOLVED' });
  await classic('leaver', 'EMAIL', '2023-05-10T10:00:00Z', { sentiment: 0.1 });
  // After the leaver left and before the former employee joined: not the organization's.
  nordlicht.leaverAfterId = await record({
    kind: 'EMAIL',
    channel: 'EMAIL',
    occurredAt: daysAgo(60),
    performedByPersonId: person('leaver'),
  });
  await record({
    kind: 'CALL',
    channel: 'PHONE',
    occurredAt: '2017-06-01T10:00:00Z',
    performedByPersonId: person('former'),
  });
  await record({
    kind: 'COMPLAINT',
    channel: 'EMAIL',
    occurredAt: daysAgo(3),
    performedByPersonId: outsider.id,
  });
}, SETUP_TIMEOUT_MS);

describe('the organization view in one request', () => {
  let view: Awaited<ReturnType<typeof loadView>>;

  async function loadView() {
    return dataOf(
      await server.execute(OrganizationViewDocument, {
        id: nordlicht.id,
        rolesFirst: 100,
        timelineFirst: 100,
        staffFirst: 100,
      }),
    ).organization;
  }

  beforeAll(async () => {
    view = await loadView();
  });

  it('groups its people by role, decision makers and champions first', () => {
    expect(view.roles.totalCount).toBe(5);
    expect(view.roles.edges.map((edge) => [edge.node.role, edge.node.person.name])).toEqual([
      ['DECISION_MAKER', 'Nordlicht dm'],
      ['CHAMPION', 'Nordlicht champion'],
      ['CUSTOMER', 'Nordlicht customer'],
      expect.arrayContaining(['EMPLOYEE']),
      expect.arrayContaining(['EMPLOYEE']),
    ]);
    expect(view.roleSummary).toEqual([
      { role: 'CHAMPION', current: 1, other: 0 },
      { role: 'CUSTOMER', current: 1, other: 0 },
      { role: 'DECISION_MAKER', current: 1, other: 0 },
      { role: 'EMPLOYEE', current: 2, other: 2 },
    ]);
  });

  it('ranks our staff’s relationships into it, strongest first, through today’s people', () => {
    const relationships = view.staffRelationships.edges.map((edge) => edge.node);
    expect(relationships.map((node) => node.staff.login)).toEqual(['org-a', 'org-d', 'org-b']);
    expect(relationships[0]).toMatchObject({ contacts: 2, ties: 1, sharedInteractions: 1 });
    expect(relationships[0]?.closestContacts.map((contact) => contact.name)).toEqual([
      'Nordlicht dm',
      'Nordlicht employee1',
    ]);
    const scores = relationships.map((node) => node.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(view.staffRelationships.totalCount).toBe(3);
  });

  it('merges the interactions of its people while they held a role there, newest first', () => {
    const expected = [...nordlicht.interactions].sort(
      (a, b) => Date.parse(b.occurredAt) - Date.parse(a.occurredAt),
    );
    expect(view.timeline.totalCount).toBe(expected.length);
    expect(view.timeline.edges.map((edge) => edge.node.id)).toEqual(expected.map((i) => i.id));
    expect(view.timeline.edges.map((edge) => edge.node.id)).not.toContain(nordlicht.leaverAfterId);
  });

  it('gives its sentiment trend, open tickets and complaints and the products bought', () => {
    expect(view.sentimentTrend).toHaveLength(24);
    const inTrend = view.sentimentTrend.reduce((sum, month) => sum + month.interactions, 0);
    expect(inTrend).toBe(nordlicht.interactions.length - 1);
    expect(view.openIssueCount).toBe(2);
    expect(view.openIssues.map((issue) => issue.id)).toEqual([
      nordlicht.complaintId,
      nordlicht.ticketId,
    ]);
    expect(view.productsBought.map((p) => [p.product.name, p.orders, p.buyers])).toEqual([
      ['Velora Cargo', 2, 2],
      ['Velora City', 1, 1],
    ]);
  });
});

describe('paging, filters and bad input', () => {
  it('pages through every role in rank order and filters by type and time', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: NonNullable<OrganizationRolesQuery['organization']>['roles'] = dataOf(
        await server.execute(OrganizationRolesDocument, { id: nordlicht.id, first: 2, after }),
      ).organization.roles;
      expect(page.totalCount).toBe(7);
      seen.push(...page.edges.map((edge) => edge.node.role));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual([
      'DECISION_MAKER',
      'CHAMPION',
      'CUSTOMER',
      'EMPLOYEE',
      'EMPLOYEE',
      'EMPLOYEE',
      'EMPLOYEE',
    ]);
    const past = dataOf(
      await server.execute(OrganizationRolesDocument, {
        id: nordlicht.id,
        types: ['EMPLOYEE'],
        current: false,
      }),
    ).organization.roles;
    expect(past.totalCount).toBe(2);
    expect(past.edges.every((edge) => !edge.node.isCurrent)).toBe(true);
  });

  it('filters the timeline like a person’s', async () => {
    const orders = dataOf(
      await server.execute(OrganizationTimelineDocument, {
        id: nordlicht.id,
        filter: { kinds: ['ORDER'] },
      }),
    ).organization.timeline;
    expect(orders.totalCount).toBe(2);
  });

  it.each([
    ['an unknown id', 'NOT_FOUND', { id: 'no-such-organization' }],
    ['a malformed id', 'BAD_USER_INPUT', { id: '../etc' }],
    ['a page of roles above the cap', 'BAD_USER_INPUT', { rolesFirst: 101 }],
    ['a page of staff above the cap', 'BAD_USER_INPUT', { staffFirst: 1000 }],
  ])('%s → %s', async (_name, code, variables) => {
    const response = await server.execute(OrganizationViewDocument, {
      id: nordlicht.id,
      ...variables,
    });
    expect(errorOf(response)?.code).toBe(code);
  });
});

describe('the README examples', () => {
  it('run as written, within the API’s default limits (depth, cost, tokens)', async () => {
    const person = await server.execute(PersonScreenDocument, {
      id: nordlicht.people.dm ?? '',
      ties: 20,
      timeline: 20,
      staff: 10,
    });
    expect(dataOf(person).person.closestStaff.totalCount).toBe(1);
    // The person screen is one prefetch query (it shows no staff evidence records, so the query
    // leaves them out); were that query to fail, the fields would load one by one.
    expect(person.body.extensions?.diagnostics?.dbRoundTrips).toBe(1);
    const organization = await server.execute(OrganizationScreenDocument, { id: nordlicht.id });
    expect(dataOf(organization).organization.roles.totalCount).toBe(5);
  });
});

describe('database round-trips (no N+1)', () => {
  /** An organization with `size` current members, each with an order, a complaint and a tie. */
  async function organizationWith(size: number, prefix: string): Promise<string> {
    const organization = await createOrganization(server, { name: `${prefix} org` });
    const staff = await staffUser(`${prefix}-staff`);
    const product = dataOf(
      await server.execute(CreateProductDocument, { input: { name: `${prefix} bike` } }),
    ).createProduct.id;
    await server.gateway.write({ operationName: 'test' }, (runner) =>
      runner.run(
        `MATCH (o:Organization {id: $organizationId}), (u:User {id: $userId})-[:IS_PERSON]->(s:Person),
               (product:Product {id: $product})
         UNWIND range(1, $size) AS n
         CREATE (p:Person {id: $prefix + '-p-' + n, name: 'Member ' + n,
                 createdAt: datetime(), updatedAt: datetime()})
         CREATE (p)-[:HAS_ROLE {id: $prefix + '-r-' + n,
                 role: ['DECISION_MAKER', 'CHAMPION', 'CUSTOMER', 'EMPLOYEE'][n % 4]}]->(o)
         CREATE (s)-[:KNOWS {id: $prefix + '-t-' + n, strength: 0.5}]->(p)
         CREATE (p)-[:PERFORMED]->(order:Interaction {id: $prefix + '-o-' + n, kind: 'ORDER',
                 channel: 'WEB_SHOP', occurredAt: datetime() - duration({days: n}), sentiment: 0.5})
         CREATE (order)-[:ABOUT]->(product)
         CREATE (p)-[:PERFORMED]->(complaint:Interaction {id: $prefix + '-c-' + n,
                 kind: 'COMPLAINT', status: 'OPEN', channel: 'EMAIL',
                 occurredAt: datetime() - duration({hours: n}), sentiment: -0.5})
         CREATE (u)-[:HANDLED]->(complaint)`,
        { organizationId: organization.id, userId: staff.userId, product, size, prefix },
      ),
    );
    return organization.id;
  }

  it(
    'the full organization view costs the same for 3 and for 60 people',
    async () => {
      const small = await organizationWith(3, 'small');
      const large = await organizationWith(60, 'large');
      const variables = { rolesFirst: 100, timelineFirst: 100, staffFirst: 100 };
      const smallView = await server.execute(OrganizationViewDocument, { id: small, ...variables });
      const largeView = await server.execute(OrganizationViewDocument, { id: large, ...variables });
      expect(dataOf(smallView).organization.roles.edges).toHaveLength(3);
      expect(dataOf(largeView).organization.roles.edges).toHaveLength(60);
      expect(dataOf(largeView).organization.timeline.edges).toHaveLength(100);
      expect(dataOf(largeView).organization.staffRelationships.edges[0]?.node.contacts).toBe(60);
      // One query per field and level, not per person or interaction: both sizes stay under the
      // same fixed bound (the exact count may differ by one between runs, as loads of two
      // loaders share a batch only when they fall into the same tick).
      const trips = (response: typeof smallView) =>
        response.body.extensions?.diagnostics?.dbRoundTrips ?? -1;
      expect(trips(smallView)).toBeLessThanOrEqual(12);
      expect(trips(largeView)).toBeLessThanOrEqual(12);
    },
    SETUP_TIMEOUT_MS,
  );
});
