import 'reflect-metadata';
import { createReadStream, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import { findProjectRoot, loadConfig } from '../src/core/config/config';
import { ErrorCode } from '../src/core/errors/error-code';
import { createLogger } from '../src/core/logging/logger';
import { connectDatabase } from '../src/core/neo4j/database-connection';
import { applyMigrations, readMigrations } from '../src/core/neo4j/migrations';
import { isCsvRecordType } from '../src/features/import/import-csv';
import type { ImportSource } from '../src/features/import/import-reader';
import { ImportRepository } from '../src/features/import/import.repository';
import {
  DEFAULT_BATCH_SIZE,
  DEFAULT_LANES,
  type ImportProgress,
  ImportService,
  MAX_BATCH_SIZE,
  MAX_LANES,
} from '../src/features/import/import.service';
import {
  ImportFormat,
  ImportRecordType,
  type ImportReport,
  isImportRecordType,
} from '../src/features/import/import.type';
import { CommandError, reportCommandFailure } from './cli-errors';

const USAGE = `Usage: npm run import -- <file> [--format ndjson|csv] [--type person|account|tie|interaction] [--batch-size N] [--lanes N]

Imports NDJSON (one JSON object per line with a "type") or CSV (one record type per file) into
the configured Neo4j, or into the local Neo4j when NEO4J_URI is unset. Every row is an upsert:
importing a file again changes nothing. The format follows from .ndjson/.jsonl/.csv unless given;
a CSV file's type from --type or its name (persons.csv, ties-2025.csv …).
Batch size: 1–${MAX_BATCH_SIZE}, default ${DEFAULT_BATCH_SIZE}; each batch is one transaction.
Lanes: batches written at the same time, 1–${MAX_LANES}, default ${DEFAULT_LANES}; rows about the same
key stay in order, so any lane count gives the same graph.

Exit codes: 0 every row landed, 1 some rows were rejected (the others landed) or the import failed,
2 usage error, 78 bad configuration, 130 interrupted (whole batches only; import again to finish).
`;

/** How many rejections the summary prints; the report keeps more. */
const PRINTED_REJECTIONS = 20;

interface ImportArguments {
  file: string;
  format: ImportFormat;
  type: ImportRecordType | null;
  batchSize: number;
  lanes: number;
}

function readOptions(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        format: { type: 'string' },
        type: { type: 'string' },
        'batch-size': { type: 'string' },
        lanes: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    throw new CommandError(error instanceof Error ? error.message : String(error), 2);
  }
}

function formatOf(file: string, given: string | undefined): ImportFormat {
  if (given !== undefined) {
    if (given === 'ndjson') return ImportFormat.NDJSON;
    if (given === 'csv') return ImportFormat.CSV;
    throw new CommandError('--format must be ndjson or csv', 2);
  }
  const extension = path.extname(file).toLowerCase();
  if (extension === '.ndjson' || extension === '.jsonl') return ImportFormat.NDJSON;
  if (extension === '.csv') return ImportFormat.CSV;
  throw new CommandError(`Cannot tell the format of ${file}: give --format`, 2);
}

/** persons.csv, person-export.csv, ties_2025.csv … name their type. */
function typeFromFileName(file: string): ImportRecordType | null {
  const base = path.basename(file).toLowerCase();
  for (const type of [
    ImportRecordType.PERSON,
    ImportRecordType.ACCOUNT,
    ImportRecordType.TIE,
    ImportRecordType.INTERACTION,
  ]) {
    if (new RegExp(`^${type}s?([-_.]|$)`).test(base)) return type;
  }
  return null;
}

function typeOf(file: string, format: ImportFormat, given: string | undefined) {
  if (given !== undefined) {
    if (!isImportRecordType(given)) {
      throw new CommandError(
        `--type must be one of ${Object.values(ImportRecordType).join(', ')}`,
        2,
      );
    }
    return given;
  }
  if (format === ImportFormat.NDJSON) return null;
  const named = typeFromFileName(file);
  if (named === null) throw new CommandError(`Give the record type of ${file} with --type`, 2);
  return named;
}

function parseArguments(argv: readonly string[]): ImportArguments | null {
  const { values, positionals } = readOptions(argv);
  if (values.help) return null;
  const [file, ...extra] = positionals;
  if (file === undefined || extra.length > 0) {
    throw new CommandError('Give exactly one file to import', 2);
  }
  if (!existsSync(file) || !statSync(file).isFile()) {
    throw new CommandError(`No such file: ${file}`, 2);
  }
  const format = formatOf(file, values.format);
  const type = typeOf(file, format, values.type);
  if (format === ImportFormat.CSV && (type === null || !isCsvRecordType(type))) {
    throw new CommandError('CSV files hold persons, accounts, ties or interactions', 2);
  }
  const batchSize =
    values['batch-size'] === undefined ? DEFAULT_BATCH_SIZE : Number(values['batch-size']);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
    throw new CommandError(`--batch-size must be an integer from 1 to ${MAX_BATCH_SIZE}`, 2);
  }
  const lanes = values.lanes === undefined ? DEFAULT_LANES : Number(values.lanes);
  if (!Number.isInteger(lanes) || lanes < 1 || lanes > MAX_LANES) {
    throw new CommandError(`--lanes must be an integer from 1 to ${MAX_LANES}`, 2);
  }
  return { file, format, type, batchSize, lanes };
}

/** Rows in the file, for the progress total: its non-empty lines, less a CSV header. */
async function countRows(file: string, format: ImportFormat): Promise<number> {
  let lines = 0;
  let lineHasText = false;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    for (const byte of chunk) {
      if (byte === 0x0a) {
        if (lineHasText) lines += 1;
        lineHasText = false;
      } else if (byte !== 0x0d && byte !== 0x20) {
        lineHasText = true;
      }
    }
  }
  if (lineHasText) lines += 1;
  return format === ImportFormat.CSV ? Math.max(0, lines - 1) : lines;
}

interface ProgressReporter {
  update(progress: ImportProgress): void;
  stop(): void;
}

/** A progress bar on a terminal; a line every few seconds in a log or CI. */
function progressReporter(label: string, total: number): ProgressReporter {
  const started = Date.now();
  const rate = (rows: number) => Math.round(rows / Math.max((Date.now() - started) / 1000, 0.001));
  if (process.stdout.isTTY) {
    const bar = new SingleBar({
      format: `${label} [{bar}] {percentage}% | {value}/{total} rows | {rate}/s | {rejected} rejected | {kind}`,
      hideCursor: true,
      etaBuffer: 50,
    });
    bar.start(Math.max(total, 1), 0, { kind: '', rate: 0, rejected: 0 });
    return {
      update({ processed, rejected, kind }) {
        // Counted lines can miss multi-line CSV records: stretch rather than run past 100 %.
        if (processed > bar.getTotal()) bar.setTotal(processed);
        bar.update(processed, { kind, rate: rate(processed), rejected });
      },
      stop() {
        bar.stop();
      },
    };
  }
  let lastLine = 0;
  return {
    update({ processed, rejected, kind }) {
      const now = Date.now();
      if (now - lastLine < 2_000) return;
      lastLine = now;
      process.stdout.write(
        `${label}: ${processed} of ${total} rows, ${rejected} rejected, ${rate(processed)}/s, writing ${kind}\n`,
      );
    },
    stop() {},
  };
}

function printSummary(report: ImportReport, elapsedMs: number, file: string): void {
  const seconds = elapsedMs / 1000;
  const rows = report.accepted + report.rejected;
  const lines = [
    '',
    `${file}: ${report.accepted} rows imported, ${report.rejected} rejected in ${seconds.toFixed(1)} s ` +
      `(${Math.round(rows / Math.max(seconds, 0.001))} rows/s)`,
    '',
    `  ${'type'.padEnd(14)} ${'accepted'.padStart(10)} ${'rejected'.padStart(10)}`,
  ];
  for (const { kind, accepted, rejected } of report.byKind) {
    lines.push(
      `  ${kind.padEnd(14)} ${String(accepted).padStart(10)} ${String(rejected).padStart(10)}`,
    );
  }
  const unreadable =
    report.rejected - report.byKind.reduce((sum, entry) => sum + entry.rejected, 0);
  if (unreadable > 0)
    lines.push(
      `  ${'(unreadable)'.padEnd(14)} ${''.padStart(10)} ${String(unreadable).padStart(10)}`,
    );
  if (report.rejections.length > 0) {
    lines.push('', 'rejected rows:');
    for (const { line, kind, reason } of report.rejections.slice(0, PRINTED_REJECTIONS)) {
      lines.push(`  line ${line}${kind === null ? '' : ` (${kind})`}: ${reason}`);
    }
    if (report.rejected > PRINTED_REJECTIONS) {
      lines.push(`  … and ${report.rejected - PRINTED_REJECTIONS} more`);
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function main(): Promise<void> {
  const args = parseArguments(process.argv.slice(2));
  if (args === null) {
    process.stdout.write(USAGE);
    return;
  }
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  // Ctrl-C or SIGTERM: stop after the batches in flight, so that every written batch is whole.
  const interrupt = new AbortController();
  process.on('SIGINT', () => interrupt.abort());
  process.on('SIGTERM', () => interrupt.abort());

  const projectRoot = findProjectRoot();
  const database = await connectDatabase(config, projectRoot, logger);
  try {
    const { gateway } = database;
    await applyMigrations(gateway, readMigrations(path.join(projectRoot, 'cypher')), logger);
    const service = new ImportService(new ImportRepository(gateway), config.ownOrganizationName);
    const source: ImportSource = {
      format: args.format,
      type: args.type,
      open: () => createReadStream(args.file),
    };
    const label = `import ${path.basename(args.file)}`;
    const progress = progressReporter(label, await countRows(args.file, args.format));
    const started = Date.now();
    let report: ImportReport;
    try {
      report = await service.importSource({ operationName: 'bulkImport' }, source, {
        batchSize: args.batchSize,
        lanes: args.lanes,
        signal: interrupt.signal,
        onBatch: (update) => progress.update(update),
      });
    } finally {
      progress.stop();
    }
    printSummary(report, Date.now() - started, args.file);
    if (report.rejected > 0) process.exitCode = 1;
  } catch (error) {
    if (interrupt.signal.aborted) {
      throw new CommandError('interrupted; import the file again to complete it', 130);
    }
    throw error;
  } finally {
    // Stops the local Neo4j too when this command started it.
    await database.close();
  }
}

main().catch((error: unknown) =>
  reportCommandFailure(error, {
    usage: USAGE,
    failed: 'Import failed',
    advice: 'Batches written before the failure are complete; import the file again to finish.',
    exitCodes: { [ErrorCode.BadUserInput]: 2 },
  }),
);
