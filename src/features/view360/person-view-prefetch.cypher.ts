import { INTERACTION_FIELDS, LABEL_OF } from '../interactions/interaction.repository';
import { ORGANIZATION_PROPERTIES } from '../organizations/organization.repository';
import { ROLE_FIELDS } from '../roles/role.repository';
import { ACCOUNT_FIELDS } from '../social-accounts/social-account.repository';
import { USER_FIELDS } from '../staff/staff-user.repository';
import { TIE_FIELDS } from '../ties/tie.repository';
import { ANY_TIE } from '../ties/tie.type';
import { fieldsAsMap } from './cypher-fields';
import {
  LAST_CONTACT,
  MONTHLY_SENTIMENT,
  OPEN_ISSUES,
  PRODUCTS_BOUGHT,
  RELATIONSHIP_STATS,
  TOPICS_OF_INTEREST,
} from './insights.cypher';
import { interactionsOfPerson, matchSubjects } from './interaction-scope.cypher';
import type { PersonViewPlan } from './person-view-plan';
import { staffEvidenceOf } from './staff-evidence.cypher';
import { timelineFilter, timelinePageAfterCursor } from './timeline.repository';

/**
 * The whole person view as one query: every part the plan asks for is a subquery that returns one
 * row per person, with the records its nested fields will need (the other person of a tie and
 * their roles, the performer and subjects of an interaction, the staff user behind a contact), so
 * that every loader the view touches can be primed and the view costs one round-trip. The parts
 * are the queries of the separate loaders, read from the same fragments.
 */

// Records as their repositories' field lists build them (`a`, `owner`, `u`, `person`, `r`, `p`
// and `o` bound as there): only the properties the records read, without the bookkeeping
// date-times (createdAt, updatedAt) a whole node would bring for the driver to decode.
const INTERACTION_RECORD = fieldsAsMap(INTERACTION_FIELDS);
const TIE_RECORD = fieldsAsMap(TIE_FIELDS);
const ACCOUNT_RECORD = fieldsAsMap(ACCOUNT_FIELDS);
const USER_RECORD = fieldsAsMap(USER_FIELDS);
const ROLE_RECORD = fieldsAsMap(ROLE_FIELDS);

/**
 * A performer, subject or mention of an interaction (`a` = `n`): accounts and organizations as the
 * properties their records read; people and catalog items whole, as their records use most of
 * the node.
 */
const LINKED_NODE = `CASE
      WHEN n:SocialAccount THEN ${ACCOUNT_RECORD}
      WHEN n:Organization THEN n {${ORGANIZATION_PROPERTIES}}
      ELSE n END`;

/** Roles of `p` as the roles repository orders them, each with its organization. */
function rolesOf(p: string): string {
  return `
    CALL (${p}) {
      MATCH (${p})-[r:HAS_ROLE]->(o:Organization)
      WITH ${p} AS p, r, o ORDER BY coalesce(r.since, date('0001-01-01')) DESC, r.id
      RETURN collect({role: ${ROLE_RECORD}, o: o {${ORGANIZATION_PROPERTIES}}}) AS roles
    }`;
}

/**
 * The records behind the interactions in `list`: their performers, subjects and mentions (with the
 * owner of an account) and the staff users who handled them.
 */
function neighboursOf(list: string, prefix: string): string {
  return `
    CALL (${list}) {
      UNWIND ${list} AS i
      CALL (i) {
        MATCH (n)-[:PERFORMED]->(i) RETURN n
        UNION
        MATCH (i)-[:ABOUT|MENTIONS]->(n) RETURN n
      }
      WITH DISTINCT n
      OPTIONAL MATCH (n:SocialAccount)-[:OWNED_BY]->(owner:Person)
      WITH n, owner, n AS a
      RETURN collect({node: ${LINKED_NODE}, label: ${LABEL_OF}}) AS ${prefix}linked
    }
    CALL (${list}) {
      UNWIND ${list} AS i
      MATCH (u:User)-[:HANDLED]->(i)
      WITH DISTINCT u
      OPTIONAL MATCH (u)-[:IS_PERSON]->(person:Person)
      RETURN collect(${USER_RECORD}) AS ${prefix}users
    }`;
}

const ROLES = `
  CALL (subject) {
    ${rolesOf('subject')}
    RETURN roles
  }`;

const ACCOUNTS = `
  CALL (subject) {
    MATCH (subject)<-[:OWNED_BY]-(a:SocialAccount)
    WITH a, subject AS owner ORDER BY a.followers DESC, a.id
    RETURN collect(${ACCOUNT_RECORD}) AS accounts
  }`;

const SAME_AS = `
  CALL (subject) {
    MATCH (subject)-[s:SAME_AS]-(other:Person)
    WITH s, other ORDER BY s.confidence DESC, other.id
    RETURN collect({link: s {.*, personId: subject.id, otherPersonId: other.id}, p: other}) AS sameAs
  }`;

function tiePage(prefix: string): string {
  const p = `$${prefix}`;
  return `
  CALL (subject) {
    // Collected in a call of its own: grouped by subject, a person without ties would give no
    // row at all, and with it the whole view's row would be gone.
    CALL (subject) {
      MATCH (subject)-[t:${ANY_TIE}]-(:Person)
      WHERE size(${p}types) = 0 OR type(t) IN ${p}types
      WITH t, coalesce(t.strength, 0.0) AS strength
      ORDER BY strength DESC, t.id
      RETURN collect({t: t, strength: strength}) AS ties
    }
    WITH subject, size(ties) AS total,
         [entry IN ties WHERE ${p}afterId IS NULL OR entry.strength < ${p}afterValue
            OR (entry.strength = ${p}afterValue AND entry.t.id > ${p}afterId) | entry.t][0..${p}limit] AS page
    CALL (subject, page) {
      UNWIND range(0, size(page) - 1) AS position
      WITH position, page[position] AS t
      WITH position, t, startNode(t) AS a, endNode(t) AS b
      WITH position, t, a, b, CASE WHEN a = subject THEN b ELSE a END AS other
      ${rolesOf('other')}
      RETURN collect({position: position, tie: ${TIE_RECORD}, other: other, roles: roles}) AS rows
    }
    RETURN total AS ${prefix}total, rows AS ${prefix}rows
  }`;
}

/** The person's interactions, newest first, collected once for the timelines and insights. */
const INTERACTIONS = `
  CALL (subject) {
    ${interactionsOfPerson('subject')}
    WITH i ORDER BY i.occurredAt DESC, i.id
    RETURN collect(i) AS interactions
  }`;

function timelinePage(prefix: string): string {
  return `
  CALL (interactions) {
    UNWIND interactions AS i
    WITH i WHERE ${timelineFilter(prefix)}
    WITH collect(i) AS matching
    WITH size(matching) AS total, ${timelinePageAfterCursor(prefix)} AS page
    CALL (page) {
      UNWIND range(0, size(page) - 1) AS position
      WITH position, page[position] AS i
      RETURN collect({position: position, record: ${INTERACTION_RECORD}}) AS rows
    }
    ${neighboursOf('page', '')}
    RETURN total AS ${prefix}total, rows AS ${prefix}rows, linked AS ${prefix}linked,
           users AS ${prefix}users
  }`;
}

const INSIGHTS = `
  ${MONTHLY_SENTIMENT}
  ${OPEN_ISSUES}
  ${PRODUCTS_BOUGHT}
  ${RELATIONSHIP_STATS}
  ${LAST_CONTACT}
  ${TOPICS_OF_INTEREST}
  CALL (openIssueIds, lastContact) {
    UNWIND openIssueIds + coalesce([lastContact.interactionId], []) AS id
    MATCH (i:Interaction {id: id})
    WITH DISTINCT i
    RETURN collect(i) AS insightInteractionNodes
  }
  CALL (insightInteractionNodes) {
    UNWIND insightInteractionNodes AS i
    RETURN collect(${INTERACTION_RECORD}) AS insightInteractions
  }
  ${neighboursOf('insightInteractionNodes', 'insight_')}
  CALL (topics, products) {
    CALL (topics, products) {
      UNWIND topics AS topic
      MATCH (n:Topic {id: topic.topicId})
      RETURN {n: n, kind: 'Topic'} AS item
      UNION ALL
      UNWIND products AS product
      MATCH (n:Product {id: product.productId})
      RETURN {n: n, kind: 'Product'} AS item
    }
    RETURN collect(item) AS insightCatalog
  }
  CALL (lastContact) {
    MATCH (u:User) WHERE u.id = lastContact.userId
    OPTIONAL MATCH (u)-[:IS_PERSON]->(person:Person)
    RETURN collect(${USER_RECORD}) AS contactUsers
  }`;

const INSIGHT_COLUMNS = [
  'trend',
  'openIssueCount',
  'openIssueIds',
  'products',
  'lastInteractionAt',
  'interactionsInYear',
  'answeredInYear',
  'ratedInYear',
  'averageSentimentInYear',
  'lastContact',
  'topics',
  'insightInteractions',
  'insight_linked',
  'insight_users',
  'insightCatalog',
  'contactUsers',
];

/**
 * The closest staff's evidence over the interactions the query already collected. The records of
 * each member's recent shared interactions come along only when the view shows them; otherwise
 * the ids in `shared` are all the closeness needs.
 */
function closestStaff(withRecent: boolean): string {
  const recent = withRecent
    ? `
    CALL (shared) {
      UNWIND shared AS entry
      WITH entry ORDER BY entry.occurredAt DESC, entry.id LIMIT $evidenceInteractions
      MATCH (i:Interaction {id: entry.id})
      RETURN collect(${INTERACTION_RECORD}) AS recent
    }`
    : `
    WITH userId, ties, shared, u, person, [] AS recent`;
  return `
  CALL (subject, interactions) {
    ${staffEvidenceOf('subject', 'interactions')}
    MATCH (u:User {id: userId})
    OPTIONAL MATCH (u)-[:IS_PERSON]->(person:Person)${recent}
    RETURN collect({userId: userId, ties: ties, shared: shared, user: ${USER_RECORD},
                    recent: recent}) AS staffEvidence
  }`;
}

/** Parameter prefixes of the n-th tie page and timeline of a plan. */
export const tiePrefix = (index: number) => `ties${index}_`;
export const timelinePrefix = (index: number) => `timeline${index}_`;

/**
 * The parts run in this order on purpose: Neo4j's slotted runtime copies the whole outer row into
 * every row of a subquery, so the parts that iterate many rows (the interactions, the staff
 * evidence over them, the timeline pages) run first, while the row is still narrow, and the parts that add wide columns
 * but iterate little (roles, ties, insights) come after. On bench-M this cut the query's server
 * time from about 15 ms to 4 ms, with the same result.
 */
export function prefetchQuery(plan: PersonViewPlan): string {
  const parts = [matchSubjects('Person')];
  const columns = ['subjectId'];
  if (plan.timelines.length > 0 || plan.insights || plan.closestStaff) parts.push(INTERACTIONS);
  if (plan.closestStaff) {
    parts.push(closestStaff(plan.staffRecentInteractions));
    columns.push('staffEvidence');
  }
  plan.timelines.forEach((_request, index) => {
    const prefix = timelinePrefix(index);
    parts.push(timelinePage(prefix));
    columns.push(`${prefix}total`, `${prefix}rows`, `${prefix}linked`, `${prefix}users`);
  });
  if (plan.roles) {
    parts.push(ROLES);
    columns.push('roles');
  }
  if (plan.socialAccounts) {
    parts.push(ACCOUNTS);
    columns.push('accounts');
  }
  if (plan.sameAs) {
    parts.push(SAME_AS);
    columns.push('sameAs');
  }
  plan.ties.forEach((_request, index) => {
    parts.push(tiePage(tiePrefix(index)));
    columns.push(`${tiePrefix(index)}total`, `${tiePrefix(index)}rows`);
  });
  if (plan.insights) {
    parts.push(INSIGHTS);
    columns.push(...INSIGHT_COLUMNS);
  }
  // The person too, so that the lookup of `person(id)` needs no query of its own.
  columns.push('subject');
  parts.push(`RETURN ${columns.join(', ')}`);
  return parts.join('\n');
}
