import 'reflect-metadata';
import path from 'node:path';
import { findProjectRoot, readEnvironment } from '../../src/core/config/config';
import { createLogger } from '../../src/core/logging/logger';
import { applyMigrations, readMigrations } from '../../src/core/neo4j/migrations';
import { Neo4jGateway } from '../../src/core/neo4j/neo4j-gateway';
import { claimDisposableDatabase } from '../support/test-database';
import { startTestDatabase, type TestDatabaseTarget } from './test-database-target';

declare global {
  var testDatabaseTarget: TestDatabaseTarget | undefined;
}

/**
 * Starts (or finds) the one Neo4j the suite uses, applies migrations once, and hands its address to
 * the test workers through the environment, which workers inherit.
 */
async function globalSetup(): Promise<void> {
  const projectRoot = findProjectRoot(__dirname);
  const env = readEnvironment(projectRoot);
  const logger = createLogger(env.TEST_LOG_LEVEL === undefined ? 'warn' : 'info');
  const target = await startTestDatabase(env, projectRoot, logger);
  globalThis.testDatabaseTarget = target;

  process.env.NEO4J_URI = target.uri;
  process.env.TEST_NEO4J_KIND = target.kind;
  if (target.username !== undefined) process.env.NEO4J_USERNAME = target.username;
  if (target.password !== undefined) process.env.NEO4J_PASSWORD = target.password;

  const gateway = Neo4jGateway.connect(
    {
      uri: target.uri,
      username: target.username,
      password: target.password,
      database: env.NEO4J_DATABASE ?? 'neo4j',
      transactionTimeoutMs: 30_000,
      connectionTimeoutMs: 10_000,
      maxTransactionRetryMs: 5_000,
    },
    logger,
  );
  try {
    await claimDisposableDatabase(gateway);
    await applyMigrations(gateway, readMigrations(path.join(projectRoot, 'cypher')), logger);
  } finally {
    await gateway.close();
  }
}

export = globalSetup;
