import type { OperationScope } from '../../core/neo4j/neo4j-gateway';
import type { AuditRepository } from './audit.repository';
import type { AuditRecord } from './audit.type';

/** Where an AuditTrail writes its entries: the repository itself, or a batcher in front of it. */
export type AuditWriter = Pick<AuditRepository, 'record'>;

/** Entries per write transaction; a larger batch is split. */
const MAX_BATCH = 5_000;

/**
 * Collects the audit entries of everything that flushes within one turn of the event loop and
 * writes them in one transaction. One event delivered to 10,000 subscribers would otherwise cost
 * 10,000 write transactions; here it costs one or two. Every entry is still written (one per
 * subscriber who was shown personal data), and each flush resolves only after its entries are
 * stored, so a subscription event still goes out after its audit entry is written.
 */
export class AuditWriteBatcher implements AuditWriter {
  private pending: AuditRecord[] = [];
  private scheduled: Promise<void> | null = null;

  constructor(private readonly repository: AuditWriter) {}

  record(_scope: OperationScope, entries: readonly AuditRecord[]): Promise<void> {
    if (entries.length === 0) return Promise.resolve();
    this.pending.push(...entries);
    this.scheduled ??= new Promise<void>((resolve) => {
      setImmediate(resolve);
    }).then(() => this.writePending());
    return this.scheduled;
  }

  private async writePending(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    this.scheduled = null;
    for (let start = 0; start < batch.length; start += MAX_BATCH) {
      await this.repository.record(
        { operationName: 'auditTrailBatch' },
        batch.slice(start, start + MAX_BATCH),
      );
    }
  }
}
