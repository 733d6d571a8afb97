import { randomUUID } from 'node:crypto';
import type { Logger } from '../../core/logging/logger';
import type { OperationScope } from '../../core/neo4j/neo4j-gateway';
import type { Viewer } from '../access/viewer';
import type { AuditWriter } from './audit-write-batcher';
import { AuditAction, type AuditRecord } from './audit.type';

/**
 * Collects, during one GraphQL operation, whose personal data was read and changed, and writes
 * it as audit entries when the operation's result is sent (HTTP) or each event is delivered
 * (WebSocket). The write is its own transaction, so it does not count as one of the operation's
 * database round-trips.
 */
export class AuditTrail {
  private readonly read = new Set<string>();
  private readonly changed = new Set<string>();
  private readonly special: Array<{ action: AuditAction; subjectId: string }> = [];

  constructor(
    private readonly repository: AuditWriter,
    private readonly viewer: Viewer | null,
    private readonly scope: OperationScope,
    private readonly logger: Logger,
  ) {}

  noteRead(personId: string): void {
    this.read.add(personId);
  }

  noteChange(personId: string): void {
    this.changed.add(personId);
  }

  /** Exports and erasures get entries of their own. */
  note(action: AuditAction.EXPORT | AuditAction.ERASE, personId: string): void {
    this.special.push({ action, subjectId: personId });
  }

  /** Whether `flush` has anything to write. */
  get hasEntries(): boolean {
    if (this.viewer === null) return false;
    return this.read.size > 0 || this.changed.size > 0 || this.special.length > 0;
  }

  /** Writes what was collected since the last flush. Never throws: the failure is logged loudly. */
  async flush(): Promise<void> {
    if (this.viewer === null) return;
    const entries: AuditRecord[] = [];
    const entry = (action: AuditAction, subjectIds: string[]): AuditRecord => ({
      id: randomUUID(),
      at: new Date().toISOString(),
      userId: this.viewer?.userId ?? '',
      login: this.viewer?.login ?? '',
      roles: [...(this.viewer?.roles ?? [])],
      operation: this.scope.operationName,
      requestId: this.scope.requestId ?? '',
      action,
      subjectIds,
    });
    if (this.changed.size > 0) entries.push(entry(AuditAction.CHANGE, [...this.changed].sort()));
    const readOnly = [...this.read].filter((id) => !this.changed.has(id)).sort();
    if (readOnly.length > 0) entries.push(entry(AuditAction.READ, readOnly));
    for (const { action, subjectId } of this.special) entries.push(entry(action, [subjectId]));
    this.read.clear();
    this.changed.clear();
    this.special.length = 0;
    try {
      await this.repository.record(
        { operationName: 'auditTrail', requestId: this.scope.requestId },
        entries,
      );
    } catch (error) {
      this.logger.error(
        { err: error, requestId: this.scope.requestId, entries: entries.length },
        'AUDIT ENTRIES NOT WRITTEN',
      );
    }
  }
}
