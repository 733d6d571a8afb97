import { print } from 'graphql';
import { MessageType, parseMessage, stringifyMessage } from 'graphql-ws';
import { DeliveredEvent } from '../../src/features/realtime/delivered-event';
import {
  type InteractionAddedEvent,
  RealtimeTopic,
} from '../../src/features/realtime/realtime-events';
import { StaffRole } from '../../src/features/staff/staff-user.type';
import {
  AuditLogDocument,
  type InteractionAddedFilter,
  InteractionAddedDocument,
  type InteractionAddedSubscription,
  type InteractionKind,
  RecordInteractionDocument,
  type RecordInteractionInput,
} from '../generated/graphql';
import { dataOf, grantConsent } from '../support/factories';
import { RawSubscription, SubscriptionProbe, waitUntil } from '../support/subscription-client';
import { useTestServer } from '../support/test-server';

const server = useTestServer();

/**
 * Paula is a customer of Acme and owns the account @paula; Quentin has no role anywhere. The rep
 * of Acme may see Paula's activity in full, the other rep sees it masked.
 */
const FIXTURE = `
CREATE (acme:Organization {id: 'sub-org-acme', name: 'Acme', kind: 'COMPANY', isOwnOrganization: false})
CREATE (paula:Person {id: 'sub-p-paula', name: 'Paula', createdAt: datetime(), updatedAt: datetime()})
CREATE (:Person {id: 'sub-p-quentin', name: 'Quentin', createdAt: datetime(), updatedAt: datetime()})
CREATE (paula)-[:HAS_ROLE {id: 'sub-r-1', role: 'CUSTOMER', since: date('2024-01-01')}]->(acme)
CREATE (account:SocialAccount {id: 'sub-sa-paula', platform: 'X', handle: 'paula', createdAt: datetime(), updatedAt: datetime()})
CREATE (account)-[:OWNED_BY {since: datetime()}]->(paula)
CREATE (:Topic {id: 'sub-topic-bikes', name: 'sub e-bikes', createdAt: datetime(), updatedAt: datetime()})
CREATE (:Topic {id: 'sub-topic-cars', name: 'sub cars', createdAt: datetime(), updatedAt: datetime()})
CREATE (rep:User {id: 'sub-u-rep-acme', login: 'sub-rep-acme', displayName: 'Rep Acme', staffRole: 'SALES_REP'})
CREATE (rep)-[:ASSIGNED_TO {since: datetime()}]->(acme)
CREATE (:User {id: 'sub-u-rep-none', login: 'sub-rep-none', displayName: 'Rep None', staffRole: 'SALES_REP'})
`;

const PAULA = 'sub-p-paula';
const QUENTIN = 'sub-p-quentin';

beforeAll(async () => {
  await server.gateway.write({ operationName: 'subscriptionFixture' }, (runner) =>
    runner.run(FIXTURE),
  );
  await grantConsent(server, PAULA, 'SOCIAL_MONITORING');
});

async function bearer(roles: StaffRole[], userId: string) {
  return `Bearer ${await server.tokenFor(roles, userId)}`;
}

const openProbes: Array<SubscriptionProbe<unknown>> = [];
function listeners(): number {
  return server.app.realtime.pubSub.subscriberCount(RealtimeTopic.INTERACTION_ADDED);
}

afterEach(async () => {
  await Promise.all(openProbes.splice(0).map((probe) => probe.close()));
  await waitUntil(() => listeners() === 0, "the closed subscriptions' listeners are gone");
});

/** Subscribes and waits until the server listens, so that no event recorded next is missed. */
async function subscribe(
  filter: InteractionAddedFilter | null,
  authorization?: string,
): Promise<SubscriptionProbe<InteractionAddedSubscription>> {
  const before = listeners();
  const probe = SubscriptionProbe.open(
    server.wsUrl,
    InteractionAddedDocument,
    { filter },
    authorization ?? (await bearer([StaffRole.ADMIN], 'sub-u-admin')),
  );
  openProbes.push(probe as SubscriptionProbe<unknown>);
  await waitUntil(() => listeners() > before, 'the subscription listens');
  return probe;
}

let postCounter = 0;
async function record(input: Partial<RecordInteractionInput>): Promise<string> {
  const data = dataOf(
    await server.execute(RecordInteractionDocument, {
      input: {
        kind: 'EMAIL',
        channel: 'EMAIL',
        occurredAt: '2026-11-01T10:00:00Z',
        ...input,
      } as RecordInteractionInput,
    }),
  );
  return data.recordInteraction.id;
}

/** The ids a probe received, up to and including `last` (events arrive in publishing order). */
async function idsUntil(
  probe: SubscriptionProbe<InteractionAddedSubscription>,
  last: string,
): Promise<string[]> {
  const ids: string[] = [];
  for (;;) {
    const result = await probe.next();
    if (result.errors !== undefined) throw new Error(JSON.stringify(result.errors));
    const id = result.data?.interactionAdded.id ?? 'missing';
    ids.push(id);
    if (id === last) return ids;
  }
}

describe('interactionAdded filters', () => {
  const cases: Array<[string, InteractionAddedFilter | null, Array<'e1' | 'e2' | 'e3' | 'e4'>]> = [
    ['no filter', null, ['e1', 'e2', 'e3', 'e4']],
    ['person (directly and through her account)', { personId: PAULA }, ['e1', 'e3', 'e4']],
    ['organization of the performer', { organizationId: 'sub-org-acme' }, ['e1', 'e3', 'e4']],
    ['topic', { topicId: 'sub-topic-bikes' }, ['e1', 'e4']],
    ['kinds', { kinds: ['COMPLAINT', 'CALL'] as InteractionKind[] }, ['e2', 'e4']],
    ['sentiment below', { sentimentBelow: -0.5 }, ['e2', 'e4']],
    ['sentiment between', { sentimentAbove: -0.95, sentimentBelow: 0 }, ['e2', 'e4']],
    [
      'all conditions at once',
      {
        personId: PAULA,
        organizationId: 'sub-org-acme',
        topicId: 'sub-topic-bikes',
        kinds: ['COMPLAINT'] as InteractionKind[],
        sentimentBelow: -0.5,
      },
      ['e4'],
    ],
  ];

  it('delivers to each subscription exactly the interactions its filter matches', async () => {
    const probes = await Promise.all(cases.map(([, filter]) => subscribe(filter)));
    const ids = {
      e1: await record({
        performedByPersonId: PAULA,
        aboutIds: ['sub-topic-bikes'],
        sentiment: 0.8,
      }),
      e2: await record({
        kind: 'CALL',
        channel: 'PHONE',
        performedByPersonId: QUENTIN,
        aboutIds: ['sub-topic-cars'],
        sentiment: -0.6,
      }),
      e3: await record({ kind: 'TICKET', channel: 'X', performedByAccountId: 'sub-sa-paula' }),
      // Matches every filter of the table, so each subscription ends with it.
      e4: await record({
        kind: 'COMPLAINT',
        channel: 'EMAIL',
        performedByPersonId: PAULA,
        aboutIds: ['sub-topic-bikes'],
        sentiment: -0.9,
      }),
    };
    for (const [index, [name, , expected]] of cases.entries()) {
      const probe = probes[index];
      if (probe === undefined) throw new Error('missing probe');
      expect([name, await idsUntil(probe, ids.e4)]).toEqual([name, expected.map((e) => ids[e])]);
    }
  });

  it('publishes a repeated post once, when it is new', async () => {
    const probe = await subscribe({ personId: PAULA });
    postCounter += 1;
    const post = {
      kind: 'POST' as InteractionKind,
      channel: 'X',
      platform: 'X' as const,
      postId: `sub-post-${postCounter}`,
      performedByPersonId: PAULA,
      text: 'hello',
    };
    const first = await record(post);
    expect(await record(post)).toBe(first);
    const marker = await record({ performedByPersonId: PAULA });
    expect(await idsUntil(probe, marker)).toEqual([first, marker]);
  });

  it.each([
    [{ personId: 'not an id!' }, 'filter.personId'],
    [{ organizationId: 'x'.repeat(200) }, 'filter.organizationId'],
    [{ sentimentBelow: 2 }, 'filter.sentimentBelow'],
    [{ sentimentAbove: 0.5, sentimentBelow: 0.2 }, 'filter.sentimentAbove'],
  ])('refuses the filter %j with BAD_USER_INPUT naming %s', async (filter, field) => {
    const probe = SubscriptionProbe.open(
      server.wsUrl,
      InteractionAddedDocument,
      { filter },
      await bearer([StaffRole.ADMIN], 'sub-u-admin'),
    );
    openProbes.push(probe as SubscriptionProbe<unknown>);
    const result = await probe.next();
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await probe.ended).toEqual({ kind: 'complete' });
  });
});

describe('interactionAdded authentication and masking', () => {
  it.each([
    ['no token', ''],
    ['a malformed token', 'Bearer not-a-jwt'],
    ['a token signed with another key', 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl'],
  ])('closes the socket with 4403 Forbidden for %s', async (_name, authorization) => {
    const probe = SubscriptionProbe.open(
      server.wsUrl,
      InteractionAddedDocument,
      { filter: null },
      authorization,
    );
    openProbes.push(probe as SubscriptionProbe<unknown>);
    expect(await probe.ended).toMatchObject({ kind: 'closed', code: 4403 });
  });

  it('masks personal fields per subscriber and audits what each one was shown', async () => {
    const assigned = await subscribe(
      { personId: PAULA },
      await bearer([StaffRole.SALES_REP], 'sub-u-rep-acme'),
    );
    const unassigned = await subscribe(
      { personId: PAULA },
      await bearer([StaffRole.SALES_REP], 'sub-u-rep-none'),
    );
    const id = await record({
      performedByPersonId: PAULA,
      text: 'Paula wrote about her contract',
      url: 'https://mail.example/1',
    });
    const full = (await assigned.next()).data?.interactionAdded;
    const masked = (await unassigned.next()).data?.interactionAdded;
    expect(full).toMatchObject({
      id,
      text: 'Paula wrote about her contract',
      url: 'https://mail.example/1',
      performer: { __typename: 'Person', id: PAULA, name: 'Paula' },
    });
    expect(masked).toMatchObject({ id, text: null, url: null, performer: null });

    // The audit entry is written before the event is sent, so it is there already.
    const log = dataOf(
      await server.execute(
        AuditLogDocument,
        { personId: PAULA, userId: 'sub-u-rep-acme', first: 50 },
        { authorization: await bearer([StaffRole.DATA_PROTECTION_OFFICER], 'sub-u-dpo') },
      ),
    ).auditLog;
    expect(log).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          operation: 'InteractionAdded',
          action: 'READ',
          subjectIds: [PAULA],
        }),
      ]),
    );
    const maskedLog = dataOf(
      await server.execute(
        AuditLogDocument,
        { personId: PAULA, userId: 'sub-u-rep-none', first: 50 },
        { authorization: await bearer([StaffRole.DATA_PROTECTION_OFFICER], 'sub-u-dpo') },
      ),
    ).auditLog;
    expect(maskedLog.filter((entry) => entry.operation === 'InteractionAdded')).toEqual([]);
  });

  it('audits every subscriber of a shared delivery, not only the one that executed it', async () => {
    const viewer = await bearer([StaffRole.ADMIN], 'sub-u-admin-tabs');
    const tabs = [
      await subscribe({ personId: PAULA }, viewer),
      await subscribe({ personId: PAULA }, viewer),
      await subscribe({ personId: PAULA }, viewer),
    ];
    const id = await record({ performedByPersonId: PAULA, text: 'seen in three tabs' });
    for (const tab of tabs) {
      expect((await tab.next()).data?.interactionAdded).toMatchObject({
        id,
        text: 'seen in three tabs',
      });
    }
    const log = dataOf(
      await server.execute(
        AuditLogDocument,
        { personId: PAULA, userId: 'sub-u-admin-tabs', first: 50 },
        { authorization: await bearer([StaffRole.DATA_PROTECTION_OFFICER], 'sub-u-dpo') },
      ),
    ).auditLog;
    expect(log.filter((entry) => entry.operation === 'InteractionAdded')).toHaveLength(3);
  });

  it('shares a delivery among the tabs of one viewer, never between viewers of one role', async () => {
    const assignedRep = await bearer([StaffRole.SALES_REP], 'sub-u-rep-acme');
    const otherRep = await bearer([StaffRole.SALES_REP], 'sub-u-rep-none');
    // Interleaved, so that the other rep's tab executes first and the assigned rep's tabs must not
    // reuse its masked result.
    const maskedTabs = [];
    const fullTabs = [];
    for (let tab = 0; tab < 2; tab += 1) {
      maskedTabs.push(await subscribe({ personId: PAULA }, otherRep));
      fullTabs.push(await subscribe({ personId: PAULA }, assignedRep));
    }
    const entriesOf = async (userId: string) =>
      dataOf(
        await server.execute(
          AuditLogDocument,
          { personId: PAULA, userId, first: 50 },
          { authorization: await bearer([StaffRole.DATA_PROTECTION_OFFICER], 'sub-u-dpo') },
        ),
      ).auditLog.filter((entry) => entry.operation === 'InteractionAdded');
    const earlier = (await entriesOf('sub-u-rep-acme')).length;

    const id = await record({ performedByPersonId: PAULA, text: 'seen by one rep only' });
    for (const tab of fullTabs) {
      expect((await tab.next()).data?.interactionAdded).toMatchObject({
        id,
        text: 'seen by one rep only',
      });
    }
    for (const tab of maskedTabs) {
      expect((await tab.next()).data?.interactionAdded).toMatchObject({ id, text: null });
    }
    // One entry per tab that was shown Paula's post, none for the tabs that were not.
    expect(await entriesOf('sub-u-rep-acme')).toHaveLength(earlier + fullTabs.length);
    expect(await entriesOf('sub-u-rep-none')).toEqual([]);
  });

  it('answers need-to-know afresh for every event of a long-lived subscription', async () => {
    const probe = await subscribe(
      { personId: PAULA },
      await bearer([StaffRole.SALES_REP], 'sub-u-rep-none'),
    );
    await record({ performedByPersonId: PAULA, text: 'before the assignment' });
    expect((await probe.next()).data?.interactionAdded.text).toBeNull();

    await server.gateway.write({ operationName: 'assignRepNone' }, (runner) =>
      runner.run(`MATCH (u:User {id: 'sub-u-rep-none'}), (o:Organization {id: 'sub-org-acme'})
                  MERGE (u)-[:ASSIGNED_TO {since: datetime()}]->(o)`),
    );
    await record({ performedByPersonId: PAULA, text: 'after the assignment' });
    expect((await probe.next()).data?.interactionAdded.text).toBe('after the assignment');

    await server.gateway.write({ operationName: 'unassignRepNone' }, (runner) =>
      runner.run(`MATCH (:User {id: 'sub-u-rep-none'})-[a:ASSIGNED_TO]->(:Organization {id: 'sub-org-acme'})
                  DELETE a`),
    );
  });

  it('stops listening when the client goes away', async () => {
    const probe = await subscribe(null);
    expect(listeners()).toBe(1);
    await probe.close();
    await waitUntil(() => listeners() === 0, 'the subscription is gone');
  });
});

describe('interactionAdded on the wire', () => {
  const WIRE_POST = 'sub-i-wire';
  const MISSING_POST = 'sub-i-missing';

  beforeAll(async () => {
    await server.gateway.write({ operationName: 'wireFixture' }, (runner) =>
      runner.run(`MATCH (paula:Person {id: '${PAULA}'})
        CREATE (post:Interaction {id: '${WIRE_POST}', kind: 'COMPLAINT', channel: 'X',
          occurredAt: datetime('2026-11-20T09:00:00Z'), text: 'Acme, where is "my" refund?',
          sentiment: -0.7, url: 'https://x.example/paula/1', createdAt: datetime(), updatedAt: datetime()})
        CREATE (paula)-[:PERFORMED]->(post)`),
    );
  });

  function eventAbout(interactionId: string): InteractionAddedEvent {
    return {
      interactionId,
      kind: 'COMPLAINT',
      occurredAt: '2026-11-20T09:00:00Z',
      sentiment: -0.7,
      personIds: [PAULA],
      organizationIds: ['sub-org-acme'],
      topicIds: [],
    };
  }

  /**
   * The same event, but not a DeliveredEvent: it is executed on its own and sent by graphql-ws
   * itself (its emit.next, our onNext, its stringifyMessage), as every event was before shared
   * results went to the socket directly.
   */
  function throughGraphQLWs(event: InteractionAddedEvent) {
    return { event, once: <R>(_key: string, create: () => R): R => create() };
  }

  function publish(payload: unknown): void {
    server.app.realtime.pubSub.publish(RealtimeTopic.INTERACTION_ADDED, payload);
  }

  async function rawSubscribe(authorization: string): Promise<RawSubscription> {
    const before = listeners();
    const raw = await RawSubscription.open(
      server.wsUrl,
      print(InteractionAddedDocument),
      { filter: { kinds: ['COMPLAINT'] } },
      authorization,
    );
    await waitUntil(() => listeners() > before, 'the subscription listens');
    return raw;
  }

  const raws: RawSubscription[] = [];
  afterEach(() => {
    for (const raw of raws.splice(0)) raw.close();
  });

  // Recorded from graphql-ws's own path before shared results bypassed it; any change of bytes,
  // key order or error formatting shows here.
  const fullFrame =
    '{"id":"1","type":"next","payload":{"data":{"interactionAdded":{"id":"sub-i-wire","kind":"COMPLAINT","sentiment":-0.7,"text":"Acme, where is \\"my\\" refund?","url":"https://x.example/paula/1","performer":{"__typename":"Person","id":"sub-p-paula","name":"Paula"}}}}}';
  const maskedFrame =
    '{"id":"1","type":"next","payload":{"data":{"interactionAdded":{"id":"sub-i-wire","kind":"COMPLAINT","sentiment":-0.7,"text":null,"url":null,"performer":null}}}}';

  it.each([
    ['an admin', StaffRole.ADMIN, 'sub-u-admin', fullFrame],
    [
      'a rep not assigned to the author (masked)',
      StaffRole.SALES_REP,
      'sub-u-rep-none',
      maskedFrame,
    ],
  ])(
    'sends %s the same bytes as graphql-ws itself would',
    async (_name, role, userId, expected) => {
      const raw = await rawSubscribe(await bearer([role], userId));
      raws.push(raw);
      publish(new DeliveredEvent(eventAbout(WIRE_POST)));
      publish(throughGraphQLWs(eventAbout(WIRE_POST)));
      const direct = await raw.nextFrame();
      const own = await raw.nextFrame();
      expect(direct).toBe(expected);
      expect(own).toBe(expected);
      expect(stringifyMessage(parseMessage(direct))).toBe(direct);
    },
  );

  it('formats and redacts the errors of a shared result as graphql-ws sends them', async () => {
    const raw = await rawSubscribe(await bearer([StaffRole.ADMIN], 'sub-u-admin'));
    raws.push(raw);
    publish(new DeliveredEvent(eventAbout(MISSING_POST)));
    publish(throughGraphQLWs(eventAbout(MISSING_POST)));
    const direct = await raw.nextFrame();
    expect(direct).toBe(await raw.nextFrame());
    const message = parseMessage(direct);
    expect(message).toMatchObject({
      id: '1',
      type: MessageType.Next,
      payload: { data: null, errors: [{ extensions: { code: 'NOT_FOUND' } }] },
    });
  });

  it("keeps the order of events when a later one is ready first, and audits each one's delivery", async () => {
    /** A shared event whose record takes a while to read. */
    class SlowEvent extends DeliveredEvent<InteractionAddedEvent> {
      override once<R>(key: string, create: () => R): R {
        if (key !== 'interaction') return super.once(key, create);
        return super.once(key, () =>
          new Promise((resolve) => setTimeout(resolve, 300)).then(create),
        ) as R;
      }
    }
    const userId = 'sub-u-admin-order';
    const raw = await rawSubscribe(await bearer([StaffRole.ADMIN], userId));
    raws.push(raw);
    publish(new SlowEvent(eventAbout(WIRE_POST)));
    publish(new DeliveredEvent(eventAbout(MISSING_POST)));
    expect(await raw.nextFrame()).toBe(fullFrame);
    expect(parseMessage(await raw.nextFrame())).toMatchObject({
      payload: { errors: [{ extensions: { code: 'NOT_FOUND' } }] },
    });
    const log = dataOf(
      await server.execute(
        AuditLogDocument,
        { personId: PAULA, userId, first: 50 },
        { authorization: await bearer([StaffRole.DATA_PROTECTION_OFFICER], 'sub-u-dpo') },
      ),
    ).auditLog;
    expect(log.filter((entry) => entry.operation === 'InteractionAdded')).toHaveLength(1);
  });

  it('sends an error that ends the subscription when an execution throws, as before', async () => {
    /** A shared event whose per-event set-up fails, as when need-to-know cannot be answered. */
    class FailingEvent extends DeliveredEvent<InteractionAddedEvent> {
      override once<R>(key: string, create: () => R): R {
        if (key === 'loaders') throw new Error('per-event set-up failed');
        return super.once(key, create);
      }
    }
    const probe = await subscribe({ kinds: ['COMPLAINT'] });
    const before = listeners();
    publish(new FailingEvent(eventAbout(WIRE_POST)));
    expect(await probe.ended).toMatchObject({
      kind: 'errors',
      errors: [{ extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
    });
    await waitUntil(() => listeners() === before - 1, 'the failed subscription stops listening');
  });
});
