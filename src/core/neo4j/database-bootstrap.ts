import type { Logger } from '../logging/logger';
import { applyMigrations, type Migration } from './migrations';
import type { DatabaseServerInfo, Neo4jGateway } from './neo4j-gateway';

export type BootstrapState = 'connecting' | 'ready' | 'stopped';

export interface DatabaseBootstrapOptions {
  gateway: Neo4jGateway;
  migrations: readonly Migration[];
  logger: Logger;
  /** Runs once after migrations, e.g. to load demo data into an empty database. */
  afterMigrations?: () => Promise<void>;
  initialDelayMs?: number;
  maxDelayMs?: number;
}

/**
 * Brings the database to a usable state without blocking the HTTP server: connect, migrate, seed.
 * When Neo4j is unreachable it retries with capped exponential back-off and logs each attempt,
 * while /readyz reports not ready. It never gives up on its own; an orchestrator that wants a
 * deadline uses the readiness probe.
 */
export class DatabaseBootstrap {
  private currentState: BootstrapState = 'connecting';
  private serverInfo: DatabaseServerInfo | undefined;
  private wakeUp: (() => void) | undefined;
  private readonly done: Promise<void>;

  constructor(private readonly options: DatabaseBootstrapOptions) {
    this.done = this.run();
  }

  get state(): BootstrapState {
    return this.currentState;
  }

  get server(): DatabaseServerInfo | undefined {
    return this.serverInfo;
  }

  /** Resolves when the database is ready (or bootstrap was stopped). */
  whenSettled(): Promise<void> {
    return this.done;
  }

  stop(): void {
    if (this.currentState === 'connecting') this.currentState = 'stopped';
    this.wakeUp?.();
  }

  private async run(): Promise<void> {
    const { gateway, migrations, logger } = this.options;
    let delay = this.options.initialDelayMs ?? 500;
    const maxDelay = this.options.maxDelayMs ?? 30_000;
    for (let attempt = 1; this.currentState === 'connecting'; attempt += 1) {
      try {
        this.serverInfo = await gateway.serverInfo();
        const report = await applyMigrations(gateway, migrations, logger);
        logger.info(
          { applied: report.applied.length, alreadyApplied: report.alreadyApplied.length },
          'database schema is up to date',
        );
        await this.options.afterMigrations?.();
        if (this.currentState === 'connecting') this.currentState = 'ready';
        return;
      } catch (error) {
        if (this.currentState !== 'connecting') return;
        logger.error(
          { err: error, attempt, retryInMs: delay, uri: gateway.uri },
          'database not usable yet; retrying',
        );
        await this.sleep(delay);
        delay = Math.min(delay * 2, maxDelay);
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
