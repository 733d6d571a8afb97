import { ConfigError } from '../src/core/config/config';
import { DomainError } from '../src/core/errors/domain-error';
import type { ErrorCode } from '../src/core/errors/error-code';
import { LocalNeo4jError } from '../src/core/neo4j/local-neo4j/local-neo4j';

/** A mistake on the command line or a refusal, with its exit code; 2 also prints the usage. */
export class CommandError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/**
 * Reports the errors every command shares before it can do its work: bad configuration (exit 78,
 * as the service does) and a local Neo4j that cannot start (exit 1). False for anything else.
 */
export function reportStartupError(error: unknown): boolean {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\nSee .env.example for every setting.\n`);
    process.exitCode = 78;
    return true;
  }
  if (error instanceof LocalNeo4jError) {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 1;
    return true;
  }
  return false;
}

export interface CommandFailureReport {
  usage: string;
  /** Opens the message of an unexpected failure, e.g. "Import failed". */
  failed: string;
  /** What the user can do after an unexpected failure; a line of its own. */
  advice?: string;
  /** Domain errors the command answers with their message and an exit code of their own. */
  exitCodes?: Partial<Record<ErrorCode, number>>;
}

/** Reports why a command ended early and sets its exit code; the last step of every command. */
export function reportCommandFailure(error: unknown, report: CommandFailureReport): void {
  if (error instanceof CommandError) {
    process.stderr.write(`${error.message}\n`);
    if (error.exitCode === 2) process.stderr.write(report.usage);
    process.exitCode = error.exitCode;
    return;
  }
  const exitCode = error instanceof DomainError ? report.exitCodes?.[error.code] : undefined;
  if (exitCode !== undefined) {
    process.stderr.write(`${(error as DomainError).message}\n`);
    process.exitCode = exitCode;
    return;
  }
  if (reportStartupError(error)) return;
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(
    `${report.failed}: ${detail}\n${report.advice === undefined ? '' : `${report.advice}\n`}`,
  );
  process.exitCode = 1;
}
