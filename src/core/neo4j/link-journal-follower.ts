import type { Logger } from '../logging/logger';
import { LinkJournal, type LinkJournalCursor, probeLinkJournal } from './link-journal';
import type { Neo4jGateway, OperationScope } from './neo4j-gateway';

/** Ids whose links changed since a cursor, as the link journal reports them. */
export interface LinkChanges {
  people: readonly string[];
  accounts: readonly string[];
  interactions: readonly string[];
  organizations: readonly string[];
  /** Something changed that the journal could not name: load everything again. */
  reset: boolean;
}

/** The journal as a follower reads it (LinkJournalFeed on the local Neo4j; fakes in tests). */
export interface LinkChangeFeed<Cursor extends object> {
  /** True when this database writes the journal; otherwise nothing kept in memory stays fresh. */
  available(scope: OperationScope): Promise<boolean>;
  /** A cursor from which every change committed after this call will be read. */
  start(scope: OperationScope): Promise<Cursor>;
  read(
    scope: OperationScope,
    cursor: Cursor,
  ): Promise<{ changes: LinkChanges; cursor: Cursor; more: boolean }>;
  prune(scope: OperationScope): Promise<void>;
}

/** The link journal of the local Neo4j (src/core/neo4j/link-journal.ts) as a feed. */
export class LinkJournalFeed implements LinkChangeFeed<LinkJournalCursor> {
  private readonly journal: LinkJournal;

  constructor(private readonly gateway: Neo4jGateway) {
    this.journal = new LinkJournal(gateway);
  }

  available(scope: OperationScope): Promise<boolean> {
    return probeLinkJournal(this.gateway, scope);
  }

  start(scope: OperationScope): Promise<LinkJournalCursor> {
    return this.journal.openCursor(scope);
  }

  async read(scope: OperationScope, cursor: LinkJournalCursor) {
    const batch = await this.journal.readSince(scope, cursor);
    return { changes: batch, cursor: batch.cursor, more: batch.more };
  }

  async prune(scope: OperationScope): Promise<void> {
    await this.journal.pruneOlderThan(scope);
  }
}

/** Something kept in memory from the graph, which the journal keeps current. */
export interface JournalConsumer {
  /** For logs: what is kept ("link index"). */
  readonly name: string;
  /** Reads everything again; until it resolves, the consumer must not be used. */
  load(scope: OperationScope): Promise<void>;
  /**
   * Reads again what the changes name. False when they are too many to apply one by one: the
   * follower then loads everything again.
   */
  apply(scope: OperationScope, changes: LinkChanges): Promise<boolean>;
}

export interface JournalFollowerOptions {
  /** How often the journal is read between requests, and pruned. */
  pollMs: number;
  pruneMs: number;
  /** More ids than this since the last read (an import): load everything again. */
  maxChangedIds: number;
}

export const JOURNAL_FOLLOWER_DEFAULTS: JournalFollowerOptions = {
  pollMs: 1_000,
  pruneMs: 10 * 60_000,
  maxChangedIds: 50_000,
};

const SCOPE: OperationScope = { operationName: 'linkJournal', transactionTimeoutMs: 600_000 };

/**
 * Keeps one JournalConsumer in step with the database: loads it in the background, then applies
 * the journal's changes before every use (and every second between uses). Concurrent callers
 * share one read; a caller that arrives during a read waits for the next, which sees every write
 * committed before the caller arrived. Until the first load, while loading again after a bulk
 * change or a reset, after a failed read, and on a database without the journal, `catchUp`
 * answers false and callers read the database instead.
 */
export class LinkJournalFollower<Cursor extends object> {
  private cursor: Cursor | null = null;
  private loading: Promise<void> | null = null;
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private lastPrune = Date.now();
  private stopped = false;
  private started = false;
  private readonly loaded: Promise<boolean>;
  private settleLoaded: (serving: boolean) => void = () => undefined;

  constructor(
    private readonly feed: LinkChangeFeed<Cursor>,
    private readonly consumer: JournalConsumer,
    private readonly logger: Logger,
    private readonly options: JournalFollowerOptions = JOURNAL_FOLLOWER_DEFAULTS,
  ) {
    this.loaded = new Promise((resolve) => {
      this.settleLoaded = resolve;
    });
  }

  /** Loads in the background (once the database is migrated). */
  start(): void {
    if (this.started) return;
    this.started = true;
    void this.begin().then(this.settleLoaded, () => this.settleLoaded(false));
  }

  /** Resolves once the first load finished (true), or when it will not be used (false). */
  whenLoaded(): Promise<boolean> {
    return this.loaded;
  }

  stop(): void {
    this.stopped = true;
    this.settleLoaded(false);
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  /**
   * Applies every change committed before this call; true when the consumer may answer, false
   * when the caller must read the database (not loaded, loading again, or the journal unread).
   */
  async catchUp(scope: OperationScope = SCOPE): Promise<boolean> {
    if (this.cursor === null) return false;
    try {
      await this.nextRead(scope);
    } catch (error) {
      this.logger.warn(
        { err: error, kept: this.consumer.name },
        'could not read the link journal; reading the database',
      );
      return false;
    }
    return this.cursor !== null;
  }

  private async begin(): Promise<boolean> {
    let available: boolean;
    try {
      available = await this.feed.available(SCOPE);
    } catch (error) {
      this.logger.warn({ err: error, kept: this.consumer.name }, 'link journal probe failed');
      return false;
    }
    if (!available) {
      this.logger.info(
        { kept: this.consumer.name },
        'this database keeps no link journal; reading the database instead',
      );
      return false;
    }
    await this.reload();
    if (this.cursor === null) return false;
    this.timer = setInterval(() => {
      void this.tick();
    }, this.options.pollMs);
    this.timer.unref();
    return true;
  }

  private async tick(): Promise<void> {
    if (this.cursor === null || this.stopped) return;
    try {
      await this.nextRead(SCOPE);
      if (Date.now() - this.lastPrune > this.options.pruneMs) {
        this.lastPrune = Date.now();
        await this.feed.prune(SCOPE);
      }
    } catch (error) {
      this.logger.debug({ err: error, kept: this.consumer.name }, 'link journal read failed');
    }
  }

  /** One read at a time; a caller arriving during one waits for the next. */
  private nextRead(scope: OperationScope): Promise<void> {
    if (this.running === null) {
      // The round-trips count for the request that runs the read (the others wait on it).
      this.running = this.readAndApply({ ...SCOPE, roundTrips: scope.roundTrips }).finally(() => {
        this.running = null;
      });
      return this.running;
    }
    this.queued ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = null;
        return this.nextRead(scope);
      });
    return this.queued;
  }

  private async readAndApply(scope: OperationScope): Promise<void> {
    if (this.cursor === null) return;
    const ids = {
      people: new Set<string>(),
      accounts: new Set<string>(),
      interactions: new Set<string>(),
      organizations: new Set<string>(),
    };
    let cursor = this.cursor;
    let reset = false;
    for (let more = true; more && !reset; ) {
      const read = await this.feed.read(scope, cursor);
      cursor = read.cursor;
      more = read.more;
      for (const kind of ['people', 'accounts', 'interactions', 'organizations'] as const) {
        for (const id of read.changes[kind]) ids[kind].add(id);
      }
      const count = Object.values(ids).reduce((total, set) => total + set.size, 0);
      reset = read.changes.reset || count > this.options.maxChangedIds;
    }
    const changes: LinkChanges = {
      people: [...ids.people],
      accounts: [...ids.accounts],
      interactions: [...ids.interactions],
      organizations: [...ids.organizations],
      reset,
    };
    const empty = Object.values(ids).every((set) => set.size === 0);
    if (!reset && (empty || (await this.consumer.apply(scope, changes)))) {
      this.cursor = cursor;
      return;
    }
    this.logger.info({ kept: this.consumer.name }, 'many links changed at once: loading again');
    void this.reload();
  }

  private reload(): Promise<void> {
    this.cursor = null;
    this.loading ??= this.load()
      .catch((error: unknown) => {
        this.logger.error(
          { err: error, kept: this.consumer.name },
          'loading from the database failed; reading the database per request',
        );
      })
      .finally(() => {
        this.loading = null;
      });
    return this.loading;
  }

  private async load(): Promise<void> {
    const started = Date.now();
    // The cursor first: whatever commits while the load reads is applied after it.
    const cursor = await this.feed.start(SCOPE);
    await this.consumer.load(SCOPE);
    if (this.stopped) return;
    this.cursor = cursor;
    this.logger.info({ kept: this.consumer.name, ms: Date.now() - started }, 'loaded');
  }
}

/**
 * An in-memory index kept current by the link journal: the follower's life cycle (start in the
 * background, wait for the first load, stop) for subclasses that load and apply.
 */
export abstract class JournaledIndex implements JournalConsumer {
  abstract readonly name: string;
  private readonly follower: LinkJournalFollower<object>;

  constructor(feed: LinkChangeFeed<object>, logger: Logger) {
    this.follower = new LinkJournalFollower(feed, this, logger);
  }

  abstract load(scope: OperationScope): Promise<void>;
  abstract apply(scope: OperationScope, changes: LinkChanges): Promise<boolean>;

  /** Loads in the background (once the database is migrated). */
  start(): void {
    this.follower.start();
  }

  /** Resolves once the first load finished (true), or when it will not be used (false). */
  whenLoaded(): Promise<boolean> {
    return this.follower.whenLoaded();
  }

  stop(): void {
    this.follower.stop();
  }

  /** True when every change committed before this call is applied (see catchUp). */
  protected caughtUp(scope: OperationScope): Promise<boolean> {
    return this.follower.catchUp(scope);
  }
}
