import { Readable } from 'node:stream';
import { badUserInput } from '../../core/errors/domain-error';
import type { OperationScope } from '../../core/neo4j/neo4j-gateway';
import { IMPORT_STAGES, type ImportRowsByType } from './import-record';
import { type ImportSource, readRows } from './import-reader';
import type { ImportRepository, UnplacedRow } from './import.repository';
import { ImportTally } from './import-tally';
import { ImportFormat, ImportRecordType, type ImportReport } from './import.type';
import { parseRecord } from './import-validation';

// Each batch is one transaction, and a commit costs about a tenth of a second on a small machine:
// 10,000 rows per batch imported 6.2k records/s here against 4.5k with 2,000 (npm run bench -- import).
export const DEFAULT_BATCH_SIZE = 10_000;
export const MAX_BATCH_SIZE = 10_000;

/**
 * What one importRecords mutation may carry. The HTTP body limit is 1 MB, and a request should not
 * hold a database connection for long; bigger files go through `npm run import`.
 */
export const TEXT_IMPORT_LIMITS = { bytes: 512 * 1024, rows: 10_000 } as const;

export interface ImportProgress {
  /** Rows accepted or rejected so far, over all types. */
  processed: number;
  accepted: number;
  rejected: number;
  /** The type of the batch just written. */
  kind: ImportRecordType;
}

export interface ImportOptions {
  batchSize?: number;
  /** Called after every batch written. */
  onBatch?: (progress: ImportProgress) => void;
  /** Aborting stops the import between two batches: every written batch is whole. */
  signal?: AbortSignal;
}

type BatchWriters = {
  [T in ImportRecordType]: (
    scope: OperationScope,
    rows: ImportRowsByType[T][],
  ) => Promise<UnplacedRow[]>;
};

type RowBuffers = { [T in ImportRecordType]: ImportRowsByType[T][] };

interface StageRun {
  scope: OperationScope;
  source: ImportSource;
  tally: ImportTally;
  batchSize: number;
  options: ImportOptions;
  /** Which types occur; filled in by the first stage, which reads every row anyway. */
  present: Set<ImportRecordType>;
  firstStage: boolean;
}

/**
 * Bulk import of NDJSON and CSV. Every row is an upsert by its key, so importing a file again
 * changes nothing. Rows are validated one by one (bad ones are reported by line and skipped) and
 * written in batches, one transaction each, in stages: nodes first, then what links them, so a
 * file may list its rows in any order. An interrupted import leaves whole batches only; running it
 * again completes it.
 */
export class ImportService {
  private readonly writers: BatchWriters;

  constructor(
    private readonly repository: ImportRepository,
    private readonly ownOrganizationName: string,
  ) {
    this.writers = {
      [ImportRecordType.PERSON]: (scope, rows) => this.repository.upsertPersons(scope, rows),
      [ImportRecordType.ORGANIZATION]: (scope, rows) =>
        this.repository.upsertOrganizations(scope, rows),
      [ImportRecordType.ACCOUNT]: (scope, rows) => this.repository.upsertAccounts(scope, rows),
      [ImportRecordType.ROLE]: (scope, rows) =>
        this.repository.upsertRoles(scope, rows, this.ownOrganizationName),
      [ImportRecordType.TIE]: (scope, rows) => this.repository.upsertTies(scope, rows),
      [ImportRecordType.FOLLOW]: (scope, rows) => this.repository.upsertFollows(scope, rows),
      [ImportRecordType.INTERACTION]: (scope, rows) =>
        this.repository.upsertInteractions(scope, rows),
    };
  }

  /** The importRecords mutation: a small batch given as text. */
  importText(
    scope: OperationScope,
    format: ImportFormat,
    data: string,
    type: ImportRecordType | null,
  ): Promise<ImportReport> {
    if (Buffer.byteLength(data, 'utf8') > TEXT_IMPORT_LIMITS.bytes) {
      throw badUserInput(
        `data may hold at most ${TEXT_IMPORT_LIMITS.bytes} bytes; import bigger files with npm run import`,
        { field: 'data' },
      );
    }
    if (countRows(format, data) > TEXT_IMPORT_LIMITS.rows) {
      throw badUserInput(
        `data may hold at most ${TEXT_IMPORT_LIMITS.rows} rows; import bigger files with npm run import`,
        { field: 'data' },
      );
    }
    return this.importSource(scope, { format, type, open: () => Readable.from([data]) });
  }

  async importSource(
    scope: OperationScope,
    source: ImportSource,
    options: ImportOptions = {},
  ): Promise<ImportReport> {
    const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
      throw badUserInput(`batch size must be an integer from 1 to ${MAX_BATCH_SIZE}`, {
        field: 'batchSize',
      });
    }
    const tally = new ImportTally();
    // With one type for the whole input, only its stage needs to read the rows.
    const present = new Set<ImportRecordType>(source.type === null ? [] : [source.type]);
    let firstStage = true;
    for (const stage of IMPORT_STAGES) {
      if (!firstStage || source.type !== null) {
        if (!stage.some((kind) => present.has(kind))) continue;
      }
      await this.runStage(stage, { scope, source, tally, batchSize, options, present, firstStage });
      firstStage = false;
    }
    return tally.report();
  }

  private async runStage(stage: readonly ImportRecordType[], run: StageRun): Promise<void> {
    const { tally } = run;
    const buffers = emptyBuffers();
    const writes = new OneWriteInFlight();
    try {
      for await (const sourceRow of readRows(run.source)) {
        if ('error' in sourceRow) {
          // Unreadable rows belong to no stage: the first one reports them.
          if (run.firstStage) {
            tally.reject({ line: sourceRow.line, kind: sourceRow.type, reason: sourceRow.error });
          }
          continue;
        }
        if (run.firstStage) run.present.add(sourceRow.type);
        if (!stage.includes(sourceRow.type)) continue;
        const outcome = parseRecord(sourceRow.type, sourceRow.fields, sourceRow.line);
        if ('reason' in outcome) {
          tally.reject({ line: sourceRow.line, kind: sourceRow.type, reason: outcome.reason });
          continue;
        }
        const buffer = addToBuffer(buffers, outcome.record);
        if (buffer.length >= run.batchSize) {
          const rows = buffer.splice(0);
          const kind = outcome.record.type;
          await writes.start(() => this.writeBatch(run, kind, rows));
        }
      }
      for (const kind of stage) {
        const rows = buffers[kind].splice(0);
        if (rows.length > 0) await writes.start(() => this.writeBatch(run, kind, rows));
      }
    } finally {
      await writes.finish();
    }
  }

  private async writeBatch<T extends ImportRecordType>(
    run: StageRun,
    kind: T,
    rows: ImportRowsByType[T][],
  ): Promise<void> {
    run.options.signal?.throwIfAborted();
    const unplaced = await this.writers[kind](run.scope, rows);
    for (const { line, reason } of unplaced) run.tally.reject({ line, kind, reason });
    run.tally.accept(kind, rows.length - unplaced.length);
    run.options.onBatch?.({
      processed: run.tally.accepted + run.tally.rejected,
      accepted: run.tally.accepted,
      rejected: run.tally.rejected,
      kind,
    });
  }
}

/**
 * Lets the next batch be read and validated while the database writes the current one: Node and
 * Neo4j then work at the same time. Batches are still written one after the other, in order.
 */
class OneWriteInFlight {
  private inFlight: Promise<void> = Promise.resolve();

  /** Waits for the batch in flight (failing with its error), then starts the next. */
  async start(write: () => Promise<void>): Promise<void> {
    await this.inFlight;
    this.inFlight = write();
    // Observed by the next start() or finish(); until then it must not count as unhandled.
    this.inFlight.catch(() => undefined);
  }

  async finish(): Promise<void> {
    await this.inFlight;
  }
}

function emptyBuffers(): RowBuffers {
  return {
    [ImportRecordType.PERSON]: [],
    [ImportRecordType.ORGANIZATION]: [],
    [ImportRecordType.ACCOUNT]: [],
    [ImportRecordType.ROLE]: [],
    [ImportRecordType.TIE]: [],
    [ImportRecordType.FOLLOW]: [],
    [ImportRecordType.INTERACTION]: [],
  };
}

function addToBuffer<T extends ImportRecordType>(
  buffers: RowBuffers,
  record: { type: T; row: ImportRowsByType[T] },
): ImportRowsByType[T][] {
  const buffer = buffers[record.type];
  buffer.push(record.row);
  return buffer;
}

/** Rows of a text import: its non-blank lines, less a CSV header. */
function countRows(format: ImportFormat, data: string): number {
  const lines = data.split('\n').filter((line) => line.trim() !== '').length;
  return format === ImportFormat.CSV ? lines - 1 : lines;
}
