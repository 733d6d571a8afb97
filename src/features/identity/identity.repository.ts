import { groupBy } from '../../core/collections/group-by';
import type { CypherRow, Neo4jGateway, OperationScope } from '../../core/neo4j/neo4j-gateway';
import type { SameAsRecord } from './identity.type';

export type MergeOutcome =
  | { kind: 'merged'; movedRelationships: number; filledProperties: string[] }
  | { kind: 'missing'; field: 'survivorId' | 'mergedId' };

export type UnmergeOutcome =
  | { kind: 'unmerged'; survivorId: string; restoredRelationships: number }
  | { kind: 'not-merged' }
  | { kind: 'survivor-merged-later'; survivorId: string };

export function toSameAs(row: CypherRow): SameAsRecord {
  return {
    personId: String(row.personId),
    otherPersonId: String(row.otherPersonId),
    confidence: Number(row.confidence ?? 0),
    source: typeof row.source === 'string' ? row.source : null,
    createdAt: String(row.createdAt),
  };
}

// SAME_AS is symmetric; it is stored once, from the smaller id to the larger, so that marking a
// pair twice (in either order) leaves one relationship.
const MARK_SAME_AS = `
  OPTIONAL MATCH (low:Person {id: $lowId})
  OPTIONAL MATCH (high:Person {id: $highId})
  OPTIONAL CALL (low, high) {
    WITH low, high WHERE low IS NOT NULL AND high IS NOT NULL
    MERGE (low)-[s:SAME_AS]->(high)
      ON CREATE SET s.createdAt = datetime()
    SET s.confidence = $confidence, s.source = $source
    RETURN s
  }
  RETURN low IS NOT NULL AS lowFound, high IS NOT NULL AS highFound,
         $personId AS personId, $otherPersonId AS otherPersonId,
         s.confidence AS confidence, s.source AS source, s.createdAt AS createdAt`;

const REMOVE_SAME_AS = `
  MATCH (:Person {id: $personId})-[s:SAME_AS]-(:Person {id: $otherPersonId})
  DELETE s
  RETURN count(*) AS removed`;

const SAME_AS_BY_PERSON_IDS = `
  UNWIND $personIds AS personId
  MATCH (:Person {id: personId})-[s:SAME_AS]-(other:Person)
  RETURN personId, other.id AS otherPersonId, s.confidence AS confidence, s.source AS source,
         s.createdAt AS createdAt
  ORDER BY s.confidence DESC, other.id`;

const PERSON_PROPERTIES = ['name', 'email', 'phone', 'locale'];

// Every relationship of the merged record moves to the survivor, keeping type, direction and
// properties, and remembers where it came from in the stack \`mergedFrom\`; relationships between
// the two records stay where they are (they would become loops). The merged record keeps its
// properties under the label MergedPerson, so queries for people no longer see it, and MERGED_INTO
// records which empty survivor properties it filled. Together that is everything unmerge needs.
const MERGE = `
  OPTIONAL MATCH (survivor:Person {id: $survivorId})
  OPTIONAL MATCH (merged:Person {id: $mergedId})
  OPTIONAL CALL (survivor, merged) {
    WITH survivor, merged WHERE survivor IS NOT NULL AND merged IS NOT NULL
    WITH survivor, merged,
         [key IN $personProperties WHERE survivor[key] IS NULL AND merged[key] IS NOT NULL] AS filled
    SET survivor.email = coalesce(survivor.email, merged.email),
        survivor.phone = coalesce(survivor.phone, merged.phone),
        survivor.locale = coalesce(survivor.locale, merged.locale),
        survivor.updatedAt = datetime()
    WITH survivor, merged, filled
    CALL (survivor, merged) {
      MATCH (merged)-[r]->(other) WHERE other <> survivor AND NOT r:MERGED_INTO
      CREATE (survivor)-[moved:$(type(r))]->(other)
      SET moved = properties(r), moved.mergedFrom = coalesce(r.mergedFrom, []) + merged.id
      DELETE r
      RETURN count(*) AS outgoing
    }
    CALL (survivor, merged) {
      MATCH (merged)<-[r]-(other) WHERE other <> survivor AND NOT r:MERGED_INTO
      CREATE (survivor)<-[moved:$(type(r))]-(other)
      SET moved = properties(r), moved.mergedFrom = coalesce(r.mergedFrom, []) + merged.id
      DELETE r
      RETURN count(*) AS incoming
    }
    REMOVE merged:Person
    SET merged:MergedPerson
    CREATE (merged)-[:MERGED_INTO {mergedAt: datetime(), filledProperties: filled}]->(survivor)
    RETURN outgoing + incoming AS movedRelationships, filled
  }
  RETURN survivor IS NOT NULL AS survivorFound, merged IS NOT NULL AS mergedFound,
         movedRelationships, filled`;

const UNMERGE = `
  MATCH (merged:MergedPerson {id: $mergedId})-[link:MERGED_INTO]->(survivor)
  OPTIONAL CALL (merged, link, survivor) {
    WITH merged, link, survivor WHERE survivor:Person
    CALL (survivor, merged) {
      MATCH (survivor)-[r]->(other)
      WHERE r.mergedFrom IS NOT NULL AND last(r.mergedFrom) = merged.id
      CREATE (merged)-[back:$(type(r))]->(other)
      SET back = properties(r),
          back.mergedFrom = CASE WHEN size(r.mergedFrom) > 1 THEN r.mergedFrom[0..-1] END
      DELETE r
      RETURN count(*) AS outgoing
    }
    CALL (survivor, merged) {
      MATCH (survivor)<-[r]-(other)
      WHERE r.mergedFrom IS NOT NULL AND last(r.mergedFrom) = merged.id
      CREATE (merged)<-[back:$(type(r))]-(other)
      SET back = properties(r),
          back.mergedFrom = CASE WHEN size(r.mergedFrom) > 1 THEN r.mergedFrom[0..-1] END
      DELETE r
      RETURN count(*) AS incoming
    }
    SET survivor.email = CASE WHEN 'email' IN link.filledProperties THEN null ELSE survivor.email END,
        survivor.phone = CASE WHEN 'phone' IN link.filledProperties THEN null ELSE survivor.phone END,
        survivor.locale = CASE WHEN 'locale' IN link.filledProperties THEN null ELSE survivor.locale END,
        survivor.updatedAt = datetime()
    REMOVE merged:MergedPerson
    SET merged:Person
    DELETE link
    RETURN outgoing + incoming AS restored
  }
  RETURN survivor.id AS survivorId, survivor:Person AS survivorIsPerson, restored`;

export class IdentityRepository {
  constructor(private readonly gateway: Neo4jGateway) {}

  async markSameAs(
    scope: OperationScope,
    link: { personId: string; otherPersonId: string; confidence: number; source: string | null },
  ): Promise<SameAsRecord | { missing: 'personId' | 'otherPersonId' }> {
    const [lowId, highId] = [link.personId, link.otherPersonId].sort() as [string, string];
    const rows = await this.gateway.write(scope, (runner) =>
      runner.run(MARK_SAME_AS, { ...link, lowId, highId }),
    );
    const row = rows[0] ?? {};
    if (row.lowFound !== true || row.highFound !== true) {
      const lowMissing = row.lowFound !== true;
      return {
        missing: (lowMissing ? lowId : highId) === link.personId ? 'personId' : 'otherPersonId',
      };
    }
    return toSameAs(row);
  }

  async removeSameAs(
    scope: OperationScope,
    personId: string,
    otherPersonId: string,
  ): Promise<boolean> {
    const rows = await this.gateway.write(scope, (runner) =>
      runner.run(REMOVE_SAME_AS, { personId, otherPersonId }),
    );
    return Number(rows[0]?.removed ?? 0) > 0;
  }

  async sameAsByPersonIds(
    scope: OperationScope,
    personIds: readonly string[],
  ): Promise<Map<string, SameAsRecord[]>> {
    const rows = await this.gateway.readStatement(scope, SAME_AS_BY_PERSON_IDS, { personIds });
    return groupBy(rows.map(toSameAs), (link) => link.personId);
  }

  async merge(scope: OperationScope, survivorId: string, mergedId: string): Promise<MergeOutcome> {
    const rows = await this.gateway.write(scope, (runner) =>
      runner.run(MERGE, { survivorId, mergedId, personProperties: PERSON_PROPERTIES }),
    );
    const row = rows[0] ?? {};
    if (row.survivorFound !== true) return { kind: 'missing', field: 'survivorId' };
    if (row.mergedFound !== true) return { kind: 'missing', field: 'mergedId' };
    return {
      kind: 'merged',
      movedRelationships: Number(row.movedRelationships ?? 0),
      filledProperties: Array.isArray(row.filled) ? row.filled.map(String) : [],
    };
  }

  async unmerge(scope: OperationScope, mergedId: string): Promise<UnmergeOutcome> {
    const rows = await this.gateway.write(scope, (runner) => runner.run(UNMERGE, { mergedId }));
    const row = rows[0];
    if (row === undefined) return { kind: 'not-merged' };
    if (row.survivorIsPerson !== true)
      return { kind: 'survivor-merged-later', survivorId: String(row.survivorId) };
    return {
      kind: 'unmerged',
      survivorId: String(row.survivorId),
      restoredRelationships: Number(row.restored ?? 0),
    };
  }
}
