import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { CONSENT_PURPOSES, type ConsentPurpose } from '../../features/consent/consent-purpose';

export type Environment = 'development' | 'test' | 'production';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** Where the service finds Neo4j: an existing server, or the local one the project starts. */
export type Neo4jTarget =
  | {
      kind: 'external';
      uri: string;
      username: string | undefined;
      password: string | undefined;
    }
  | { kind: 'local'; local: LocalNeo4jConfig };

export interface LocalNeo4jConfig {
  boltPort: number;
  dataDir: string;
  heap: string;
  pageCache: string;
  plugins: boolean;
}

export interface AppConfig {
  environment: Environment;
  host: string;
  port: number;
  logLevel: LogLevel;
  neo4j: {
    target: Neo4jTarget;
    database: string;
    transactionTimeoutMs: number;
    connectionTimeoutMs: number;
    maxTransactionRetryMs: number;
    maxConnectionPoolSize: number;
    connectionAcquisitionTimeoutMs: number;
  };
  demoData: boolean;
  /** Name of our own company, the organization of roles given without one. */
  ownOrganizationName: string;
  /** Adds `extensions.diagnostics` (request id, database round-trips) to responses. */
  exposeDiagnostics: boolean;
  shutdownTimeoutMs: number;
  auth: AuthConfig;
  apiLimits: ApiLimitsConfig;
  /** Purposes for which a person's recorded consent is needed before their data is used. */
  consentRequiredPurposes: ConsentPurpose[];
  influence: InfluenceConfig;
  /**
   * LINK_INDEX: introductions and reach answer from in-memory indexes of the links and the
   * follower graph (auto: where the database keeps the link journal, i.e. the local Neo4j), or
   * always read the database (off).
   */
  linkIndex: 'auto' | 'off';
  realtime: RealtimeConfig;
}

/** Subscriptions' event bus (src/features/realtime). */
export interface RealtimeConfig {
  /** REDIS_URL: events travel between instances through Redis pub/sub; null = this instance only. */
  redisUrl: string | null;
}

/** Influence scores and communities (src/features/influence). */
export interface InfluenceConfig {
  /** Where the graph algorithms run: GDS when the database has it (auto), or always in-process. */
  engine: 'auto' | 'gds' | 'in-process';
  /** Recompute every this many minutes while the service runs; null = only on demand. */
  recomputeIntervalMinutes: number | null;
}

/** Request limits of the API, the same over HTTP and WebSocket (see src/server/api-limits.ts). */
export interface ApiLimitsConfig {
  /** Nesting of selections; fragments count where they are spread. */
  maxDepth: number;
  maxAliases: number;
  /** graphql-armor's cost: 2 per object, 1 per scalar, ×1.5 per level, × a literal `first`. */
  maxCost: number;
  /** Lexical tokens of the query text (a long string literal is one token). */
  maxTokens: number;
  maxDirectives: number;
  /** JSON request bodies over HTTP and messages over WebSocket. */
  maxBodyBytes: number;
  /** A WebSocket that sends no connection_init within this time is closed with 4408. */
  webSocketInitTimeoutMs: number;
}

/** How bearer tokens are verified: an HS256 shared secret or the issuer's JWKS. */
export interface AuthConfig {
  verification: { kind: 'secret'; secret: string } | { kind: 'jwks'; jwksUrl: string };
  issuer: string;
  audience: string;
  /** True when no key was configured and the built-in development secret is in use. */
  usingDevelopmentSecret: boolean;
}

/**
 * Signs and verifies tokens outside production when JWT_SECRET and JWT_JWKS_URL are both unset, so
 * that `npm start` and `npm run token` work out of the box. Production refuses to start without a key.
 */
export const DEVELOPMENT_JWT_SECRET = 'development-only-secret-never-use-in-production-0123456789';
const MIN_SECRET_LENGTH = 32;

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

const LOG_LEVELS: readonly LogLevel[] = [
  'fatal',
  'error',
  'warn',
  'info',
  'debug',
  'trace',
  'silent',
];
const ENVIRONMENTS: readonly Environment[] = ['development', 'test', 'production'];
const NEO4J_SCHEMES = ['neo4j', 'neo4j+s', 'neo4j+ssc', 'bolt', 'bolt+s', 'bolt+ssc'];
const MEMORY_SIZE = /^\d+[kmg]$/i;

/**
 * Collects every problem before failing, so that one start-up names all bad variables at once.
 */
class EnvReader {
  readonly problems: string[] = [];

  constructor(private readonly env: Env) {}

  string(name: string, fallback: string): string {
    const value = this.optional(name);
    return value ?? fallback;
  }

  optional(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      this.problems.push(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
      return fallback;
    }
    return value;
  }

  boolean(name: string, fallback: boolean): boolean {
    const raw = this.optional(name)?.toLowerCase();
    if (raw === undefined) return fallback;
    if (['true', '1', 'yes', 'on'].includes(raw)) return true;
    if (['false', '0', 'no', 'off'].includes(raw)) return false;
    this.problems.push(`${name} must be true or false, got "${raw}"`);
    return fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    const match = allowed.find((candidate) => candidate === raw);
    if (match === undefined) {
      this.problems.push(`${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
      return fallback;
    }
    return match;
  }

  /** A comma-separated list of allowed values; an empty value is an empty list. */
  listOf<T extends string>(name: string, allowed: readonly T[], fallback: readonly T[]): T[] {
    const raw = this.env[name];
    if (raw === undefined) return [...fallback];
    const values = raw
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '');
    const unknown = values.filter((item) => !allowed.includes(item as T));
    if (unknown.length > 0) {
      this.problems.push(
        `${name} must list values from ${allowed.join(', ')}, got "${unknown.join(', ')}"`,
      );
      return [...fallback];
    }
    return [...new Set(values as T[])];
  }

  memorySize(name: string, fallback: string): string {
    const raw = this.string(name, fallback);
    if (!MEMORY_SIZE.test(raw)) {
      this.problems.push(`${name} must be a size such as 512m or 2g, got "${raw}"`);
      return fallback;
    }
    return raw.toLowerCase();
  }

  redisUrl(name: string): string | null {
    const raw = this.optional(name);
    if (raw === undefined) return null;
    if (!/^rediss?:\/\/\S+$/.test(raw)) {
      this.problems.push(`${name} must be a redis:// or rediss:// URL, got "${raw}"`);
      return null;
    }
    return raw;
  }

  neo4jUri(name: string): string | undefined {
    const raw = this.optional(name);
    if (raw === undefined) return undefined;
    const scheme = raw.split('://')[0] ?? '';
    if (!raw.includes('://') || !NEO4J_SCHEMES.includes(scheme)) {
      this.problems.push(`${name} must be a Neo4j URI (${NEO4J_SCHEMES.join(', ')}), got "${raw}"`);
      return undefined;
    }
    return raw;
  }
}

/** Builds the typed configuration from an environment map; throws ConfigError naming each bad variable. */
export function parseConfig(env: Env, projectRoot: string): AppConfig {
  const read = new EnvReader(env);
  const environment = read.oneOf('NODE_ENV', ENVIRONMENTS, 'development');
  const uri = read.neo4jUri('NEO4J_URI');
  const target: Neo4jTarget =
    uri === undefined
      ? {
          kind: 'local',
          local: {
            boltPort: read.integer('NEO4J_LOCAL_BOLT_PORT', 7687, 1, 65535),
            dataDir: path.resolve(
              projectRoot,
              read.string('NEO4J_LOCAL_DATA_DIR', '.neo4j-local/data'),
            ),
            heap: read.memorySize('NEO4J_LOCAL_HEAP', '1g'),
            pageCache: read.memorySize('NEO4J_LOCAL_PAGECACHE', '512m'),
            plugins: read.boolean('NEO4J_LOCAL_PLUGINS', true),
          },
        }
      : {
          kind: 'external',
          uri,
          username: read.optional('NEO4J_USERNAME'),
          password: read.optional('NEO4J_PASSWORD'),
        };

  const config: AppConfig = {
    environment,
    host: read.string('HOST', '127.0.0.1'),
    port: read.integer('PORT', 4000, 0, 65535),
    logLevel: read.oneOf('LOG_LEVEL', LOG_LEVELS, environment === 'test' ? 'warn' : 'info'),
    neo4j: {
      target,
      database: read.string('NEO4J_DATABASE', 'neo4j'),
      transactionTimeoutMs: read.integer('NEO4J_TRANSACTION_TIMEOUT_MS', 30_000, 100, 3_600_000),
      connectionTimeoutMs: read.integer('NEO4J_CONNECTION_TIMEOUT_MS', 5_000, 100, 120_000),
      maxTransactionRetryMs: read.integer('NEO4J_MAX_TRANSACTION_RETRY_MS', 5_000, 0, 120_000),
      maxConnectionPoolSize: read.integer('NEO4J_MAX_CONNECTION_POOL_SIZE', 100, 1, 10_000),
      connectionAcquisitionTimeoutMs: read.integer(
        'NEO4J_CONNECTION_ACQUISITION_TIMEOUT_MS',
        60_000,
        100,
        600_000,
      ),
    },
    demoData: read.boolean('DEMO_DATA', environment !== 'production'),
    ownOrganizationName: read.string('OWN_ORGANIZATION_NAME', 'Our company'),
    exposeDiagnostics: read.boolean('EXPOSE_DIAGNOSTICS', environment !== 'production'),
    shutdownTimeoutMs: read.integer('SHUTDOWN_TIMEOUT_MS', 10_000, 100, 600_000),
    auth: readAuthConfig(read, environment),
    apiLimits: readApiLimits(read),
    consentRequiredPurposes: read.listOf(
      'CONSENT_REQUIRED_PURPOSES',
      CONSENT_PURPOSES,
      CONSENT_PURPOSES,
    ),
    influence: {
      engine: read.oneOf('INFLUENCE_ENGINE', ['auto', 'gds', 'in-process'] as const, 'auto'),
      recomputeIntervalMinutes:
        read.integer('INFLUENCE_RECOMPUTE_INTERVAL_MINUTES', 0, 0, 10_080) || null,
    },
    linkIndex: read.oneOf('LINK_INDEX', ['auto', 'off'] as const, 'auto'),
    realtime: { redisUrl: read.redisUrl('REDIS_URL') },
  };
  if (
    target.kind === 'external' &&
    (target.username === undefined) !== (target.password === undefined)
  ) {
    read.problems.push('NEO4J_USERNAME and NEO4J_PASSWORD must be set together');
  }
  if (read.problems.length > 0) throw new ConfigError(read.problems);
  return config;
}

function readAuthConfig(read: EnvReader, environment: Environment): AuthConfig {
  const secret = read.optional('JWT_SECRET');
  const jwksUrl = read.optional('JWT_JWKS_URL');
  const common = {
    issuer: read.string('JWT_ISSUER', 'social-crm-graph'),
    audience: read.string('JWT_AUDIENCE', 'social-crm-graph'),
  };
  if (secret !== undefined && jwksUrl !== undefined) {
    read.problems.push('JWT_SECRET and JWT_JWKS_URL exclude each other; set one of them');
  }
  if (jwksUrl !== undefined) {
    if (!/^https?:\/\/\S+$/.test(jwksUrl)) {
      read.problems.push(`JWT_JWKS_URL must be an http(s) URL, got "${jwksUrl}"`);
    }
    return {
      ...common,
      verification: { kind: 'jwks', jwksUrl },
      usingDevelopmentSecret: false,
    };
  }
  if (secret !== undefined) {
    if (secret.length < MIN_SECRET_LENGTH) {
      read.problems.push(`JWT_SECRET must be at least ${MIN_SECRET_LENGTH} characters long`);
    }
    return { ...common, verification: { kind: 'secret', secret }, usingDevelopmentSecret: false };
  }
  if (environment === 'production') {
    read.problems.push('JWT_SECRET or JWT_JWKS_URL must be set in production');
  }
  return {
    ...common,
    verification: { kind: 'secret', secret: DEVELOPMENT_JWT_SECRET },
    usingDevelopmentSecret: true,
  };
}

// Depth 6 fits the deepest screen (a page of people with their roles' organizations); the other
// defaults leave the operations of the API and its tools (Sandbox introspection) far below them.
function readApiLimits(read: EnvReader): ApiLimitsConfig {
  return {
    maxDepth: read.integer('GRAPHQL_MAX_DEPTH', 6, 1, 100),
    maxAliases: read.integer('GRAPHQL_MAX_ALIASES', 15, 0, 1_000),
    maxCost: read.integer('GRAPHQL_MAX_COST', 5_000, 1, 10_000_000),
    maxTokens: read.integer('GRAPHQL_MAX_TOKENS', 1_000, 10, 1_000_000),
    maxDirectives: read.integer('GRAPHQL_MAX_DIRECTIVES', 20, 0, 1_000),
    maxBodyBytes: read.integer('HTTP_MAX_BODY_BYTES', 1_048_576, 1_024, 104_857_600),
    webSocketInitTimeoutMs: read.integer('WS_CONNECTION_INIT_TIMEOUT_MS', 3_000, 100, 60_000),
  };
}

/** Finds the folder holding package.json, both from src/ (ts-jest) and from dist/src/ (built). */
export function findProjectRoot(start: string = __dirname): string {
  let dir = start;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${start}`);
    dir = parent;
  }
  return dir;
}

/**
 * The only place that reads process.env. A `.env` file in the project root fills in variables the
 * real environment leaves unset; the real environment always wins.
 */
export function readEnvironment(projectRoot: string = findProjectRoot()): Env {
  const envFile = path.join(projectRoot, '.env');
  const fromFile = existsSync(envFile) ? parseEnv(readFileSync(envFile, 'utf8')) : {};
  return { ...fromFile, ...process.env };
}

export function loadConfig(): AppConfig {
  const projectRoot = findProjectRoot();
  return parseConfig(readEnvironment(projectRoot), projectRoot);
}
