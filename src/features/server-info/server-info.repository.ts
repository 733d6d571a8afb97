import type { CypherRunner, Neo4jGateway, OperationScope } from '../../core/neo4j/neo4j-gateway';
import { textOr } from '../../core/neo4j/neo4j-values';

export interface DatabaseFacts {
  neo4jVersion: string;
  neo4jEdition: string;
  database: string;
  apocVersion: string | null;
  gdsVersion: string | null;
}

const COMPONENTS = `
  CALL dbms.components() YIELD versions, edition
  CALL db.info() YIELD name
  RETURN versions[0] AS version, edition, name AS database`;

// Plugin functions exist only where the plugin is installed; calling a missing one is a syntax
// error, so first ask which exist.
const PLUGIN_FUNCTIONS = `
  SHOW FUNCTIONS YIELD name
  WHERE name IN ['apoc.version', 'gds.version']
  RETURN collect(name) AS names`;

const PLUGIN_VERSION_QUERIES: Readonly<Record<string, string>> = {
  'apoc.version': 'RETURN apoc.version() AS version',
  'gds.version': 'RETURN gds.version() AS version',
};

async function pluginVersion(runner: CypherRunner, names: readonly unknown[], fn: string) {
  const query = PLUGIN_VERSION_QUERIES[fn];
  if (query === undefined || !names.includes(fn)) return null;
  const rows = await runner.run(query);
  return textOr(rows[0]?.version, '') || null;
}

export class ServerInfoRepository {
  constructor(private readonly gateway: Neo4jGateway) {}

  databaseFacts(scope: OperationScope): Promise<DatabaseFacts> {
    return this.gateway.read(scope, async (runner) => {
      const [components] = await runner.run(COMPONENTS);
      const [plugins] = await runner.run(PLUGIN_FUNCTIONS);
      const names = Array.isArray(plugins?.names) ? plugins.names : [];
      return {
        neo4jVersion: textOr(components?.version, 'unknown'),
        neo4jEdition: textOr(components?.edition, 'unknown'),
        database: textOr(components?.database, 'unknown'),
        apocVersion: await pluginVersion(runner, names, 'apoc.version'),
        gdsVersion: await pluginVersion(runner, names, 'gds.version'),
      };
    });
  }
}
