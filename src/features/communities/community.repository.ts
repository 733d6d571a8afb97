import { groupBy } from '../../core/collections/group-by';
import type { CypherRow, Neo4jGateway, OperationScope } from '../../core/neo4j/neo4j-gateway';
import { cypherInt } from '../../core/neo4j/neo4j-values';
import { type ConsentParam, consentAllows } from '../consent/consent-policy';
import { InfluenceSubjectKind } from '../influence/influence.type';
import type {
  CommunityMemberRecord,
  CommunityRecord,
  CommunitySubjectRecord,
} from './community.type';

const COMMUNITY_FIELDS = `c.id AS id, c.rank AS rank, c.size AS size, c.computedAt AS computedAt`;

const PAGE = `
  MATCH (c:Community)
  WHERE $afterRank IS NULL OR c.rank > $afterRank
  RETURN ${COMMUNITY_FIELDS}
  ORDER BY c.rank LIMIT $limit`;

const COUNT = `MATCH (c:Community) RETURN count(c) AS total`;

const BY_IDS = `
  UNWIND $ids AS id
  MATCH (c:Community {id: id})
  RETURN ${COMMUNITY_FIELDS}`;

// Members in score order per community; consent is checked again, so that someone who withdrew
// it since the recompute is not shown.
const TOP_MEMBERS = `
  UNWIND $communityIds AS communityId
  CALL (communityId) {
    MATCH (p:Person {communityId: communityId})
    WHERE p.influenceScore IS NOT NULL AND ${consentAllows('p', 'consent')}
    RETURN p ORDER BY p.influenceScore DESC, p.id LIMIT $limit
  }
  RETURN communityId, p.id AS personId, p.influenceScore AS influenceScore`;

const SUBJECTS = `
  UNWIND $communityIds AS communityId
  MATCH (:Community {id: communityId})-[d:DISCUSSES]->(s)
  RETURN communityId, s.id AS id, s.name AS name,
    CASE WHEN s:Topic THEN 'TOPIC' ELSE 'PRODUCT' END AS kind,
    d.rank AS rank, d.interactions AS interactions, d.share AS share
  ORDER BY communityId, d.rank`;

function toCommunity(row: CypherRow): CommunityRecord {
  return {
    id: String(row.id),
    rank: Number(row.rank),
    size: Number(row.size),
    computedAt: String(row.computedAt),
  };
}

export class CommunityRepository {
  constructor(private readonly gateway: Neo4jGateway) {}

  async page(
    scope: OperationScope,
    afterRank: number | null,
    limit: number,
  ): Promise<{ rows: CommunityRecord[]; total: number }> {
    return this.gateway.read(scope, async (runner) => {
      const rows = await runner.run(PAGE, { afterRank, limit: cypherInt(limit) });
      const [count] = await runner.run(COUNT);
      return { rows: rows.map(toCommunity), total: Number(count?.total ?? 0) };
    });
  }

  async byIds(
    scope: OperationScope,
    ids: readonly string[],
  ): Promise<Map<string, CommunityRecord>> {
    const rows = await this.gateway.readStatement(scope, BY_IDS, { ids });
    return new Map(rows.map(toCommunity).map((community) => [community.id, community]));
  }

  async topMembers(
    scope: OperationScope,
    communityIds: readonly string[],
    limit: number,
    consent: ConsentParam,
  ): Promise<Map<string, CommunityMemberRecord[]>> {
    const rows = await this.gateway.readStatement(scope, TOP_MEMBERS, {
      communityIds,
      limit: cypherInt(limit),
      consent,
    });
    const members = rows.map((row) => ({
      communityId: String(row.communityId),
      personId: String(row.personId),
      influenceScore: Number(row.influenceScore),
    }));
    return groupBy(members, (member) => member.communityId);
  }

  async subjects(
    scope: OperationScope,
    communityIds: readonly string[],
  ): Promise<Map<string, CommunitySubjectRecord[]>> {
    const rows = await this.gateway.readStatement(scope, SUBJECTS, { communityIds });
    const subjects = rows.map((row) => ({
      communityId: String(row.communityId),
      subject: {
        id: String(row.id),
        name: String(row.name ?? row.id),
        kind: row.kind === 'TOPIC' ? InfluenceSubjectKind.TOPIC : InfluenceSubjectKind.PRODUCT,
      },
      rank: Number(row.rank),
      interactions: Number(row.interactions),
      share: Number(row.share),
    }));
    return groupBy(subjects, (subject) => subject.communityId);
  }
}
