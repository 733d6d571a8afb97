import type { CypherRow, Neo4jGateway, OperationScope } from '../../core/neo4j/neo4j-gateway';
import { cypherInt } from '../../core/neo4j/neo4j-values';
import { type ConsentParam, consentAllows } from '../consent/consent-policy';
import { InteractionKind } from '../interactions/interaction.type';
import { LinkKind } from '../introductions/introduction.type';
import { TRUST } from '../introductions/introduction-link';
import { ANY_TIE } from '../ties/tie.type';
import {
  hasOpenComplaint,
  isCurrentCustomer,
  isStaff,
  meanSentiment,
  prospectParams,
} from './prospect.cypher';
import type { ReferralCandidate } from './prospecting.type';

/** Interactions sampled per product to find what it is about: enough for a stable ranking. */
const TOPIC_SAMPLE = 2_000;
const TOPICS_PER_PRODUCT = 3;
const REFERRERS_PER_CANDIDATE = 5;

/**
 * What referrals are for: the product (or the products the customer ordered) and the topics
 * their interactions are most about.
 */
const CONTEXT = `
  OPTIONAL MATCH (product:Product {id: $productId})
  OPTIONAL MATCH (customer:Person {id: $customerPersonId})
  WITH product, customer,
    CASE WHEN product IS NOT NULL THEN [product.id] ELSE COLLECT {
      MATCH (customer)<-[:OWNED_BY*0..1]-()-[:PERFORMED]->(:Interaction {kind: $orderKind})
        -[:ABOUT]->(ordered:Product)
      RETURN DISTINCT ordered.id
    } END AS productIds
  CALL (productIds) {
    UNWIND productIds AS productId
    MATCH (about:Product {id: productId})
    CALL (about) {
      MATCH (about)<-[:ABOUT]-(sample:Interaction)
      WITH sample LIMIT $topicSample
      MATCH (sample)-[:ABOUT]->(topic:Topic)
      WITH topic, count(*) AS mentions
      ORDER BY mentions DESC, topic.id
      LIMIT $topicsPerProduct
      RETURN collect(topic.id) AS topics
    }
    UNWIND topics AS topicId
    RETURN collect(DISTINCT topicId) AS derivedTopicIds
  }
  RETURN product IS NOT NULL AS productFound, customer IS NOT NULL AS customerFound, productIds,
    derivedTopicIds,
    [topicId IN $topicIds WHERE NOT EXISTS { MATCH (:Topic {id: topicId}) }] AS unknownTopicIds`;

/**
 * Satisfied customers (current, mean sentiment ≥ $minSentiment, no open complaint) of the product
 * or the one customer; the people tied to them either way or following them, who are not our
 * customers or staff and are interested in $interestIds. Consent is checked for customers and
 * candidates as they are met, so nobody without it is used or returned.
 */
const CANDIDATES = `
  CALL () {
    MATCH (:Product {id: $productId})<-[:ABOUT]-(:Interaction {kind: $orderKind})
      <-[:PERFORMED]-(buyer:Person)
    RETURN DISTINCT buyer AS customer
    UNION
    MATCH (customer:Person {id: $customerPersonId}) RETURN customer
  }
  WITH customer
  WHERE ${isCurrentCustomer('customer')} AND ${consentAllows('customer', 'consent')}
    AND NOT ${hasOpenComplaint('customer')}
  WITH customer, ${meanSentiment('customer')} AS sentiments
  WHERE size(sentiments) > 0
  WITH customer, reduce(sum = 0.0, s IN sentiments | sum + s) / size(sentiments) AS sentiment
  WHERE sentiment >= $minSentiment
  CALL (customer) {
    MATCH (customer)-[tie:${ANY_TIE}]-(friend:Person)
    RETURN friend, type(tie) AS kind, tie.strength AS strength
    UNION ALL
    MATCH (customer)<-[:OWNED_BY]-(:SocialAccount)<-[:FOLLOWS]-(:SocialAccount)
      -[:OWNED_BY]->(friend:Person)
    RETURN friend, $followsKind AS kind, $followStrength AS strength
  }
  WITH customer, sentiment, friend, collect(DISTINCT kind) AS kinds, max(strength) AS strength
  WHERE friend <> customer AND NOT ${isCurrentCustomer('friend')} AND NOT ${isStaff('friend')}
  CALL (friend) {
    MATCH (friend)-[interest:INTERESTED_IN]->(subject)
    WHERE subject.id IN $interestIds
    RETURN max(interest.weight) AS interest, collect(subject.id) AS interestIds
  }
  WITH customer, sentiment, friend, kinds, strength, interest, interestIds
  WHERE interest IS NOT NULL AND ${consentAllows('friend', 'consent')}
  WITH friend, interest, interestIds, customer, sentiment, kinds, strength,
    strength * (1 + sentiment) / 2 AS referralStrength
  ORDER BY referralStrength DESC, customer.id
  WITH friend, interest, interestIds,
    collect({customerId: customer.id, linkKinds: kinds, strength: strength, sentiment: sentiment,
      referralStrength: referralStrength}) AS referrers
  WITH friend, interest, interestIds, referrers[0..$referrersPerCandidate] AS referrers,
    interest * referrers[0].referralStrength AS score
  ORDER BY score DESC, friend.id
  LIMIT $first
  RETURN friend.id AS personId, score, interest, interestIds, referrers`;

export interface ReferralContext {
  productFound: boolean;
  customerFound: boolean;
  productIds: string[];
  derivedTopicIds: string[];
  unknownTopicIds: string[];
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

function toCandidate(row: CypherRow): ReferralCandidate {
  const referrers = Array.isArray(row.referrers)
    ? (row.referrers as Record<string, unknown>[])
    : [];
  return {
    personId: String(row.personId),
    score: Number(row.score),
    interest: Number(row.interest),
    interestIds: strings(row.interestIds),
    referrers: referrers.map((referrer) => ({
      customerId: String(referrer.customerId),
      linkKinds: strings(referrer.linkKinds) as LinkKind[],
      strength: Number(referrer.strength ?? 0),
      sentiment: Number(referrer.sentiment),
      referralStrength: Number(referrer.referralStrength),
    })),
  };
}

export class ReferralRepository {
  constructor(private readonly gateway: Neo4jGateway) {}

  async context(
    scope: OperationScope,
    request: { productId: string | null; customerPersonId: string | null; topicIds: string[] },
  ): Promise<ReferralContext> {
    const rows = await this.gateway.readStatement(scope, CONTEXT, {
      ...request,
      orderKind: InteractionKind.ORDER,
      topicSample: cypherInt(TOPIC_SAMPLE),
      topicsPerProduct: cypherInt(TOPICS_PER_PRODUCT),
    });
    const row = rows[0];
    return {
      productFound: row?.productFound === true,
      customerFound: row?.customerFound === true,
      productIds: strings(row?.productIds),
      derivedTopicIds: strings(row?.derivedTopicIds),
      unknownTopicIds: strings(row?.unknownTopicIds),
    };
  }

  async candidates(
    scope: OperationScope,
    request: {
      productId: string | null;
      customerPersonId: string | null;
      interestIds: string[];
      minSentiment: number;
      first: number;
      consent: ConsentParam;
    },
  ): Promise<ReferralCandidate[]> {
    const rows = await this.gateway.readStatement(scope, CANDIDATES, {
      ...prospectParams(),
      ...request,
      first: cypherInt(request.first),
      orderKind: InteractionKind.ORDER,
      followsKind: LinkKind.FOLLOWS,
      followStrength: TRUST.FOLLOW_ONE_WAY,
      referrersPerCandidate: cypherInt(REFERRERS_PER_CANDIDATE),
    });
    return rows.map(toCandidate);
  }
}
