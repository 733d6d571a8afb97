import neo4j, {
  type Driver,
  isRetryableError,
  type ManagedTransaction,
  type SessionMode,
} from 'neo4j-driver';
import type { Logger } from '../logging/logger';
import { disableNagleForBolt } from './bolt-no-delay';
import { mapNeo4jError } from './neo4j-errors';
import { textOr, toPlain } from './neo4j-values';
import type { RoundTripCounter } from './round-trip-counter';

export type CypherParams = Readonly<Record<string, unknown>>;
export type CypherRow = Record<string, unknown>;

/** Who runs a unit of work: named in the transaction metadata and counted per operation. */
export interface OperationScope {
  operationName: string;
  requestId?: string;
  roundTrips?: RoundTripCounter;
  /** Counts transactions run again after a transient error (deadlock, leader switch, outage). */
  transactionRetries?: RoundTripCounter;
  /** A longer server-side limit for batch work (analytics jobs) than requests get. */
  transactionTimeoutMs?: number;
}

/** The only handle repositories get on a transaction: parameterised queries, plain results. */
export interface CypherRunner {
  run(query: string, params?: CypherParams): Promise<CypherRow[]>;
}

export interface Neo4jConnectionOptions {
  uri: string;
  username?: string | undefined;
  password?: string | undefined;
  database: string;
  transactionTimeoutMs: number;
  connectionTimeoutMs: number;
  /** How long managed transactions retry transient errors before the request fails. */
  maxTransactionRetryMs: number;
  /** Connections per server; requests beyond it wait up to connectionAcquisitionTimeoutMs. */
  maxConnectionPoolSize?: number;
  connectionAcquisitionTimeoutMs?: number;
}

export interface DatabaseServerInfo {
  neo4jVersion: string;
  neo4jEdition: string;
  address: string;
}

const APPLICATION = 'social-crm-graph';

/**
 * One driver per process. Reads and writes run as managed transactions, which retry transient
 * failures (deadlocks, leader switches) and route reads to secondaries in a cluster. A read of one
 * statement goes as an auto-commit transaction (`readStatement`), and so may an idempotent write
 * (`writeIdempotentStatement`): one round-trip instead of two, the same retries after a failure.
 */
export class Neo4jGateway {
  private constructor(
    private readonly driver: Driver,
    private readonly options: Neo4jConnectionOptions,
    private readonly logger: Logger,
  ) {}

  static connect(options: Neo4jConnectionOptions, logger: Logger): Neo4jGateway {
    disableNagleForBolt();
    // No credentials: the local Neo4j runs with auth off.
    const auth =
      options.username === undefined
        ? undefined
        : neo4j.auth.basic(options.username, options.password ?? '');
    const driver = neo4j.driver(options.uri, auth, {
      connectionTimeout: options.connectionTimeoutMs,
      maxConnectionPoolSize: options.maxConnectionPoolSize ?? 100,
      connectionAcquisitionTimeout: options.connectionAcquisitionTimeoutMs ?? 60_000,
      maxTransactionRetryTime: options.maxTransactionRetryMs,
      userAgent: `${APPLICATION}/0.1`,
      logging: {
        // The driver warns about every failed connection release while the database is down;
        // bootstrap and request errors already report that once, so keep these for debugging.
        level: 'warn',
        logger: (level, message) => logger.debug({ neo4jDriver: level }, message),
      },
    });
    return new Neo4jGateway(driver, options, logger.child({ component: 'neo4j' }));
  }

  get uri(): string {
    return this.options.uri;
  }

  read<T>(scope: OperationScope, work: (runner: CypherRunner) => Promise<T>): Promise<T> {
    return this.execute(neo4j.session.READ, scope, work);
  }

  write<T>(scope: OperationScope, work: (runner: CypherRunner) => Promise<T>): Promise<T> {
    return this.execute(neo4j.session.WRITE, scope, work);
  }

  /**
   * One read-only statement, sent as an auto-commit transaction: RUN and PULL go out together and
   * the answer ends the transaction, so it costs one round-trip where a managed transaction costs
   * two (its COMMIT waits for a reply of its own). A transient failure is handed to `read`, whose
   * managed transaction retries it as any other read: a read is safe to run again.
   */
  readStatement(
    scope: OperationScope,
    query: string,
    params: CypherParams = {},
  ): Promise<CypherRow[]> {
    return this.statement(neo4j.session.READ, scope, query, params);
  }

  /**
   * One write statement that leaves the same data however often it runs (MERGE on a unique key),
   * as an auto-commit transaction: one round-trip instead of two. After a transient failure the
   * write may or may not have committed, which is why it must be idempotent: `write` runs it
   * again in a managed transaction, with the same retries as every other write.
   */
  writeIdempotentStatement(
    scope: OperationScope,
    query: string,
    params: CypherParams = {},
  ): Promise<CypherRow[]> {
    return this.statement(neo4j.session.WRITE, scope, query, params);
  }

  /**
   * Runs one statement in its own auto-commit transaction. Migrations need this: Neo4j refuses
   * schema changes (CREATE CONSTRAINT / INDEX) in a transaction that also touches data.
   */
  async runAutoCommit(scope: OperationScope, statement: string): Promise<void> {
    const session = this.driver.session({ database: this.options.database });
    try {
      scope.roundTrips?.increment();
      await session.run(statement, {}, { metadata: this.metadata(scope) });
    } catch (error) {
      throw mapNeo4jError(error);
    } finally {
      await session.close();
    }
  }

  /** Checks that the database answers; used by readiness and start-up. */
  async serverInfo(): Promise<DatabaseServerInfo> {
    const rows = await this.read({ operationName: 'serverInfo' }, (runner) =>
      runner.run(
        'CALL dbms.components() YIELD name, versions, edition RETURN versions[0] AS version, edition',
      ),
    );
    const first = rows[0];
    return {
      neo4jVersion: textOr(first?.version, 'unknown'),
      neo4jEdition: textOr(first?.edition, 'unknown'),
      address: this.options.uri,
    };
  }

  /** The cheapest query that proves the database answers; for readiness probes. */
  async ping(): Promise<void> {
    await this.read({ operationName: 'ping' }, (runner) => runner.run('RETURN 1 AS ok'));
  }

  async close(): Promise<void> {
    await this.driver.close();
  }

  private async statement(
    mode: SessionMode,
    scope: OperationScope,
    query: string,
    params: CypherParams,
  ): Promise<CypherRow[]> {
    const session = this.driver.session({
      database: this.options.database,
      defaultAccessMode: mode,
    });
    try {
      scope.roundTrips?.increment();
      const result = await session.run(query, params, this.transactionConfig(scope));
      return result.records.map((record) => toPlain(record.toObject()) as CypherRow);
    } catch (error) {
      if (!isRetryableError(error)) throw this.failed(scope, error);
      scope.transactionRetries?.increment();
      this.logger.debug(
        { err: error, operation: scope.operationName, requestId: scope.requestId },
        'statement failed transiently; running it again in a managed transaction',
      );
    } finally {
      await session.close();
    }
    return this.execute(mode, scope, (runner) => runner.run(query, params));
  }

  /** Logs a failed call for debugging and returns the domain error to throw. */
  private failed(scope: OperationScope, error: unknown): unknown {
    this.logger.debug({ err: error, operation: scope.operationName }, 'database call failed');
    return mapNeo4jError(error);
  }

  private transactionConfig(scope: OperationScope): {
    timeout: number;
    metadata: Record<string, string>;
  } {
    return {
      timeout: scope.transactionTimeoutMs ?? this.options.transactionTimeoutMs,
      metadata: this.metadata(scope),
    };
  }

  private async execute<T>(
    mode: SessionMode,
    scope: OperationScope,
    work: (runner: CypherRunner) => Promise<T>,
  ): Promise<T> {
    const session = this.driver.session({
      database: this.options.database,
      defaultAccessMode: mode,
    });
    const config = this.transactionConfig(scope);
    let attempts = 0;
    const transactionWork = (tx: ManagedTransaction) => {
      attempts += 1;
      if (attempts > 1) {
        scope.transactionRetries?.increment();
        this.logger.debug(
          { operation: scope.operationName, requestId: scope.requestId, attempt: attempts },
          'transaction retried after a transient error',
        );
      }
      return work(this.runnerFor(tx, scope));
    };
    try {
      return mode === neo4j.session.READ
        ? await session.executeRead(transactionWork, config)
        : await session.executeWrite(transactionWork, config);
    } catch (error) {
      throw this.failed(scope, error);
    } finally {
      await session.close();
    }
  }

  private runnerFor(tx: ManagedTransaction, scope: OperationScope): CypherRunner {
    return {
      async run(query, params = {}) {
        scope.roundTrips?.increment();
        const result = await tx.run(query, params);
        return result.records.map((record) => toPlain(record.toObject()) as CypherRow);
      },
    };
  }

  private metadata(scope: OperationScope): Record<string, string> {
    const metadata: Record<string, string> = { app: APPLICATION, operation: scope.operationName };
    if (scope.requestId !== undefined) metadata.requestId = scope.requestId;
    return metadata;
  }
}
