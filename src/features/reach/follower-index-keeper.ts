import { DomainError } from '../../core/errors/domain-error';
import { ErrorCode } from '../../core/errors/error-code';
import type { Logger } from '../../core/logging/logger';
import {
  JournaledIndex,
  type LinkChangeFeed,
  type LinkChanges,
} from '../../core/neo4j/link-journal-follower';
import type { OperationScope } from '../../core/neo4j/neo4j-gateway';
import {
  type AccountState,
  type FollowerIndex,
  FollowerIndexBuilder,
  type FollowerRow,
} from './follower-index';
import type { FollowerIndexRepository } from './follower-index.repository';

/** Where the reach service finds a follower index. */
export interface FollowerIndexSource {
  /** The index when it is loaded and current; null sends the caller to the Cypher path. */
  current(scope: OperationScope): Promise<FollowerIndex | null>;
}

/**
 * Accounts whose FOLLOWS (either direction) or OWNED_BY changed since the last apply, by any
 * writer; `reset` when the reader of those changes lost track and only a full load is exact.
 */
export interface FollowerChanges {
  accounts: readonly string[];
  reset: boolean;
}

/** Accounts per batch of the full load: see FOLLOWER_ROWS for the measurement. */
export const LOAD_BATCH_ACCOUNTS = 10_000;

/**
 * Rounds of re-reading an apply's states to take in accounts they link to that the index has
 * never seen. A change list that names both ends of every follow needs none; a follow made
 * between the change list and the read needs one.
 */
const MAX_STATE_ROUNDS = 5;

function rowOf(state: AccountState): FollowerRow {
  return {
    id: state.id,
    platform: state.platform as NonNullable<AccountState['platform']>,
    ownerId: state.ownerId,
    followerIds: state.followerIds,
  };
}

/**
 * Owns the follower index: the full load, and applying the changes a journal reports. Loads and
 * applies run one at a time in the order they were asked for, so an older read never overwrites
 * a newer one. While a load runs, and after a failed one or a failed apply, there is no index
 * (current() is null) and reach takes the Cypher path.
 *
 * A load reads in batches, not one snapshot: whoever feeds apply() must start collecting changes
 * before the load starts and apply them after it, so that writes made during the load are read
 * again.
 */
export class FollowerIndexKeeper implements FollowerIndexSource {
  private index: FollowerIndex | null = null;
  private queue: Promise<void> = Promise.resolve();
  private loadsDue = 0;

  constructor(
    private readonly repository: FollowerIndexRepository,
    private readonly batchSize = LOAD_BATCH_ACCOUNTS,
  ) {}

  load(scope: OperationScope): Promise<void> {
    return this.loadInTurn(scope);
  }

  /** Re-reads the changed accounts and puts them in the index; a reset loads it again. */
  apply(scope: OperationScope, changes: FollowerChanges): Promise<void> {
    if (changes.reset) return this.loadInTurn(scope);
    return this.inTurn(() => this.applyNow(scope, changes.accounts));
  }

  /**
   * Waits for the applies asked for before; while a load is due there is no index to wait for.
   */
  async current(_scope: OperationScope): Promise<FollowerIndex | null> {
    if (this.index === null || this.loadsDue > 0) return null;
    await this.queue;
    return this.index;
  }

  private loadInTurn(scope: OperationScope): Promise<void> {
    this.loadsDue += 1;
    return this.inTurn(async () => {
      try {
        await this.loadNow(scope);
      } finally {
        this.loadsDue -= 1;
      }
    });
  }

  private inTurn(task: () => Promise<void>): Promise<void> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async loadNow(scope: OperationScope): Promise<void> {
    this.index = null;
    const builder = new FollowerIndexBuilder();
    let afterId = '';
    for (;;) {
      const rows = await this.repository.accountsAfter(scope, afterId, this.batchSize);
      builder.addAccounts(rows);
      const last = rows.at(-1);
      if (last === undefined || rows.length < this.batchSize) break;
      afterId = last.id;
    }
    // Followers created after the id scan passed their place: read them directly.
    for (
      let missing = builder.missingAccountIds();
      missing.length > 0;
      missing = builder.missingAccountIds()
    ) {
      const states = await this.repository.accountStates(scope, missing);
      builder.addAccounts(states.filter((state) => state.exists).map(rowOf));
      builder.markAbsent(states.filter((state) => !state.exists).map((state) => state.id));
    }
    this.index = builder.build();
  }

  private async applyNow(scope: OperationScope, accountIds: readonly string[]): Promise<void> {
    const index = this.index;
    if (index === null || accountIds.length === 0) return;
    try {
      let ids = [...new Set(accountIds)];
      let states = await this.repository.accountStates(scope, ids);
      for (let round = 1; ; round++) {
        const unknown = index.unknownAccounts(states);
        if (unknown.length === 0) break;
        if (round > MAX_STATE_ROUNDS) {
          throw new DomainError(
            ErrorCode.Internal,
            `Changed accounts kept linking to unknown accounts after ${MAX_STATE_ROUNDS} reads`,
          );
        }
        // All again, not only the new ones: the states must be one consistent read.
        ids = [...ids, ...unknown];
        states = await this.repository.accountStates(scope, ids);
      }
      index.replaceAccounts(states);
    } catch (error) {
      // Some changes may be missing now: no index until the next load.
      this.index = null;
      throw error;
    }
  }
}

/**
 * The follower index kept current by the link journal (LinkJournalFollower): before each reach
 * question, the accounts whose follows or owner changed since the last read are read again. On
 * a database without the journal it never loads, and reach takes the Cypher path.
 */
export class JournaledFollowerIndex extends JournaledIndex implements FollowerIndexSource {
  readonly name = 'follower index';

  constructor(
    private readonly keeper: FollowerIndexKeeper,
    feed: LinkChangeFeed<object>,
    logger: Logger,
  ) {
    super(feed, logger);
  }

  async current(scope: OperationScope): Promise<FollowerIndex | null> {
    return (await this.caughtUp(scope)) ? this.keeper.current(scope) : null;
  }

  load(scope: OperationScope): Promise<void> {
    return this.keeper.load(scope);
  }

  async apply(scope: OperationScope, changes: LinkChanges): Promise<boolean> {
    if (changes.accounts.length === 0) return true;
    try {
      await this.keeper.apply(scope, { accounts: changes.accounts, reset: false });
      return true;
    } catch {
      // The keeper dropped its index: load it again.
      return false;
    }
  }
}
