import { Readable } from 'node:stream';
import { badUserInput } from '../../core/errors/domain-error';
import type { OperationScope } from '../../core/neo4j/neo4j-gateway';
import { IMPORT_STAGES, type ImportRowsByType } from './import-record';
import { type ImportSource, readRows } from './import-reader';
import type { ImportRepository, UnplacedRow } from './import.repository';
import { ImportTally } from './import-tally';
import { ImportFormat, ImportRecordType, type ImportReport } from './import.type';
import { parseRecord } from './import-validation';
import { type PartitionClaim, WriteLanes } from './import-write-lanes';

// Each batch is one transaction, and a commit costs about a tenth of a second on a small machine:
// 10,000 rows per batch imported 6.2k records/s here against 4.5k with 2,000 (npm run bench -- import).
export const DEFAULT_BATCH_SIZE = 10_000;
export const MAX_BATCH_SIZE = 10_000;

// Concurrent batch writes: with one, Node's parsing and Neo4j's commits leave cores idle. On the
// shared, busy 2-core bench machine 4 lanes imported 1.7k–2.1k records/s against 1.4k–1.5k with one
// (npm run bench -- import prints both, next to the floor with 1 and 4 writers).
export const DEFAULT_LANES = 4;
export const MAX_LANES = 16;

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
  /** How many batches may be written at the same time (1: one after the other). */
  lanes?: number;
  /** Called after every batch written. */
  onBatch?: (progress: ImportProgress) => void;
  /** Aborting starts no further batch; the ones being written finish, so every written batch is whole. */
  signal?: AbortSignal;
}

type BatchWriters = {
  [T in ImportRecordType]: (
    scope: OperationScope,
    rows: ImportRowsByType[T][],
  ) => Promise<UnplacedRow[]>;
};

/**
 * The nodes a row may lock, as they decide which batches may run at the same time: the row's own
 * key, and for a row that links two nodes its key names both ends. A row's claim must follow from
 * its upsert key alone, so that rows about the same key share a buffer and keep their order.
 * `shared`: the row also writes nodes its key does not name (an account's owner; an interaction's
 * performer, topics, products and mentions). Two such batches would lock those nodes in any order
 * and deadlock (PROFILE showed it on topics, whose relationship groups every interaction batch
 * locks), so these batches run one at a time.
 */
type LockKeys = {
  [T in ImportRecordType]: (
    row: ImportRowsByType[T],
  ) => readonly [string] | readonly [string, string] | 'shared';
};

const accountKey = (platform: string, handle: string) => `account:${platform}:${handle}`;
/** Roles without an organization are held at our own. */
const OWN_ORGANIZATION_KEY = 'own-organization';

const LOCK_KEYS: LockKeys = {
  [ImportRecordType.PERSON]: (row) => [row.key],
  [ImportRecordType.ORGANIZATION]: (row) => [row.key],
  [ImportRecordType.ACCOUNT]: (row) =>
    row.ownerKey === null ? [accountKey(row.platform, row.handle)] : 'shared',
  [ImportRecordType.ROLE]: (row) => [row.personKey, row.organizationKey ?? OWN_ORGANIZATION_KEY],
  [ImportRecordType.TIE]: (row) => [row.fromKey, row.toKey],
  [ImportRecordType.FOLLOW]: (row) => [
    accountKey(row.followerPlatform, row.followerHandle),
    accountKey(row.followedPlatform, row.followedHandle),
  ],
  [ImportRecordType.INTERACTION]: () => 'shared',
};

/** Rows of one type waiting for a batch, all with the same claim. */
interface RowBuffer<T extends ImportRecordType = ImportRecordType> {
  kind: T;
  claim: PartitionClaim;
  rows: ImportRowsByType[T][];
}

interface StageRun {
  scope: OperationScope;
  source: ImportSource;
  tally: ImportTally;
  batchSize: number;
  lanes: number;
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
    const lanes = options.lanes ?? DEFAULT_LANES;
    if (!Number.isInteger(lanes) || lanes < 1 || lanes > MAX_LANES) {
      throw badUserInput(`lanes must be an integer from 1 to ${MAX_LANES}`, { field: 'lanes' });
    }
    const tally = new ImportTally();
    // With one type for the whole input, only its stage needs to read the rows.
    const present = new Set<ImportRecordType>(source.type === null ? [] : [source.type]);
    let firstStage = true;
    for (const stage of IMPORT_STAGES) {
      if (!firstStage || source.type !== null) {
        if (!stage.some((kind) => present.has(kind))) continue;
      }
      await this.runStage(stage, {
        scope,
        source,
        tally,
        batchSize,
        lanes,
        options,
        present,
        firstStage,
      });
      firstStage = false;
    }
    return tally.report();
  }

  private async runStage(stage: readonly ImportRecordType[], run: StageRun): Promise<void> {
    const { tally } = run;
    const lanes = new WriteLanes(run.lanes);
    const buffers = new Map<string, RowBuffer>();
    const submit = (buffer: RowBuffer) => {
      const rows = buffer.rows.splice(0);
      return lanes.submit(buffer.claim, () => this.writeBatch(run, buffer.kind, rows));
    };
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
        const buffer = addToBuffer(buffers, lanes, outcome.record);
        if (buffer.rows.length >= run.batchSize) await submit(buffer);
      }
      for (const buffer of buffers.values()) {
        if (buffer.rows.length > 0) await submit(buffer);
      }
      await lanes.drain();
    } finally {
      // A failed read or write ends the stage only once no batch is being written any more.
      await lanes.settle();
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

function addToBuffer<T extends ImportRecordType>(
  buffers: Map<string, RowBuffer>,
  lanes: WriteLanes,
  record: { type: T; row: ImportRowsByType[T] },
): RowBuffer<T> {
  const keys = (LOCK_KEYS[record.type] as LockKeys[T])(record.row);
  const claim = keys === 'shared' ? lanes.claimAll() : lanes.claimOf(keys[0], keys[1]);
  const name = `${record.type} ${claim.join(' ')}`;
  let buffer = buffers.get(name) as RowBuffer<T> | undefined;
  if (buffer === undefined) {
    buffer = { kind: record.type, claim, rows: [] };
    buffers.set(name, buffer as RowBuffer);
  }
  buffer.rows.push(record.row);
  return buffer;
}

/** Rows of a text import: its non-blank lines, less a CSV header. */
function countRows(format: ImportFormat, data: string): number {
  const lines = data.split('\n').filter((line) => line.trim() !== '').length;
  return format === ImportFormat.CSV ? lines - 1 : lines;
}
