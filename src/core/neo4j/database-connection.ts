import path from 'node:path';
import type { AppConfig } from '../config/config';
import type { Logger } from '../logging/logger';
import { startLocalNeo4j, type RunningLocalNeo4j } from './local-neo4j/local-neo4j';
import { Neo4jGateway } from './neo4j-gateway';

export interface DatabaseConnection {
  gateway: Neo4jGateway;
  /** The Neo4j this process started itself, or null when NEO4J_URI points elsewhere. */
  local: RunningLocalNeo4j | null;
  close(): Promise<void>;
}

/**
 * Connects to NEO4J_URI when it is set; otherwise starts the project's local Neo4j and owns it,
 * stopping it on close.
 */
export async function connectDatabase(
  config: AppConfig,
  projectRoot: string,
  logger: Logger,
): Promise<DatabaseConnection> {
  const { target } = config.neo4j;
  const common = {
    database: config.neo4j.database,
    transactionTimeoutMs: config.neo4j.transactionTimeoutMs,
    connectionTimeoutMs: config.neo4j.connectionTimeoutMs,
    maxTransactionRetryMs: config.neo4j.maxTransactionRetryMs,
    maxConnectionPoolSize: config.neo4j.maxConnectionPoolSize,
    connectionAcquisitionTimeoutMs: config.neo4j.connectionAcquisitionTimeoutMs,
  };
  if (target.kind === 'external') {
    const gateway = Neo4jGateway.connect({ ...common, ...target }, logger);
    return { gateway, local: null, close: () => gateway.close() };
  }

  const local = await startLocalNeo4j(
    { ...target.local, launcherDir: path.join(projectRoot, 'neo4j-local') },
    logger,
  );
  const gateway = Neo4jGateway.connect({ ...common, uri: local.boltUri }, logger);
  return {
    gateway,
    local,
    async close() {
      await gateway.close();
      await local.stop();
    },
  };
}
