import type { ExecutionResult } from 'graphql';

/** A result shared by many subscribers, serialised once, and whose personal data it shows. */
export interface SharedDelivery {
  readonly payload: string;
  readonly peopleRead: readonly string[];
}

/**
 * What one event comes to for one subscriber: a shared delivery, sent by the queue itself; a result
 * of its own, handed to graphql-ws as usual; or an error that ends the subscription.
 */
export type DeliveryOutcome =
  | { readonly kind: 'shared'; readonly delivery: SharedDelivery }
  | { readonly kind: 'result'; readonly result: ExecutionResult }
  | { readonly kind: 'error'; readonly error: Error };

/** Where a subscription's shared deliveries go. Neither promise ever rejects. */
export interface DeliveryOutlet {
  /**
   * Notes whose personal data the subscriber is about to be shown and writes its audit entry; a
   * promise that settles once it is written, or undefined when there is nothing to write.
   */
  audit(peopleRead: readonly string[]): Promise<void> | undefined;
  /** Sends a payload; a promise means the socket is behind and the next one waits for it. */
  send(payload: string): Promise<void> | undefined;
}

const DONE: IteratorReturnResult<undefined> = { value: undefined, done: true };

interface Waiter {
  resolve(result: IteratorResult<ExecutionResult, undefined>): void;
  reject(error: Error): void;
}

/** One event's place in a subscriber's queue, settled when the event's execution settles. */
export class DeliverySlot {
  outcome: DeliveryOutcome | null = null;

  constructor(readonly queue: DeliveryQueue) {}
}

/**
 * One subscription's deliveries in event order. A slot is reserved in the publisher's turn and
 * settled when the event's shared execution settles, possibly after a later event's; a delivery
 * waits for the events before it. Shared deliveries are sent by the queue itself, straight to the
 * socket, each after its audit entry is written: no promise, hook or serialisation per subscriber
 * unless the subscriber was shown personal data or its socket is behind. It is also the iterator
 * graphql-ws reads, and sends only while graphql-ws waits on `next()`: so nothing goes out before
 * graphql-ws has registered the subscription, between a result of its own (handed to that `next()`)
 * and graphql-ws's next call, or after `return()` (the client's `complete`, or its socket closed).
 * An error reaches graphql-ws through `next()` after the deliveries before it, and ends the queue.
 * Beyond `capacity` the oldest slot is dropped, so a slow socket costs at most that many events.
 */
export class DeliveryQueue implements AsyncIterableIterator<ExecutionResult, undefined, undefined> {
  private readonly slots: DeliverySlot[] = [];
  /** graphql-ws's pending `next()` (its for-await asks for one result at a time). */
  private waiter: Waiter | null = null;
  /** A delivery waits for its audit write or a slow socket: the ones after it wait too. */
  private busy = false;
  private closed = false;

  /** `stop` stops the events at their source; called once, when the queue ends. */
  constructor(
    private readonly capacity: number,
    private readonly outlet: DeliveryOutlet,
    private readonly stop: () => void,
  ) {}

  /** The next event's place; nothing is delivered after the queue ended. */
  reserve(): DeliverySlot {
    const slot = new DeliverySlot(this);
    if (this.closed) return slot;
    if (this.slots.length >= this.capacity) this.slots.shift();
    this.slots.push(slot);
    return slot;
  }

  /** A slot settles once; it is delivered as soon as the slots before it are. */
  settle(slot: DeliverySlot, outcome: DeliveryOutcome): void {
    if (slot.outcome !== null) return;
    slot.outcome = outcome;
    this.pump();
  }

  /** Ends the queue with an error after the events already reserved. */
  fail(error: Error): void {
    this.settle(this.reserve(), { kind: 'error', error });
  }

  next(): Promise<IteratorResult<ExecutionResult, undefined>> {
    if (this.closed) return Promise.resolve(DONE);
    return new Promise((resolve, reject) => {
      this.waiter = { resolve, reject };
      this.pump();
    });
  }

  /** Unsubscribe: stops the source at once, ends a waiting `next()`, and nothing is sent after. */
  return(): Promise<IteratorResult<ExecutionResult, undefined>> {
    this.finish();
    return Promise.resolve(DONE);
  }

  throw(error: unknown): Promise<IteratorResult<ExecutionResult, undefined>> {
    this.finish();
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  /** Delivers the settled slots at the head, in order, while graphql-ws waits and nothing else does. */
  private pump(): void {
    for (;;) {
      const waiter = this.waiter;
      const outcome = this.slots[0]?.outcome;
      if (waiter === null || this.busy || outcome === null || outcome === undefined) return;
      this.slots.shift();
      switch (outcome.kind) {
        case 'shared':
          this.deliver(outcome.delivery);
          break;
        case 'result':
          this.waiter = null;
          waiter.resolve({ value: outcome.result, done: false });
          return;
        case 'error':
          this.waiter = null;
          this.finish();
          waiter.reject(outcome.error);
          return;
      }
    }
  }

  private deliver(delivery: SharedDelivery): void {
    const audited = this.outlet.audit(delivery.peopleRead);
    const sent =
      audited === undefined
        ? this.send(delivery.payload)
        : audited.then(() => this.send(delivery.payload));
    if (sent === undefined) return;
    this.busy = true;
    void sent.then(() => {
      this.busy = false;
      this.pump();
    });
  }

  private send(payload: string): Promise<void> | undefined {
    return this.closed ? undefined : this.outlet.send(payload);
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    this.slots.length = 0;
    this.stop();
    const waiter = this.waiter;
    this.waiter = null;
    waiter?.resolve(DONE);
  }
}
