import { createLogger } from '../../src/core/logging/logger';
import type { Neo4jGateway } from '../../src/core/neo4j/neo4j-gateway';
import { DemoDataRepository } from '../../src/features/demo-data/demo-data.repository';
import { DemoDataService } from '../../src/features/demo-data/demo-data.service';
import { resetGraph } from '../support/test-database';
import { connectTestGateway, projectRoot } from '../support/test-server';

const scope = { operationName: 'demoDataTest' };
let gateway: Neo4jGateway;
let service: DemoDataService;

async function count(label: string): Promise<number> {
  const rows = await gateway.read(scope, (runner) =>
    runner.run(`MATCH (n:${label}) RETURN count(n) AS n`),
  );
  return Number(rows[0]?.n);
}

beforeAll(() => {
  gateway = connectTestGateway();
  service = new DemoDataService(
    new DemoDataRepository(gateway),
    projectRoot,
    createLogger('silent'),
  );
});

beforeEach(async () => {
  await resetGraph(gateway);
});

afterAll(async () => {
  await gateway.close();
});

describe('demo data', () => {
  it('loads the fixture into an empty database, once', async () => {
    expect(await service.loadIfEmpty()).toBe(true);
    const people = await count('Person');
    const roles = await gateway.read(scope, (runner) =>
      runner.run('MATCH ()-[r:HAS_ROLE]->() RETURN count(r) AS n'),
    );
    expect(people).toBe(8);
    expect(await count('Organization')).toBe(3);
    expect(await count('Interaction')).toBe(5);
    expect(roles[0]?.n).toBe(11);

    expect(await service.loadIfEmpty()).toBe(false);
    expect(await count('Person')).toBe(people);
  });

  it('never touches a database that already holds data', async () => {
    await gateway.write(scope, (runner) =>
      runner.run("CREATE (:Organization {id: 'real-customer-data'})"),
    );
    expect(await service.loadIfEmpty()).toBe(false);
    expect(await count('Person')).toBe(0);
  });
});
