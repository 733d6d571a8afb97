import type { Neo4jGateway } from '../../src/core/neo4j/neo4j-gateway';
import { claimDisposableDatabase, resetGraph } from '../support/test-database';
import { connectTestGateway } from '../support/test-server';

const scope = { operationName: 'guardTest' };
let gateway: Neo4jGateway;

beforeAll(async () => {
  gateway = connectTestGateway();
  await resetGraph(gateway);
});

afterAll(async () => {
  await gateway.write(scope, (runner) => runner.run('MERGE (:TestDatabaseMarker {id: "jest"})'));
  await resetGraph(gateway);
  await gateway.close();
});

describe('the suite only wipes a database it owns', () => {
  it('refuses a database that holds data without the suite marker', async () => {
    await gateway.write(scope, async (runner) => {
      await runner.run('MATCH (m:TestDatabaseMarker) DELETE m');
      await runner.run("CREATE (:Person {id: 'someone-real'})");
    });
    await expect(claimDisposableDatabase(gateway)).rejects.toThrow(
      /holds data the test suite did not create/,
    );
    await expect(resetGraph(gateway)).rejects.toThrow(/holds data the test suite did not create/);
    const rows = await gateway.read(scope, (runner) =>
      runner.run("MATCH (p:Person {id: 'someone-real'}) RETURN p.id AS id"),
    );
    expect(rows).toEqual([{ id: 'someone-real' }]);
  });

  it('claims an empty database by marking it', async () => {
    await gateway.write(scope, (runner) =>
      runner.run('MATCH (n) WHERE NOT n:SchemaMigration DETACH DELETE n'),
    );
    await claimDisposableDatabase(gateway);
    const markers = await gateway.read(scope, (runner) =>
      runner.run('MATCH (m:TestDatabaseMarker) RETURN count(m) AS n'),
    );
    expect(markers).toEqual([{ n: 1 }]);
  });
});
