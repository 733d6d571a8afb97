import { StaffRole } from '../../src/features/staff/staff-user.type';
import {
  AuditLogDocument,
  ErasePersonDocument,
  PersonDocument,
  PersonalDataExportDocument,
  UpdatePersonDocument,
} from '../generated/graphql';
import { dataOf } from '../support/factories';
import { useTestServer } from '../support/test-server';

const server = useTestServer();

/**
 * Anna is connected to every kind of node and relationship the model has: roles, ties both ways,
 * a merged record and a same-as link, an account that follows and is followed, posts about a
 * topic, product and campaign that mention and reply, a post of Bob naming her, orders, a handled
 * complaint, interests, consent, an external key, a staff assignment and a team.
 */
const FIXTURE = `
CREATE (org:Organization {id: 'dp-org', name: 'Velo GmbH', kind: 'COMPANY', isOwnOrganization: false})
CREATE (anna:Person {id: 'dp-anna', name: 'Anna Beispiel', email: 'anna@beispiel.example', phone: '+49 40 555 0101', locale: 'de', createdAt: datetime(), updatedAt: datetime()})
CREATE (old:MergedPerson {id: 'dp-anna-old', name: 'Anna Beispiel', email: 'a.beispiel@old.example', createdAt: datetime(), updatedAt: datetime()})
CREATE (old)-[:MERGED_INTO {mergedAt: datetime(), filledProperties: []}]->(anna)
CREATE (bob:Person {id: 'dp-bob', name: 'Bob Andersson', email: 'bob@andersson.example', createdAt: datetime(), updatedAt: datetime()})
CREATE (carl:Person {id: 'dp-carl', name: 'Carl Carlsen', createdAt: datetime(), updatedAt: datetime()})
CREATE (dora:Person {id: 'dp-dora', name: 'Dora Doppelt', createdAt: datetime(), updatedAt: datetime()})
CREATE (anna)-[:HAS_ROLE {id: 'dp-role', role: 'CUSTOMER', since: date('2024-01-01')}]->(org)
CREATE (anna)-[:KNOWS {id: 'dp-tie-1', strength: 0.8}]->(bob)
CREATE (carl)-[:REFERRED {id: 'dp-tie-2', strength: 0.6}]->(anna)
CREATE (anna)-[:SAME_AS {confidence: 0.4, source: 'matcher', createdAt: datetime()}]->(dora)
CREATE (acct:SocialAccount {id: 'dp-acct-anna', platform: 'INSTAGRAM', handle: 'anna_rides', displayName: 'Anna rides', url: 'https://instagram.example/anna_rides', followers: 800})
CREATE (acct)-[:OWNED_BY {since: datetime()}]->(anna)
CREATE (bobAcct:SocialAccount {id: 'dp-acct-bob', platform: 'INSTAGRAM', handle: 'bob_builds', followers: 90})
CREATE (bobAcct)-[:OWNED_BY {since: datetime()}]->(bob)
CREATE (acct)-[:FOLLOWS {since: datetime()}]->(bobAcct)
CREATE (bobAcct)-[:FOLLOWS {since: datetime()}]->(acct)
CREATE (topic:Topic {id: 'dp-topic', name: 'cargo bikes'})
CREATE (product:Product {id: 'dp-product', name: 'Velora Cargo'})
CREATE (campaign:Campaign {id: 'dp-campaign', name: 'Spring Ride'})
CREATE (bobPost:Interaction {id: 'dp-bob-post', kind: 'POST', channel: 'INSTAGRAM', occurredAt: datetime('2026-09-01T08:00:00Z'), text: 'Great ride with @anna_rides today, thanks Anna Beispiel!', sentiment: 0.9})
CREATE (bobAcct)-[:PERFORMED]->(bobPost)
CREATE (bobPost)-[:MENTIONS]->(anna)
CREATE (post:Interaction {id: 'dp-post', kind: 'POST', channel: 'INSTAGRAM', occurredAt: datetime('2026-09-02T08:00:00Z'), text: 'My new Velora Cargo is brilliant', sentiment: 0.8})
CREATE (acct)-[:PERFORMED]->(post)
CREATE (post)-[:ABOUT]->(topic)
CREATE (post)-[:ABOUT]->(product)
CREATE (post)-[:ABOUT]->(campaign)
CREATE (post)-[:MENTIONS]->(bob)
CREATE (post)-[:REPLY_TO]->(bobPost)
CREATE (order1:Interaction {id: 'dp-order-1', kind: 'ORDER', channel: 'WEB_SHOP', occurredAt: datetime('2026-03-01T10:00:00Z'), text: 'Delivery to Anna Beispiel, call +49 40 555 0101'})
CREATE (order2:Interaction {id: 'dp-order-2', kind: 'ORDER', channel: 'WEB_SHOP', occurredAt: datetime('2026-04-01T10:00:00Z')})
CREATE (anna)-[:PERFORMED]->(order1)
CREATE (anna)-[:PERFORMED]->(order2)
CREATE (complaint:Interaction {id: 'dp-complaint', kind: 'COMPLAINT', channel: 'EMAIL', occurredAt: datetime('2026-05-01T10:00:00Z'), text: 'Broken chain', status: 'RESOLVED'})
CREATE (anna)-[:PERFORMED]->(complaint)
CREATE (agent:User {id: 'dp-agent', login: 'kim.support', displayName: 'Kim Support', staffRole: 'SUPPORT'})
CREATE (agent)-[:HANDLED {at: datetime()}]->(complaint)
CREATE (agent)-[:ASSIGNED_TO {since: datetime()}]->(anna)
CREATE (team:Team {id: 'dp-team', name: 'Cargo care'})
CREATE (team)-[:RESPONSIBLE_FOR]->(anna)
CREATE (anna)-[:INTERESTED_IN {weight: 0.9}]->(topic)
CREATE (consent:Consent {id: 'dp-consent', purpose: 'MARKETING', channel: 'WEB_FORM', lawfulBasis: 'CONSENT', grantedAt: datetime('2025-01-01T00:00:00Z'), source: 'newsletter', noticeVersion: '2025-01'})
CREATE (anna)-[:GAVE]->(consent)
CREATE (key:ExternalKey {key: 'shop:C-77', system: 'shop', externalId: 'C-77'})
CREATE (key)-[:IDENTIFIES]->(anna)
`;

const ANNA_TRACES = [
  'Anna Beispiel',
  'anna@beispiel.example',
  'a.beispiel@old.example',
  '+49 40 555 0101',
  'anna_rides',
  'Anna rides',
  'instagram.example/anna_rides',
];
const OTHERS = [
  'Bob Andersson',
  'bob@andersson.example',
  'bob_builds',
  'Dora Doppelt',
  'Carl Carlsen',
  'kim.support',
  'Kim Support',
];

const dpo = async () => ({
  authorization: `Bearer ${await server.tokenFor([StaffRole.DATA_PROTECTION_OFFICER], 'dp-officer')}`,
});

beforeAll(async () => {
  await server.gateway.write({ operationName: 'dataProtectionFixture' }, (runner) =>
    runner.run(FIXTURE),
  );
});

/** Every string property of every node and relationship that contains one of the texts. */
async function tracesOf(texts: readonly string[]): Promise<string[]> {
  const rows = await server.gateway.read({ operationName: 'traceScan' }, (runner) =>
    runner.run(
      `CALL () {
         MATCH (n) UNWIND keys(n) AS key WITH n, key WHERE n[key] IS :: STRING
         RETURN labels(n)[0] + '.' + key AS where, n[key] AS value
         UNION ALL
         MATCH ()-[n]->() UNWIND keys(n) AS key WITH n, key WHERE n[key] IS :: STRING
         RETURN type(n) + '.' + key AS where, n[key] AS value
       }
       WITH where, value WHERE any(text IN $texts WHERE toLower(value) CONTAINS toLower(text))
       RETURN where + ': ' + value AS trace`,
      { texts },
    ),
  );
  return rows.map((row) => String(row.trace));
}

describe('audit log', () => {
  it('records who read and changed whose personal data; only the data protection officer reads it', async () => {
    const admin = {
      authorization: `Bearer ${await server.tokenFor([StaffRole.ADMIN], 'dp-admin')}`,
    };
    dataOf(await server.execute(PersonDocument, { id: 'dp-anna' }, admin));
    dataOf(
      await server.execute(UpdatePersonDocument, { id: 'dp-bob', input: { locale: 'sv' } }, admin),
    );
    // A rep without need-to-know sees the masked view: no personal data read, nothing to audit.
    const rep = {
      authorization: `Bearer ${await server.tokenFor([StaffRole.SALES_REP], 'dp-rep')}`,
    };
    dataOf(await server.execute(PersonDocument, { id: 'dp-anna' }, rep));

    const entries = dataOf(
      await server.execute(AuditLogDocument, { personId: 'dp-anna' }, await dpo()),
    ).auditLog;
    expect(entries.filter((entry) => entry.userId === 'dp-rep')).toEqual([]);
    expect(entries).toContainEqual(
      expect.objectContaining({
        userId: 'dp-admin',
        roles: ['ADMIN'],
        operation: 'Person',
        action: 'READ',
      }),
    );
    const bob = dataOf(
      await server.execute(AuditLogDocument, { personId: 'dp-bob' }, await dpo()),
    ).auditLog;
    expect(bob).toContainEqual(
      expect.objectContaining({ userId: 'dp-admin', operation: 'UpdatePerson', action: 'CHANGE' }),
    );

    // Over WebSocket, too.
    const wsAdmin = `Bearer ${await server.tokenFor([StaffRole.ADMIN], 'dp-admin-ws')}`;
    expect(
      (await server.executeOverWebSocket(PersonDocument, { id: 'dp-anna' }, wsAdmin)).errors,
    ).toBeUndefined();
    const afterSocket = dataOf(
      await server.execute(
        AuditLogDocument,
        { personId: 'dp-anna', userId: 'dp-admin-ws' },
        await dpo(),
      ),
    ).auditLog;
    expect(afterSocket).toEqual([expect.objectContaining({ operation: 'Person', action: 'READ' })]);

    const refused = await server.execute(AuditLogDocument, { personId: 'dp-anna' }, admin);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('personal data export', () => {
  it('holds every kind of node and relationship around the person, and their own data in full', async () => {
    dataOf(await server.execute(PersonDocument, { id: 'dp-anna' })); // leaves an audit entry
    const exported = dataOf(
      await server.execute(PersonalDataExportDocument, { personId: 'dp-anna' }, await dpo()),
    ).personalDataExport as {
      subject: { properties: Record<string, unknown> };
      contents: { labels: string[]; relationshipTypes: string[] };
      accessLog: unknown[];
    };
    expect(exported.subject.properties).toMatchObject({ email: 'anna@beispiel.example' });

    // Independently of the export's own code: every label and relationship type in this graph
    // (bookkeeping aside) must appear in it.
    const [schema] = await server.gateway.read({ operationName: 'graphKinds' }, (runner) =>
      runner.run(
        `MATCH (n) WITH collect(DISTINCT labels(n)) AS nodeLabels
         MATCH ()-[r]->() WITH nodeLabels, collect(DISTINCT type(r)) AS types
         RETURN reduce(all = [], l IN nodeLabels | all + l) AS labels, types`,
      ),
    );
    const bookkeeping = new Set([
      'SchemaMigration',
      'TestDatabaseMarker',
      'AuditEntry',
      'DemoDataLoad',
      'LinkChange',
    ]);
    const expectedLabels = [...new Set(schema!.labels as string[])].filter(
      (label) => !bookkeeping.has(label),
    );
    expect(exported.contents.labels.sort()).toEqual(expect.arrayContaining(expectedLabels));
    expect(expectedLabels.length).toBeGreaterThanOrEqual(12);
    expect(exported.contents.relationshipTypes.sort()).toEqual(
      [...new Set(schema!.types as string[])].sort(),
    );
    expect(exported.accessLog.length).toBeGreaterThan(0);

    const text = JSON.stringify(exported);
    for (const own of [
      'anna_rides',
      'a.beispiel@old.example',
      'My new Velora Cargo is brilliant',
      'C-77',
      'newsletter',
    ]) {
      expect(text).toContain(own);
    }
  });

  it("redacts other people's personal data", async () => {
    const text = JSON.stringify(
      dataOf(await server.execute(PersonalDataExportDocument, { personId: 'dp-anna' }, await dpo()))
        .personalDataExport,
    );
    for (const other of [...OTHERS, 'Great ride with']) expect(text).not.toContain(other);
  });

  it('is for the data protection officer only, and names unknown people', async () => {
    const admin = await server.execute(PersonalDataExportDocument, { personId: 'dp-anna' });
    expect(admin.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const unknown = await server.execute(
      PersonalDataExportDocument,
      { personId: 'nobody' },
      await dpo(),
    );
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const malformed = await server.execute(
      PersonalDataExportDocument,
      { personId: "x' OR 1=1" },
      await dpo(),
    );
    expect(malformed.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('erasure', () => {
  it('leaves no trace of name, e-mails, phone or handles anywhere; keeps orders under a pseudonym', async () => {
    expect((await tracesOf(ANNA_TRACES)).length).toBeGreaterThan(5);
    const erase = () =>
      server.execute(
        ErasePersonDocument,
        { input: { personId: 'dp-anna', reason: 'DSR-2026-0042' } },
        dpo_headers,
      );
    const dpo_headers = await dpo();
    const result = dataOf(await erase()).erasePerson;
    expect(result).toMatchObject({
      alreadyErased: false,
      erasedRecords: 2,
      deletedAccounts: 1,
      deletedInteractions: 2, // her post and her complaint
      keptOrders: 2,
    });
    expect(result.scrubbedProperties).toBeGreaterThanOrEqual(2); // Bob's post text, the order text
    expect(await tracesOf(ANNA_TRACES)).toEqual([]);

    const [kept] = await server.gateway.read({ operationName: 'erasureCheck' }, (runner) =>
      runner.run(
        `MATCH (x:ErasedPerson {id: $pseudonym})-[:PERFORMED]->(o:Interaction {kind: 'ORDER'})
         RETURN count(o) AS orders,
                EXISTS { MATCH (p) WHERE p.id IN ['dp-anna', 'dp-anna-old'] } AS recordsLeft,
                EXISTS { MATCH (a:AuditEntry) WHERE 'dp-anna' IN a.subjectIds } AS auditNamesHer,
                EXISTS { MATCH (a:AuditEntry {action: 'ERASE'}) WHERE $pseudonym IN a.subjectIds } AS erasureAudited,
                EXISTS { MATCH (b:Person {id: 'dp-bob'}) } AS bobStays`,
        { pseudonym: result.pseudonym },
      ),
    );
    expect(kept).toEqual({
      orders: 2,
      recordsLeft: false,
      auditNamesHer: false,
      erasureAudited: true,
      bobStays: true,
    });
    const gone = await server.execute(PersonDocument, { id: 'dp-anna' });
    expect(gone.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    // A retry (the response got lost) changes nothing and says so.
    const again = dataOf(await erase()).erasePerson;
    expect(again).toMatchObject({
      alreadyErased: true,
      pseudonym: result.pseudonym,
      keptOrders: 2,
    });
  });

  it('is for the data protection officer only', async () => {
    const response = await server.execute(ErasePersonDocument, {
      input: { personId: 'dp-bob', reason: 'no' },
    });
    expect(response.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await tracesOf(['Bob Andersson'])).length).toBeGreaterThan(0);
  });
});

describe('audit log input', () => {
  it.each(["' OR 1=1 //", '1', '2026-13-45T00:00:00Z', 'yesterday'])(
    'refuses before = %j with BAD_USER_INPUT',
    async (before) => {
      const response = await server.execute(AuditLogDocument, { before }, await dpo());
      expect(response.body.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'before',
      });
    },
  );
});
