/**
 * Where the nodes a batch may lock live: every node key hashes to one of a few partitions, and a
 * batch claims the partitions of all nodes its rows write. Two batches with disjoint claims cannot
 * wait for each other's locks, so they run at the same time without deadlocks.
 */
export type PartitionClaim = readonly number[];

interface Job {
  claim: PartitionClaim;
  write: () => Promise<void>;
}

/** 32-bit FNV-1a: cheap, stable across runs and processes, spreads similar keys well. */
function hashKey(key: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < key.length; index += 1) {
    hash ^= key.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * Runs batch writes concurrently, at most `lanes` at a time, so that parsing in Node and several
 * transactions in Neo4j overlap. Batches whose claims overlap run one after the other in the order
 * they were submitted, so rows about the same key (which claim the same partition) keep their file
 * order and the last one wins, as with a single writer. Batches whose claims are disjoint never
 * touch the same node, so they neither wait for each other's locks nor deadlock.
 *
 * After a write fails no further batch starts; the ones running finish (each is one transaction,
 * so it lands whole or not at all) and `drain` reports the first failure.
 */
export class WriteLanes {
  /** Partitions per lane: with twice as many partitions as lanes, two-node claims still fit. */
  static readonly PARTITIONS_PER_LANE = 2;

  readonly partitions: number;
  private readonly everyPartition: PartitionClaim;
  private readonly running = new Set<Job>();
  private readonly pending: Job[] = [];
  private readonly waiters: Array<() => void> = [];
  private failure: { error: unknown } | null = null;

  constructor(
    readonly lanes: number,
    /** Submitted batches that may wait for a lane before `submit` holds the reader back. */
    private readonly maxPending: number = lanes,
  ) {
    this.partitions = lanes === 1 ? 1 : lanes * WriteLanes.PARTITIONS_PER_LANE;
    this.everyPartition = Array.from({ length: this.partitions }, (_, partition) => partition);
  }

  /** The partition of a node key. */
  partitionOf(key: string): number {
    return this.partitions === 1 ? 0 : hashKey(key) % this.partitions;
  }

  /**
   * Every partition: the claim of a batch that writes nodes its rows' keys do not determine, such
   * as an interaction's performer and topics. It runs alone, and in order with all others.
   */
  claimAll(): PartitionClaim {
    return this.everyPartition;
  }

  /** The partitions of one or two node keys, sorted and without repeats: also a buffer's name. */
  claimOf(first: string, second?: string): PartitionClaim {
    const a = this.partitionOf(first);
    const b = second === undefined ? a : this.partitionOf(second);
    if (a === b) return [a];
    return a < b ? [a, b] : [b, a];
  }

  /**
   * Queues a write. Resolves when the queue has room for the next one (the reader may go on);
   * rejects with the first failure once a write has failed.
   */
  async submit(claim: PartitionClaim, write: () => Promise<void>): Promise<void> {
    this.throwIfFailed();
    this.pending.push({ claim, write });
    this.dispatch();
    while (this.failure === null && this.pending.length > this.maxPending) await this.changed();
    this.throwIfFailed();
  }

  /** Waits until every queued write is done; rejects with the first failure. */
  async drain(): Promise<void> {
    while (this.running.size > 0 || (this.failure === null && this.pending.length > 0)) {
      await this.changed();
    }
    this.throwIfFailed();
  }

  /** Drops what has not started and waits for the running writes; never rejects. */
  async settle(): Promise<void> {
    this.pending.length = 0;
    while (this.running.size > 0) await this.changed();
  }

  /**
   * Starts pending writes in order while lanes are free. A write whose claim overlaps a running
   * write, or an earlier write still waiting, waits too: that keeps the order between them.
   */
  private dispatch(): void {
    if (this.failure !== null) return;
    const taken = new Set<number>();
    for (const job of this.running) for (const partition of job.claim) taken.add(partition);
    let index = 0;
    while (index < this.pending.length && this.running.size < this.lanes) {
      const job = this.pending[index] as Job;
      if (job.claim.some((partition) => taken.has(partition))) {
        for (const partition of job.claim) taken.add(partition);
        index += 1;
        continue;
      }
      this.pending.splice(index, 1);
      for (const partition of job.claim) taken.add(partition);
      this.start(job);
    }
  }

  private start(job: Job): void {
    this.running.add(job);
    const finished = (error?: { error: unknown }) => {
      this.running.delete(job);
      if (error !== undefined && this.failure === null) this.failure = error;
      this.dispatch();
      for (const wake of this.waiters.splice(0)) wake();
    };
    job.write().then(
      () => finished(),
      (error: unknown) => finished({ error }),
    );
  }

  private changed(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private throwIfFailed(): void {
    if (this.failure !== null) throw this.failure.error;
  }
}
