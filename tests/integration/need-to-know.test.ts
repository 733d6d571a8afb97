/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-argument --
   The table sends ad-hoc queries of many shapes (paths × roles); their answers are read untyped. */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { StaffRole } from '../../src/features/staff/staff-user.type';
import { useTestServer } from '../support/test-server';

const server = useTestServer();

/**
 * Alice is a customer of Acme (not public) and a journalist at Daily (public). She has contact
 * data, a social account, a post, a tie to Bob and an interest. Staff: a rep assigned to Acme, a
 * rep with no accounts, a support agent whose team is responsible for Alice, an analyst, a
 * marketing colleague without accounts, a data protection officer and an admin.
 */
const FIXTURE = `
CREATE (acme:Organization {id: 'org-acme', name: 'Acme', kind: 'COMPANY', isOwnOrganization: false})
CREATE (daily:Organization {id: 'org-daily', name: 'Daily', kind: 'MEDIA_OUTLET', isOwnOrganization: false})
CREATE (alice:Person {id: 'p-alice', name: 'Alice Secret', email: 'alice@example.org', phone: '+49 30 1234',
        locale: 'de', createdAt: datetime(), updatedAt: datetime()})
CREATE (bob:Person {id: 'p-bob', name: 'Bob Plain', createdAt: datetime(), updatedAt: datetime()})
CREATE (alice)-[:HAS_ROLE {id: 'r-1', role: 'CUSTOMER', since: date('2024-01-01')}]->(acme)
CREATE (alice)-[:HAS_ROLE {id: 'r-2', role: 'JOURNALIST', since: date('2020-01-01')}]->(daily)
CREATE (acct:SocialAccount {id: 'sa-alice', platform: 'X', handle: 'alice_x', followers: 1200,
        url: 'https://x.example/alice_x', displayName: 'Alice S', createdAt: datetime(), updatedAt: datetime()})
CREATE (acct)-[:OWNED_BY {since: datetime()}]->(alice)
CREATE (post:Interaction {id: 'i-post', kind: 'POST', channel: 'X', occurredAt: datetime('2026-10-01T10:00:00Z'),
        text: 'Acme support ignored me again', sentiment: -0.8, platform: 'X', postId: 'x-1',
        url: 'https://x.example/alice_x/1', createdAt: datetime(), updatedAt: datetime()})
CREATE (alice)-[:PERFORMED]->(post)
CREATE (bob)-[:KNOWS {id: 't-1', strength: 0.9, since: date('2022-02-02')}]->(alice)
CREATE (topic:Topic {id: 'topic-bikes', name: 'e-bikes', createdAt: datetime(), updatedAt: datetime()})
CREATE (alice)-[:INTERESTED_IN {weight: 0.7}]->(topic)
CREATE (repA:User {id: 'u-rep-acme', login: 'rep-acme', displayName: 'Rep Acme', staffRole: 'SALES_REP'})
CREATE (repA)-[:ASSIGNED_TO {since: datetime()}]->(acme)
CREATE (:User {id: 'u-rep-none', login: 'rep-none', displayName: 'Rep None', staffRole: 'SALES_REP'})
CREATE (support:User {id: 'u-support', login: 'support', displayName: 'Support', staffRole: 'SUPPORT'})
CREATE (team:Team {id: 'team-care', name: 'Care'})
CREATE (support)-[:MEMBER_OF]->(team)
CREATE (team)-[:RESPONSIBLE_FOR]->(alice)
CREATE (:User {id: 'u-analyst', login: 'analyst', displayName: 'Analyst', staffRole: 'ANALYST'})
CREATE (:User {id: 'u-marketing', login: 'marketing', displayName: 'Marketing', staffRole: 'MARKETING'})
CREATE (:User {id: 'u-dpo', login: 'dpo', displayName: 'DPO', staffRole: 'DATA_PROTECTION_OFFICER'})
`;

beforeAll(async () => {
  await server.gateway.write({ operationName: 'needToKnowFixture' }, (runner) =>
    runner.run(FIXTURE),
  );
});

type Viewer = {
  name: string;
  roles: StaffRole[];
  userId: string;
  sees: 'full' | 'profile' | 'masked';
};

const VIEWERS: Viewer[] = [
  { name: 'admin', roles: [StaffRole.ADMIN], userId: 'u-admin', sees: 'full' },
  {
    name: 'data protection officer',
    roles: [StaffRole.DATA_PROTECTION_OFFICER],
    userId: 'u-dpo',
    sees: 'full',
  },
  {
    name: 'sales rep assigned to her organization',
    roles: [StaffRole.SALES_REP],
    userId: 'u-rep-acme',
    sees: 'full',
  },
  {
    name: 'support agent whose team holds her',
    roles: [StaffRole.SUPPORT],
    userId: 'u-support',
    sees: 'full',
  },
  {
    name: 'sales rep without her account',
    roles: [StaffRole.SALES_REP],
    userId: 'u-rep-none',
    sees: 'masked',
  },
  {
    name: 'marketing without her account',
    roles: [StaffRole.MARKETING],
    userId: 'u-marketing',
    sees: 'masked',
  },
  { name: 'analyst', roles: [StaffRole.ANALYST], userId: 'u-analyst', sees: 'profile' },
];

/** One GraphQL path to Alice's personal data, and how to read her fields out of the response. */
type Path = {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
  alice: (data: any) => any;
};

const PERSON_FIELDS = `
  name email phone locale
  roles { role }
  socialAccounts { handle url displayName followers }
  ties { strength }
  interests { weight }
  sameAs { confidence }`;

const PATHS: Path[] = [
  {
    name: 'person(id)',
    query: `query($id: ID!) { person(id: $id) { ${PERSON_FIELDS} } }`,
    variables: { id: 'p-alice' },
    alice: (data) => data.person,
  },
  {
    name: 'aliases and fragments',
    query: `fragment F on Person { ${PERSON_FIELDS} }
      query($id: ID!) { x: person(id: $id) { id } hidden: person(id: $id) { ...F } }`,
    variables: { id: 'p-alice' },
    alice: (data) => data.hidden,
  },
  {
    name: 'a connection (persons search)',
    query: `query { persons(first: 10, filter: { search: "Alice" }) { totalCount edges { node { ${PERSON_FIELDS} } } } }`,
    alice: (data) => data.persons.edges[0].node,
  },
  {
    name: "through a tie from someone else's record",
    query: `query($id: ID!) { person(id: $id) { ties { from { id } to { ${PERSON_FIELDS} } } } }`,
    variables: { id: 'p-bob' },
    // Bob's own ties are masked as well for masked viewers; then nothing of Alice is reachable.
    alice: (data) => data.person.ties[0]?.to ?? null,
  },
];

async function run(viewer: Viewer, path: Path, overWebSocket = false) {
  const document = parse(path.query) as TypedDocumentNode<any, any>;
  const authorization = `Bearer ${await server.tokenFor(viewer.roles, viewer.userId)}`;
  if (overWebSocket) {
    const body = await server.executeOverWebSocket(document, path.variables, authorization);
    expect(body.errors).toBeUndefined();
    return body.data;
  }
  const response = await server.execute(document, path.variables, { authorization });
  expect(response.body.errors).toBeUndefined();
  return response.body.data;
}

const FULL = {
  name: 'Alice Secret',
  email: 'alice@example.org',
  phone: '+49 30 1234',
  locale: 'de',
  roles: ['CUSTOMER', 'JOURNALIST'],
  socialAccounts: [
    {
      handle: 'alice_x',
      url: 'https://x.example/alice_x',
      displayName: 'Alice S',
      followers: 1200,
    },
  ],
  ties: [{ strength: 0.9 }],
  interests: [{ weight: 0.7 }],
  sameAs: [],
};

/** The masked view: exactly what a person with no personal data on record looks like. */
const MASKED = {
  name: 'Alice Secret',
  email: null,
  phone: null,
  locale: null,
  roles: ['JOURNALIST'],
  socialAccounts: [],
  ties: [],
  interests: [],
  sameAs: [],
};

describe.each(VIEWERS)('$name', (viewer) => {
  const expected =
    viewer.sees === 'full'
      ? FULL
      : viewer.sees === 'profile'
        ? { ...MASKED, interests: [{ weight: 0.7 }] }
        : MASKED;

  it.each(PATHS)('sees the expected view of Alice via $name', async (path) => {
    const alice = path.alice(await run(viewer, path));
    // Bob's ties are his activity data: only those who see Bob in full (nobody is assigned to him,
    // so admin and data protection) reach Alice that way.
    const seesBob = viewer.roles.some((role) =>
      [StaffRole.ADMIN, StaffRole.DATA_PROTECTION_OFFICER].includes(role),
    );
    if (path.name.startsWith('through a tie') && !seesBob) {
      expect(alice).toBeNull();
      return;
    }
    // Roles come in no fixed order; compare them sorted.
    const roles = (alice.roles as { role: string }[]).map((r) => r.role).sort();
    expect({ ...alice, roles }).toEqual(expected);
  });

  it('sees the same over WebSocket', async () => {
    const [first] = PATHS;
    const alice = first!.alice(await run(viewer, first!, true));
    expect(alice.email).toBe(viewer.sees === 'full' ? 'alice@example.org' : null);
  });

  it('sees interaction texts, performers and account owners only with need-to-know', async () => {
    const data = await run(viewer, {
      name: 'interactions and accounts',
      query: `query {
        interactions(first: 10) { totalCount edges { node { id sentiment text url performer { ... on Person { id } } } } }
        socialAccountByHandle(platform: X, handle: "alice_x") { id followers handle owner { id } }
      }`,
      alice: (d) => d,
    });
    const post = data.interactions.edges[0].node;
    const account = data.socialAccountByHandle;
    // Aggregates stay: the post counts and its sentiment is there for everyone.
    expect(data.interactions.totalCount).toBe(1);
    expect(post.sentiment).toBe(-0.8);
    expect(account.followers).toBe(1200);
    if (viewer.sees === 'full') {
      expect(post).toMatchObject({
        text: 'Acme support ignored me again',
        url: 'https://x.example/alice_x/1',
        performer: { id: 'p-alice' },
      });
      expect(account).toMatchObject({ handle: 'alice_x', owner: { id: 'p-alice' } });
    } else {
      expect(post).toMatchObject({ text: null, url: null, performer: null });
      expect(account).toMatchObject({ handle: null, owner: null });
    }
  });
});

describe('assignments change what a rep sees on the very next request', () => {
  it('unassigning the account masks Alice; assigning it again shows her', async () => {
    const rep = VIEWERS.find((viewer) => viewer.userId === 'u-rep-acme')!;
    const [path] = PATHS;
    const setAssignment = (mutation: 'assignAccount' | 'unassignAccount') =>
      server.execute(
        parse(`mutation { ${mutation}(input: { assigneeKind: USER, assigneeId: "u-rep-acme",
          accountKind: ORGANIZATION, accountId: "org-acme" }) { assigned } }`) as TypedDocumentNode<
          any,
          any
        >,
      );
    expect((await setAssignment('unassignAccount')).body.data).toEqual({
      unassignAccount: { assigned: false },
    });
    expect(path!.alice(await run(rep, path!)).email).toBeNull();
    expect((await setAssignment('assignAccount')).body.data).toEqual({
      assignAccount: { assigned: true },
    });
    expect(path!.alice(await run(rep, path!)).email).toBe('alice@example.org');
  });

  it('refuses assignments by anyone but an admin, and unknown ids', async () => {
    const rep = await server.tokenFor([StaffRole.SALES_REP], 'u-rep-none');
    const mutation =
      parse(`mutation { assignAccount(input: { assigneeKind: USER, assigneeId: "u-rep-none",
      accountKind: ORGANIZATION, accountId: "org-acme" }) { assigned } }`) as TypedDocumentNode<
        any,
        any
      >;
    const refused = await server.execute(mutation, {}, { authorization: `Bearer ${rep}` });
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const unknown = await server.execute(
      parse(`mutation { assignAccount(input: { assigneeKind: TEAM, assigneeId: "no-such-team",
        accountKind: PERSON, accountId: "p-alice" }) { assigned } }`) as TypedDocumentNode<
        any,
        any
      >,
    );
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
