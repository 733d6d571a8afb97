import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-code';
import type { Logger } from '../logging/logger';
import { checksum, splitCypherStatements } from './cypher-files';
import type { Neo4jGateway } from './neo4j-gateway';

const MIGRATION_FILE = /^(\d{4})-[a-z0-9-]+\.cypher$/;
const SCOPE = { operationName: 'migrations' };

export interface Migration {
  id: string;
  checksum: string;
  statements: string[];
}

export interface MigrationReport {
  applied: string[];
  alreadyApplied: string[];
}

/** Reads `NNNN-name.cypher` files in order; any other file in the folder is a mistake. */
export function readMigrations(directory: string): Migration[] {
  const files = readdirSync(directory)
    .filter((file) => file.endsWith('.cypher'))
    .sort();
  return files.map((file) => {
    if (!MIGRATION_FILE.test(file)) {
      throw new Error(`Migration file ${file} must be named NNNN-lower-case-name.cypher`);
    }
    const source = readFileSync(path.join(directory, file), 'utf8');
    return {
      id: file.replace(/\.cypher$/, ''),
      checksum: checksum(source),
      statements: splitCypherStatements(source),
    };
  });
}

/**
 * Applies each migration once and records it as a (:SchemaMigration) node. Every statement must be
 * idempotent (IF NOT EXISTS, MERGE): a crash between a statement and the record re-runs the file.
 * A recorded migration whose file changed stops start-up: applied migrations are history, add a new
 * file instead.
 */
export async function applyMigrations(
  gateway: Neo4jGateway,
  migrations: readonly Migration[],
  logger: Logger,
): Promise<MigrationReport> {
  const recorded = await gateway.readStatement(
    SCOPE,
    'MATCH (m:SchemaMigration) RETURN m.id AS id, m.checksum AS checksum',
  );
  const recordedChecksums = new Map(recorded.map((row) => [String(row.id), String(row.checksum)]));
  const report: MigrationReport = { applied: [], alreadyApplied: [] };

  for (const migration of migrations) {
    const known = recordedChecksums.get(migration.id);
    if (known !== undefined) {
      if (known !== migration.checksum) {
        throw new DomainError(
          ErrorCode.Internal,
          `Migration ${migration.id} was changed after it was applied; add a new migration instead`,
        );
      }
      report.alreadyApplied.push(migration.id);
      continue;
    }
    for (const statement of migration.statements) {
      await gateway.runAutoCommit(SCOPE, statement);
    }
    await gateway.write(SCOPE, (runner) =>
      runner.run(
        `MERGE (m:SchemaMigration {id: $id})
         ON CREATE SET m.checksum = $checksum, m.appliedAt = datetime()`,
        { id: migration.id, checksum: migration.checksum },
      ),
    );
    logger.info({ migration: migration.id }, 'migration applied');
    report.applied.push(migration.id);
  }
  return report;
}
