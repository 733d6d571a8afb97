import type { RowRejection } from './import-record';
import { IMPORT_RECORD_TYPES, type ImportRecordType, type ImportReport } from './import.type';

/** How many rejections a report lists; the counts always cover all of them. */
export const REPORTED_REJECTIONS = 1_000;

/**
 * Counts accepted and rejected rows per type and keeps the rejections with the lowest line
 * numbers, so that a file of a million bad rows does not fill the memory with reasons.
 */
export class ImportTally {
  private readonly acceptedByKind = new Map<ImportRecordType, number>();
  private readonly rejectedByKind = new Map<ImportRecordType | null, number>();
  private rejections: RowRejection[] = [];

  accept(kind: ImportRecordType, count: number): void {
    this.acceptedByKind.set(kind, (this.acceptedByKind.get(kind) ?? 0) + count);
  }

  reject(rejection: RowRejection): void {
    this.rejectedByKind.set(rejection.kind, (this.rejectedByKind.get(rejection.kind) ?? 0) + 1);
    this.rejections.push(rejection);
    if (this.rejections.length >= 2 * REPORTED_REJECTIONS) this.trim();
  }

  get accepted(): number {
    return sum(this.acceptedByKind);
  }

  get rejected(): number {
    return sum(this.rejectedByKind);
  }

  report(): ImportReport {
    this.trim();
    const byKind = IMPORT_RECORD_TYPES.filter(
      (kind) => this.acceptedByKind.has(kind) || this.rejectedByKind.has(kind),
    ).map((kind) => ({
      kind,
      accepted: this.acceptedByKind.get(kind) ?? 0,
      rejected: this.rejectedByKind.get(kind) ?? 0,
    }));
    return {
      accepted: this.accepted,
      rejected: this.rejected,
      rejections: [...this.rejections],
      byKind,
    };
  }

  private trim(): void {
    this.rejections.sort((a, b) => a.line - b.line);
    this.rejections = this.rejections.slice(0, REPORTED_REJECTIONS);
  }
}

function sum(counts: ReadonlyMap<unknown, number>): number {
  let total = 0;
  for (const count of counts.values()) total += count;
  return total;
}
