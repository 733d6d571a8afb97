import { groupBy } from '../../core/collections/group-by';
import type { CypherRow, Neo4jGateway, OperationScope } from '../../core/neo4j/neo4j-gateway';
import type { RoleRecord, RoleType } from './role.type';

export interface NewRole {
  personId: string;
  organizationId: string;
  role: RoleType;
  since: string | null;
  until: string | null;
  source: string | null;
}

export interface RoleChanges {
  since?: string | null;
  until?: string | null;
  source?: string | null;
}

export type AddRoleOutcome =
  | { kind: 'added'; role: RoleRecord }
  | { kind: 'missing'; person: boolean; organization: boolean };

export const ROLE_FIELDS = `r.id AS id, r.role AS role, r.since AS since, r.until AS until,
  r.source AS source, p.id AS personId, o.id AS organizationId`;

export function toRecord(row: CypherRow): RoleRecord {
  return {
    id: String(row.id),
    role: row.role as RoleType,
    since: typeof row.since === 'string' ? row.since : null,
    until: typeof row.until === 'string' ? row.until : null,
    source: typeof row.source === 'string' ? row.source : null,
    personId: String(row.personId),
    organizationId: String(row.organizationId),
  };
}

const BY_PERSON_IDS = `
  UNWIND $personIds AS personId
  MATCH (p:Person {id: personId})-[r:HAS_ROLE]->(o:Organization)
  RETURN ${ROLE_FIELDS}
  ORDER BY coalesce(r.since, date('0001-01-01')) DESC, r.id`;

// Writing p.updatedAt first takes the person's write lock, so a retried or concurrent add of the
// same role (same person, organization, role and start) finds the first one instead of adding a
// second.
const ADD = `
  OPTIONAL MATCH (p:Person {id: $personId})
  OPTIONAL MATCH (o:Organization {id: $organizationId})
  OPTIONAL CALL (p, o) {
    WITH p, o WHERE p IS NOT NULL AND o IS NOT NULL
    SET p.updatedAt = datetime()
    WITH p, o
    OPTIONAL MATCH (p)-[existing:HAS_ROLE {role: $role}]->(o)
    WHERE coalesce(existing.since, date('0001-01-01')) = coalesce(date($since), date('0001-01-01'))
    WITH p, o, head(collect(existing)) AS existing
    CALL (p, o, existing) {
      WITH p, o, existing WHERE existing IS NULL
      CREATE (p)-[r:HAS_ROLE {id: randomUUID(), role: $role}]->(o)
      SET r.since = date($since), r.until = date($until), r.source = $source, r.createdAt = datetime()
      RETURN r
      UNION
      WITH existing WHERE existing IS NOT NULL
      RETURN existing AS r
    }
    RETURN r
  }
  RETURN p IS NOT NULL AS personFound, o IS NOT NULL AS organizationFound,
         r.id AS id, r.role AS role, r.since AS since, r.until AS until, r.source AS source,
         p.id AS personId, o.id AS organizationId`;

// The span is checked against the stored dates too: changing only `until` must not end a role
// before it began.
const UPDATE = `
  MATCH (p:Person)-[r:HAS_ROLE {id: $id}]->(o:Organization)
  WITH p, r, o,
       CASE WHEN $setSince THEN date($since) ELSE r.since END AS newSince,
       CASE WHEN $setUntil THEN date($until) ELSE r.until END AS newUntil
  WITH p, r, o, newSince, newUntil,
       (newSince IS NULL OR newUntil IS NULL OR newUntil >= newSince) AS validSpan
  CALL (r, newSince, newUntil, validSpan) {
    WITH r, newSince, newUntil, validSpan WHERE validSpan
    SET r.since = newSince, r.until = newUntil,
        r.source = CASE WHEN $setSource THEN $source ELSE r.source END,
        r.updatedAt = datetime()
  }
  RETURN validSpan, ${ROLE_FIELDS}`;

const REMOVE = `
  MATCH ()-[r:HAS_ROLE {id: $id}]->()
  DELETE r
  RETURN count(*) AS deleted`;

export class RoleRepository {
  constructor(private readonly gateway: Neo4jGateway) {}

  async byPersonIds(
    scope: OperationScope,
    personIds: readonly string[],
  ): Promise<Map<string, RoleRecord[]>> {
    const rows = await this.gateway.readStatement(scope, BY_PERSON_IDS, { personIds });
    return groupBy(rows.map(toRecord), (record) => record.personId);
  }

  async add(scope: OperationScope, role: NewRole): Promise<AddRoleOutcome> {
    const rows = await this.gateway.write(scope, (runner) => runner.run(ADD, { ...role }));
    const row = rows[0] ?? {};
    if (row.personFound !== true || row.organizationFound !== true) {
      return {
        kind: 'missing',
        person: row.personFound !== true,
        organization: row.organizationFound !== true,
      };
    }
    return { kind: 'added', role: toRecord(row) };
  }

  async update(
    scope: OperationScope,
    id: string,
    changes: RoleChanges,
  ): Promise<RoleRecord | 'invalid-span' | null> {
    const params = {
      id,
      setSince: changes.since !== undefined,
      since: changes.since ?? null,
      setUntil: changes.until !== undefined,
      until: changes.until ?? null,
      setSource: changes.source !== undefined,
      source: changes.source ?? null,
    };
    const rows = await this.gateway.write(scope, (runner) => runner.run(UPDATE, params));
    const row = rows[0];
    if (row === undefined) return null;
    return row.validSpan === true ? toRecord(row) : 'invalid-span';
  }

  async remove(scope: OperationScope, id: string): Promise<boolean> {
    const rows = await this.gateway.write(scope, (runner) => runner.run(REMOVE, { id }));
    return Number(rows[0]?.deleted ?? 0) > 0;
  }
}
