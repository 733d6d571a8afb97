import { DomainError } from '../../src/core/errors/domain-error';
import { ErrorCode } from '../../src/core/errors/error-code';
import type { Neo4jGateway } from '../../src/core/neo4j/neo4j-gateway';
import { RoundTripCounter } from '../../src/core/neo4j/round-trip-counter';
import { resetGraph } from '../support/test-database';
import { connectTestGateway } from '../support/test-server';

let gateway: Neo4jGateway;

beforeAll(async () => {
  gateway = connectTestGateway();
  await resetGraph(gateway);
});

afterAll(async () => {
  await gateway.close();
});

describe('Neo4j gateway', () => {
  it('names the operation and request in the transaction metadata', async () => {
    const scope = { operationName: 'PersonView', requestId: 'req-abcdef12' };
    for (const run of [gateway.read.bind(gateway), gateway.write.bind(gateway)]) {
      const [row] = await run(scope, (runner) =>
        runner.run('CALL tx.getMetaData() YIELD metadata RETURN metadata'),
      );
      expect(row?.metadata).toEqual({
        app: 'social-crm-graph',
        operation: 'PersonView',
        requestId: 'req-abcdef12',
      });
    }
  });

  it('counts every statement against the operation', async () => {
    const roundTrips = new RoundTripCounter();
    const scope = { operationName: 'count', roundTrips };
    await gateway.read(scope, async (runner) => {
      await runner.run('RETURN 1');
      await runner.run('RETURN 2');
    });
    await gateway.write(scope, (runner) => runner.run('RETURN 3'));
    expect(roundTrips.value).toBe(3);
  });

  it('returns plain values: numbers, ISO temporals, property maps', async () => {
    await gateway.write({ operationName: 'seed' }, (runner) =>
      runner.run(
        `CREATE (:Person {id: 'gw-1', name: 'Ada', born: date('1990-04-01'),
                 seenAt: datetime('2026-11-23T10:15:00Z'), visits: 12})`,
      ),
    );
    const [row] = await gateway.read({ operationName: 'fetch' }, (runner) =>
      runner.run("MATCH (p:Person {id: 'gw-1'}) RETURN p, p.visits + 1 AS next"),
    );
    expect(row).toEqual({
      p: {
        id: 'gw-1',
        name: 'Ada',
        born: '1990-04-01',
        seenAt: '2026-11-23T10:15:00.000Z',
        visits: 12,
      },
      next: 13,
    });
  });

  it('rolls a failed write back completely', async () => {
    const failing = gateway.write({ operationName: 'half' }, async (runner) => {
      await runner.run("CREATE (:Person {id: 'gw-half'})");
      await runner.run("CREATE (:Person {id: 'gw-1'})"); // duplicate id: constraint violation
    });
    await expect(failing).rejects.toMatchObject({ code: ErrorCode.Conflict });
    const rows = await gateway.read({ operationName: 'check' }, (runner) =>
      runner.run("MATCH (p:Person {id: 'gw-half'}) RETURN p"),
    );
    expect(rows).toEqual([]);
  });

  it('maps a Cypher mistake to a masked internal error that keeps the cause for the log', async () => {
    const broken = gateway.read({ operationName: 'broken' }, (runner) =>
      runner.run('MATCH (n RETURN n'),
    );
    await expect(broken).rejects.toBeInstanceOf(DomainError);
    await expect(broken).rejects.toMatchObject({
      code: ErrorCode.Internal,
      message: 'Database error',
    });
  });
});
