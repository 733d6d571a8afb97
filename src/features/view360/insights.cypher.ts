/**
 * Aggregates over a subject's interactions, as Cypher subqueries over the list `interactions`
 * (collected once per subject, then read by each aggregate). Parameters are filled in by
 * {@link insightParams}.
 */
import { cypherInt } from '../../core/neo4j/neo4j-values';
import { MAX_PAGE_SIZE } from '../../core/pagination/page-request';
import { InteractionKind, InteractionStatus, SOCIAL_KINDS } from '../interactions/interaction.type';
import { OWN_ORGANIZATION_ID } from '../organizations/organization.repository';
import { INTEREST_AS_INTERACTIONS } from './insight.type';
import { SENTIMENT_POLARITY_THRESHOLD, trendStart } from './sentiment-trend';

/** Ranked topics fetched per person; `topTopics(first)` takes a prefix. */
export const TOPIC_LIMIT = 20;
/** Open issues and products fetched per subject: a page's worth; fields take a prefix. */
export const INSIGHT_LIST_LIMIT = MAX_PAGE_SIZE;

/** Per calendar month (UTC) since $trendFrom: counts and mean sentiment. */
export const MONTHLY_SENTIMENT = `
  CALL (interactions) {
    UNWIND interactions AS i
    WITH i WHERE i.occurredAt >= datetime($trendFrom)
    WITH datetime({epochMillis: i.occurredAt.epochMillis}) AS utc, i.sentiment AS sentiment
    WITH utc.year * 100 + utc.month AS month, sentiment
    WITH month, count(*) AS total, count(sentiment) AS rated, avg(sentiment) AS average,
         count(CASE WHEN sentiment > $positiveAbove THEN 1 END) AS positive,
         count(CASE WHEN sentiment < -$positiveAbove THEN 1 END) AS negative
    RETURN collect({month: month, interactions: total, rated: rated, average: average,
                    positive: positive, negative: negative}) AS trend
  }`;

/** Tickets and complaints not yet resolved, newest first. */
export const OPEN_ISSUES = `
  CALL (interactions) {
    UNWIND interactions AS i
    WITH i WHERE i.kind IN $issueKinds AND i.status IN $openStatuses
    WITH i ORDER BY i.occurredAt DESC, i.id
    RETURN count(i) AS openIssueCount, collect(i.id)[0..$listLimit] AS openIssueIds
  }`;

/** Orders about our products: how many, by how many buyers, the newest; most ordered first. */
export const PRODUCTS_BOUGHT = `
  CALL (interactions) {
    UNWIND interactions AS i
    WITH i WHERE i.kind = $orderKind
    MATCH (i)-[:ABOUT]->(product:Product)
    OPTIONAL MATCH (buyer)-[:PERFORMED]->(i)
    WITH product, count(DISTINCT i) AS orders, count(DISTINCT buyer) AS buyers,
         max(i.occurredAt) AS lastOrderedAt
    ORDER BY orders DESC, lastOrderedAt DESC, product.id
    LIMIT $listLimit
    RETURN collect({productId: product.id, orders: orders, buyers: buyers,
                    lastOrderedAt: lastOrderedAt}) AS products
  }`;

// "Answered" means a member of staff handled it, or replied to it as a person or through an
// account they own.
const ANSWERED_BY_STAFF = `
  EXISTS { (i)<-[:HANDLED]-(:User) }
  OR EXISTS {
    MATCH (i)<-[:REPLY_TO]-(:Interaction)<-[:PERFORMED]-(actor)
    MATCH (actor)-[:OWNED_BY*0..1]->(:Person)<-[:IS_PERSON]-(:User)
  }`;

// Interactions *with us*: every classic one (orders, calls, tickets … involve us by nature), and
// social ones that are about or mention our company or one of our products, or that our staff
// answered.
const WITH_US = `
  NOT i.kind IN $socialKinds
  OR EXISTS { (i)-[:ABOUT|MENTIONS]->(:Organization {id: $ownOrganizationId}) }
  OR EXISTS { (i)-[:ABOUT]->(:Product) }
  OR ${ANSWERED_BY_STAFF}`;

/** The facts behind the relationship strength (see relationship-strength.ts). */
export const RELATIONSHIP_STATS = `
  CALL (interactions) {
    UNWIND interactions AS i
    WITH i WHERE ${WITH_US}
    WITH i, i.occurredAt >= datetime($yearFrom) AS inYear
    WITH i, inYear, inYear AND (${ANSWERED_BY_STAFF}) AS answered
    RETURN max(i.occurredAt) AS lastInteractionAt,
           count(CASE WHEN inYear THEN 1 END) AS interactionsInYear,
           count(CASE WHEN answered THEN 1 END) AS answeredInYear,
           count(CASE WHEN inYear AND i.sentiment IS NOT NULL THEN 1 END) AS ratedInYear,
           avg(CASE WHEN inYear THEN i.sentiment END) AS averageSentimentInYear
  }`;

/** The newest interaction a member of staff handled. */
export const LAST_CONTACT = `
  CALL (interactions) {
    UNWIND interactions AS i
    MATCH (u:User)-[handled:HANDLED]->(i)
    WITH i, u, coalesce(handled.at, i.occurredAt) AS at
    ORDER BY at DESC, i.id
    RETURN collect({interactionId: i.id, userId: u.id, at: at})[0] AS lastContact
  }`;

/** Topics from interactions since $trendFrom and from stated interests, ranked. */
export const TOPICS_OF_INTEREST = `
  CALL (subject, interactions) {
    CALL (subject, interactions) {
      UNWIND interactions AS i
      WITH i WHERE i.occurredAt >= datetime($trendFrom)
      MATCH (i)-[:ABOUT]->(topic:Topic)
      RETURN topic, count(*) AS mentions, null AS weight
      UNION ALL
      MATCH (subject)-[interest:INTERESTED_IN]->(topic:Topic)
      RETURN topic, 0 AS mentions, interest.weight AS weight
    }
    WITH topic, sum(mentions) AS mentions, max(weight) AS weight
    WITH topic, mentions, weight, mentions + $interestWeight * coalesce(weight, 0.0) AS score
    ORDER BY score DESC, topic.id
    LIMIT $topicLimit
    RETURN collect({topicId: topic.id, interactions: mentions, interestWeight: weight}) AS topics
  }`;

const DAY_MS = 24 * 60 * 60 * 1000;

/** The parameters the fragments above read, for the moment `now`. */
export function insightParams(now: Date): Record<string, unknown> {
  return {
    trendFrom: trendStart(now).toISOString(),
    yearFrom: new Date(now.getTime() - 365 * DAY_MS).toISOString(),
    positiveAbove: SENTIMENT_POLARITY_THRESHOLD,
    issueKinds: [InteractionKind.TICKET, InteractionKind.COMPLAINT],
    openStatuses: [InteractionStatus.OPEN, InteractionStatus.ACKNOWLEDGED],
    orderKind: InteractionKind.ORDER,
    socialKinds: [...SOCIAL_KINDS],
    ownOrganizationId: OWN_ORGANIZATION_ID,
    interestWeight: INTEREST_AS_INTERACTIONS,
    listLimit: cypherInt(INSIGHT_LIST_LIMIT),
    topicLimit: cypherInt(TOPIC_LIMIT),
  };
}
