import type { CypherRow, Neo4jGateway, OperationScope } from '../../core/neo4j/neo4j-gateway';
import { cypherInt } from '../../core/neo4j/neo4j-values';
import { type ConsentParam, consentAllows } from '../consent/consent-policy';
import { ANY_TIE, type TieType } from '../ties/tie.type';
import { mirrorLink, type SharedInteractionFact, type TieFact } from './introduction-link';
import type { ExpandedLink } from './introduction-subgraph';
import {
  INTERACTION_FIELDS,
  toRecord as toInteraction,
} from '../interactions/interaction.repository';
import type { InteractionRecord } from '../interactions/interaction.type';
import { type PersonRow, toPerson } from '../people/person.repository';

/** The links of the pairs checked, and (when asked for) the records of who and what they name. */
export interface CheckedLinks {
  links: ExpandedLink[];
  people: Map<string, PersonRow>;
  interactions: Map<string, InteractionRecord>;
}

/**
 * What expanding a person costs, roughly: their relationships plus those of their accounts and
 * staff user (follows, posts, handled tickets). Degrees are read from Neo4j's degree store, so
 * this costs no traversal.
 */
function degreeOf(person: string): string {
  return `(COUNT { (${person})--() } + reduce(total = 0, d IN
    [(${person})<-[:OWNED_BY|IS_PERSON]-(own) | COUNT { (own)--() }] | total + d))`;
}

/**
 * Which neighbours an expansion wants: all, or (when $restricted) the people in $lists.onlyIds
 * and those paired with `p` in $lists.pairs (a map from a person's id to the ids wanted with them).
 */
const WANTED = `(NOT $restricted OR q.id IN $lists.onlyIds
  OR q.id IN coalesce($lists.pairs[p.id], []))`;

/**
 * Who took part in interaction `i`, as people (q): whoever performed or handled it, was mentioned
 * in it, or performed the interaction it replies to; an account or a staff user stands for its
 * person. The other side of SHARED_INTERACTIONS, and the one definition of taking part.
 */
const TAKING_PART = `
    CALL (i) {
      MATCH (i)<-[:PERFORMED|HANDLED]-(y) RETURN y
      UNION MATCH (i)-[:MENTIONS]->(y) RETURN y
      UNION MATCH (i)-[:REPLY_TO]->(:Interaction)<-[:PERFORMED]-(y) RETURN y
    }
    MATCH (y)-[:OWNED_BY|IS_PERSON*0..1]->(q:Person)`;

/**
 * Shared interactions: `p` or one of its accounts or staff users (x) took part in an interaction
 * (performed or handled it, was mentioned in it, or was replied to), and so did `q` (through y).
 */
const SHARED_INTERACTIONS = `
    MATCH (p)<-[:OWNED_BY|IS_PERSON*0..1]-(x)
    CALL (x) {
      MATCH (x)-[:PERFORMED|HANDLED]->(i:Interaction) RETURN i
      UNION MATCH (x)<-[:MENTIONS]-(i:Interaction) RETURN i
      UNION MATCH (x)-[:PERFORMED]->(:Interaction)<-[:REPLY_TO]-(i:Interaction) RETURN i
    }
    WITH DISTINCT p, i
    ${TAKING_PART}
    WHERE q <> p AND ${WANTED}
    WITH DISTINCT p, q, i`;

/**
 * Every link of the given people: ties (either direction), follows between their accounts, and
 * shared interactions, one row per (person, neighbour). The consent condition sits inside the
 * expansion: a neighbour who may not be used is dropped here, so no path can pass through them;
 * only the path's own ends ($lists.endpointIds, our staff) are kept regardless, and everyone
 * when $keepAll (the link index keeps consent apart from links). When $usableKnown, consent is
 * already known ($lists.usableIds) and not read again. Degrees only when $withDegree. With
 * $withRecords, the two people and the latest shared interaction come back as records too, for
 * the GraphQL loaders (a checked path then costs no further round-trip to show).
 * The id lists travel inside one map: Neo4j keys its plan cache on the sizes of list parameters
 * (in buckets), and would plan this large query again for frontiers of new sizes.
 */
const EXPAND = `
  UNWIND $lists.personIds AS personId
  MATCH (p:Person {id: personId})
  CALL (p) {
    MATCH (p)-[t:${ANY_TIE}]-(q:Person)
    WHERE q <> p AND ${WANTED}
    RETURN q, {id: t.id, type: type(t), strength: t.strength, since: t.since,
      fromPersonId: startNode(t).id, toPersonId: endNode(t).id} AS tie,
      null AS follow, null AS interaction
    UNION ALL
    MATCH (p)<-[:OWNED_BY]-(own:SocialAccount)-[f:FOLLOWS]-(:SocialAccount)-[:OWNED_BY]->(q:Person)
    WHERE q <> p AND ${WANTED}
    RETURN q, null AS tie, {outgoing: startNode(f) = own, since: f.since} AS follow,
      null AS interaction
    UNION ALL
    ${SHARED_INTERACTIONS}
    RETURN q, null AS tie, null AS follow, i AS interaction
  }
  WITH p, q, collect(tie) AS ties, collect(follow) AS follows,
    collect(DISTINCT interaction) AS shared
  WITH p, q, ties, follows, shared,
    CASE WHEN $usableKnown THEN q.id IN $lists.usableIds ELSE ${consentAllows('q', 'consent')} END
      AS usable
  WHERE $keepAll OR usable OR q.id IN $lists.endpointIds
  WITH p, q, ties, follows, shared, usable,
    reduce(latest = null, i IN shared |
      CASE WHEN latest IS NULL OR i.occurredAt > latest.occurredAt THEN i ELSE latest END) AS latest
  OPTIONAL CALL (latest) {
    WITH latest AS i WHERE $withRecords AND i IS NOT NULL
    WITH ${INTERACTION_FIELDS}
    RETURN {i: i, performer: performer, about: about, mentions: mentions, replyToId: replyToId,
      handledByUserId: handledByUserId} AS latestRecord
  }
  RETURN p.id AS personId, q.id AS otherId, usable, ties,
    any(f IN follows WHERE f.outgoing) AS follows,
    any(f IN follows WHERE NOT f.outgoing) AS followedBy,
    reduce(first = null, f IN follows |
      CASE WHEN f.since IS NOT NULL AND (first IS NULL OR f.since < first) THEN f.since
      ELSE first END) AS followSince,
    size(shared) AS sharedCount,
    reduce(first = null, i IN shared |
      CASE WHEN first IS NULL OR i.occurredAt < first THEN i.occurredAt ELSE first END)
      AS sharedFirstAt,
    latest.id AS latestInteractionId, latest.occurredAt AS latestInteractionAt,
    CASE WHEN usable AND $withDegree THEN ${degreeOf('q')} ELSE 0 END AS degree,
    CASE WHEN $personUsable THEN ${consentAllows('p', 'consent')} END AS personUsable,
    CASE WHEN $withRecords THEN p END AS personNode,
    CASE WHEN $withRecords THEN q END AS otherNode, latestRecord`;

const USABLE = `
  UNWIND $personIds AS personId
  MATCH (p:Person {id: personId})
  RETURN p.id AS id, ${consentAllows('p', 'consent')} AS usable`;

/** A page of people, in id order, with whether a path may pass through them. */
const PEOPLE_PAGE = `
  MATCH (p:Person) WHERE p.id > $after
  WITH p ORDER BY p.id LIMIT $limit
  RETURN p.id AS id, ${consentAllows('p', 'consent')} AS usable`;

/** Ties from the given people (each tie once, from its start) and follows by their accounts. */
const TIES_AND_FOLLOWS_FROM = `
  UNWIND $personIds AS personId
  MATCH (p:Person {id: personId})
  CALL (p) {
    MATCH (p)-[t:${ANY_TIE}]->(q:Person) WHERE q <> p
    RETURN q.id AS other, coalesce(t.strength, 0.0) AS strength
    UNION ALL
    MATCH (p)<-[:OWNED_BY]-(:SocialAccount)-[:FOLLOWS]->(:SocialAccount)-[:OWNED_BY]->(q:Person)
    WHERE q <> p
    RETURN DISTINCT q.id AS other, null AS strength
  }
  RETURN p.id AS personId, other, strength`;

/** Who took part in each interaction, the same way SHARED_INTERACTIONS counts them. */
const PARTICIPANTS = `
  UNWIND $interactionIds AS interactionId
  MATCH (i:Interaction {id: interactionId})
  ${TAKING_PART}
  RETURN i.id AS interactionId, collect(DISTINCT q.id) AS people`;

/** A page of interactions in id order, each with the people who took part (maybe none). */
const INTERACTIONS_PAGE = `
  MATCH (i:Interaction) WHERE i.id > $after
  WITH i ORDER BY i.id LIMIT $limit
  CALL (i) {
    ${TAKING_PART}
    RETURN collect(DISTINCT q.id) AS people
  }
  RETURN i.id AS id, i.occurredAt AS occurredAt, people`;

const OWNERS = `
  UNWIND $accountIds AS accountId
  MATCH (:SocialAccount {id: accountId})-[:OWNED_BY]->(owner:Person)
  RETURN DISTINCT owner.id AS id`;

/**
 * Where a path starts and ends. The start is the person of a staff user (given, or the caller),
 * or a given person who is one.
 */
const ENDPOINTS = `
  OPTIONAL MATCH (target:Person {id: $targetId})
  OPTIONAL MATCH (user:User {id: $userId})
  OPTIONAL MATCH (user)-[:IS_PERSON]->(userPerson:Person)
  OPTIONAL MATCH (given:Person {id: $personId})
  WITH target, user, userPerson, given, coalesce(given, userPerson) AS source
  RETURN target IS NOT NULL AS targetFound,
    CASE WHEN target IS NULL THEN false ELSE ${consentAllows('target', 'consent')} END
      AS targetUsable,
    CASE WHEN target IS NULL THEN 0 ELSE ${degreeOf('target')} END AS targetDegree,
    user IS NOT NULL AS userFound,
    given IS NOT NULL AS personFound,
    given IS NOT NULL AND EXISTS { (given)<-[:IS_PERSON]-(:User) } AS personIsStaff,
    source.id AS sourceId,
    CASE WHEN source IS NULL THEN 0 ELSE ${degreeOf('source')} END AS sourceDegree`;

/** The target, and every member of staff with a person: who could introduce. */
const STAFF_AND_TARGET = `
  OPTIONAL MATCH (target:Person {id: $targetId})
  RETURN target IS NOT NULL AS targetFound,
    CASE WHEN target IS NULL THEN false ELSE ${consentAllows('target', 'consent')} END
      AS targetUsable,
    CASE WHEN target IS NULL THEN 0 ELSE ${degreeOf('target')} END AS targetDegree,
    COLLECT {
      MATCH (user:User)-[:IS_PERSON]->(staff:Person)
      RETURN {userId: user.id, personId: staff.id, degree: ${degreeOf('staff')}}
    } AS staff`;

export interface TargetFacts {
  found: boolean;
  usable: boolean;
  degree: number;
}

export interface PathEndpoints {
  target: TargetFacts;
  userFound: boolean;
  personFound: boolean;
  personIsStaff: boolean;
  sourceId: string | null;
  sourceDegree: number;
}

export interface StaffMember {
  userId: string;
  personId: string;
  degree: number;
}

function targetFacts(row: CypherRow | undefined): TargetFacts {
  return {
    found: row?.targetFound === true,
    usable: row?.targetUsable === true,
    degree: Number(row?.targetDegree ?? 0),
  };
}

function tieFact(value: unknown): TieFact {
  const tie = value as Record<string, unknown>;
  return {
    tieId: String(tie.id),
    type: tie.type as TieType,
    strength: Number(tie.strength ?? 0),
    since: typeof tie.since === 'string' ? tie.since : null,
    fromPersonId: String(tie.fromPersonId),
    toPersonId: String(tie.toPersonId),
  };
}

function sharedFact(row: CypherRow): SharedInteractionFact | null {
  const count = Number(row.sharedCount ?? 0);
  if (count === 0 || typeof row.latestInteractionId !== 'string') return null;
  return {
    count,
    firstAt: String(row.sharedFirstAt),
    latestAt: String(row.latestInteractionAt),
    latestInteractionId: row.latestInteractionId,
  };
}

function toExpandedLink(row: CypherRow): ExpandedLink {
  return {
    personId: String(row.personId),
    otherId: String(row.otherId),
    ties: Array.isArray(row.ties) ? row.ties.map(tieFact) : [],
    follows: row.follows === true,
    followedBy: row.followedBy === true,
    followSince: typeof row.followSince === 'string' ? row.followSince : null,
    shared: sharedFact(row),
    otherUsable: row.usable === true,
    otherDegree: Number(row.degree ?? 0),
  };
}

export class IntroductionRepository {
  constructor(private readonly gateway: Neo4jGateway) {}

  async endpoints(
    scope: OperationScope,
    request: {
      targetId: string;
      userId: string | null;
      personId: string | null;
      consent: ConsentParam;
    },
  ): Promise<PathEndpoints> {
    const rows = await this.gateway.readStatement(scope, ENDPOINTS, request);
    const row = rows[0];
    return {
      target: targetFacts(row),
      userFound: row?.userFound === true,
      personFound: row?.personFound === true,
      personIsStaff: row?.personIsStaff === true,
      sourceId: typeof row?.sourceId === 'string' ? row.sourceId : null,
      sourceDegree: Number(row?.sourceDegree ?? 0),
    };
  }

  async staffAndTarget(
    scope: OperationScope,
    request: { targetId: string; consent: ConsentParam },
  ): Promise<{ target: TargetFacts; staff: StaffMember[] }> {
    const rows = await this.gateway.readStatement(scope, STAFF_AND_TARGET, request);
    const row = rows[0];
    const staff = Array.isArray(row?.staff) ? (row.staff as Record<string, unknown>[]) : [];
    return {
      target: targetFacts(row),
      staff: staff.map((member) => ({
        userId: String(member.userId),
        personId: String(member.personId),
        degree: Number(member.degree ?? 0),
      })),
    };
  }

  /**
   * All links of the given people; neighbours without consent only when they are path ends.
   * `only` restricts the neighbours to people met before, whose consent is known.
   */
  async expand(
    scope: OperationScope,
    personIds: readonly string[],
    endpointIds: readonly string[],
    consent: ConsentParam,
    only: { ids: readonly string[]; usableIds: readonly string[] } | null,
  ): Promise<ExpandedLink[]> {
    const rows = await this.gateway.readStatement(scope, EXPAND, {
      lists: {
        personIds,
        endpointIds,
        onlyIds: only?.ids ?? [],
        usableIds: only?.usableIds ?? [],
      },
      consent,
      restricted: only !== null,
      usableKnown: only !== null,
      keepAll: false,
      withDegree: only === null,
      personUsable: false,
      withRecords: false,
    });
    return rows.map(toExpandedLink);
  }

  /**
   * The links of each pair (from, to), as they are now, with the consent of `to` read fresh:
   * what a path found on the link index is checked against. A pair without a row has no link.
   * Each pair is read from its cheaper end (`costOf`, e.g. the index's link counts): shared
   * interactions are found by going through every interaction of that end, and a member of staff
   * has thousands. With `withRecords`, the people of the pairs and the latest shared interactions
   * come back as the records the GraphQL loaders hold.
   */
  async linksBetween(
    scope: OperationScope,
    pairs: readonly (readonly [string, string])[],
    consent: ConsentParam,
    costOf: (personId: string) => number = () => 0,
    withRecords = false,
  ): Promise<CheckedLinks> {
    const wanted: Record<string, string[]> = {};
    const asked = new Set<string>();
    for (const [from, to] of pairs) {
      asked.add(`${from} ${to}`);
      const [near, far] = costOf(to) < costOf(from) ? [to, from] : [from, to];
      (wanted[near] ??= []).push(far);
    }
    const rows = await this.gateway.readStatement(scope, EXPAND, {
      lists: {
        personIds: Object.keys(wanted),
        endpointIds: [],
        onlyIds: [],
        usableIds: [],
        pairs: wanted,
      },
      consent,
      restricted: true,
      usableKnown: false,
      keepAll: true,
      withDegree: false,
      personUsable: true,
      withRecords,
    });
    const checked: CheckedLinks = { links: [], people: new Map(), interactions: new Map() };
    for (const row of rows) {
      const link = toExpandedLink(row);
      // Read from either end: the same facts, seen from each person asked about.
      const mirrored = { ...link, ...mirrorLink(link), otherUsable: row.personUsable === true };
      for (const each of [link, mirrored]) {
        if (asked.has(`${each.personId} ${each.otherId}`)) checked.links.push(each);
      }
      if (!withRecords) continue;
      for (const node of [row.personNode, row.otherNode]) {
        if (node !== null && typeof node === 'object') {
          const person = toPerson({ p: node });
          checked.people.set(person.id, person);
        }
      }
      if (row.latestRecord !== null && typeof row.latestRecord === 'object') {
        const interaction = toInteraction(row.latestRecord as CypherRow);
        checked.interactions.set(interaction.id, interaction);
      }
    }
    return checked;
  }

  /**
   * Every link of the given people, whoever the neighbour, and whether each of the people may be
   * used in a path: their complete current state, for the link index.
   */
  async linksOf(
    scope: OperationScope,
    personIds: readonly string[],
    consent: ConsentParam,
  ): Promise<{ links: ExpandedLink[]; usable: Map<string, boolean> }> {
    return this.gateway.read(scope, async (runner) => {
      const rows = await runner.run(EXPAND, {
        lists: { personIds, endpointIds: [], onlyIds: [], usableIds: [] },
        consent,
        restricted: false,
        usableKnown: false,
        keepAll: true,
        withDegree: false,
        personUsable: false,
        withRecords: false,
      });
      const people = await runner.run(USABLE, { personIds, consent });
      return {
        links: rows.map(toExpandedLink),
        usable: new Map(people.map((row) => [String(row.id), row.usable === true])),
      };
    });
  }

  /** A page of people in id order (after the last id of the page before), and their consent. */
  async peoplePage(
    scope: OperationScope,
    after: string,
    limit: number,
    consent: ConsentParam,
  ): Promise<{ id: string; usable: boolean }[]> {
    const rows = await this.gateway.readStatement(scope, PEOPLE_PAGE, {
      after,
      limit: cypherInt(limit),
      consent,
    });
    return rows.map((row) => ({ id: String(row.id), usable: row.usable === true }));
  }

  /**
   * The ties from the given people (with strength) and their follows (strength null): each tie
   * and each following once, when every person is asked once.
   */
  async tiesAndFollowsFrom(
    scope: OperationScope,
    personIds: readonly string[],
  ): Promise<{ personId: string; otherId: string; strength: number | null }[]> {
    const rows = await this.gateway.readStatement(scope, TIES_AND_FOLLOWS_FROM, { personIds });
    return rows.map((row) => ({
      personId: String(row.personId),
      otherId: String(row.other),
      strength: row.strength === null ? null : Number(row.strength),
    }));
  }

  /** A page of interactions in id order, each with when it happened and who took part. */
  async interactionsPage(
    scope: OperationScope,
    after: string,
    limit: number,
  ): Promise<{ id: string; occurredAt: string | null; people: string[] }[]> {
    const rows = await this.gateway.readStatement(scope, INTERACTIONS_PAGE, {
      after,
      limit: cypherInt(limit),
    });
    return rows.map((row) => ({
      id: String(row.id),
      occurredAt: typeof row.occurredAt === 'string' ? row.occurredAt : null,
      people: Array.isArray(row.people) ? row.people.map(String) : [],
    }));
  }

  /** The people who took part in each interaction (see SHARED_INTERACTIONS), by interaction. */
  async participants(
    scope: OperationScope,
    interactionIds: readonly string[],
  ): Promise<string[][]> {
    const rows = await this.gateway.readStatement(scope, PARTICIPANTS, { interactionIds });
    return rows.map((row) => (Array.isArray(row.people) ? row.people.map(String) : []));
  }

  /** The owners of the given accounts (accounts without one are left out). */
  async ownersOf(scope: OperationScope, accountIds: readonly string[]): Promise<string[]> {
    const rows = await this.gateway.readStatement(scope, OWNERS, { accountIds });
    return rows.map((row) => String(row.id));
  }
}
