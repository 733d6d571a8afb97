import type { OperationScope } from '../../core/neo4j/neo4j-gateway';
import type { AuditRepository } from './audit.repository';
import type { AuditRecord } from './audit.type';

/** Where an AuditTrail writes its entries: the repository itself, or a batcher in front of it. */
export type AuditWriter = Pick<AuditRepository, 'record'>;

/** Entries per write transaction; a larger batch is split. */
const MAX_BATCH = 5_000;

/**
 * Group commit for audit entries. Everything that flushes within one turn of the event loop, and
 * everything that arrives while the previous write is still committing, goes into the next write
 * transaction. One event delivered to 10,000 subscribers would otherwise cost 10,000 write
 * transactions, and concurrent HTTP requests would queue behind each other's commits; here each
 * costs one or two. Every entry is still written (one per operation that was shown personal
 * data), and each flush resolves only after its own entries are stored, so a response or a
 * subscription event still goes out after its audit entry is written.
 */
export class AuditWriteBatcher implements AuditWriter {
  private pending: AuditRecord[] = [];
  /** The write that will take `pending`; null when none is scheduled yet. */
  private next: Promise<void> | null = null;
  /** The last scheduled write; the next one starts after it settles (one commit at a time). */
  private last: Promise<void> = Promise.resolve();

  constructor(private readonly repository: AuditWriter) {}

  record(_scope: OperationScope, entries: readonly AuditRecord[]): Promise<void> {
    if (entries.length === 0) return Promise.resolve();
    this.pending.push(...entries);
    if (this.next === null) {
      const previous = this.last;
      this.next = previous
        .catch(() => undefined)
        .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
        .then(() => this.writePending());
      this.last = this.next;
    }
    return this.next;
  }

  private async writePending(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    this.next = null;
    for (let start = 0; start < batch.length; start += MAX_BATCH) {
      await this.repository.record(
        { operationName: 'auditTrailBatch' },
        batch.slice(start, start + MAX_BATCH),
      );
    }
  }
}
