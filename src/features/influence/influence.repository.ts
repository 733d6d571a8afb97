import type { CypherRow, Neo4jGateway, OperationScope } from '../../core/neo4j/neo4j-gateway';
import { cypherInt } from '../../core/neo4j/neo4j-values';
import { type ConsentParam, consentAllows } from '../consent/consent-policy';
import type { RoleType } from '../roles/role.type';
import type { Platform } from '../social-accounts/social-account.type';
import type { InfluenceEngineKind } from './influence-engine';
import type { InfluenceComponents } from './influence-scoring';
import {
  type InfluenceRecord,
  type InfluenceRunRecord,
  type InfluenceSubject,
  InfluenceSubjectKind,
  type StanceTargetKind,
  type StanceTarget,
} from './influence.type';

/** The multiplier conditions with every part present (null = any), as the Cypher expects. */
export interface MultiplierConditions {
  role: RoleType | null;
  organizationId: string | null;
  platform: Platform | null;
  minReach: number | null;
  excludeCustomers: boolean;
}

export interface MultiplierPage {
  subject: { kind: InfluenceSubjectKind; id: string } | null;
  conditions: MultiplierConditions;
  after: { score: number; personId: string } | null;
  limit: number;
  consent: ConsentParam;
}

export interface StanceRow {
  personId: string;
  influenceScore: number;
  netSentiment: number;
  interactions: number;
  positive: number;
  negative: number;
  lastInteractionAt: string;
}

// Reach, followers and accounts belong to the person in every scope; the rest is per scope.
const PERSON_COMPONENTS = `
  p.influenceReach AS reach, p.influenceReportedFollowers AS reportedFollowers,
  p.influenceKnownFollowers AS knownFollowers, p.influenceDuplicateFollows AS duplicateFollows,
  p.influenceAccounts AS accounts`;

const OVERALL_COMPONENTS = `
  p.id AS personId, p.influenceScore AS score, p.influenceCentrality AS centrality,
  p.influencePageRank AS pageRank, p.influenceReachScore AS reachScore,
  p.influenceAmplificationScore AS amplificationScore,
  p.influenceAmplification AS amplification, p.influenceAmplifiedCount AS amplifiedCount,
  p.influenceComputedAt AS computedAt, p.communityId AS communityId, ${PERSON_COMPONENTS}`;

const SUBJECT_COMPONENTS = `
  p.id AS personId, r.score AS score, r.centrality AS centrality, r.pageRank AS pageRank,
  r.reachScore AS reachScore, r.amplificationScore AS amplificationScore,
  r.amplification AS amplification, r.amplifiedCount AS amplifiedCount,
  r.computedAt AS computedAt, null AS communityId, ${PERSON_COMPONENTS},
  s.id AS subjectId, s.name AS subjectName`;

// Roles count when they hold today. Customers are people with a current CUSTOMER role at our
// own company (roles given without an organization are held there).
const MULTIPLIER_CONDITIONS = `
  ($role IS NULL AND $organizationId IS NULL OR EXISTS {
    MATCH (p)-[role:HAS_ROLE]->(organization:Organization)
    WHERE ($role IS NULL OR role.role = $role)
      AND ($organizationId IS NULL OR organization.id = $organizationId)
      AND (role.since IS NULL OR role.since <= date()) AND (role.until IS NULL OR role.until >= date())
  })
  AND ($platform IS NULL OR EXISTS { (p)<-[:OWNED_BY]-(:SocialAccount {platform: $platform}) })
  AND ($minReach IS NULL OR p.influenceReach >= $minReach)
  AND (NOT $excludeCustomers OR NOT EXISTS {
    MATCH (p)-[customer:HAS_ROLE {role: 'CUSTOMER'}]->(:Organization {isOwnOrganization: true})
    WHERE (customer.since IS NULL OR customer.since <= date())
      AND (customer.until IS NULL OR customer.until >= date())
  })
  AND ${consentAllows('p', 'consent')}`;

// The range index on influenceScore hands people over in score order, so the first page stops
// after `limit` matches instead of sorting everyone.
const OVERALL_PAGE = `
  MATCH (p:Person)
  WHERE p.influenceScore IS NOT NULL
    AND ($afterId IS NULL OR p.influenceScore < $afterScore
         OR (p.influenceScore = $afterScore AND p.id > $afterId))
    AND ${MULTIPLIER_CONDITIONS}
  WITH p ORDER BY p.influenceScore DESC, p.id LIMIT $limit
  RETURN ${OVERALL_COMPONENTS}`;

const OVERALL_COUNT = `
  MATCH (p:Person)
  WHERE p.influenceScore IS NOT NULL AND ${MULTIPLIER_CONDITIONS}
  RETURN count(p) AS total`;

// The (subjectId, score) index on INFLUENTIAL_ON hands relationships over in score order when
// the query orders by both, so a page stops after `limit` matches, as the overall one does.
const SUBJECT_PAGE = `
  MATCH (p:Person)-[r:INFLUENTIAL_ON]->(s)
  WHERE r.subjectId = $subjectId AND r.score IS NOT NULL
    AND ($afterId IS NULL OR r.score < $afterScore OR (r.score = $afterScore AND p.id > $afterId))
    AND ${MULTIPLIER_CONDITIONS}
  WITH p, r, s ORDER BY r.subjectId DESC, r.score DESC, p.id LIMIT $limit
  RETURN ${SUBJECT_COMPONENTS}`;

const SUBJECT_COUNT = `
  MATCH (p:Person)-[r:INFLUENTIAL_ON]->()
  WHERE r.subjectId = $subjectId AND ${MULTIPLIER_CONDITIONS}
  RETURN count(p) AS total`;

/** The allow-list from subject kind to node label. */
const SUBJECT_LABELS: Readonly<Record<InfluenceSubjectKind, string>> = {
  [InfluenceSubjectKind.TOPIC]: 'Topic',
  [InfluenceSubjectKind.PRODUCT]: 'Product',
};

const SUBJECT_EXISTS = Object.fromEntries(
  Object.entries(SUBJECT_LABELS).map(([kind, label]) => [
    kind,
    `MATCH (s:${label} {id: $subjectId}) RETURN s.name AS name`,
  ]),
) as Record<InfluenceSubjectKind, string>;

const PERSON_EXISTS = `MATCH (p:Person {id: $personId}) RETURN p.id AS id`;

const OVERALL_OF_PERSON = `
  MATCH (p:Person {id: $personId})
  WHERE p.influenceScore IS NOT NULL AND ${consentAllows('p', 'consent')}
  RETURN ${OVERALL_COMPONENTS}`;

const SUBJECT_OF_PERSON = `
  MATCH (p:Person {id: $personId})-[r:INFLUENTIAL_ON]->(s)
  WHERE r.subjectId = $subjectId AND ${consentAllows('p', 'consent')}
  RETURN ${SUBJECT_COMPONENTS}, CASE WHEN s:Topic THEN 'TOPIC' ELSE 'PRODUCT' END AS subjectKind`;

const LAST_RUN = `
  MATCH (job:InfluenceComputation {id: 'influence'})
  WHERE job.lastComputedAt IS NOT NULL
  RETURN job.lastComputedAt AS computedAt, job.lastEngine AS engine,
    job.lastPeopleScored AS peopleScored, job.lastSubjectScores AS subjectScores,
    job.lastCommunities AS communities, job.lastModularity AS modularity,
    job.lastNodeCount AS nodeCount, job.lastRelationshipCount AS relationshipCount,
    job.lastDurationMs AS durationMs`;

const STANCE_TARGET = `
  OPTIONAL MATCH (organization:Organization {id: $targetId})
  OPTIONAL MATCH (product:Product {id: $targetId})
  OPTIONAL MATCH (topic:Topic {id: $targetId})
  WITH coalesce(organization, product, topic) AS target
  WHERE target IS NOT NULL
  RETURN target.id AS id, target.name AS name,
    CASE WHEN target:Organization THEN 'ORGANIZATION' WHEN target:Product THEN 'PRODUCT'
         ELSE 'TOPIC' END AS kind`;

// Interactions about the target or naming it, with a sentiment, inside the window; each counted
// once for the person behind it (directly, or through an account they own). Only people with a
// stored score whose consent still covers profiling take part; consent is checked once per person,
// after the interactions are grouped.
const STANCES = `
  OPTIONAL MATCH (organization:Organization {id: $targetId})
  OPTIONAL MATCH (product:Product {id: $targetId})
  OPTIONAL MATCH (topic:Topic {id: $targetId})
  WITH coalesce(organization, product, topic) AS target
  CALL (target) {
    MATCH (target)<-[:ABOUT|MENTIONS]-(i:Interaction)
    WHERE i.sentiment IS NOT NULL
      AND i.occurredAt >= datetime($from) AND i.occurredAt <= datetime($to)
    RETURN DISTINCT i
  }
  MATCH (i)<-[:PERFORMED]-(face)
  OPTIONAL MATCH (face:SocialAccount)-[:OWNED_BY]->(owner:Person)
  WITH i, CASE WHEN face:Person THEN face ELSE owner END AS p
  WHERE p IS NOT NULL AND p.influenceScore IS NOT NULL
  WITH p, avg(i.sentiment) AS netSentiment, count(i) AS interactions,
    count(CASE WHEN i.sentiment > 0 THEN 1 END) AS positive,
    count(CASE WHEN i.sentiment < 0 THEN 1 END) AS negative,
    max(i.occurredAt) AS lastInteractionAt
  WHERE interactions >= $minInteractions AND ${consentAllows('p', 'consent')}
  RETURN p.id AS personId, p.influenceScore AS influenceScore, netSentiment, interactions,
    positive, negative, lastInteractionAt`;

function num(value: unknown): number {
  return typeof value === 'number' ? value : 0;
}

function toComponents(row: CypherRow): InfluenceComponents {
  return {
    centrality: num(row.centrality),
    pageRank: num(row.pageRank),
    reachScore: num(row.reachScore),
    reach: num(row.reach),
    reportedFollowers: num(row.reportedFollowers),
    knownFollowers: num(row.knownFollowers),
    duplicateFollows: num(row.duplicateFollows),
    accounts: num(row.accounts),
    amplificationScore: num(row.amplificationScore),
    amplification: num(row.amplification),
    amplifiedCount: num(row.amplifiedCount),
  };
}

function toInfluence(row: CypherRow, subject: InfluenceSubject | null): InfluenceRecord {
  return {
    personId: String(row.personId),
    score: num(row.score),
    components: toComponents(row),
    subject,
    computedAt: String(row.computedAt),
    communityId: typeof row.communityId === 'string' ? row.communityId : null,
  };
}

/** The read side of influence: every query reads what the last recompute stored. */
export class InfluenceRepository {
  constructor(private readonly gateway: Neo4jGateway) {}

  /** The subject's name, or null when no topic or product has the id. */
  async subjectName(
    scope: OperationScope,
    kind: InfluenceSubjectKind,
    subjectId: string,
  ): Promise<string | null> {
    const rows = await this.gateway.readStatement(scope, SUBJECT_EXISTS[kind], { subjectId });
    return rows[0] === undefined ? null : String(rows[0].name);
  }

  async multipliers(scope: OperationScope, page: MultiplierPage): Promise<InfluenceRecord[]> {
    const params = {
      ...page.conditions,
      minReach: page.conditions.minReach,
      consent: page.consent,
      afterScore: page.after?.score ?? null,
      afterId: page.after?.personId ?? null,
      limit: cypherInt(page.limit),
      subjectId: page.subject?.id ?? null,
    };
    const query = page.subject === null ? OVERALL_PAGE : SUBJECT_PAGE;
    const rows = await this.gateway.readStatement(scope, query, params);
    return rows.map((row) =>
      toInfluence(
        row,
        page.subject === null
          ? null
          : { id: page.subject.id, kind: page.subject.kind, name: String(row.subjectName) },
      ),
    );
  }

  async countMultipliers(
    scope: OperationScope,
    page: Pick<MultiplierPage, 'subject' | 'conditions' | 'consent'>,
  ): Promise<number> {
    const query = page.subject === null ? OVERALL_COUNT : SUBJECT_COUNT;
    const rows = await this.gateway.readStatement(scope, query, {
      ...page.conditions,
      consent: page.consent,
      subjectId: page.subject?.id ?? null,
    });
    return num(rows[0]?.total);
  }

  async personExists(scope: OperationScope, personId: string): Promise<boolean> {
    const rows = await this.gateway.readStatement(scope, PERSON_EXISTS, { personId });
    return rows.length > 0;
  }

  async influenceOf(
    scope: OperationScope,
    personId: string,
    subjectId: string | null,
    consent: ConsentParam,
  ): Promise<InfluenceRecord | null> {
    if (subjectId === null) {
      const rows = await this.gateway.readStatement(scope, OVERALL_OF_PERSON, {
        personId,
        consent,
      });
      return rows[0] === undefined ? null : toInfluence(rows[0], null);
    }
    const rows = await this.gateway.readStatement(scope, SUBJECT_OF_PERSON, {
      personId,
      subjectId,
      consent,
    });
    const row = rows[0];
    if (row === undefined) return null;
    return toInfluence(row, {
      id: String(row.subjectId),
      kind: row.subjectKind as InfluenceSubjectKind,
      name: String(row.subjectName),
    });
  }

  async lastRun(scope: OperationScope): Promise<InfluenceRunRecord | null> {
    const rows = await this.gateway.readStatement(scope, LAST_RUN);
    const row = rows[0];
    if (row === undefined) return null;
    return {
      computedAt: String(row.computedAt),
      engine: row.engine as InfluenceEngineKind,
      peopleScored: num(row.peopleScored),
      subjectScores: num(row.subjectScores),
      communities: num(row.communities),
      modularity: num(row.modularity),
      nodeCount: num(row.nodeCount),
      relationshipCount: num(row.relationshipCount),
      durationMs: num(row.durationMs),
      removedScores: null,
    };
  }

  async stanceTarget(scope: OperationScope, targetId: string): Promise<StanceTarget | null> {
    const rows = await this.gateway.readStatement(scope, STANCE_TARGET, { targetId });
    const row = rows[0];
    if (row === undefined) return null;
    return {
      id: String(row.id),
      name: String(row.name ?? row.id),
      kind: row.kind as StanceTargetKind,
    };
  }

  async stances(
    scope: OperationScope,
    query: {
      targetId: string;
      from: string;
      to: string;
      minInteractions: number;
      consent: ConsentParam;
    },
  ): Promise<StanceRow[]> {
    const rows = await this.gateway.readStatement(scope, STANCES, {
      ...query,
      minInteractions: cypherInt(query.minInteractions),
    });
    return rows.map((row) => ({
      personId: String(row.personId),
      influenceScore: num(row.influenceScore),
      netSentiment: num(row.netSentiment),
      interactions: num(row.interactions),
      positive: num(row.positive),
      negative: num(row.negative),
      lastInteractionAt: String(row.lastInteractionAt),
    }));
  }
}
