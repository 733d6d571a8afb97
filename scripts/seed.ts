import { parseArgs } from 'node:util';
import path from 'node:path';
import { SingleBar } from 'cli-progress';
import { findProjectRoot, loadConfig } from '../src/core/config/config';
import { createLogger, type Logger } from '../src/core/logging/logger';
import { connectDatabase, type DatabaseConnection } from '../src/core/neo4j/database-connection';
import { applyMigrations, readMigrations } from '../src/core/neo4j/migrations';
import { DemoDataRepository } from '../src/features/demo-data/demo-data.repository';
import {
  DemoDataService,
  type SeedCounts,
  type SeedProgress,
} from '../src/features/demo-data/demo-data.service';
import { DEFAULT_SEED, plannedCounts } from '../seeds/generator/generate-seed-data';
import { isSeedSizeName, SEED_SIZE_NAMES, type SeedSizeName } from '../seeds/generator/seed-sizes';
import { CommandError, reportCommandFailure } from './cli-errors';

const USAGE = `Usage: npm run seed -- --size ${SEED_SIZE_NAMES.join('|')} [--seed N] [--force]

Writes a generated Social CRM world (same size and seed, same graph) into the configured Neo4j,
or into the local Neo4j when NEO4J_URI is unset. Refuses a database that already holds CRM data
unless --force is given; seeding again with the same size and seed changes nothing.
`;

/** Exit codes: 2 bad arguments, 3 database holds data, 78 bad configuration, 130 interrupted. */
interface SeedArguments {
  size: SeedSizeName;
  seed: number;
  force: boolean;
}

function readOptions(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      options: {
        size: { type: 'string' },
        seed: { type: 'string' },
        force: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    throw new CommandError(error instanceof Error ? error.message : String(error), 2);
  }
}

function parseArguments(argv: readonly string[]): SeedArguments | null {
  const values = readOptions(argv);
  if (values.help) return null;
  if (values.size === undefined || !isSeedSizeName(values.size)) {
    throw new CommandError(`--size must be one of ${SEED_SIZE_NAMES.join(', ')}`, 2);
  }
  const seed = values.seed === undefined ? DEFAULT_SEED : Number(values.seed);
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new CommandError('--seed must be a non-negative integer', 2);
  }
  return { size: values.size, seed, force: values.force };
}

/** A progress bar on a terminal; a line every few seconds in a log or CI. */
interface ProgressReporter {
  update(progress: SeedProgress): void;
  stop(): void;
}

function progressReporter(label: string, estimatedRecords: number): ProgressReporter {
  const started = Date.now();
  if (process.stdout.isTTY) {
    const bar = new SingleBar({
      format: `${label} [{bar}] {percentage}% | {value}/{total} records | {rate}/s | ETA {eta_formatted} | {kind}`,
      hideCursor: true,
      etaBuffer: 50,
    });
    bar.start(estimatedRecords, 0, { kind: '', rate: 0 });
    return {
      update({ kind, rowsWritten }) {
        // The total is an estimate: stretch it rather than run past 100 %.
        if (rowsWritten > bar.getTotal()) bar.setTotal(rowsWritten);
        const seconds = (Date.now() - started) / 1000;
        bar.update(rowsWritten, { kind, rate: Math.round(rowsWritten / Math.max(seconds, 0.001)) });
      },
      stop() {
        bar.stop();
      },
    };
  }
  let lastLine = 0;
  return {
    update({ kind, rowsWritten }) {
      const now = Date.now();
      if (now - lastLine < 5_000) return;
      lastLine = now;
      const seconds = (now - started) / 1000;
      const share = Math.min(99, Math.floor((rowsWritten / estimatedRecords) * 100));
      process.stdout.write(
        `${label}: ${rowsWritten} of ~${estimatedRecords} records (${share} %), ` +
          `${Math.round(rowsWritten / seconds)}/s, writing ${kind}\n`,
      );
    },
    stop() {},
  };
}

function printSummary(
  counts: SeedCounts,
  nodes: Record<string, number>,
  elapsedMs: number,
  label: string,
) {
  const lines = [
    `\n${label} written in ${(elapsedMs / 1000).toFixed(1)} s`,
    '',
    'records written:',
  ];
  let total = 0;
  for (const [kind, count] of Object.entries(counts)) {
    total += count;
    lines.push(`  ${kind.padEnd(22)} ${String(count).padStart(10)}`);
  }
  lines.push(`  ${'total'.padEnd(22)} ${String(total).padStart(10)}`, '', 'nodes in the database:');
  for (const [label, count] of Object.entries(nodes)) {
    lines.push(`  ${label.padEnd(22)} ${String(count).padStart(10)}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** Set by Ctrl-C or SIGTERM; the seed stops after the batch in flight, then closes cleanly. */
let interrupted = false;

function stopIfInterrupted(): void {
  if (interrupted) throw new CommandError('interrupted; seed again to complete', 130);
}

async function seedDatabase(
  args: SeedArguments,
  database: DatabaseConnection,
  logger: Logger,
): Promise<void> {
  const projectRoot = findProjectRoot();
  const { gateway } = database;
  await applyMigrations(gateway, readMigrations(path.join(projectRoot, 'cypher')), logger);
  const repository = new DemoDataRepository(gateway);
  const service = new DemoDataService(repository, logger);
  if ((await service.holdsCrmData()) && !args.force) {
    throw new CommandError(
      `The database at ${database.local?.boltUri ?? gateway.uri} already holds CRM data; ` +
        'nothing was written. Use --force to merge the generated world into it.',
      3,
    );
  }

  const label = `seed ${args.size} (seed ${args.seed})`;
  const planned = plannedCounts({ size: args.size, seed: args.seed });
  stopIfInterrupted();
  const progress = progressReporter(label, planned.records);
  const started = Date.now();
  let counts: SeedCounts;
  try {
    counts = await service.seed({
      size: args.size,
      seed: args.seed,
      onBatch(update) {
        progress.update(update);
        // Stop between batches: every batch is one transaction, so nothing is left half-written.
        stopIfInterrupted();
      },
    });
  } finally {
    progress.stop();
  }
  printSummary(counts, await repository.countNodes(), Date.now() - started, label);
}

async function main(): Promise<void> {
  const args = parseArguments(process.argv.slice(2));
  if (args === null) {
    process.stdout.write(USAGE);
    return;
  }
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const interrupt = () => {
    interrupted = true;
  };
  process.on('SIGINT', interrupt);
  process.on('SIGTERM', interrupt);
  const database = await connectDatabase(config, findProjectRoot(), logger);
  try {
    await seedDatabase(args, database, logger);
  } finally {
    // Stops the local Neo4j too when this command started it.
    await database.close();
  }
}

main().catch((error: unknown) =>
  reportCommandFailure(error, { usage: USAGE, failed: 'Seed failed' }),
);
