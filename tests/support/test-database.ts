import { DomainError } from '../../src/core/errors/domain-error';
import { ErrorCode } from '../../src/core/errors/error-code';
import type { Neo4jGateway } from '../../src/core/neo4j/neo4j-gateway';

const SCOPE = { operationName: 'testHarness' };

/**
 * Tests wipe their database, so they only run on one that the suite itself marked as disposable:
 * an empty database gets the marker; one holding data without the marker is refused. Bookkeeping
 * is not data: migration records, and the link journal the local launcher writes (deleting the
 * last data leaves an entry).
 */
export async function claimDisposableDatabase(gateway: Neo4jGateway): Promise<void> {
  const [row] = await gateway.read(SCOPE, (runner) =>
    runner.run(
      `OPTIONAL MATCH (marker:TestDatabaseMarker)
       WITH count(marker) AS markers
       OPTIONAL MATCH (n)
       WHERE NOT n:SchemaMigration AND NOT n:TestDatabaseMarker
         AND NOT n:LinkChange AND NOT n:LinkJournalProbe
       WITH markers, n LIMIT 1
       RETURN markers, count(n) AS dataNodes`,
    ),
  );
  if (Number(row?.markers) > 0) return;
  if (Number(row?.dataNodes) > 0) {
    throw new DomainError(
      ErrorCode.Conflict,
      'NEO4J_URI points at a database that holds data the test suite did not create. ' +
        'The tests delete all data between files: point NEO4J_URI at an empty, disposable database.',
    );
  }
  await gateway.write(SCOPE, (runner) => runner.run('MERGE (:TestDatabaseMarker {id: "jest"})'));
}

/**
 * Isolation rule: every integration test file starts from an empty graph (schema and migration
 * records stay). The delete itself is journaled by the local launcher, so the journal is emptied
 * after it, in a transaction of its own that records nothing. Files run one at a time (jest.config.js maxWorkers: 1); a second worker would
 * delete another file's data, so it is refused here.
 */
export async function resetGraph(gateway: Neo4jGateway): Promise<void> {
  const worker = process.env.JEST_WORKER_ID;
  if (worker !== undefined && worker !== '1') {
    throw new Error(
      'Integration tests share one database and must run in one worker (maxWorkers: 1)',
    );
  }
  await claimDisposableDatabase(gateway);
  await gateway.write(SCOPE, (runner) =>
    runner.run(
      'MATCH (n) WHERE NOT n:SchemaMigration AND NOT n:TestDatabaseMarker DETACH DELETE n',
    ),
  );
  await gateway.write(SCOPE, (runner) => runner.run('MATCH (c:LinkChange) DELETE c'));
}
