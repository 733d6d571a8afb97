import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, findProjectRoot, loadConfig } from './core/config/config';
import { createLogger, writeAfterLogs } from './core/logging/logger';
import { DatabaseBootstrap } from './core/neo4j/database-bootstrap';
import { connectDatabase } from './core/neo4j/database-connection';
import { LocalNeo4jError } from './core/neo4j/local-neo4j/local-neo4j';
import { readMigrations } from './core/neo4j/migrations';
import { DemoDataRepository } from './features/demo-data/demo-data.repository';
import { DemoDataService } from './features/demo-data/demo-data.service';
import { ConsentPolicy } from './features/consent/consent-policy';
import { InfluenceRecomputeSchedule } from './features/influence/influence-schedule';
import {
  createInfluenceRecompute,
  engineFromConfig,
} from './features/influence/influence-recompute.service';
import { startApp } from './server/app';

function serviceVersion(projectRoot: string): string {
  const manifest = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}

async function main(): Promise<void> {
  const projectRoot = findProjectRoot();
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\nSee .env.example for every setting.\n`);
    process.exit(78); // EX_CONFIG: the environment is wrong, restarting will not help
  }
  const logger = createLogger(config.logLevel);

  let database;
  try {
    database = await connectDatabase(config, projectRoot, logger);
  } catch (error) {
    if (!(error instanceof LocalNeo4jError)) throw error;
    logger.fatal(error.message);
    process.exit(1);
  }

  const { gateway } = database;
  const demoData = new DemoDataService(new DemoDataRepository(gateway), logger);
  const bootstrap = new DatabaseBootstrap({
    gateway,
    migrations: readMigrations(path.join(projectRoot, 'cypher')),
    logger,
    afterMigrations: async () => {
      if (config.demoData) await demoData.loadIfEmpty();
    },
  });
  const app = await startApp({
    config,
    logger,
    gateway,
    bootstrap,
    serviceVersion: serviceVersion(projectRoot),
  });
  logger.info({ url: app.url }, 'HTTP server listening; waiting for the database');

  let influenceSchedule: InfluenceRecomputeSchedule | null = null;
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const forced = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs + 35_000);
    forced.unref();
    app
      .stop()
      .then(() => influenceSchedule?.stop())
      .then(() => database.close())
      .then(() => {
        logger.info('stopped');
        process.exit(0);
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, 'error during shutdown');
        process.exit(1);
      });
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);

  await bootstrap.whenSettled();
  const interval = config.influence.recomputeIntervalMinutes;
  if (bootstrap.state === 'ready' && interval !== null && !stopping) {
    const recompute = createInfluenceRecompute(gateway, {
      consentPolicy: new ConsentPolicy(config.consentRequiredPurposes),
      engine: engineFromConfig(config.influence.engine),
      logger,
    });
    influenceSchedule = new InfluenceRecomputeSchedule(recompute, interval, logger);
    influenceSchedule.start();
    logger.info({ everyMinutes: interval }, 'influence recompute scheduled');
  }
  if (bootstrap.state === 'ready') {
    const server = bootstrap.server;
    logger.info(
      {
        neo4j: database.local?.boltUri ?? gateway.uri,
        version: server?.neo4jVersion,
        edition: server?.neo4jEdition,
      },
      'database ready',
    );
    // Through the logs' own stream, so that the banner comes after every line logged before it
    // and is the last thing a user (or a test reading the output) sees.
    writeAfterLogs(
      logger,
      `\nSocial CRM graph service is ready: open ${app.url}\n` +
        `Neo4j ${server?.neo4jVersion ?? ''} (${server?.neo4jEdition ?? ''}) at ${database.local?.boltUri ?? gateway.uri}` +
        `${database.local !== null ? ' (started by this service; stops with it)' : ''}\n\n`,
    );
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Fatal: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
