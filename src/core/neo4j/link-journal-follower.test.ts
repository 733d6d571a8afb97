import { createLogger } from '../logging/logger';
import {
  type JournalConsumer,
  type LinkChangeFeed,
  type LinkChanges,
  LinkJournalFollower,
} from './link-journal-follower';
import type { OperationScope } from './neo4j-gateway';

interface Cursor {
  at: number;
}

const NONE: LinkChanges = {
  people: [],
  accounts: [],
  interactions: [],
  organizations: [],
  reset: false,
};

/** A journal in memory: entries are appended by the test, cursors are positions. */
class FakeFeed implements LinkChangeFeed<Cursor> {
  entries: LinkChanges[] = [];
  reads = 0;
  journal = true;
  failNext = false;
  /** Holds every read until released, to line up concurrent callers. */
  gate: Promise<void> | null = null;

  available(): Promise<boolean> {
    return Promise.resolve(this.journal);
  }

  start(): Promise<Cursor> {
    return Promise.resolve({ at: this.entries.length });
  }

  async read(_scope: OperationScope, cursor: Cursor) {
    this.reads += 1;
    const seenAt = this.entries.length;
    await this.gate;
    if (this.failNext) {
      this.failNext = false;
      throw new Error('journal unreadable');
    }
    const entries = this.entries.slice(cursor.at, seenAt);
    const changes: LinkChanges = {
      people: entries.flatMap((entry) => entry.people),
      accounts: entries.flatMap((entry) => entry.accounts),
      interactions: [],
      organizations: [],
      reset: entries.some((entry) => entry.reset),
    };
    return { changes, cursor: { at: seenAt }, more: false };
  }

  prune(): Promise<void> {
    return Promise.resolve();
  }
}

class FakeConsumer implements JournalConsumer {
  readonly name = 'test';
  loads = 0;
  applied: string[] = [];
  refuse = false;
  /** Holds loads until released, to see what callers get meanwhile. */
  hold: Promise<void> | null = null;

  async load(): Promise<void> {
    this.loads += 1;
    await this.hold;
  }

  apply(_scope: OperationScope, changes: LinkChanges): Promise<boolean> {
    if (this.refuse) return Promise.resolve(false);
    this.applied.push(...changes.people);
    return Promise.resolve(true);
  }
}

const scope: OperationScope = { operationName: 'test' };
const logger = createLogger('silent');
const settle = () => new Promise((resolve) => setImmediate(resolve));

async function started(feed: FakeFeed, consumer: FakeConsumer) {
  const follower = new LinkJournalFollower(feed, consumer, logger, {
    pollMs: 60_000,
    pruneMs: 60_000,
    maxChangedIds: 3,
  });
  follower.start();
  const loaded = await follower.whenLoaded();
  return { follower, loaded };
}

describe('LinkJournalFollower', () => {
  it('stays off on a database without the journal', async () => {
    const feed = new FakeFeed();
    feed.journal = false;
    const consumer = new FakeConsumer();
    const { follower, loaded } = await started(feed, consumer);
    expect(loaded).toBe(false);
    expect(consumer.loads).toBe(0);
    expect(await follower.catchUp(scope)).toBe(false);
    follower.stop();
  });

  it('applies every change committed before a caller arrived, once', async () => {
    const feed = new FakeFeed();
    const consumer = new FakeConsumer();
    const { follower, loaded } = await started(feed, consumer);
    expect(loaded).toBe(true);
    feed.entries.push({ ...NONE, people: ['a'] });
    expect(await follower.catchUp(scope)).toBe(true);
    expect(await follower.catchUp(scope)).toBe(true);
    expect(consumer.applied).toEqual(['a']);
    follower.stop();
  });

  it('makes a caller who arrives during a read wait for the next read, which sees its write', async () => {
    const feed = new FakeFeed();
    const consumer = new FakeConsumer();
    const { follower } = await started(feed, consumer);
    let release: () => void = () => undefined;
    feed.gate = new Promise((resolve) => {
      release = resolve;
    });
    feed.entries.push({ ...NONE, people: ['early'] });
    const first = follower.catchUp(scope);
    await settle();
    feed.entries.push({ ...NONE, people: ['late'] });
    const second = follower.catchUp(scope);
    const third = follower.catchUp(scope);
    release();
    feed.gate = null;
    await Promise.all([first, second, third]);
    expect(consumer.applied).toEqual(['early', 'late']);
    // One read in flight, one more for everyone who arrived during it.
    expect(feed.reads).toBe(2);
    follower.stop();
  });

  it('loads again after a reset, too many changes, or a change the consumer cannot apply', async () => {
    const feed = new FakeFeed();
    const consumer = new FakeConsumer();
    const { follower } = await started(feed, consumer);
    let release: () => void = () => undefined;
    const reloadAfter = async (entry: LinkChanges) => {
      consumer.hold = new Promise((resolve) => {
        release = resolve;
      });
      feed.entries.push(entry);
      const loads = consumer.loads;
      // While it loads again, callers read the database.
      expect(await follower.catchUp(scope)).toBe(false);
      expect(await follower.catchUp(scope)).toBe(false);
      expect(consumer.loads).toBe(loads + 1);
      release();
      await settle();
      expect(await follower.catchUp(scope)).toBe(true);
    };
    await reloadAfter({ ...NONE, reset: true });
    await reloadAfter({ ...NONE, people: ['a', 'b', 'c', 'd'] });
    consumer.refuse = true;
    await reloadAfter({ ...NONE, people: ['e'] });
    expect(consumer.applied).toEqual([]);
    follower.stop();
  });

  it('sends callers to the database while the journal cannot be read, and reads it again later', async () => {
    const feed = new FakeFeed();
    const consumer = new FakeConsumer();
    const { follower } = await started(feed, consumer);
    feed.entries.push({ ...NONE, people: ['a'] });
    feed.failNext = true;
    expect(await follower.catchUp(scope)).toBe(false);
    expect(consumer.applied).toEqual([]);
    expect(await follower.catchUp(scope)).toBe(true);
    expect(consumer.applied).toEqual(['a']);
    follower.stop();
  });
});
