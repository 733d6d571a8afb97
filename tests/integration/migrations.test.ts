import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLogger } from '../../src/core/logging/logger';
import { DomainError } from '../../src/core/errors/domain-error';
import { ErrorCode } from '../../src/core/errors/error-code';
import { applyMigrations, readMigrations } from '../../src/core/neo4j/migrations';
import type { Neo4jGateway } from '../../src/core/neo4j/neo4j-gateway';
import { resetGraph } from '../support/test-database';
import { connectTestGateway, projectRoot } from '../support/test-server';

const logger = createLogger('silent');
const scope = { operationName: 'migrationsTest' };
let gateway: Neo4jGateway;

beforeAll(async () => {
  gateway = connectTestGateway();
  await resetGraph(gateway);
});

afterAll(async () => {
  await gateway.write(scope, (runner) =>
    runner.run("MATCH (m:SchemaMigration) WHERE m.id STARTS WITH '9' DELETE m"),
  );
  await gateway.runAutoCommit(scope, 'DROP INDEX test_migration_probe IF EXISTS');
  await gateway.close();
});

function migrationFolder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'migrations-'));
  for (const [name, source] of Object.entries(files)) writeFileSync(path.join(dir, name), source);
  return dir;
}

describe('migrations', () => {
  it('the project migrations are recorded once and not re-run', async () => {
    const migrations = readMigrations(path.join(projectRoot, 'cypher'));
    const report = await applyMigrations(gateway, migrations, logger);
    expect(report.applied).toEqual([]);
    expect(report.alreadyApplied).toEqual(migrations.map((migration) => migration.id));
  });

  it('created the constraints and the full-text index on person names', async () => {
    const constraints = await gateway.read(scope, (runner) =>
      runner.run('SHOW CONSTRAINTS YIELD name RETURN name'),
    );
    expect(constraints.map((row) => row.name)).toEqual(
      expect.arrayContaining([
        'person_id',
        'organization_id',
        'social_account_platform_handle',
        'schema_migration_id',
      ]),
    );
    const fulltext = await gateway.read(scope, (runner) =>
      runner.run(
        "SHOW FULLTEXT INDEXES YIELD name, labelsOrTypes, properties WHERE name = 'person_name_fulltext' RETURN *",
      ),
    );
    expect(fulltext).toEqual([
      { name: 'person_name_fulltext', labelsOrTypes: ['Person'], properties: ['name'] },
    ]);
  });

  it('applies a new migration once, in order, and records it', async () => {
    const dir = migrationFolder({
      '9001-probe-index.cypher':
        'CREATE INDEX test_migration_probe IF NOT EXISTS FOR (n:Probe) ON (n.x);\n',
      '9002-probe-data.cypher': "MERGE (:Probe {x: 'seed'});\n",
    });
    const first = await applyMigrations(gateway, readMigrations(dir), logger);
    const second = await applyMigrations(gateway, readMigrations(dir), logger);
    expect(first.applied).toEqual(['9001-probe-index', '9002-probe-data']);
    expect(second.applied).toEqual([]);
    const probes = await gateway.read(scope, (runner) =>
      runner.run('MATCH (p:Probe) RETURN count(p) AS n'),
    );
    expect(probes[0]?.n).toBe(1);
  });

  it('refuses to start when an applied migration was edited', async () => {
    const dir = migrationFolder({
      '9001-probe-index.cypher':
        'CREATE INDEX test_migration_probe IF NOT EXISTS FOR (n:Probe) ON (n.y);\n',
    });
    await expect(applyMigrations(gateway, readMigrations(dir), logger)).rejects.toThrow(
      /9001-probe-index was changed/,
    );
  });

  it('rejects badly named migration files', () => {
    const dir = migrationFolder({ 'add-stuff.cypher': 'RETURN 1;' });
    expect(() => readMigrations(dir)).toThrow(/NNNN-lower-case-name/);
  });

  it('uniqueness constraints turn duplicate keys into CONFLICT', async () => {
    await gateway.write(scope, (runner) => runner.run("CREATE (:Person {id: 'dup-1'})"));
    const duplicate = gateway.write(scope, (runner) =>
      runner.run("CREATE (:Person {id: 'dup-1'})"),
    );
    await expect(duplicate).rejects.toBeInstanceOf(DomainError);
    await expect(duplicate).rejects.toMatchObject({ code: ErrorCode.Conflict });
  });
});
