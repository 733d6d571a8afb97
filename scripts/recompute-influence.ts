import 'reflect-metadata';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { findProjectRoot, loadConfig } from '../src/core/config/config';
import { ErrorCode } from '../src/core/errors/error-code';
import { createLogger } from '../src/core/logging/logger';
import { connectDatabase } from '../src/core/neo4j/database-connection';
import { applyMigrations, readMigrations } from '../src/core/neo4j/migrations';
import { ConsentPolicy } from '../src/features/consent/consent-policy';
import { InfluenceEngineKind } from '../src/features/influence/influence-engine';
import {
  createInfluenceRecompute,
  engineFromConfig,
  type RecomputeSummary,
} from '../src/features/influence/influence-recompute.service';
import { CommandError, reportCommandFailure } from './cli-errors';

const USAGE = `Usage: npm run influence:recompute -- [--engine gds|in-process]

Recomputes every influence score (overall and per topic and product) and the communities, and
stores them in the configured Neo4j (or the local Neo4j when NEO4J_URI is unset) with a timestamp.
Without --engine it follows INFLUENCE_ENGINE: GDS where the database has it, else in-process.

Exit codes: 0 done, 1 failed, 2 usage error, 3 another recompute is running, 78 bad configuration.
`;

function parseEngine(argv: readonly string[]): InfluenceEngineKind | null | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { engine: { type: 'string' }, help: { type: 'boolean', default: false } },
    }));
  } catch (error) {
    throw new CommandError(error instanceof Error ? error.message : String(error), 2);
  }
  if (values.help) return 'help';
  if (values.engine === undefined) return null;
  if (values.engine === 'gds') return InfluenceEngineKind.GDS;
  if (values.engine === 'in-process') return InfluenceEngineKind.IN_PROCESS;
  throw new CommandError('--engine must be gds or in-process', 2);
}

function printSummary(summary: RecomputeSummary): void {
  const { phasesMs } = summary;
  process.stdout.write(
    `Influence recomputed at ${summary.computedAt} with ${summary.engine} in ${summary.durationMs} ms ` +
      `(load ${phasesMs.load}, measure ${phasesMs.measure}, score ${phasesMs.score}, write ${phasesMs.write}).\n` +
      `  people scored       ${summary.peopleScored}\n` +
      `  topic/product scores ${summary.subjectScores}\n` +
      `  communities         ${summary.communities} (modularity ${summary.modularity.toFixed(3)})\n` +
      `  network             ${summary.nodeCount} nodes, ${summary.relationshipCount} relationships\n` +
      `  scores removed      ${summary.removedScores} (no longer allowed to profile, merged or gone)\n`,
  );
}

async function main(): Promise<void> {
  const requested = parseEngine(process.argv.slice(2));
  if (requested === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const projectRoot = findProjectRoot();
  const database = await connectDatabase(config, projectRoot, logger);
  try {
    const { gateway } = database;
    await applyMigrations(gateway, readMigrations(path.join(projectRoot, 'cypher')), logger);
    const recompute = createInfluenceRecompute(gateway, {
      consentPolicy: new ConsentPolicy(config.consentRequiredPurposes),
      engine: engineFromConfig(config.influence.engine),
      logger,
    });
    printSummary(
      await recompute.recompute(
        { operationName: 'influenceRecomputeCommand' },
        {
          engine: requested,
        },
      ),
    );
  } finally {
    // Stops the local Neo4j too when this command started it.
    await database.close();
  }
}

main().catch((error: unknown) =>
  reportCommandFailure(error, {
    usage: USAGE,
    failed: 'Influence recompute failed',
    advice:
      'Stored scores are those of the last complete run, possibly partly updated; run it again.',
    exitCodes: { [ErrorCode.Conflict]: 3, [ErrorCode.BadUserInput]: 2 },
  }),
);
