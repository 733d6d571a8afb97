import { rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import path from 'node:path';
import { createLogger } from '../../src/core/logging/logger';
import {
  checkLocalNeo4jTools,
  LocalNeo4jError,
  startLocalNeo4j,
} from '../../src/core/neo4j/local-neo4j/local-neo4j';
import { freeTcpPort } from '../../src/core/net/free-port';
import { projectRoot } from '../support/test-server';

const launcherDir = path.join(projectRoot, 'neo4j-local');
const logger = createLogger('silent');

describe('local Neo4j launcher', () => {
  it.each([
    [{ java: 'no-such-java-binary', maven: 'mvn' }, /Java was not found/],
    [{ java: 'java', maven: 'no-such-maven-binary' }, /Maven was not found/],
  ])('explains what to install when a tool is missing (%o)', (tools, message) => {
    expect(() => checkLocalNeo4jTools(tools)).toThrow(LocalNeo4jError);
    expect(() => checkLocalNeo4jTools(tools)).toThrow(message);
    expect(() => checkLocalNeo4jTools(tools)).toThrow(
      /apt-get install openjdk-17-jdk-headless maven.*NEO4J_URI/,
    );
  });

  describe('on a port that is already in use', () => {
    let blocker: Server;
    let port: number;
    const dataDir = path.join(projectRoot, '.neo4j-local', `port-test-${process.pid}`);

    beforeAll(async () => {
      port = await freeTcpPort();
      blocker = createServer();
      await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    });

    afterAll(async () => {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('refuses to start with a clear message', async () => {
      const start = startLocalNeo4j(
        {
          boltPort: port,
          dataDir,
          heap: '256m',
          pageCache: '16m',
          plugins: false,
          launcherDir,
        },
        logger,
      );
      await expect(start).rejects.toThrow(LocalNeo4jError);
      await expect(start).rejects.toThrow(new RegExp(`127\\.0\\.0\\.1:${port} is already in use`));
    });
  });
});
