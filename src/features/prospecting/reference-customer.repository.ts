import type { CypherRow, Neo4jGateway, OperationScope } from '../../core/neo4j/neo4j-gateway';
import { cypherInt } from '../../core/neo4j/neo4j-values';
import { type ConsentParam, consentAllows } from '../consent/consent-policy';
import { MEMBER_ROLES } from '../reach/reach.repository';
import {
  featuresOf,
  hasOpenComplaint,
  isCurrent,
  isCurrentCustomer,
  meanSentiment,
  prospectParams,
} from './prospect.cypher';

/**
 * The prospect: a person (their features, their consent) or an organization (its kind, and its
 * current members with consent, whose features and links stand for it).
 */
const PROSPECT = `
  OPTIONAL MATCH (person:Person {id: $prospectPersonId})
  OPTIONAL MATCH (organization:Organization {id: $prospectOrganizationId})
  RETURN person IS NOT NULL AS personFound, organization IS NOT NULL AS organizationFound,
    CASE WHEN person IS NULL THEN false ELSE ${consentAllows('person', 'consent')} END
      AS personUsable,
    CASE WHEN person IS NULL THEN [] ELSE ${featuresOf('person')} END AS personFeatures,
    CASE WHEN organization IS NULL THEN [] ELSE COLLECT {
      MATCH (organization)<-[membership:HAS_ROLE]-(member:Person)
      WHERE membership.role IN $memberRoles AND ${isCurrent('membership')}
        AND ${consentAllows('member', 'consent')}
      RETURN DISTINCT member.id
    } END AS memberIds,
    CASE WHEN organization IS NULL THEN [] ELSE COLLECT {
      RETURN 'kind:' + organization.kind AS feature
      UNION MATCH (organization)<-[membership:HAS_ROLE]-(member:Person)-[:INTERESTED_IN]->(subject)
      WHERE membership.role IN $memberRoles AND ${isCurrent('membership')}
        AND ${consentAllows('member', 'consent')}
      RETURN CASE WHEN subject:Product THEN 'product:' ELSE 'topic:' END + subject.id AS feature
    } END AS organizationFeatures`;

/** Satisfied: a current customer with consent, no open complaint, and a good mean sentiment. */
const SATISFIED = `
  WITH customer
  WHERE ${isCurrentCustomer('customer')} AND ${consentAllows('customer', 'consent')}
    AND NOT ${hasOpenComplaint('customer')}
  WITH customer, ${meanSentiment('customer')} AS sentiments
  WHERE size(sentiments) > 0
  WITH customer, reduce(sum = 0.0, s IN sentiments | sum + s) / size(sentiments) AS sentiment
  WHERE sentiment >= $minSentiment`;

/** Which of the prospect's linked people are satisfied customers, with their sentiment. */
const SATISFIED_AMONG = `
  UNWIND $personIds AS personId
  MATCH (customer:Person {id: personId})
  ${SATISFIED}
  RETURN customer.id AS customerId, sentiment, [] AS sharedFeatures, 0.0 AS similarity`;

/**
 * Satisfied customers most like the prospect: Jaccard of their features (interests, roles, kinds
 * of organization), among the customers who share an interest with it.
 */
const MOST_SIMILAR = `
  CALL () {
    UNWIND $interestIds AS interestId
    CALL (interestId) {
      MATCH (subject:Topic {id: interestId}) RETURN subject
      UNION MATCH (subject:Product {id: interestId}) RETURN subject
    }
    MATCH (subject)<-[:INTERESTED_IN]-(customer:Person)
    RETURN DISTINCT customer
  }
  WITH customer
  WHERE NOT customer.id IN $excludedIds
  ${SATISFIED}
  WITH customer, sentiment, ${featuresOf('customer')} AS features
  WITH customer, sentiment, [feature IN features WHERE feature IN $features] AS sharedFeatures,
    size(features) AS ownCount
  WITH customer, sentiment, sharedFeatures,
    size(sharedFeatures) AS shared, ownCount + size($features) - size(sharedFeatures) AS union
  WHERE shared > 0
  WITH customer, sentiment, sharedFeatures, toFloat(shared) / union AS similarity
  ORDER BY similarity * (1 + sentiment) DESC, customer.id
  LIMIT $first
  RETURN customer.id AS customerId, sentiment, sharedFeatures, similarity`;

export interface ProspectFacts {
  personFound: boolean;
  organizationFound: boolean;
  personUsable: boolean;
  memberIds: string[];
  features: string[];
}

export interface SatisfiedCustomer {
  customerId: string;
  sentiment: number;
  sharedFeatures: string[];
  similarity: number;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

function toCustomer(row: CypherRow): SatisfiedCustomer {
  return {
    customerId: String(row.customerId),
    sentiment: Number(row.sentiment),
    sharedFeatures: strings(row.sharedFeatures),
    similarity: Number(row.similarity),
  };
}

export class ReferenceCustomerRepository {
  constructor(private readonly gateway: Neo4jGateway) {}

  async prospect(
    scope: OperationScope,
    request: {
      prospectPersonId: string | null;
      prospectOrganizationId: string | null;
      consent: ConsentParam;
    },
  ): Promise<ProspectFacts> {
    const rows = await this.gateway.readStatement(scope, PROSPECT, {
      ...prospectParams(),
      ...request,
      memberRoles: [...MEMBER_ROLES],
    });
    const row = rows[0];
    return {
      personFound: row?.personFound === true,
      organizationFound: row?.organizationFound === true,
      personUsable: row?.personUsable === true,
      memberIds: strings(row?.memberIds),
      features: [...strings(row?.personFeatures), ...strings(row?.organizationFeatures)],
    };
  }

  /** The satisfied customers among the given people, and the ones most like the prospect. */
  async satisfiedCustomers(
    scope: OperationScope,
    request: {
      linkedIds: readonly string[];
      features: readonly string[];
      excludedIds: readonly string[];
      minSentiment: number;
      productId: null;
      first: number;
      consent: ConsentParam;
    },
  ): Promise<{ linked: SatisfiedCustomer[]; similar: SatisfiedCustomer[] }> {
    const common = { ...prospectParams(), ...request, first: cypherInt(request.first) };
    const interestIds = request.features
      .filter((feature) => feature.startsWith('topic:') || feature.startsWith('product:'))
      .map((feature) => feature.slice(feature.indexOf(':') + 1));
    return this.gateway.read(scope, async (runner) => {
      const linked = await runner.run(SATISFIED_AMONG, { ...common, personIds: request.linkedIds });
      const similar = await runner.run(MOST_SIMILAR, { ...common, interestIds });
      return { linked: linked.map(toCustomer), similar: similar.map(toCustomer) };
    });
  }
}
