import type { CypherRow, Neo4jGateway, OperationScope } from '../../core/neo4j/neo4j-gateway';
import { cypherInt } from '../../core/neo4j/neo4j-values';
import { RoleType } from '../roles/role.type';
import { Platform } from '../social-accounts/social-account.type';

/** Whose accounts: one of these is set (see ReachSubjectInput), the others are null or empty. */
export interface ReachSubject {
  personId: string | null;
  organizationId: string | null;
  campaignId: string | null;
  accountIds: string[] | null;
  handle: string | null;
}

/** The roles that make a person speak for an organization: their audience is its audience. */
export const MEMBER_ROLES: readonly RoleType[] = [
  RoleType.EMPLOYEE,
  RoleType.DECISION_MAKER,
  RoleType.CHAMPION,
  RoleType.JOURNALIST,
  RoleType.BLOGGER,
  RoleType.INFLUENCER,
];

/**
 * The subject's accounts (seeds), whether the subject exists, and the people who own the seeds:
 * they are not part of their own audience.
 */
const SUBJECT_SEEDS = `
  CALL () {
    MATCH (:Person {id: $personId})<-[:OWNED_BY]-(a:SocialAccount) RETURN a
    UNION
    MATCH (:Organization {id: $organizationId})<-[r:HAS_ROLE]-(:Person)<-[:OWNED_BY]-(a:SocialAccount)
    WHERE r.role IN $memberRoles AND (r.since IS NULL OR r.since <= date())
      AND (r.until IS NULL OR r.until >= date())
    RETURN a
    UNION
    MATCH (:Campaign {id: $campaignId})<-[:ABOUT]-(:Interaction)<-[:PERFORMED]-(actor)
    MATCH (actor)<-[:OWNED_BY*0..1]-(a:SocialAccount)
    RETURN a
    UNION
    UNWIND $accountIds AS accountId
    MATCH (a:SocialAccount {id: accountId}) RETURN a
    UNION
    UNWIND $platforms AS platform
    MATCH (a:SocialAccount {platform: platform, handle: $handle}) RETURN a
  }
  WITH collect(a) AS seeds
  WITH seeds, CASE
      WHEN $personId IS NOT NULL THEN EXISTS { MATCH (:Person {id: $personId}) }
      WHEN $organizationId IS NOT NULL THEN EXISTS { MATCH (:Organization {id: $organizationId}) }
      WHEN $campaignId IS NOT NULL THEN EXISTS { MATCH (:Campaign {id: $campaignId}) }
      WHEN $handle IS NOT NULL THEN size(seeds) > 0
      ELSE size(seeds) = size($accountIds) END AS found,
    COLLECT { UNWIND seeds AS seed MATCH (seed)-[:OWNED_BY]->(owner:Person) RETURN owner.id }
      AS subjectPeople`;

/** The seeds alone, for a breadth-first search elsewhere (the follower index). */
const SEEDS_ONLY = `${SUBJECT_SEEDS}
  RETURN found, [seed IN seeds | seed.id] AS seedIds, [seed IN seeds | seed.platform] AS seedPlatforms,
    subjectPeople`;

/**
 * The seeds' followers level by level (breadth-first, each account at the level it is first
 * reached), up to three levels. A level skipped by $maxHops is empty. Each reached account stands
 * for its owner, or for itself when nobody in the CRM owns it; the subject's own people are not
 * part of their audience. FollowerIndex.reached answers the same in memory: keep the two alike.
 */
const REACHED = `${SUBJECT_SEEDS}
  CALL (seeds) {
    UNWIND seeds AS account
    MATCH (account)<-[:FOLLOWS]-(follower:SocialAccount)
    WHERE NOT follower IN seeds
    RETURN collect(DISTINCT follower) AS level1
  }
  CALL (seeds, level1) {
    WITH seeds, level1 WHERE $maxHops >= 2
    UNWIND level1 AS account
    MATCH (account)<-[:FOLLOWS]-(follower:SocialAccount)
    WHERE NOT follower IN level1 AND NOT follower IN seeds
    RETURN collect(DISTINCT follower) AS level2
  }
  CALL (seeds, level1, level2) {
    WITH seeds, level1, level2 WHERE $maxHops >= 3
    UNWIND level2 AS account
    MATCH (account)<-[:FOLLOWS]-(follower:SocialAccount)
    WHERE NOT follower IN level2 AND NOT follower IN level1 AND NOT follower IN seeds
    RETURN collect(DISTINCT follower) AS level3
  }
  CALL (level1, level2, level3, subjectPeople) {
    UNWIND [[1, level1], [2, level2], [3, level3]] AS level
    UNWIND level[1] AS account
    OPTIONAL MATCH (account)-[:OWNED_BY]->(owner:Person)
    WITH account.platform AS platform, owner, account, level[0] AS hops
    WHERE owner IS NULL OR NOT owner.id IN subjectPeople
    WITH platform, coalesce('person:' + owner.id, 'account:' + account.id) AS who,
      owner IS NOT NULL AS known, min(hops) AS hops
    RETURN collect({platform: platform, who: who, known: known, hops: hops}) AS reached
  }`;

/**
 * Counts per platform and level, and across platforms with each person at their nearest level.
 * CALL, not COLLECT { }: a COLLECT subquery would group by the imported list, hashing it per row.
 */
const REACH_COUNTS = `${REACHED}
  CALL (reached) {
    UNWIND reached AS r
    WITH r.platform AS platform, r.hops AS hops, count(*) AS people,
      count(CASE WHEN r.known THEN 1 END) AS identified
    RETURN collect({platform: platform, hops: hops, people: people, identified: identified})
      AS perPlatform
  }
  CALL (reached) {
    UNWIND reached AS r
    WITH r.who AS who, min(r.hops) AS hops, max(CASE WHEN r.known THEN 1 ELSE 0 END) AS known
    WITH hops, count(*) AS people, sum(known) AS identified
    RETURN collect({hops: hops, people: people, identified: identified}) AS totals
  }
  RETURN found, [seed IN seeds | seed.platform] AS subjectPlatforms, perPlatform, totals`;

/** Who is reached, per platform: for comparing two audiences. */
const REACHED_PEOPLE = `${REACHED}
  CALL (reached) {
    UNWIND reached AS r
    WITH r.platform AS platform, collect(r.who) AS people
    RETURN collect({platform: platform, people: people}) AS perPlatform
  }
  RETURN found, perPlatform`;

export interface LevelCount {
  hops: number;
  people: number;
  identified: number;
}

export interface ReachCounts {
  found: boolean;
  subjectPlatforms: Platform[];
  perPlatform: (LevelCount & { platform: Platform })[];
  totals: LevelCount[];
}

/** A subject resolved to its accounts, without the search: see SEEDS_ONLY. */
export interface SubjectSeeds {
  found: boolean;
  seeds: { id: string; platform: Platform }[];
  subjectPeople: string[];
}

export interface ReachedPeople {
  found: boolean;
  perPlatform: { platform: Platform; people: string[] }[];
}

function paramsOf(subject: ReachSubject, maxHops: number) {
  return {
    ...subject,
    accountIds: subject.accountIds ?? [],
    platforms: subject.handle === null ? [] : Object.values(Platform),
    memberRoles: [...MEMBER_ROLES],
    maxHops: cypherInt(maxHops),
  };
}

function textList(row: CypherRow | undefined, column: string): string[] {
  const value = row?.[column];
  return Array.isArray(value) ? value.map(String) : [];
}

function levelCount(value: unknown): LevelCount {
  const row = value as Record<string, unknown>;
  return {
    hops: Number(row.hops),
    people: Number(row.people),
    identified: Number(row.identified),
  };
}

function listOf(row: CypherRow | undefined, column: string): Record<string, unknown>[] {
  const value = row?.[column];
  return Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
}

export class ReachRepository {
  constructor(private readonly gateway: Neo4jGateway) {}

  async counts(
    scope: OperationScope,
    subject: ReachSubject,
    maxHops: number,
  ): Promise<ReachCounts> {
    const rows = await this.gateway.readStatement(scope, REACH_COUNTS, paramsOf(subject, maxHops));
    const row = rows[0];
    return {
      found: row?.found === true,
      subjectPlatforms: Array.isArray(row?.subjectPlatforms)
        ? (row.subjectPlatforms as Platform[])
        : [],
      perPlatform: listOf(row, 'perPlatform').map((entry) => ({
        ...levelCount(entry),
        platform: entry.platform as Platform,
      })),
      totals: listOf(row, 'totals').map(levelCount),
    };
  }

  async people(
    scope: OperationScope,
    subject: ReachSubject,
    maxHops: number,
  ): Promise<ReachedPeople> {
    const rows = await this.gateway.readStatement(
      scope,
      REACHED_PEOPLE,
      paramsOf(subject, maxHops),
    );
    const row = rows[0];
    return {
      found: row?.found === true,
      perPlatform: listOf(row, 'perPlatform').map((entry) => ({
        platform: entry.platform as Platform,
        people: Array.isArray(entry.people) ? entry.people.map(String) : [],
      })),
    };
  }

  /** One round trip: the subject's accounts and owners, for a search in the follower index. */
  async seeds(scope: OperationScope, subject: ReachSubject): Promise<SubjectSeeds> {
    const rows = await this.gateway.readStatement(scope, SEEDS_ONLY, paramsOf(subject, 1));
    const row = rows[0];
    const ids = textList(row, 'seedIds');
    const platforms = textList(row, 'seedPlatforms') as Platform[];
    return {
      found: row?.found === true,
      seeds: ids.map((id, index) => ({ id, platform: platforms[index] as Platform })),
      subjectPeople: textList(row, 'subjectPeople'),
    };
  }
}
