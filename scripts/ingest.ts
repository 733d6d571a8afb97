import 'reflect-metadata';
import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';
import { ConsentPolicy } from '../src/features/consent/consent-policy';
import { findProjectRoot, loadConfig } from '../src/core/config/config';
import { createLogger } from '../src/core/logging/logger';
import { connectDatabase } from '../src/core/neo4j/database-connection';
import { applyMigrations, readMigrations } from '../src/core/neo4j/migrations';
import { RealtimeBus } from '../src/features/realtime/realtime-bus';
import { createServices } from '../src/server/services';
import { reportCommandFailure } from './cli-errors';

const USAGE = `Usage: npm run ingest -- <file.ndjson>

Ingests social posts, one JSON object per line (platform, postId, authorHandle, text, occurredAt,
optional replyToPostId, mentions, url, language), into the configured Neo4j, or into the local
Neo4j when NEO4J_URI is unset. Posts are identified by platform + postId: ingesting a file again
changes nothing and raises no second alert. Each new post is scored and checked against the
active watch lists; with REDIS_URL set, running services' subscribers hear of its alerts.

Exit codes: 0 every line ingested, 1 some lines were rejected (listed) or the ingest failed,
2 usage error, 78 bad configuration.
`;

const PRINTED_PROBLEMS = 20;

async function main(): Promise<void> {
  const [file, ...rest] = process.argv.slice(2);
  if (file === undefined || file === '--help' || file === '-h' || rest.length > 0) {
    process.stdout.write(USAGE);
    if (file === undefined || rest.length > 0) process.exitCode = 2;
    return;
  }
  if (!existsSync(file)) {
    process.stderr.write(`No such file: ${file}\n`);
    process.exitCode = 2;
    return;
  }
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const projectRoot = findProjectRoot();
  const database = await connectDatabase(config, projectRoot, logger);
  const realtime = new RealtimeBus({ redisUrl: config.realtime.redisUrl, logger });
  try {
    const { gateway } = database;
    await applyMigrations(gateway, readMigrations(path.join(projectRoot, 'cypher')), logger);
    const services = createServices(gateway, {
      serviceVersion: 'cli',
      ownOrganizationName: config.ownOrganizationName,
      consentPolicy: new ConsentPolicy(config.consentRequiredPurposes),
      realtime,
      logger,
    });
    const started = Date.now();
    const report = await services.ingest.ingestNdjson(
      { operationName: 'ingestPostsCli' },
      createReadStream(file),
    );
    const seconds = (Date.now() - started) / 1000;
    const lines = [
      `${file}: ${report.received} posts read in ${seconds.toFixed(1)} s: ${report.created} new, ` +
        `${report.unchanged} already there, ${report.rejected} rejected, ${report.alertsRaised} alerts raised`,
    ];
    for (const problem of report.problems.slice(0, PRINTED_PROBLEMS)) {
      lines.push(`  line ${problem.line} (${problem.field}): ${problem.message}`);
    }
    if (report.rejected > PRINTED_PROBLEMS) {
      lines.push(`  … and ${report.rejected - PRINTED_PROBLEMS} more`);
    }
    process.stdout.write(`${lines.join('\n')}\n`);
    if (report.rejected > 0) process.exitCode = 1;
  } finally {
    await realtime.close();
    // Stops the local Neo4j too when this command started it.
    await database.close();
  }
}

main().catch((error: unknown) =>
  reportCommandFailure(error, {
    usage: USAGE,
    failed: 'Ingest failed',
    advice: 'Batches written before the failure are complete; ingest the file again to finish.',
  }),
);
