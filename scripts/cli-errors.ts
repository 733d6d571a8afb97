import { ConfigError } from '../src/core/config/config';
import { LocalNeo4jError } from '../src/core/neo4j/local-neo4j/local-neo4j';

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
