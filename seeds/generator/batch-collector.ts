import {
  SEED_RECORD_KINDS,
  type SeedBatch,
  type SeedRecordKind,
  type SeedRowsByKind,
} from './seed-records';

/**
 * Buffers rows per kind and hands them out in batches. A flush empties every buffer in
 * SEED_RECORD_KINDS order (nodes first), so relationships always follow their endpoints.
 */
export class BatchCollector {
  private readonly buffers = new Map<SeedRecordKind, unknown[]>();
  private largest = 0;

  constructor(private readonly batchSize: number) {}

  add<K extends SeedRecordKind>(kind: K, row: SeedRowsByKind[K]): void {
    let buffer = this.buffers.get(kind);
    if (buffer === undefined) {
      buffer = [];
      this.buffers.set(kind, buffer);
    }
    buffer.push(row);
    if (buffer.length > this.largest) this.largest = buffer.length;
  }

  get isFull(): boolean {
    return this.largest >= this.batchSize;
  }

  *flush(): Generator<SeedBatch> {
    for (const kind of SEED_RECORD_KINDS) {
      const rows = this.buffers.get(kind);
      if (rows === undefined || rows.length === 0) continue;
      this.buffers.delete(kind);
      // The map holds each kind's rows under its own key only (see add), so the cast is exact.
      yield { kind, rows } as SeedBatch;
    }
    this.largest = 0;
  }
}
