import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../../src/core/logging/logger';
import { freeTcpPort } from '../../src/core/net/free-port';
import {
  startLocalNeo4j,
  type RunningLocalNeo4j,
} from '../../src/core/neo4j/local-neo4j/local-neo4j';

export interface TestDatabaseTarget {
  kind: 'external' | 'testcontainers' | 'local';
  uri: string;
  username?: string;
  password?: string;
  stop(): Promise<void>;
}

function dockerEngineConfigured(env: Readonly<Record<string, string | undefined>>): boolean {
  return env.DOCKER_HOST !== undefined || existsSync('/var/run/docker.sock');
}

async function startTestcontainer(): Promise<TestDatabaseTarget | undefined> {
  const { getContainerRuntimeClient } = await import('testcontainers');
  try {
    await getContainerRuntimeClient();
  } catch {
    return undefined;
  }
  const { Neo4jContainer } = await import('@testcontainers/neo4j');
  const container = await new Neo4jContainer('neo4j:5.26-community').withApoc().start();
  return {
    kind: 'testcontainers',
    uri: container.getBoltUri(),
    username: container.getUsername(),
    password: container.getPassword(),
    stop: async () => {
      await container.stop();
    },
  };
}

async function startLocal(projectRoot: string, logger: Logger): Promise<TestDatabaseTarget> {
  const dataDir = path.join(projectRoot, '.neo4j-local', `test-${process.pid}`);
  const local: RunningLocalNeo4j = await startLocalNeo4j(
    {
      boltPort: await freeTcpPort(),
      dataDir,
      heap: '1g',
      pageCache: '256m',
      plugins: true,
      launcherDir: path.join(projectRoot, 'neo4j-local'),
    },
    logger,
  );
  return {
    kind: 'local',
    uri: local.boltUri,
    stop: async () => {
      await local.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Chooses the test database: NEO4J_URI when set, else a testcontainers Neo4j when a Docker engine
 * answers, else the project's local launcher on a free port with a throw-away data folder.
 */
export async function startTestDatabase(
  env: Readonly<Record<string, string | undefined>>,
  projectRoot: string,
  logger: Logger,
): Promise<TestDatabaseTarget> {
  const uri = env.NEO4J_URI?.trim();
  if (uri !== undefined && uri !== '') {
    return {
      kind: 'external',
      uri,
      username: env.NEO4J_USERNAME,
      password: env.NEO4J_PASSWORD,
      stop: () => Promise.resolve(),
    };
  }
  if (dockerEngineConfigured(env)) {
    const container = await startTestcontainer();
    if (container !== undefined) return container;
    logger.warn('no Docker engine answers; using the local Neo4j launcher');
  }
  return startLocal(projectRoot, logger);
}
