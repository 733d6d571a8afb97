import type { Neo4jGateway } from '../../core/neo4j/neo4j-gateway';

const SCOPE = { operationName: 'demoData' };

// "Empty" means no CRM data: schema bookkeeping such as migration records does not count.
const ANY_CRM_NODE =
  'MATCH (n:Person|Organization|SocialAccount|Interaction|User) RETURN n.id AS id LIMIT 1';

export class DemoDataRepository {
  constructor(private readonly gateway: Neo4jGateway) {}

  async isEmpty(): Promise<boolean> {
    const rows = await this.gateway.read(SCOPE, (runner) => runner.run(ANY_CRM_NODE));
    return rows.length === 0;
  }

  /** Runs all statements in one transaction: the demo graph loads completely or not at all. */
  async load(statements: readonly string[]): Promise<void> {
    await this.gateway.write(SCOPE, async (runner) => {
      for (const statement of statements) await runner.run(statement);
    });
  }
}
