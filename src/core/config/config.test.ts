import path from 'node:path';
import { ConfigError, DEVELOPMENT_JWT_SECRET, parseConfig } from './config';

const ROOT = '/srv/app';

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    parseConfig(env, ROOT);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('parseConfig', () => {
  it('defaults to the local Neo4j on port 7687 and the API on 4000', () => {
    const config = parseConfig({}, ROOT);
    expect(config.port).toBe(4000);
    expect(config.environment).toBe('development');
    expect(config.demoData).toBe(true);
    expect(config.neo4j.database).toBe('neo4j');
    expect(config.neo4j.target).toEqual({
      kind: 'local',
      local: {
        boltPort: 7687,
        dataDir: path.join(ROOT, '.neo4j-local/data'),
        heap: '1g',
        pageCache: '512m',
        plugins: true,
      },
    });
  });

  it('uses an existing server when NEO4J_URI is set', () => {
    const config = parseConfig(
      {
        NEO4J_URI: 'neo4j+s://abc.databases.neo4j.io',
        NEO4J_USERNAME: 'neo4j',
        NEO4J_PASSWORD: 'secret',
        NEO4J_DATABASE: 'crm',
      },
      ROOT,
    );
    expect(config.neo4j.target).toEqual({
      kind: 'external',
      uri: 'neo4j+s://abc.databases.neo4j.io',
      username: 'neo4j',
      password: 'secret',
    });
    expect(config.neo4j.database).toBe('crm');
  });

  it('turns off demo data and diagnostics in production unless asked for', () => {
    const config = parseConfig({ NODE_ENV: 'production', JWT_SECRET: 'p'.repeat(32) }, ROOT);
    expect(config.demoData).toBe(false);
    expect(config.exposeDiagnostics).toBe(false);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['LOG_LEVEL', 'loud'],
    ['NODE_ENV', 'staging'],
    ['NEO4J_URI', 'http://localhost:7474'],
    ['NEO4J_URI', 'localhost:7687'],
    ['NEO4J_LOCAL_BOLT_PORT', '0'],
    ['NEO4J_LOCAL_HEAP', 'lots'],
    ['NEO4J_LOCAL_PLUGINS', 'maybe'],
    ['DEMO_DATA', 'sometimes'],
    ['NEO4J_TRANSACTION_TIMEOUT_MS', '-1'],
    ['REDIS_URL', 'localhost:6379'],
  ])('rejects %s=%s and names the variable', (name, value) => {
    const problems = problemsOf({ [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(name);
    expect(problems[0]).toContain(value);
  });

  it('keeps realtime events in process unless REDIS_URL is set', () => {
    expect(parseConfig({}, ROOT).realtime.redisUrl).toBeNull();
    expect(parseConfig({ REDIS_URL: 'redis://cache:6379/0' }, ROOT).realtime.redisUrl).toBe(
      'redis://cache:6379/0',
    );
  });

  it('reports every bad variable at once', () => {
    expect(problemsOf({ PORT: 'x', LOG_LEVEL: 'y' })).toHaveLength(2);
  });

  it('requires username and password together', () => {
    const problems = problemsOf({ NEO4J_URI: 'bolt://db:7687', NEO4J_USERNAME: 'neo4j' });
    expect(problems).toEqual(['NEO4J_USERNAME and NEO4J_PASSWORD must be set together']);
  });
});

describe('CONSENT_REQUIRED_PURPOSES', () => {
  it('requires consent for every purpose unless configured otherwise', () => {
    expect(parseConfig({}, ROOT).consentRequiredPurposes).toEqual([
      'SOCIAL_MONITORING',
      'PROFILING',
      'SALES_PROSPECTING',
      'MARKETING',
    ]);
    expect(
      parseConfig({ CONSENT_REQUIRED_PURPOSES: ' PROFILING, MARKETING ' }, ROOT)
        .consentRequiredPurposes,
    ).toEqual(['PROFILING', 'MARKETING']);
    expect(parseConfig({ CONSENT_REQUIRED_PURPOSES: '' }, ROOT).consentRequiredPurposes).toEqual(
      [],
    );
  });

  it('names unknown purposes', () => {
    expect(problemsOf({ CONSENT_REQUIRED_PURPOSES: 'PROFILING,SPYING' })).toEqual([
      'CONSENT_REQUIRED_PURPOSES must list values from SOCIAL_MONITORING, PROFILING, SALES_PROSPECTING, MARKETING, got "SPYING"',
    ]);
  });
});

describe('token verification settings', () => {
  it('uses the development secret outside production and says so', () => {
    const { auth } = parseConfig({}, ROOT);
    expect(auth.usingDevelopmentSecret).toBe(true);
    expect(auth.verification).toEqual({ kind: 'secret', secret: DEVELOPMENT_JWT_SECRET });
    expect(auth).toMatchObject({ issuer: 'social-crm-graph', audience: 'social-crm-graph' });
  });

  it('takes a JWKS URL or a long enough secret', () => {
    expect(
      parseConfig({ JWT_JWKS_URL: 'https://login.example/.well-known/jwks.json' }, ROOT).auth
        .verification,
    ).toEqual({ kind: 'jwks', jwksUrl: 'https://login.example/.well-known/jwks.json' });
    expect(parseConfig({ JWT_SECRET: 's'.repeat(32) }, ROOT).auth.usingDevelopmentSecret).toBe(
      false,
    );
  });

  it('refuses production without a key, short secrets, and both kinds at once', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual([
      'JWT_SECRET or JWT_JWKS_URL must be set in production',
    ]);
    expect(problemsOf({ JWT_SECRET: 'short' })).toEqual([
      'JWT_SECRET must be at least 32 characters long',
    ]);
    expect(
      problemsOf({ JWT_SECRET: 's'.repeat(32), JWT_JWKS_URL: 'https://login.example/jwks' }),
    ).toEqual(['JWT_SECRET and JWT_JWKS_URL exclude each other; set one of them']);
    expect(problemsOf({ JWT_JWKS_URL: 'ftp://x' })).toEqual([
      'JWT_JWKS_URL must be an http(s) URL, got "ftp://x"',
    ]);
  });
});
