import { groupBy } from '../../core/collections/group-by';
import type { CypherRow, Neo4jGateway, OperationScope } from '../../core/neo4j/neo4j-gateway';
import { cypherInt } from '../../core/neo4j/neo4j-values';
import { ROLE_FIELDS, toRecord as toRoleRecord } from '../roles/role.repository';
import type { RoleRecord, RoleType } from '../roles/role.type';
import type { ProductPurchaseRecord } from './insight.type';
import { insightParams, MONTHLY_SENTIMENT, OPEN_ISSUES, PRODUCTS_BOUGHT } from './insights.cypher';
import { CURRENT_MEMBERS, INTERACTIONS_OF, matchSubjects } from './interaction-scope.cypher';
import { ROLE_RANK, type RoleCount } from './organization-view.type';
import { pagesBySubject, type SubjectPage } from './paged-rows';
import { toIdList, toMonthAggregates, toProductPurchases, toStaffEvidence } from './insight-rows';
import type { MonthAggregate } from './sentiment-trend';
import type { StaffEvidence } from './staff-closeness';
import { staffEvidenceOf } from './staff-evidence.cypher';

export interface OrganizationInsightsRecord {
  trend: MonthAggregate[];
  openIssueCount: number;
  openIssueIds: string[];
  products: ProductPurchaseRecord[];
  roleCounts: RoleCount[];
}

export interface RolePosition {
  rank: number;
  id: string;
}

/** A role condition with every part present, as the Cypher expects. */
export interface RoleQuery {
  types: RoleType[];
  /** true: roles that hold today; false: the others; null: all. */
  current: boolean | null;
}

const HOLDS_TODAY = `((r.since IS NULL OR r.since <= date()) AND (r.until IS NULL OR r.until >= date()))`;

// Grouped by role (see ROLE_RANK), then in a stable order; one pass gives total and page.
const ROLE_PAGES = `
  ${matchSubjects('Organization')}
  CALL (subject) {
    MATCH (subject)<-[r:HAS_ROLE]-(:Person)
    WHERE (size($types) = 0 OR r.role IN $types)
      AND ($current IS NULL OR $current = ${HOLDS_TODAY})
    WITH r, coalesce($rank[r.role], size(keys($rank))) AS rank
    ORDER BY rank, r.id
    WITH collect({r: r, rank: rank}) AS roles
    RETURN size(roles) AS total,
           [entry IN roles WHERE $afterId IS NULL OR entry.rank > $afterValue
              OR (entry.rank = $afterValue AND entry.r.id > $afterId) | entry.r][0..$limit] AS page
  }
  OPTIONAL CALL (page) {
    UNWIND range(0, size(page) - 1) AS position
    WITH position, page[position] AS r
    WITH position, r, startNode(r) AS p, endNode(r) AS o
    RETURN position, ${ROLE_FIELDS}
  }
  RETURN subjectId, total, position, id, role, since, until, source, personId, organizationId`;

const INSIGHTS = `
  ${matchSubjects('Organization')}
  CALL (subject) {
    ${INTERACTIONS_OF.Organization}
    RETURN collect(i) AS interactions
  }
  ${MONTHLY_SENTIMENT}
  ${OPEN_ISSUES}
  ${PRODUCTS_BOUGHT}
  CALL (subject) {
    MATCH (subject)<-[r:HAS_ROLE]-(:Person)
    WITH r.role AS role, ${HOLDS_TODAY} AS holds
    WITH role, count(CASE WHEN holds THEN 1 END) AS current,
         count(CASE WHEN NOT holds THEN 1 END) AS other
    ORDER BY role
    RETURN collect({role: role, current: current, other: other}) AS roleCounts
  }
  RETURN subjectId, trend, openIssueCount, openIssueIds, products, roleCounts`;

const STAFF_EVIDENCE = `
  ${matchSubjects('Organization')}
  ${CURRENT_MEMBERS}
  ${staffEvidenceOf('member')}
  RETURN subjectId, member.id AS personId, userId, ties, shared`;

function toInsights(row: CypherRow): OrganizationInsightsRecord {
  const counts = Array.isArray(row.roleCounts) ? (row.roleCounts as CypherRow[]) : [];
  return {
    trend: toMonthAggregates(row.trend),
    openIssueCount: Number(row.openIssueCount ?? 0),
    openIssueIds: toIdList(row.openIssueIds),
    products: toProductPurchases(row.products),
    roleCounts: counts.map((count) => ({
      role: count.role as RoleType,
      current: Number(count.current ?? 0),
      other: Number(count.other ?? 0),
    })),
  };
}

export class OrganizationViewRepository {
  constructor(private readonly gateway: Neo4jGateway) {}

  async rolePages(
    scope: OperationScope,
    organizationIds: readonly string[],
    query: RoleQuery,
    after: RolePosition | null,
    limit: number,
  ): Promise<Map<string, SubjectPage<RoleRecord>>> {
    const rows = await this.gateway.readStatement(scope, ROLE_PAGES, {
      subjectIds: organizationIds,
      types: query.types,
      current: query.current,
      rank: ROLE_RANK,
      afterValue: after?.rank ?? null,
      afterId: after?.id ?? null,
      limit: cypherInt(limit),
    });
    return pagesBySubject(rows, toRoleRecord);
  }

  async insights(
    scope: OperationScope,
    organizationIds: readonly string[],
    now: Date,
  ): Promise<Map<string, OrganizationInsightsRecord>> {
    const rows = await this.gateway.readStatement(scope, INSIGHTS, {
      subjectIds: organizationIds,
      ...insightParams(now),
    });
    return new Map(rows.map((row) => [String(row.subjectId), toInsights(row)]));
  }

  /** Per organization: for each of its current people, the evidence per member of staff. */
  async staffEvidence(
    scope: OperationScope,
    organizationIds: readonly string[],
  ): Promise<Map<string, { personId: string; evidence: StaffEvidence }[]>> {
    const rows = await this.gateway.readStatement(scope, STAFF_EVIDENCE, {
      subjectIds: organizationIds,
    });
    const grouped = groupBy(rows, (row) => String(row.subjectId));
    return new Map(
      [...grouped].map(([organizationId, group]) => [
        organizationId,
        group.map((row) => ({ personId: String(row.personId), evidence: toStaffEvidence(row) })),
      ]),
    );
  }
}
