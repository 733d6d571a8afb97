const DONE: IteratorReturnResult<undefined> = { value: undefined, done: true };

/** graphql-ws turns what a subscription throws into an Error the same way. */
function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

interface Waiter<T> {
  resolve(result: IteratorResult<T, undefined>): void;
  reject(error: Error): void;
}

/**
 * One subscriber's undelivered events, as the async iterator a subscription returns. A publish
 * hands an event straight to a waiting `next()` or buffers it; beyond `capacity` the oldest
 * buffered event is dropped. One event to 10,000 subscribers is 10,000 pushes in one turn of the
 * event loop, so a push costs at most one promise (a repeater costs about ten, and a repeater per
 * filter doubles that).
 */
export class SubscriberQueue<T> implements AsyncIterableIterator<T, undefined, undefined> {
  private readonly buffered: T[] = [];
  private readonly waiting: Waiter<T>[] = [];
  /** Set by `fail`: delivered to the consumer after the buffered events. */
  private failure: Error | null = null;
  private closed = false;
  private listening = true;
  /** Set by `forward`: where events go instead of the buffer. */
  private forwarding: { deliver(value: T): void; fail(error: Error): void } | null = null;

  /** `unlisten` stops the publisher's deliveries; called once, when the queue ends or fails. */
  constructor(
    private readonly capacity: number,
    private readonly unlisten: () => void,
  ) {}

  push(value: T): void {
    if (this.closed || this.failure !== null) return;
    if (this.forwarding !== null) {
      this.forwarding.deliver(value);
      return;
    }
    const waiter = this.waiting.shift();
    if (waiter !== undefined) {
      waiter.resolve({ value, done: false });
      return;
    }
    if (this.buffered.length >= this.capacity) this.buffered.shift();
    this.buffered.push(value);
  }

  /** Ends the queue with an error: the consumer gets the buffered events, then the error. */
  fail(error: unknown): void {
    if (this.closed || this.failure !== null) return;
    const failure = asError(error);
    if (this.forwarding !== null) {
      const forwarding = this.forwarding;
      this.finish();
      forwarding.fail(failure);
      return;
    }
    this.failure = failure;
    this.stopListening();
    // A waiting consumer means nothing is buffered: the error is next.
    const waiter = this.waiting.shift();
    if (waiter === undefined) return;
    this.finish();
    waiter.reject(failure);
  }

  /**
   * From now on, hands each event to `deliver` in the publisher's turn instead of queueing it (the
   * events queued so far first), and a failure to `fail`. For a consumer that starts its own work
   * per event as soon as it is published and keeps its own queue (shared-delivery.ts); `return()`
   * still stops listening.
   */
  forward(deliver: (value: T) => void, fail: (error: Error) => void): void {
    for (const value of this.buffered.splice(0)) deliver(value);
    if (this.failure !== null) {
      const failure = this.failure;
      this.finish();
      fail(failure);
      return;
    }
    this.forwarding = { deliver, fail };
  }

  next(): Promise<IteratorResult<T, undefined>> {
    if (this.buffered.length > 0) {
      return Promise.resolve({ value: this.buffered.shift() as T, done: false });
    }
    if (this.failure !== null) {
      const failure = this.failure;
      this.finish();
      return Promise.reject(failure);
    }
    if (this.closed) return Promise.resolve(DONE);
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  /** Unsubscribe: stops listening at once and ends any waiting `next()`. */
  return(): Promise<IteratorResult<T, undefined>> {
    this.finish();
    return Promise.resolve(DONE);
  }

  throw(error: unknown): Promise<IteratorResult<T, undefined>> {
    this.finish();
    return Promise.reject(asError(error));
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    this.failure = null;
    this.buffered.length = 0;
    this.stopListening();
    for (const waiter of this.waiting.splice(0)) waiter.resolve(DONE);
  }

  private stopListening(): void {
    if (!this.listening) return;
    this.listening = false;
    this.unlisten();
  }
}
