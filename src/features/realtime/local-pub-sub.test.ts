import { LocalPubSub } from './local-pub-sub';

const TOPIC = 'test.topic';

describe('LocalPubSub', () => {
  it('delivers in order what each subscriber accepts, and nothing else', async () => {
    const pubSub = new LocalPubSub();
    const even = pubSub.listen<number>(TOPIC, (n) => n % 2 === 0);
    const all = pubSub.subscribe(TOPIC);
    for (const n of [1, 2, 3, 4]) pubSub.publish(TOPIC, n);
    pubSub.publish('other.topic', 6);

    expect(await even.next()).toEqual({ value: 2, done: false });
    expect(await even.next()).toEqual({ value: 4, done: false });
    const received = [];
    for (let i = 0; i < 4; i += 1) received.push((await all.next()).value);
    expect(received).toEqual([1, 2, 3, 4]);
  });

  it('hands an event to a subscriber that is already waiting', async () => {
    const pubSub = new LocalPubSub();
    const events = pubSub.subscribe(TOPIC);
    const next = events.next();
    pubSub.publish(TOPIC, 'now');
    expect(await next).toEqual({ value: 'now', done: false });
  });

  it('keeps the newest 1,024 undelivered events of a slow subscriber', async () => {
    const pubSub = new LocalPubSub();
    const events = pubSub.subscribe(TOPIC);
    for (let n = 0; n < 1_030; n += 1) pubSub.publish(TOPIC, n);
    expect(await events.next()).toEqual({ value: 6, done: false });
  });

  it('stops listening on return() and ends a waiting next()', async () => {
    const pubSub = new LocalPubSub();
    const events = pubSub.subscribe(TOPIC);
    const other = pubSub.subscribe(TOPIC);
    const waiting = events.next();
    expect(pubSub.subscriberCount(TOPIC)).toBe(2);

    await events.return?.();
    expect(await waiting).toEqual({ value: undefined, done: true });
    expect(pubSub.subscriberCount(TOPIC)).toBe(1);
    pubSub.publish(TOPIC, 'later');
    expect(await events.next()).toEqual({ value: undefined, done: true });

    await other.return?.();
    expect(pubSub.subscriberCount(TOPIC)).toBe(0);
  });

  it('ends only the subscriber whose predicate throws, after what it had buffered', async () => {
    const pubSub = new LocalPubSub();
    const failure = new Error('bad filter');
    const fragile = pubSub.listen<string>(TOPIC, (value) => {
      if (value === 'poison') throw failure;
      return true;
    });
    const sturdy = pubSub.subscribe(TOPIC);
    pubSub.publish(TOPIC, 'first');
    pubSub.publish(TOPIC, 'poison');
    pubSub.publish(TOPIC, 'after');

    expect(await fragile.next()).toEqual({ value: 'first', done: false });
    await expect(fragile.next()).rejects.toBe(failure);
    expect(await fragile.next()).toEqual({ value: undefined, done: true });
    expect(pubSub.subscriberCount(TOPIC)).toBe(1);
    const received = [];
    for (let i = 0; i < 3; i += 1) received.push((await sturdy.next()).value);
    expect(received).toEqual(['first', 'poison', 'after']);
  });

  it('rejects a waiting next() when the predicate throws', async () => {
    const pubSub = new LocalPubSub();
    const failure = new Error('bad filter');
    const fragile = pubSub.listen<string>(TOPIC, () => {
      throw failure;
    });
    const waiting = fragile.next();
    pubSub.publish(TOPIC, 'any');
    await expect(waiting).rejects.toBe(failure);
    expect(pubSub.subscriberCount(TOPIC)).toBe(0);
  });

  it('forwards events in the publish loop, those it had buffered first, and a failure after them', () => {
    const pubSub = new LocalPubSub();
    const events = pubSub.listen<string>(TOPIC, (value) => {
      if (value === 'poison') throw new Error('bad filter');
      return true;
    });
    pubSub.publish(TOPIC, 'buffered');
    const forwarded: string[] = [];
    const failures: Error[] = [];
    events.forward(
      (value) => forwarded.push(value),
      (error) => failures.push(error),
    );
    pubSub.publish(TOPIC, 'published');
    expect(forwarded).toEqual(['buffered', 'published']);

    pubSub.publish(TOPIC, 'poison');
    pubSub.publish(TOPIC, 'after');
    expect(failures.map((error) => error.message)).toEqual(['bad filter']);
    expect(forwarded).toEqual(['buffered', 'published']);
    expect(pubSub.subscriberCount(TOPIC)).toBe(0);
  });

  it('stops forwarding on return()', async () => {
    const pubSub = new LocalPubSub();
    const events = pubSub.subscribe(TOPIC);
    const forwarded: unknown[] = [];
    events.forward((value) => forwarded.push(value), fail);
    await events.return();
    pubSub.publish(TOPIC, 'late');
    expect(forwarded).toEqual([]);
    expect(pubSub.subscriberCount(TOPIC)).toBe(0);
  });
});

function fail(error: Error): never {
  throw error;
}
