import {
  AddAlertNoteDocument,
  AddTieDocument,
  AlertDocument,
  AlertsDocument,
  AssignAlertDocument,
  CreateWatchListDocument,
  DeleteWatchListDocument,
  IngestPostsDocument,
  LinkSocialAccountDocument,
  type Platform,
  RecordInteractionDocument,
  SetAlertStatusDocument,
  UpdateWatchListDocument,
  UpsertSocialAccountDocument,
  UpsertUserDocument,
  type WatchListInput,
} from '../generated/graphql';
import {
  addRole,
  createOrganization,
  createPerson,
  dataOf,
  grantConsent,
} from '../support/factories';
import { useTestServer } from '../support/test-server';
import { RealtimeTopic } from '../../src/features/realtime/realtime-events';
import { StaffRole } from '../../src/features/staff/staff-user.type';

const server = useTestServer();

let sequence = 0;
async function ingest(handle: string, text: string, platform: Platform = 'X') {
  sequence += 1;
  const postId = `wl-${Date.now()}-${sequence}`;
  const report = dataOf(
    await server.execute(IngestPostsDocument, {
      posts: [{ platform, postId, authorHandle: handle, text, occurredAt: '2026-11-21T09:00:00Z' }],
    }),
  ).ingestPosts;
  return { postId, report };
}

async function createList(input: Partial<WatchListInput> & Pick<WatchListInput, 'name'>) {
  return dataOf(await server.execute(CreateWatchListDocument, { input })).createWatchList;
}

async function alertsOf(watchListId: string) {
  return dataOf(await server.execute(AlertsDocument, { filter: { watchListId }, first: 50 }))
    .alerts;
}

/** A person with SOCIAL_MONITORING consent who posts from an X account with `handle`. */
async function author(handle: string, followers = 0) {
  const person = await createPerson(server, { name: `Author ${handle}` });
  await grantConsent(server, person.id, 'SOCIAL_MONITORING');
  const account = dataOf(
    await server.execute(UpsertSocialAccountDocument, {
      input: { platform: 'X', handle, followers },
    }),
  ).upsertSocialAccount;
  dataOf(
    await server.execute(LinkSocialAccountDocument, {
      input: { accountId: account.id, personId: person.id },
    }),
  );
  return person;
}

async function setInfluence(personId: string, score: number) {
  await server.gateway.write({ operationName: 'test' }, (runner) =>
    runner.run('MATCH (p:Person {id: $personId}) SET p.influenceScore = $score', {
      personId,
      score,
    }),
  );
}

async function knows(fromPersonId: string, toPersonId: string) {
  dataOf(
    await server.execute(AddTieDocument, {
      input: { fromPersonId, toPersonId, type: 'KNOWS', strength: 0.5 },
    }),
  );
}

describe('watch lists and alerts', () => {
  let acmeId: string;

  beforeAll(async () => {
    // near_author KNOWS middle KNOWS the decision maker of Acme: 2 hops. far_author knows nobody.
    const acme = await createOrganization(server, { name: 'Acme' });
    acmeId = acme.id;
    const decisionMaker = await author('acme_boss');
    await addRole(server, {
      personId: decisionMaker.id,
      role: 'DECISION_MAKER',
      organizationId: acme.id,
    });
    const middle = await author('middle_person');
    const near = await author('near_author', 5_000);
    await knows(near.id, middle.id);
    await knows(middle.id, decisionMaker.id);
    await setInfluence(near.id, 0.9);
    const far = await author('far_author', 10);
    await setInfluence(far.id, 0.1);

    const complaining = await author('complaining_customer');
    await addRole(server, { personId: complaining.id, role: 'CUSTOMER' });
    const satisfied = await author('satisfied_customer');
    await addRole(server, { personId: satisfied.id, role: 'CUSTOMER' });
    for (const [person, status] of [
      [complaining, 'OPEN'],
      [satisfied, 'RESOLVED'],
    ] as const) {
      dataOf(
        await server.execute(RecordInteractionDocument, {
          input: {
            kind: 'COMPLAINT',
            channel: 'EMAIL',
            occurredAt: '2026-11-01T10:00:00Z',
            performedByPersonId: person.id,
            status,
          },
        }),
      );
    }
  });

  // Each list has its own keyword, so only the posts written for it can match.
  it.each([
    [
      'keywords with operators',
      { keywords: 'kwops AND (akku OR battery) NOT recall' },
      [
        ['far_author', 'kwops my battery died', true],
        ['far_author', 'kwops Akku kaputt', true],
        ['far_author', 'kwops battery recall', false],
        ['far_author', 'kwops nothing else', false],
      ],
    ],
    [
      'a phrase',
      { keywords: '"kwphrase battery died"' },
      [
        ['far_author', 'oh kwphrase battery died today', true],
        ['far_author', 'kwphrase died battery', false],
      ],
    ],
    [
      'sentiment below',
      { keywords: 'kwneg', sentimentBelow: -0.3 },
      [
        ['far_author', 'kwneg I hate this, horrible', true],
        ['far_author', 'kwneg ich bin enttäuscht, der Akku ist kaputt', true],
        ['far_author', 'kwneg I love it, great', false],
      ],
    ],
    [
      'sentiment above',
      { keywords: 'kwpos', sentimentAbove: 0.3 },
      [
        ['far_author', 'kwpos I love it, great', true],
        ['far_author', 'kwpos I hate this, horrible', false],
      ],
    ],
    [
      'minimum influence',
      { keywords: 'kwinf', minInfluence: 0.5 },
      [
        ['near_author', 'kwinf post', true],
        ['far_author', 'kwinf post', false],
        ['unknown_author', 'kwinf post', false],
      ],
    ],
    [
      'minimum reach',
      { keywords: 'kwreach', minFollowers: 1_000 },
      [
        ['near_author', 'kwreach post', true],
        ['far_author', 'kwreach post', false],
      ],
    ],
    [
      'platforms',
      { keywords: 'kwplat', platforms: ['LINKEDIN'] },
      [
        ['someone', 'kwplat on LinkedIn', true, 'LINKEDIN'],
        ['someone', 'kwplat on X', false, 'X'],
      ],
    ],
    [
      'within 2 hops of a decision maker',
      { keywords: 'kwdm2', nearDecisionMakerOf: { organizationId: 'ACME', maxHops: 2 } },
      [
        ['near_author', 'kwdm2 post', true],
        ['acme_boss', 'kwdm2 post', true],
        ['far_author', 'kwdm2 post', false],
      ],
    ],
    [
      'within 1 hop of a decision maker',
      { keywords: 'kwdm1', nearDecisionMakerOf: { organizationId: 'ACME', maxHops: 1 } },
      [
        ['middle_person', 'kwdm1 post', true],
        ['near_author', 'kwdm1 post', false],
      ],
    ],
    [
      'a customer with an open complaint',
      { keywords: 'kwcust', customerWithOpenComplaint: true },
      [
        ['complaining_customer', 'kwcust post', true],
        ['satisfied_customer', 'kwcust post', false],
        ['far_author', 'kwcust post', false],
      ],
    ],
  ] as const)('matches on %s', async (name, condition, posts) => {
    const input = { name: `list ${name}`, ...condition } as WatchListInput;
    if (input.nearDecisionMakerOf) {
      input.nearDecisionMakerOf = { ...input.nearDecisionMakerOf, organizationId: acmeId };
    }
    const list = await createList(input);
    const expected: string[] = [];
    for (const [handle, text, matches, platform] of posts as ReadonlyArray<
      readonly [string, string, boolean, Platform?]
    >) {
      const { postId } = await ingest(handle, text, platform ?? 'X');
      if (matches) expected.push(postId);
    }
    const alerts = await alertsOf(list.id);
    expect(alerts.edges.map((edge) => edge.node.post?.postId).sort()).toEqual(expected.sort());
  });

  it('explains an alert: keywords, conditions, the author with roles and influence', async () => {
    const list = await createList({
      name: 'explained',
      keywords: 'kwexplain AND (akku OR battery)',
      minInfluence: 0.5,
      nearDecisionMakerOf: { organizationId: acmeId, maxHops: 2 },
    });
    // The decision maker themself is 0 hops away but has no influence score.
    await ingest('acme_boss', 'kwexplain battery');
    expect((await alertsOf(list.id)).totalCount).toBe(0);
    await ingest('near_author', 'kwexplain battery broke');
    const [raised] = (await alertsOf(list.id)).edges;
    expect(raised?.node).toMatchObject({
      status: 'OPEN',
      watchList: { id: list.id, name: 'explained' },
      matchedKeywords: ['kwexplain', 'battery'],
      matchedConditions: [
        'influence 0.9 >= 0.5',
        `2 hops from a decision maker of organization ${acmeId}`,
      ],
      authorInfluence: 0.9,
      authorFollowers: 5_000,
      author: { name: 'Author near_author' },
    });
  });

  it("records the author's current roles at the time", async () => {
    const list = await createList({ name: 'roles', keywords: 'kwroles' });
    await ingest('acme_boss', 'kwroles');
    const [raised] = (await alertsOf(list.id)).edges;
    expect(raised?.node.authorRoles).toEqual([{ role: 'DECISION_MAKER', organizationId: acmeId }]);
  });

  it('raises one alert for a post ingested twice, and publishes ALERT_RAISED once', async () => {
    const publish = jest.spyOn(server.app.realtime, 'publish');
    const list = await createList({ name: 'twice', keywords: 'kwtwice' });
    const { postId } = await ingest('far_author', 'kwtwice');
    const again = dataOf(
      await server.execute(IngestPostsDocument, {
        posts: [
          {
            platform: 'X',
            postId,
            authorHandle: 'far_author',
            text: 'kwtwice',
            occurredAt: '2026-11-21T09:00:00Z',
          },
        ],
      }),
    ).ingestPosts;
    expect(again).toMatchObject({ created: 0, unchanged: 1, alertsRaised: 0 });
    const alerts = await alertsOf(list.id);
    expect(alerts.totalCount).toBe(1);
    const raised = publish.mock.calls.filter(
      ([topic, payload]) =>
        topic === RealtimeTopic.ALERT_RAISED &&
        (payload as { watchListId: string }).watchListId === list.id,
    );
    expect(raised).toEqual([
      [
        RealtimeTopic.ALERT_RAISED,
        {
          alertId: alerts.edges[0]?.node.id,
          watchListId: list.id,
          assigneeId: null,
          status: 'OPEN',
        },
      ],
    ]);
    publish.mockRestore();
  });

  it('works an alert as a task: assign, notes, status forward only, each change published', async () => {
    const list = await createList({ name: 'task', keywords: 'kwtask' });
    await ingest('far_author', 'kwtask');
    const alertId = String((await alertsOf(list.id)).edges[0]?.node.id);
    const agentPerson = await createPerson(server);
    const agent = dataOf(
      await server.execute(UpsertUserDocument, {
        input: {
          login: 'listening-agent',
          displayName: 'Agent',
          staffRole: 'SUPPORT',
          personId: agentPerson.id,
        },
      }),
    ).upsertUser;
    const publish = jest.spyOn(server.app.realtime, 'publish');
    const support = {
      authorization: `Bearer ${await server.tokenFor([StaffRole.SUPPORT], agent.id)}`,
    };

    const assigned = dataOf(
      await server.execute(AssignAlertDocument, { id: alertId, userId: agent.id }, support),
    ).assignAlert;
    expect(assigned.assignee?.login).toBe('listening-agent');
    dataOf(await server.execute(AssignAlertDocument, { id: alertId, userId: agent.id }, support));

    dataOf(await server.execute(AddAlertNoteDocument, { id: alertId, text: 'On it' }, support));
    const noted = dataOf(
      await server.execute(AddAlertNoteDocument, { id: alertId, text: 'On it' }, support),
    ).addAlertNote;
    expect(noted.notes).toEqual([
      expect.objectContaining({ text: 'On it', author: { id: agent.id } }),
    ]);

    const acknowledged = dataOf(
      await server.execute(
        SetAlertStatusDocument,
        { id: alertId, status: 'ACKNOWLEDGED' },
        support,
      ),
    ).setAlertStatus;
    expect(acknowledged.status).toBe('ACKNOWLEDGED');
    dataOf(
      await server.execute(SetAlertStatusDocument, { id: alertId, status: 'RESOLVED' }, support),
    );
    const back = await server.execute(
      SetAlertStatusDocument,
      { id: alertId, status: 'OPEN' },
      support,
    );
    expect(back.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'status',
    });

    // assign, note, ACKNOWLEDGED, RESOLVED: the repeated assign and note changed nothing.
    const updates = publish.mock.calls.filter(([topic]) => topic === RealtimeTopic.ALERT_UPDATED);
    expect(updates.map(([, payload]) => (payload as { status: string }).status)).toEqual([
      'OPEN',
      'OPEN',
      'ACKNOWLEDGED',
      'RESOLVED',
    ]);
    expect(updates[0]?.[1]).toMatchObject({ alertId, assigneeId: agent.id });
    publish.mockRestore();

    const filtered = dataOf(
      await server.execute(AlertsDocument, {
        filter: { assigneeId: agent.id, statuses: ['RESOLVED'] },
      }),
    ).alerts;
    expect(filtered.edges.map((edge) => edge.node.id)).toEqual([alertId]);
  });

  it.each([
    ['an unknown alert', { id: 'no-such-alert', userId: null }, 'NOT_FOUND'],
    ['an unknown user', { id: 'ALERT', userId: 'no-such-user' }, 'NOT_FOUND'],
  ])('refuses to assign %s', async (_case, variables, code) => {
    const list = await createList({ name: `assign ${_case}`, keywords: 'kwassign' });
    await ingest('far_author', 'kwassign');
    const alertId = String((await alertsOf(list.id)).edges[0]?.node.id);
    const id = variables.id === 'ALERT' ? alertId : variables.id;
    const response = await server.execute(AssignAlertDocument, { ...variables, id });
    expect(response.body.errors?.[0]?.extensions?.code).toBe(code);
  });

  it('masks the author for staff without need-to-know', async () => {
    const list = await createList({ name: 'masked', keywords: 'kwmask' });
    await ingest('near_author', 'kwmask');
    const alertId = String((await alertsOf(list.id)).edges[0]?.node.id);
    const asSalesRep = dataOf(
      await server.execute(
        AlertDocument,
        { id: alertId },
        {
          authorization: `Bearer ${await server.tokenFor([StaffRole.SALES_REP], 'some-rep')}`,
        },
      ),
    ).alert;
    expect(asSalesRep).toMatchObject({
      matchedKeywords: ['kwmask'],
      author: null,
      authorRoles: [],
      authorInfluence: null,
    });
    const asAnalyst = dataOf(
      await server.execute(
        AlertDocument,
        { id: alertId },
        {
          authorization: `Bearer ${await server.tokenFor([StaffRole.ANALYST], 'some-analyst')}`,
        },
      ),
    ).alert;
    expect(asAnalyst).toMatchObject({ author: null, authorInfluence: 0.9 });
  });

  it.each([
    [
      'an unclosed parenthesis',
      { keywords: 'kw AND (akku' },
      'BAD_USER_INPUT',
      { field: 'keywords', position: 13 },
    ],
    [
      'a dangling operator',
      { keywords: 'kw OR' },
      'BAD_USER_INPUT',
      { field: 'keywords', position: 6 },
    ],
    ['no condition at all', { platforms: ['X'] }, 'BAD_USER_INPUT', { field: 'keywords' }],
    [
      'too many hops',
      { nearDecisionMakerOf: { organizationId: 'ACME', maxHops: 4 } },
      'BAD_USER_INPUT',
      {},
    ],
    [
      'an unknown organization',
      { nearDecisionMakerOf: { organizationId: 'no-such-org', maxHops: 1 } },
      'NOT_FOUND',
      { field: 'nearDecisionMakerOf.organizationId' },
    ],
    [
      'contradictory sentiment',
      { keywords: 'kw', sentimentAbove: 0.5, sentimentBelow: 0 },
      'BAD_USER_INPUT',
      { field: 'sentimentAbove' },
    ],
  ] as const)('refuses a watch list with %s', async (_case, input, code, details) => {
    const given = { name: `bad ${_case}`, ...input } as WatchListInput;
    if (given.nearDecisionMakerOf?.organizationId === 'ACME') {
      given.nearDecisionMakerOf = { ...given.nearDecisionMakerOf, organizationId: acmeId };
    }
    const response = await server.execute(CreateWatchListDocument, { input: given });
    expect(response.body.errors?.[0]?.extensions).toMatchObject({ code, ...details });
  });

  it('creates idempotently by name, updates and deletes', async () => {
    const input = { name: 'idempotent', keywords: 'kwidem' };
    const first = await createList(input);
    const again = await createList(input);
    expect(again.id).toBe(first.id);
    const conflict = await server.execute(CreateWatchListDocument, {
      input: { ...input, keywords: 'other' },
    });
    expect(conflict.body.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      field: 'name',
    });
    const updated = dataOf(
      await server.execute(UpdateWatchListDocument, {
        id: first.id,
        input: { ...input, keywords: 'kwidem2', active: false },
      }),
    ).updateWatchList;
    expect(updated).toMatchObject({ keywords: 'kwidem2', active: false });
    await ingest('far_author', 'kwidem2');
    expect((await alertsOf(first.id)).totalCount).toBe(0);
    expect(
      dataOf(await server.execute(DeleteWatchListDocument, { id: first.id })).deleteWatchList,
    ).toEqual({ id: first.id, deleted: true });
  });

  it.each([
    ['ANALYST', 'FORBIDDEN'],
    ['DATA_PROTECTION_OFFICER', 'FORBIDDEN'],
    ['MARKETING', null],
    ['SUPPORT', null],
  ] as const)('lets %s create watch lists: %s', async (role, code) => {
    const response = await server.execute(
      CreateWatchListDocument,
      { input: { name: `by ${role}`, keywords: 'kwrole' } },
      { authorization: `Bearer ${await server.tokenFor([StaffRole[role]])}` },
    );
    expect(response.body.errors?.[0]?.extensions?.code ?? null).toBe(code);
  });
});
