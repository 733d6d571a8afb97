import { groupBy } from '../../core/collections/group-by';
import type { CypherRow, Neo4jGateway, OperationScope } from '../../core/neo4j/neo4j-gateway';
import { cypherInt } from '../../core/neo4j/neo4j-values';
import { ANY_TIE, TIE_RELATIONSHIPS, type TieRecord, TieType } from './tie.type';

export interface NewTie {
  fromPersonId: string;
  toPersonId: string;
  type: TieType;
  strength: number;
  since: string | null;
  source: string | null;
}

export type AddTieOutcome = { kind: 'added'; tie: TieRecord } | { kind: 'missing'; field: string };

export const TIE_FIELDS = `t.id AS id, type(t) AS type, t.strength AS strength, t.since AS since,
  t.source AS source, a.id AS fromPersonId, b.id AS toPersonId`;

export function toRecord(row: CypherRow): TieRecord {
  return {
    id: String(row.id),
    type: row.type as TieType,
    strength: Number(row.strength ?? 0),
    since: typeof row.since === 'string' ? row.since : null,
    source: typeof row.source === 'string' ? row.source : null,
    fromPersonId: String(row.fromPersonId),
    toPersonId: String(row.toPersonId),
  };
}

// One tie per type and direction between two people: MERGE locks both people, so a retried or
// concurrent add updates the one tie instead of adding a second.
function addQuery(relationship: string): string {
  return `
    OPTIONAL MATCH (a:Person {id: $fromPersonId})
    OPTIONAL MATCH (b:Person {id: $toPersonId})
    OPTIONAL CALL (a, b) {
      WITH a, b WHERE a IS NOT NULL AND b IS NOT NULL
      MERGE (a)-[t:${relationship}]->(b)
        ON CREATE SET t.id = randomUUID(), t.createdAt = datetime()
      SET t.strength = $strength, t.since = date($since), t.source = $source, t.updatedAt = datetime()
      RETURN t
    }
    RETURN a IS NOT NULL AS fromFound, b IS NOT NULL AS toFound, ${TIE_FIELDS}`;
}

const ADD: Readonly<Record<TieType, string>> = Object.fromEntries(
  Object.values(TieType).map((type) => [type, addQuery(TIE_RELATIONSHIPS[type])]),
) as Record<TieType, string>;

// Strongest first, at most $limit per person, in both directions.
const BY_PERSON_IDS = `
  UNWIND $personIds AS personId
  MATCH (p:Person {id: personId})
  CALL (p) {
    MATCH (p)-[t:${ANY_TIE}]-(:Person)
    WHERE size($types) = 0 OR type(t) IN $types
    WITH t ORDER BY t.strength DESC, t.id LIMIT $limit
    MATCH (a)-[t]->(b)
    RETURN t, a, b
  }
  RETURN personId, ${TIE_FIELDS}`;

const UPDATE = `
  MATCH (a:Person)-[t:${ANY_TIE}]->(b:Person) WHERE t.id = $id
  SET t.strength = coalesce($strength, t.strength),
      t.since = CASE WHEN $setSince THEN date($since) ELSE t.since END,
      t.source = CASE WHEN $setSource THEN $source ELSE t.source END,
      t.updatedAt = datetime()
  RETURN ${TIE_FIELDS}`;

const REMOVE = `
  MATCH ()-[t:${ANY_TIE}]->() WHERE t.id = $id
  DELETE t
  RETURN count(*) AS deleted`;

export class TieRepository {
  constructor(private readonly gateway: Neo4jGateway) {}

  async byPersonIds(
    scope: OperationScope,
    personIds: readonly string[],
    types: readonly TieType[],
    limit: number,
  ): Promise<Map<string, TieRecord[]>> {
    const rows = await this.gateway.readStatement(scope, BY_PERSON_IDS, {
      personIds,
      types,
      limit: cypherInt(limit),
    });
    const ties = rows.map((row) => ({ personId: String(row.personId), tie: toRecord(row) }));
    const grouped = groupBy(ties, (entry) => entry.personId);
    return new Map(
      [...grouped].map(([personId, entries]) => [personId, entries.map((entry) => entry.tie)]),
    );
  }

  async add(scope: OperationScope, tie: NewTie): Promise<AddTieOutcome> {
    const rows = await this.gateway.write(scope, (runner) => runner.run(ADD[tie.type], { ...tie }));
    const row = rows[0] ?? {};
    if (row.fromFound !== true) return { kind: 'missing', field: 'fromPersonId' };
    if (row.toFound !== true) return { kind: 'missing', field: 'toPersonId' };
    return { kind: 'added', tie: toRecord(row) };
  }

  async update(
    scope: OperationScope,
    id: string,
    changes: { strength?: number; since?: string | null; source?: string | null },
  ): Promise<TieRecord | null> {
    const params = {
      id,
      strength: changes.strength ?? null,
      setSince: changes.since !== undefined,
      since: changes.since ?? null,
      setSource: changes.source !== undefined,
      source: changes.source ?? null,
    };
    const rows = await this.gateway.write(scope, (runner) => runner.run(UPDATE, params));
    return rows[0] === undefined ? null : toRecord(rows[0]);
  }

  async remove(scope: OperationScope, id: string): Promise<boolean> {
    const rows = await this.gateway.write(scope, (runner) => runner.run(REMOVE, { id }));
    return Number(rows[0]?.deleted ?? 0) > 0;
  }
}
