import type { CypherRow, Neo4jGateway, OperationScope } from '../../core/neo4j/neo4j-gateway';
import type { StaffRole, StaffUserRecord } from './staff-user.type';

export const USER_FIELDS = `u.id AS id, u.login AS login, u.displayName AS displayName,
  u.staffRole AS staffRole, person.id AS personId`;

export function toRecord(row: CypherRow): StaffUserRecord {
  return {
    id: String(row.id),
    login: String(row.login),
    displayName: String(row.displayName),
    staffRole: row.staffRole as StaffRole,
    personId: typeof row.personId === 'string' ? row.personId : null,
  };
}

const FIND_BY_IDS = `
  UNWIND $ids AS id
  MATCH (u:User {id: id})
  OPTIONAL MATCH (u)-[:IS_PERSON]->(person:Person)
  RETURN ${USER_FIELDS}`;

const LIST = `
  MATCH (u:User)
  OPTIONAL MATCH (u)-[:IS_PERSON]->(person:Person)
  RETURN ${USER_FIELDS} ORDER BY u.login`;

// MERGE on the login constraint: one user per login, also when two requests race. A given
// personId replaces the previous person link.
const UPSERT = `
  OPTIONAL MATCH (linked:Person {id: $personId})
  WITH linked
  WHERE $personId IS NULL OR linked IS NOT NULL
  MERGE (u:User {login: $login})
    ON CREATE SET u.id = randomUUID(), u.createdAt = datetime()
  SET u.displayName = $displayName, u.staffRole = $staffRole, u.updatedAt = datetime()
  WITH u, linked
  OPTIONAL CALL (u, linked) {
    WITH u, linked WHERE linked IS NOT NULL
    OPTIONAL MATCH (u)-[previous:IS_PERSON]->(:Person)
    DELETE previous
    WITH DISTINCT u, linked
    CREATE (u)-[:IS_PERSON]->(linked)
  }
  WITH u
  OPTIONAL MATCH (u)-[:IS_PERSON]->(person:Person)
  RETURN ${USER_FIELDS}`;

export class StaffUserRepository {
  constructor(private readonly gateway: Neo4jGateway) {}

  async findByIds(
    scope: OperationScope,
    ids: readonly string[],
  ): Promise<Map<string, StaffUserRecord>> {
    const rows = await this.gateway.readStatement(scope, FIND_BY_IDS, { ids });
    return new Map(rows.map(toRecord).map((user) => [user.id, user]));
  }

  async list(scope: OperationScope): Promise<StaffUserRecord[]> {
    const rows = await this.gateway.readStatement(scope, LIST);
    return rows.map(toRecord);
  }

  /** Null when the given person does not exist. */
  async upsert(
    scope: OperationScope,
    user: { login: string; displayName: string; staffRole: StaffRole; personId: string | null },
  ): Promise<StaffUserRecord | null> {
    const rows = await this.gateway.write(scope, (runner) => runner.run(UPSERT, { ...user }));
    return rows[0] === undefined ? null : toRecord(rows[0]);
  }
}
