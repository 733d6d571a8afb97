import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../../core/logging/logger';
import { splitCypherStatements } from '../../core/neo4j/cypher-files';
import type { DemoDataRepository } from './demo-data.repository';

export const DEMO_FIXTURE = path.join('seeds', 'fixtures', 'demo-small.cypher');

export class DemoDataService {
  constructor(
    private readonly repository: DemoDataRepository,
    private readonly projectRoot: string,
    private readonly logger: Logger,
  ) {}

  /** Loads the demo graph into an empty database only: real data is never touched. */
  async loadIfEmpty(): Promise<boolean> {
    if (!(await this.repository.isEmpty())) {
      this.logger.info('database already holds data; demo data not loaded');
      return false;
    }
    const source = readFileSync(path.join(this.projectRoot, DEMO_FIXTURE), 'utf8');
    await this.repository.load(splitCypherStatements(source));
    this.logger.info({ fixture: DEMO_FIXTURE }, 'demo data loaded');
    return true;
  }
}
