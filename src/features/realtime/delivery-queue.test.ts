import type { ExecutionResult } from 'graphql';
import { type DeliveryOutlet, DeliveryQueue, type DeliverySlot } from './delivery-queue';

/** A promise settled from outside, as an audit write or a slow socket write completes. */
function pending(): { promise: Promise<void>; settle: () => void } {
  let settle = () => {};
  const promise = new Promise<void>((resolve) => (settle = resolve));
  return { promise, settle };
}

/** Lets promise callbacks that are already due run. */
async function flushMicrotasks(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
}

/**
 * A queue whose outlet records, in order, what it audits and sends. `audit` and `send` may be
 * replaced per test to make a write wait.
 */
function newQueue(capacity = 16) {
  const log: string[] = [];
  const outlet: {
    audit: DeliveryOutlet['audit'];
    send: DeliveryOutlet['send'];
  } = {
    audit: (peopleRead) => {
      if (peopleRead.length === 0) return undefined;
      log.push(`audit ${peopleRead.join(',')}`);
      return Promise.resolve();
    },
    send: (payload) => {
      log.push(`send ${payload}`);
      return undefined;
    },
  };
  const stop = jest.fn();
  const queue = new DeliveryQueue(capacity, outlet, stop);
  return { queue, outlet, log, stop };
}

function share(slot: DeliverySlot, payload: string, peopleRead: string[] = []): void {
  slot.queue.settle(slot, { kind: 'shared', delivery: { payload, peopleRead } });
}

const ownResult: ExecutionResult = { data: { own: true } };

describe('DeliveryQueue', () => {
  it('sends in the order of the events, whatever order their executions settle in', () => {
    const { queue, log } = newQueue();
    void queue.next();
    const first = queue.reserve();
    const second = queue.reserve();
    const third = queue.reserve();
    share(third, '3');
    share(second, '2');
    expect(log).toEqual([]);
    share(first, '1');
    expect(log).toEqual(['send 1', 'send 2', 'send 3']);
  });

  it('sends nothing until graphql-ws waits on next(), since it has not registered the subscription before', () => {
    const { queue, log } = newQueue();
    share(queue.reserve(), 'early');
    expect(log).toEqual([]);
    void queue.next();
    expect(log).toEqual(['send early']);
  });

  it("writes a subscriber's audit entry before its message, and the next message waits for both", async () => {
    const { queue, outlet, log } = newQueue();
    const written = pending();
    outlet.audit = (peopleRead) => {
      if (peopleRead.length === 0) return undefined;
      log.push(`audit ${peopleRead.join(',')}`);
      return written.promise;
    };
    void queue.next();
    share(queue.reserve(), 'personal', ['paula']);
    share(queue.reserve(), 'after');
    await flushMicrotasks();
    expect(log).toEqual(['audit paula']);
    written.settle();
    await flushMicrotasks();
    expect(log).toEqual(['audit paula', 'send personal', 'send after']);
  });

  it('sends without waiting when a delivery showed no personal data', () => {
    const { queue, log } = newQueue();
    void queue.next();
    share(queue.reserve(), 'ids only');
    expect(log).toEqual(['send ids only']);
  });

  it('hands a result of its own to graphql-ws, and sends what follows only when graphql-ws asks again', async () => {
    const { queue, log } = newQueue();
    const waiting = queue.next();
    const own = queue.reserve();
    share(queue.reserve(), 'after');
    own.queue.settle(own, { kind: 'result', result: ownResult });
    expect(await waiting).toEqual({ value: ownResult, done: false });
    expect(log).toEqual([]);
    void queue.next();
    expect(log).toEqual(['send after']);
  });

  it('sends the deliveries before an error, then ends the iteration with it and stops the source', async () => {
    const { queue, log, stop } = newQueue();
    const waiting = queue.next();
    const first = queue.reserve();
    const failed = queue.reserve();
    share(queue.reserve(), 'after the error');
    failed.queue.settle(failed, { kind: 'error', error: new Error('need-to-know unavailable') });
    share(first, 'first');

    await expect(waiting).rejects.toThrow('need-to-know unavailable');
    expect(log).toEqual(['send first']);
    expect(stop).toHaveBeenCalledTimes(1);
    expect(await queue.next()).toEqual({ value: undefined, done: true });
  });

  it('ends with a failure of the source after the events already reserved', async () => {
    const { queue, log } = newQueue();
    const last = queue.reserve();
    queue.fail(new Error('predicate failed'));
    const waiting = queue.next();
    share(last, 'last');
    await expect(waiting).rejects.toThrow('predicate failed');
    expect(log).toEqual(['send last']);
  });

  it('sends nothing after return(), not even a delivery whose audit entry was being written', async () => {
    const { queue, outlet, log, stop } = newQueue();
    const written = pending();
    outlet.audit = () => written.promise;
    const waiting = queue.next();
    share(queue.reserve(), 'audited while completing', ['paula']);
    const later = queue.reserve();
    await queue.return();

    expect(stop).toHaveBeenCalledTimes(1);
    expect(await waiting).toEqual({ value: undefined, done: true });
    written.settle();
    share(later, 'later');
    share(queue.reserve(), 'reserved after return');
    await flushMicrotasks();
    expect(log).toEqual([]);
    expect(await queue.next()).toEqual({ value: undefined, done: true });
  });

  it('holds deliveries while the socket is behind, keeping only the newest of them', async () => {
    const { queue, outlet, log } = newQueue(2);
    const drained = pending();
    outlet.send = (payload) => {
      log.push(`send ${payload}`);
      return payload === '1' ? drained.promise : undefined;
    };
    void queue.next();
    for (const payload of ['1', '2', '3', '4']) share(queue.reserve(), payload);
    await flushMicrotasks();
    expect(log).toEqual(['send 1']);
    drained.settle();
    await flushMicrotasks();
    expect(log).toEqual(['send 1', 'send 3', 'send 4']);
  });
});
