import { randomUUID } from 'node:crypto';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { RealtimeTopic } from '../../src/features/realtime/realtime-events';
import { StaffRole } from '../../src/features/staff/staff-user.type';
import {
  type AlertEventFilter,
  AlertRaisedDocument,
  type AlertRaisedSubscription,
  AlertUpdatedDocument,
  type AlertUpdatedSubscription,
  AssignAlertDocument,
  CreateWatchListDocument,
  IngestPostsDocument,
  SetAlertStatusDocument,
} from '../generated/graphql';
import { dataOf } from '../support/factories';
import { SubscriptionProbe, waitUntil } from '../support/subscription-client';
import { useTestServer } from '../support/test-server';

const server = useTestServer();

const probes: Array<SubscriptionProbe<unknown>> = [];
afterAll(async () => {
  await Promise.all(probes.map((probe) => probe.close()));
});

beforeAll(async () => {
  await server.gateway.write({ operationName: 'alertSubscriptionFixture' }, (runner) =>
    runner.run(`
      CREATE (:User {id: 'as-u-x', login: 'as-x', displayName: 'X', staffRole: 'SUPPORT'})
      CREATE (:User {id: 'as-u-y', login: 'as-y', displayName: 'Y', staffRole: 'SUPPORT'})`),
  );
});

async function bearer(roles: StaffRole[], userId = 'as-u-admin') {
  return `Bearer ${await server.tokenFor(roles, userId)}`;
}

async function open<TData>(
  topic: RealtimeTopic,
  document: TypedDocumentNode<TData, { filter?: AlertEventFilter | null }>,
  filter: AlertEventFilter | null,
): Promise<SubscriptionProbe<TData>> {
  const listeners = () => server.app.realtime.pubSub.subscriberCount(topic);
  const before = listeners();
  const probe = SubscriptionProbe.open(
    server.wsUrl,
    document,
    { filter },
    await bearer([StaffRole.SUPPORT], 'as-u-x'),
  );
  probes.push(probe as SubscriptionProbe<unknown>);
  await waitUntil(() => listeners() > before, 'the subscription listens');
  return probe;
}

async function watchList(keywords: string): Promise<string> {
  const data = dataOf(
    await server.execute(CreateWatchListDocument, {
      input: { name: `as ${keywords} ${randomUUID().slice(0, 6)}`, keywords },
    }),
  );
  return data.createWatchList.id;
}

async function ingest(text: string): Promise<void> {
  const suffix = randomUUID().slice(0, 8);
  const data = dataOf(
    await server.execute(IngestPostsDocument, {
      posts: [
        {
          platform: 'X',
          postId: `as-${suffix}`,
          authorHandle: `as_author_${suffix}`,
          text,
          occurredAt: '2026-11-20T09:00:00Z',
          language: 'en',
        },
      ],
    }),
  );
  expect(data.ingestPosts.created).toBe(1);
}

async function nextData<TData>(probe: SubscriptionProbe<TData>): Promise<TData> {
  const result = await probe.next();
  if (result.errors !== undefined || result.data == null) {
    throw new Error(JSON.stringify(result.errors));
  }
  return result.data;
}

describe('alertRaised and alertUpdated', () => {
  let refunds: string;
  let outages: string;
  let raisedOnRefunds: AlertRaisedSubscription['alertRaised'][] = [];

  it('delivers raised alerts filtered by watch list', async () => {
    refunds = await watchList('refund');
    outages = await watchList('outage');
    const onRefunds = await open(RealtimeTopic.ALERT_RAISED, AlertRaisedDocument, {
      watchListId: refunds,
    });
    const onOutages = await open(RealtimeTopic.ALERT_RAISED, AlertRaisedDocument, {
      watchListId: outages,
    });

    await ingest('I want a refund now');
    await ingest('Another outage this morning');
    await ingest('The outage means I want a refund');

    raisedOnRefunds = [
      (await nextData(onRefunds)).alertRaised,
      (await nextData(onRefunds)).alertRaised,
    ];
    const raisedOnOutages = [
      (await nextData(onOutages)).alertRaised,
      (await nextData(onOutages)).alertRaised,
    ];
    expect(raisedOnRefunds.map((alert) => [alert.watchListId, alert.post?.text])).toEqual([
      [refunds, 'I want a refund now'],
      [refunds, 'The outage means I want a refund'],
    ]);
    expect(raisedOnOutages.map((alert) => [alert.watchListId, alert.post?.text])).toEqual([
      [outages, 'Another outage this morning'],
      [outages, 'The outage means I want a refund'],
    ]);
    expect(raisedOnRefunds.every((alert) => alert.status === 'OPEN')).toBe(true);
  });

  it('delivers updates filtered by assignee, as the alert is after the change', async () => {
    const alert = raisedOnRefunds[0];
    if (alert === undefined) throw new Error('the first test raises the alerts');
    const forX = await open(RealtimeTopic.ALERT_UPDATED, AlertUpdatedDocument, {
      assigneeId: 'as-u-x',
    });
    const all = await open(RealtimeTopic.ALERT_UPDATED, AlertUpdatedDocument, null);

    dataOf(await server.execute(AssignAlertDocument, { id: alert.id, userId: 'as-u-x' }));
    dataOf(await server.execute(SetAlertStatusDocument, { id: alert.id, status: 'ACKNOWLEDGED' }));
    dataOf(await server.execute(AssignAlertDocument, { id: alert.id, userId: 'as-u-y' }));
    dataOf(await server.execute(AssignAlertDocument, { id: alert.id, userId: 'as-u-x' }));

    const shape = (update: AlertUpdatedSubscription['alertUpdated']) => [
      update.id,
      update.status,
      update.assignee?.id ?? null,
    ];
    const everyUpdate = [];
    for (let index = 0; index < 4; index += 1)
      everyUpdate.push(shape((await nextData(all)).alertUpdated));
    expect(everyUpdate).toEqual([
      [alert.id, 'OPEN', 'as-u-x'],
      [alert.id, 'ACKNOWLEDGED', 'as-u-x'],
      [alert.id, 'ACKNOWLEDGED', 'as-u-y'],
      [alert.id, 'ACKNOWLEDGED', 'as-u-x'],
    ]);
    const updatesForX = [];
    for (let index = 0; index < 3; index += 1)
      updatesForX.push(shape((await nextData(forX)).alertUpdated));
    // The change to Y is not X's; the subscription resumes when the alert comes back to X.
    expect(updatesForX).toEqual([
      [alert.id, 'OPEN', 'as-u-x'],
      [alert.id, 'ACKNOWLEDGED', 'as-u-x'],
      [alert.id, 'ACKNOWLEDGED', 'as-u-x'],
    ]);
  });

  it.each([
    [StaffRole.ANALYST, 'FORBIDDEN'],
    [StaffRole.DATA_PROTECTION_OFFICER, 'FORBIDDEN'],
  ])('refuses live alerts to %s with %s', async (role, code) => {
    const probe = SubscriptionProbe.open(
      server.wsUrl,
      AlertRaisedDocument,
      { filter: null },
      await bearer([role]),
    );
    probes.push(probe as SubscriptionProbe<unknown>);
    const result = await probe.next();
    expect(result.errors?.[0]?.extensions?.code).toBe(code);
    expect(await probe.ended).toEqual({ kind: 'complete' });
  });

  it('refuses a malformed watch list id with BAD_USER_INPUT', async () => {
    const probe = SubscriptionProbe.open(
      server.wsUrl,
      AlertUpdatedDocument,
      { filter: { watchListId: 'no such id!' } },
      await bearer([StaffRole.ADMIN]),
    );
    probes.push(probe as SubscriptionProbe<unknown>);
    const result = await probe.next();
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'filter.watchListId',
    });
  });
});
