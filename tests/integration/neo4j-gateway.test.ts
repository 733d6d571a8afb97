import { Neo4jError, Session } from 'neo4j-driver';
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

afterEach(() => {
  jest.restoreAllMocks();
});

/** A failure the driver calls retryable, as a lost leader or a dropped connection gives. */
function transientError(): Neo4jError {
  return new Neo4jError(
    'leader switched',
    'Neo.TransientError.General.DatabaseUnavailable',
    'N/A',
    'N/A',
  );
}

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

  describe('single statements as auto-commit transactions', () => {
    it('carry the metadata, count one round-trip and return plain values', async () => {
      const roundTrips = new RoundTripCounter();
      const scope = { operationName: 'PersonView', requestId: 'req-0000auto', roundTrips };
      const [read] = await gateway.readStatement(
        scope,
        "CALL tx.getMetaData() YIELD metadata RETURN metadata, datetime('2026-11-23T10:15:00Z') AS at, 41 + 1 AS n",
      );
      expect(read).toEqual({
        metadata: { app: 'social-crm-graph', operation: 'PersonView', requestId: 'req-0000auto' },
        at: '2026-11-23T10:15:00.000Z',
        n: 42,
      });
      const [written] = await gateway.writeIdempotentStatement(
        scope,
        "MERGE (p:Person {id: 'gw-auto'}) RETURN p.id AS id",
      );
      expect(written).toEqual({ id: 'gw-auto' });
      expect(roundTrips.value).toBe(2);
    });

    it('map a Cypher mistake like any other statement, without running it again', async () => {
      const retries = new RoundTripCounter();
      const broken = gateway.readStatement(
        { operationName: 'broken', transactionRetries: retries },
        'MATCH (n RETURN n',
      );
      await expect(broken).rejects.toMatchObject({ code: ErrorCode.Internal });
      expect(retries.value).toBe(0);
    });

    it('run a read again in a managed transaction after a transient failure', async () => {
      const run = jest
        .spyOn(Session.prototype, 'run')
        .mockImplementationOnce(() => Promise.reject(transientError()) as never);
      const roundTrips = new RoundTripCounter();
      const retries = new RoundTripCounter();
      const rows = await gateway.readStatement(
        { operationName: 'flaky', roundTrips, transactionRetries: retries },
        'UNWIND [1, 2] AS n RETURN n',
      );
      expect(rows).toEqual([{ n: 1 }, { n: 2 }]);
      expect(run).toHaveBeenCalledTimes(1);
      expect(retries.value).toBe(1);
      expect(roundTrips.value).toBe(2);
    });

    it('leave one write after a failure that came once the first attempt had committed', async () => {
      // The reply is lost after the commit: the caller cannot know the write happened, and the
      // statement runs again. MERGE on the unique key keeps it to one node.
      const run = jest.spyOn(Session.prototype, 'run');
      run.mockImplementationOnce(function (this: Session, ...args: Parameters<Session['run']>) {
        run.mockRestore();
        return this.run(...args).then(() => Promise.reject(transientError())) as never;
      });
      const statement =
        "MERGE (p:Person {id: 'gw-once'}) ON CREATE SET p.name = 'Once' RETURN p.id AS id";
      const rows = await gateway.writeIdempotentStatement({ operationName: 'once' }, statement);
      expect(rows).toEqual([{ id: 'gw-once' }]);
      const [count] = await gateway.read({ operationName: 'check' }, (runner) =>
        runner.run("MATCH (p:Person {id: 'gw-once'}) RETURN count(p) AS n"),
      );
      expect(count).toEqual({ n: 1 });
    });
  });
});
