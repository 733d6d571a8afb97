import { RealtimeTopic } from '../../src/features/realtime/realtime-events';
import { StaffRole } from '../../src/features/staff/staff-user.type';
import {
  InteractionAddedDocument,
  type InteractionAddedSubscription,
  InteractionTextDocument,
  RecordInteractionDocument,
} from '../generated/graphql';
import { dataOf } from '../support/factories';
import { PrivateRedis } from '../support/redis-server';
import { SubscriptionProbe, waitUntil } from '../support/subscription-client';
import { startTestServer, type TestServer } from '../support/test-server';

/**
 * Two real service instances in this process, on different ports, sharing the suite's Neo4j and
 * one private redis-server: what is recorded on A reaches B's subscribers through Redis.
 */
let redis: PrivateRedis;
let instanceA: TestServer;
let instanceB: TestServer;
const probes: Array<SubscriptionProbe<InteractionAddedSubscription>> = [];

const PERSON = 'two-p-1';

beforeAll(async () => {
  redis = await PrivateRedis.start();
  instanceA = await startTestServer({ env: { REDIS_URL: redis.url } });
  instanceB = await startTestServer({ env: { REDIS_URL: redis.url }, reset: false });
  await Promise.all([instanceA.bootstrap.whenSettled(), instanceB.bootstrap.whenSettled()]);
  await instanceA.gateway.write({ operationName: 'twoInstancesFixture' }, (runner) =>
    runner.run(
      `CREATE (:Person {id: '${PERSON}', name: 'Two', createdAt: datetime(), updatedAt: datetime()})`,
    ),
  );
  await waitUntil(
    () => instanceA.app.realtime.state === 'up' && instanceB.app.realtime.state === 'up',
    'both instances reach Redis',
  );
});

afterAll(async () => {
  await Promise.all(probes.map((probe) => probe.close()));
  await instanceB?.stop();
  await instanceA?.stop();
  await redis?.stop();
});

async function subscribeOn(instance: TestServer) {
  const listeners = () =>
    instance.app.realtime.pubSub.subscriberCount(RealtimeTopic.INTERACTION_ADDED);
  const before = listeners();
  const probe = SubscriptionProbe.open(
    instance.wsUrl,
    InteractionAddedDocument,
    { filter: { personId: PERSON } },
    `Bearer ${await instance.tokenFor([StaffRole.ADMIN], 'two-u-admin')}`,
  );
  probes.push(probe);
  await waitUntil(() => listeners() > before, 'the subscription listens');
  return probe;
}

async function recordOn(instance: TestServer, text: string): Promise<string> {
  const data = dataOf(
    await instance.execute(RecordInteractionDocument, {
      input: {
        kind: 'EMAIL',
        channel: 'EMAIL',
        occurredAt: '2026-11-01T10:00:00Z',
        performedByPersonId: PERSON,
        text,
      },
    }),
  );
  return data.recordInteraction.id;
}

async function idOfNext(probe: SubscriptionProbe<InteractionAddedSubscription>) {
  const result = await probe.next();
  if (result.errors !== undefined) throw new Error(JSON.stringify(result.errors));
  return result.data?.interactionAdded.id;
}

async function readiness(instance: TestServer) {
  const response = await fetch(`${instance.baseUrl}/readyz`);
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

describe('two instances sharing Redis', () => {
  it('reports Redis in readiness', async () => {
    expect(await readiness(instanceA)).toEqual({
      status: 200,
      body: { status: 'ready', database: 'up', realtime: 'up' },
    });
  });

  it("delivers what A recorded to B's subscribers, and to A's own exactly once", async () => {
    const onB = await subscribeOn(instanceB);
    const onA = await subscribeOn(instanceA);
    const first = await recordOn(instanceA, 'recorded on A');
    // Events are published after commit, in the background: B hears A's event through Redis,
    // and nothing orders it before B's own later event unless B has heard it first.
    expect(await idOfNext(onB)).toBe(first);
    const second = await recordOn(instanceB, 'recorded on B');
    expect(await idOfNext(onB)).toBe(second);
    // A hears its own event once (locally, its Redis echo is ignored), then B's through Redis.
    expect(await idOfNext(onA)).toBe(first);
    expect(await idOfNext(onA)).toBe(second);
    const marker = await recordOn(instanceA, 'marker');
    expect(await idOfNext(onA)).toBe(marker);
    expect(onA.results.map((result) => result.data?.interactionAdded.id)).toEqual([
      first,
      second,
      marker,
    ]);
    const text = (await onB.next()).data?.interactionAdded.text;
    expect(text).toBe('marker');
  });

  it('keeps working without Redis, says degraded, and resumes delivery when it returns', async () => {
    const onA = await subscribeOn(instanceA);
    const onB = await subscribeOn(instanceB);
    await redis.kill();
    await waitUntil(
      () => instanceA.app.realtime.state === 'down' && instanceB.app.realtime.state === 'down',
      'both instances notice that Redis is gone',
    );

    expect(await readiness(instanceA)).toEqual({
      status: 200,
      body: { status: 'degraded', database: 'up', realtime: 'down' },
    });
    // Writes and queries work, and A's own subscribers still hear A's events.
    const duringOutage = await recordOn(instanceA, 'while Redis is down');
    const read = dataOf(await instanceB.execute(InteractionTextDocument, { id: duringOutage }));
    expect(read.interaction.text).toBe('while Redis is down');
    expect(await idOfNext(onA)).toBe(duringOutage);

    await redis.start();
    await waitUntil(
      () => instanceA.app.realtime.state === 'up' && instanceB.app.realtime.state === 'up',
      'both instances reconnect by themselves',
    );
    expect((await readiness(instanceB)).body).toMatchObject({ status: 'ready', realtime: 'up' });
    // B re-subscribes right after reconnecting; record until an event arrives through Redis.
    // Events published while Redis was down are not replayed (pub/sub), so B's next one is new.
    const afterOutage = new Set<string>();
    const received = idOfNext(onB);
    let delivered: string | undefined;
    void received.then((id) => {
      delivered = id;
    });
    while (delivered === undefined) {
      afterOutage.add(await recordOn(instanceA, 'after Redis returned'));
      await Promise.race([received, new Promise((resolve) => setTimeout(resolve, 200))]);
    }
    expect(afterOutage.has(delivered)).toBe(true);
  });
});
