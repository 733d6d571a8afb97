import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { LocalNeo4jConfig } from '../../config/config';
import type { Logger } from '../../logging/logger';

const READY_LINE = 'NEO4J_LOCAL_READY ';
const ERROR_LINE = 'NEO4J_LOCAL_ERROR ';
const START_TIMEOUT_MS = 180_000;
const STOP_TIMEOUT_MS = 30_000;

export class LocalNeo4jError extends Error {
  override name = 'LocalNeo4jError';
}

export interface LocalNeo4jTools {
  java: string;
  maven: string;
}

export interface RunningLocalNeo4j {
  boltUri: string;
  neo4jVersion: string;
  apocVersion: string | null;
  gdsVersion: string | null;
  pid: number;
  stop(): Promise<void>;
}

const DEFAULT_TOOLS: LocalNeo4jTools = { java: 'java', maven: 'mvn' };

const MISSING_TOOLS_HELP =
  'The local Neo4j needs a JDK 17+ and Maven on the PATH ' +
  '(Debian/Ubuntu: apt-get install openjdk-17-jdk-headless maven). ' +
  'Or set NEO4J_URI (and NEO4J_USERNAME, NEO4J_PASSWORD) to use an existing Neo4j 5 server or Aura.';

/** Fails with a message saying what to install when Java 17+ or Maven is missing. */
export function checkLocalNeo4jTools(tools: LocalNeo4jTools = DEFAULT_TOOLS): void {
  const java = spawnSync(tools.java, ['-version'], { encoding: 'utf8' });
  if (java.error !== undefined || java.status !== 0) {
    throw new LocalNeo4jError(`Java was not found (${tools.java}). ${MISSING_TOOLS_HELP}`);
  }
  const major = /version "(\d+)/.exec(java.stderr)?.[1];
  if (major !== undefined && Number(major) < 17) {
    throw new LocalNeo4jError(`Java ${major} is too old. ${MISSING_TOOLS_HELP}`);
  }
  const maven = spawnSync(tools.maven, ['-v'], { encoding: 'utf8' });
  if (maven.error !== undefined || maven.status !== 0) {
    throw new LocalNeo4jError(`Maven was not found (${tools.maven}). ${MISSING_TOOLS_HELP}`);
  }
}

function newestModification(target: string): number {
  const stats = statSync(target);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const entry of readdirSync(target)) {
    newest = Math.max(newest, newestModification(path.join(target, entry)));
  }
  return newest;
}

/**
 * Builds the launcher with Maven when its jar is missing or older than its sources. The first build
 * downloads Neo4j from Maven Central into ~/.m2; later builds are offline and quick.
 */
export function buildLocalNeo4j(
  launcherDir: string,
  logger: Logger,
  tools = DEFAULT_TOOLS,
): string {
  const jar = path.join(launcherDir, 'target', 'neo4j-local.jar');
  const sources = [path.join(launcherDir, 'pom.xml'), path.join(launcherDir, 'src')];
  const upToDate =
    existsSync(jar) &&
    sources.every((source) => newestModification(source) <= statSync(jar).mtimeMs);
  if (upToDate) return jar;

  logger.info('building the local Neo4j launcher with Maven (the first build downloads Neo4j)');
  const build = spawnSync(
    tools.maven,
    ['-B', '-q', '-f', path.join(launcherDir, 'pom.xml'), 'package'],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  if (build.error !== undefined || build.status !== 0) {
    const output = `${build.stdout}\n${build.stderr}`.trim().split('\n').slice(-20).join('\n');
    throw new LocalNeo4jError(`Building the local Neo4j launcher failed:\n${output}`);
  }
  return jar;
}

/** JVM flags from neo4j-local/jvm.options: one per line, `#` starts a comment. */
export function readJvmOptions(launcherDir: string): string[] {
  return readFileSync(path.join(launcherDir, 'jvm.options'), 'utf8')
    .split('\n')
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter((line) => line !== '');
}

function parseReadyLine(line: string): Omit<RunningLocalNeo4j, 'pid' | 'stop'> {
  const [boltUri = '', ...pairs] = line.slice(READY_LINE.length).trim().split(/\s+/);
  const facts = new Map(pairs.map((pair) => pair.split('=') as [string, string]));
  const version = (key: string) => {
    const value = facts.get(key);
    return value === undefined || value === 'none' ? null : value;
  };
  return {
    boltUri,
    neo4jVersion: facts.get('neo4j') ?? 'unknown',
    apocVersion: version('apoc'),
    gdsVersion: version('gds'),
  };
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/**
 * Starts Neo4j Community embedded in a child JVM (see neo4j-local/) and resolves once Bolt answers.
 * The child also stops when this process dies: it watches its stdin, which closes with us.
 */
export async function startLocalNeo4j(
  options: LocalNeo4jConfig & { launcherDir: string },
  logger: Logger,
  tools: LocalNeo4jTools = DEFAULT_TOOLS,
): Promise<RunningLocalNeo4j> {
  checkLocalNeo4jTools(tools);
  const jar = buildLocalNeo4j(options.launcherDir, logger, tools);
  mkdirSync(options.dataDir, { recursive: true });

  const args = [
    ...readJvmOptions(options.launcherDir),
    `-Xms${options.heap}`,
    `-Xmx${options.heap}`,
    '-jar',
    jar,
    '--bolt-address',
    '127.0.0.1',
    '--bolt-port',
    String(options.boltPort),
    '--data-dir',
    options.dataDir,
    '--pagecache',
    options.pageCache,
    '--plugins',
    String(options.plugins),
    '--exit-on-stdin-eof',
  ];
  const child = spawn(tools.java, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  const log = logger.child({ component: 'local-neo4j', pid: child.pid });
  log.info({ boltPort: options.boltPort, dataDir: options.dataDir }, 'starting local Neo4j');

  const stderrTail: string[] = [];
  let reportedError: string | undefined;
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    for (const line of chunk.split('\n').filter((entry) => entry.trim() !== '')) {
      if (line.startsWith(ERROR_LINE)) reportedError = line.slice(ERROR_LINE.length);
      stderrTail.push(line);
      if (stderrTail.length > 20) stderrTail.shift();
      log.debug({ stream: 'stderr' }, line);
    }
  });

  const ready = await new Promise<Omit<RunningLocalNeo4j, 'pid' | 'stop'>>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new LocalNeo4jError(`Local Neo4j did not become ready within ${START_TIMEOUT_MS / 1000}s`),
      );
    }, START_TIMEOUT_MS);
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      for (const line of chunk.split('\n')) {
        if (line.startsWith(READY_LINE)) {
          clearTimeout(timer);
          resolve(parseReadyLine(line));
        } else if (line.trim() !== '') {
          log.debug({ stream: 'stdout' }, line);
        }
      }
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new LocalNeo4jError(`Could not start Java: ${error.message}. ${MISSING_TOOLS_HELP}`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      const reason =
        reportedError ?? `exited with code ${code ?? 'null'}:\n${stderrTail.join('\n')}`;
      reject(new LocalNeo4jError(`Local Neo4j failed to start: ${reason}`));
    });
  });

  log.info({ ...ready }, 'local Neo4j is ready');
  child.once('exit', (code, signal) => log.info({ code, signal }, 'local Neo4j stopped'));

  return {
    ...ready,
    pid: child.pid ?? -1,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      if (!(await waitForExit(child, STOP_TIMEOUT_MS))) {
        log.warn('local Neo4j did not stop in time; killing it');
        child.kill('SIGKILL');
        await waitForExit(child, 5_000);
      }
    },
  };
}
