import { groupBy } from '../../core/collections/group-by';
import type { CypherRow, Neo4jGateway, OperationScope } from '../../core/neo4j/neo4j-gateway';
import { cypherInt } from '../../core/neo4j/neo4j-values';
import { toPerson } from '../people/person.repository';
import type { Person } from '../people/person.type';
import type { Platform } from '../social-accounts/social-account.type';
import { TIE_FIELDS, toRecord as toTieRecord } from '../ties/tie.repository';
import { ANY_TIE, type TieRecord, type TieType } from '../ties/tie.type';
import type {
  LastContactRecord,
  ProductPurchaseRecord,
  TopicOfInterestRecord,
} from './insight.type';
import {
  insightParams,
  LAST_CONTACT,
  MONTHLY_SENTIMENT,
  OPEN_ISSUES,
  PRODUCTS_BOUGHT,
  RELATIONSHIP_STATS,
  TOPICS_OF_INTEREST,
} from './insights.cypher';
import { INTERACTIONS_OF, matchSubjects } from './interaction-scope.cypher';
import { pagesBySubject, type SubjectPage } from './paged-rows';
import type { RelationshipStats } from './relationship-strength';
import type { MonthAggregate } from './sentiment-trend';
import type { StaffEvidence } from './staff-closeness';
import { staffEvidenceOf } from './staff-evidence.cypher';
import {
  listOf,
  numberOr,
  toIdList,
  toMonthAggregates,
  toProductPurchases,
  toStaffEvidence,
} from './insight-rows';

/** Everything the person view aggregates over a person's interactions, from one query. */
export interface PersonInsightsRecord {
  trend: MonthAggregate[];
  openIssueCount: number;
  openIssueIds: string[];
  products: ProductPurchaseRecord[];
  relationship: RelationshipStats;
  lastContact: LastContactRecord | null;
  topics: TopicOfInterestRecord[];
}

export interface TiePosition {
  strength: number;
  id: string;
}

// Several records may share an address before identity resolution merges them; a lookup must not
// pick one silently, so the caller sees them all (up to a handful).
const BY_EMAIL = `
  MATCH (p:Person) WHERE p.email IN $emails
  RETURN p ORDER BY p.createdAt, p.id LIMIT 10`;

const BY_SOCIAL_ACCOUNT = `
  OPTIONAL MATCH (a:SocialAccount {platform: $platform, handle: $handle})
  OPTIONAL MATCH (a)-[:OWNED_BY]->(p:Person)
  RETURN a IS NOT NULL AS accountFound, p`;

const BY_EXTERNAL_KEY = `
  MATCH (:ExternalKey {key: $key})-[:IDENTIFIES]->(p:Person)
  RETURN p`;

// Strongest first, both directions; one pass gives the total and the page after the cursor.
const TIE_PAGES = `
  ${matchSubjects('Person')}
  CALL (subject) {
    MATCH (subject)-[t:${ANY_TIE}]-(:Person)
    WHERE size($types) = 0 OR type(t) IN $types
    WITH t, coalesce(t.strength, 0.0) AS strength
    ORDER BY strength DESC, t.id
    WITH collect({t: t, strength: strength}) AS ties
    RETURN size(ties) AS total,
           [entry IN ties WHERE $afterId IS NULL OR entry.strength < $afterValue
              OR (entry.strength = $afterValue AND entry.t.id > $afterId) | entry.t][0..$limit] AS page
  }
  OPTIONAL CALL (page) {
    UNWIND range(0, size(page) - 1) AS position
    WITH position, page[position] AS t
    WITH position, t, startNode(t) AS a, endNode(t) AS b
    RETURN position, ${TIE_FIELDS}
  }
  RETURN subjectId, total, position, id, type, strength, since, source, fromPersonId, toPersonId`;

const INSIGHTS = `
  ${matchSubjects('Person')}
  CALL (subject) {
    ${INTERACTIONS_OF.Person}
    RETURN collect(i) AS interactions
  }
  ${MONTHLY_SENTIMENT}
  ${OPEN_ISSUES}
  ${PRODUCTS_BOUGHT}
  ${RELATIONSHIP_STATS}
  ${LAST_CONTACT}
  ${TOPICS_OF_INTEREST}
  RETURN subjectId, trend, openIssueCount, openIssueIds, products, lastInteractionAt,
         interactionsInYear, answeredInYear, ratedInYear, averageSentimentInYear, lastContact,
         topics`;

const STAFF_EVIDENCE = `
  UNWIND $personIds AS personId
  MATCH (p:Person {id: personId})
  ${staffEvidenceOf('p')}
  RETURN personId, userId, ties, shared`;

export function toInsights(row: CypherRow): PersonInsightsRecord {
  const last = row.lastContact as Record<string, unknown> | null;
  return {
    trend: toMonthAggregates(row.trend),
    openIssueCount: numberOr(row.openIssueCount, 0),
    openIssueIds: toIdList(row.openIssueIds),
    products: toProductPurchases(row.products),
    relationship: {
      lastInteractionAt: typeof row.lastInteractionAt === 'string' ? row.lastInteractionAt : null,
      interactionsInYear: numberOr(row.interactionsInYear, 0),
      answeredInYear: numberOr(row.answeredInYear, 0),
      ratedInYear: numberOr(row.ratedInYear, 0),
      averageSentimentInYear:
        typeof row.averageSentimentInYear === 'number' ? row.averageSentimentInYear : null,
    },
    lastContact:
      last === null
        ? null
        : {
            interactionId: String(last.interactionId),
            userId: String(last.userId),
            at: String(last.at),
          },
    topics: listOf(row.topics, (entry) => ({
      topicId: String(entry.topicId),
      interactions: numberOr(entry.interactions, 0),
      interestWeight: typeof entry.interestWeight === 'number' ? entry.interestWeight : null,
    })),
  };
}

export class PersonViewRepository {
  constructor(private readonly gateway: Neo4jGateway) {}

  async findByEmail(scope: OperationScope, emails: readonly string[]): Promise<Person[]> {
    const rows = await this.gateway.readStatement(scope, BY_EMAIL, { emails });
    return rows.map(toPerson);
  }

  async findBySocialAccount(
    scope: OperationScope,
    platform: Platform,
    handle: string,
  ): Promise<{ accountFound: boolean; person: Person | null }> {
    const rows = await this.gateway.readStatement(scope, BY_SOCIAL_ACCOUNT, { platform, handle });
    const row = rows[0] ?? {};
    return { accountFound: row.accountFound === true, person: row.p ? toPerson(row) : null };
  }

  async findByExternalKey(scope: OperationScope, key: string): Promise<Person | null> {
    const rows = await this.gateway.readStatement(scope, BY_EXTERNAL_KEY, { key });
    return rows[0] === undefined ? null : toPerson(rows[0]);
  }

  async tiePages(
    scope: OperationScope,
    personIds: readonly string[],
    types: readonly TieType[],
    after: TiePosition | null,
    limit: number,
  ): Promise<Map<string, SubjectPage<TieRecord>>> {
    const rows = await this.gateway.readStatement(scope, TIE_PAGES, {
      subjectIds: personIds,
      types,
      afterValue: after?.strength ?? null,
      afterId: after?.id ?? null,
      limit: cypherInt(limit),
    });
    return pagesBySubject(rows, toTieRecord);
  }

  async insights(
    scope: OperationScope,
    personIds: readonly string[],
    now: Date,
  ): Promise<Map<string, PersonInsightsRecord>> {
    const rows = await this.gateway.readStatement(scope, INSIGHTS, {
      subjectIds: personIds,
      ...insightParams(now),
    });
    return new Map(rows.map((row) => [String(row.subjectId), toInsights(row)]));
  }

  async staffEvidence(
    scope: OperationScope,
    personIds: readonly string[],
  ): Promise<Map<string, StaffEvidence[]>> {
    const rows = await this.gateway.readStatement(scope, STAFF_EVIDENCE, { personIds });
    const grouped = groupBy(rows, (row) => String(row.personId));
    return new Map([...grouped].map(([personId, group]) => [personId, group.map(toStaffEvidence)]));
  }
}
