import { groupBy } from '../../core/collections/group-by';
import type { CypherRow, Neo4jGateway, OperationScope } from '../../core/neo4j/neo4j-gateway';
import { toRecord as toCatalogRecord } from '../catalog/catalog.repository';
import type { CatalogKind } from '../catalog/catalog.type';
import type { InterestRecord } from './interest.type';

function toRecord(row: CypherRow): InterestRecord {
  return {
    personId: String(row.personId),
    subject: toCatalogRecord({ n: row.s, kind: row.kind as CatalogKind }),
    weight: Number(row.weight ?? 0),
    source: typeof row.source === 'string' ? row.source : null,
  };
}

const INTEREST_FIELDS = `p.id AS personId, s, CASE WHEN s:Product THEN 'Product' ELSE 'Topic' END AS kind,
  i.weight AS weight, i.source AS source`;

const BY_PERSON_IDS = `
  UNWIND $personIds AS personId
  MATCH (p:Person {id: personId})-[i:INTERESTED_IN]->(s)
  WHERE s:Topic OR s:Product
  RETURN ${INTEREST_FIELDS}
  ORDER BY i.weight DESC, s.id`;

const SET = `
  OPTIONAL MATCH (p:Person {id: $personId})
  OPTIONAL CALL () {
    MATCH (s:Topic {id: $subjectId}) RETURN s
    UNION
    MATCH (s:Product {id: $subjectId}) RETURN s
  }
  OPTIONAL CALL (p, s) {
    WITH p, s WHERE p IS NOT NULL AND s IS NOT NULL
    MERGE (p)-[i:INTERESTED_IN]->(s)
    SET i.weight = $weight, i.source = $source, i.updatedAt = datetime()
    RETURN i
  }
  RETURN p IS NOT NULL AS personFound, s IS NOT NULL AS subjectFound, ${INTEREST_FIELDS}`;

const REMOVE = `
  MATCH (:Person {id: $personId})-[i:INTERESTED_IN]->(s {id: $subjectId})
  WHERE s:Topic OR s:Product
  DELETE i
  RETURN count(*) AS removed`;

export class InterestRepository {
  constructor(private readonly gateway: Neo4jGateway) {}

  async byPersonIds(
    scope: OperationScope,
    personIds: readonly string[],
  ): Promise<Map<string, InterestRecord[]>> {
    const rows = await this.gateway.readStatement(scope, BY_PERSON_IDS, { personIds });
    return groupBy(rows.map(toRecord), (record) => record.personId);
  }

  async set(
    scope: OperationScope,
    interest: { personId: string; subjectId: string; weight: number; source: string | null },
  ): Promise<InterestRecord | { missing: 'personId' | 'subjectId' }> {
    const rows = await this.gateway.write(scope, (runner) => runner.run(SET, { ...interest }));
    const row = rows[0] ?? {};
    if (row.personFound !== true) return { missing: 'personId' };
    if (row.subjectFound !== true) return { missing: 'subjectId' };
    return toRecord(row);
  }

  async remove(scope: OperationScope, personId: string, subjectId: string): Promise<boolean> {
    const rows = await this.gateway.write(scope, (runner) =>
      runner.run(REMOVE, { personId, subjectId }),
    );
    return Number(rows[0]?.removed ?? 0) > 0;
  }
}
