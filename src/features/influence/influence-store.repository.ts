import type { Neo4jGateway, OperationScope } from '../../core/neo4j/neo4j-gateway';
import { CATALOG_LABELS } from '../catalog/catalog.type';
import { consentAllows } from '../consent/consent-policy';
import type { InfluenceEngineKind } from './influence-engine';
import type { InfluenceSubject } from './influence-graph';
import type { InfluenceComponents } from './influence-scoring';

/** One person's overall influence as stored on the Person node. */
export interface StoredPersonInfluence {
  personId: string;
  score: number;
  components: InfluenceComponents;
  communityId: string | null;
}

/** One person's influence about one subject, stored on an INFLUENTIAL_ON relationship. */
export interface StoredSubjectInfluence {
  personId: string;
  score: number;
  components: InfluenceComponents;
}

export interface StoredCommunity {
  id: string;
  rank: number;
  size: number;
  subjects: { subject: InfluenceSubject; interactions: number; share: number }[];
}

/** What a finished recompute records about itself. */
export interface RecomputeRecord {
  computedAt: string;
  engine: InfluenceEngineKind;
  peopleScored: number;
  subjectScores: number;
  communities: number;
  modularity: number;
  nodeCount: number;
  relationshipCount: number;
  durationMs: number;
}

/** Rows per write transaction: fewer, larger commits are cheaper. */
const WRITE_BATCH = 20_000;

/**
 * Rows in person-id order: the recompute writes people and subjects in parallel transactions, and
 * when each takes its locks in the same order, neither waits for a lock the other waits on.
 */
function byPersonId<T extends { personId: string }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0));
}
/**
 * A running recompute renews its lease well before it runs out; a crashed one blocks the next for
 * at most this long.
 */
export const LEASE_SECONDS = 120;

/** Person properties the recompute owns; the 360° view reads `influenceScore`. */
function personProperties(row: StoredPersonInfluence): Record<string, number | string | null> {
  const c = row.components;
  return {
    influenceScore: row.score,
    influenceCentrality: c.centrality,
    influencePageRank: c.pageRank,
    influenceReachScore: c.reachScore,
    influenceReach: c.reach,
    influenceReportedFollowers: c.reportedFollowers,
    influenceKnownFollowers: c.knownFollowers,
    influenceDuplicateFollows: c.duplicateFollows,
    influenceAccounts: c.accounts,
    influenceAmplificationScore: c.amplificationScore,
    influenceAmplification: c.amplification,
    influenceAmplifiedCount: c.amplifiedCount,
    communityId: row.communityId,
  };
}

/** The same on INFLUENTIAL_ON; reach and accounts are the person's and stay on the Person. */
function subjectProperties(row: StoredSubjectInfluence): Record<string, number> {
  const c = row.components;
  return {
    score: row.score,
    centrality: c.centrality,
    pageRank: c.pageRank,
    reachScore: c.reachScore,
    amplificationScore: c.amplificationScore,
    amplification: c.amplification,
    amplifiedCount: c.amplifiedCount,
  };
}

const PERSON_PROPERTY_NAMES = Object.keys(
  personProperties({
    personId: '',
    score: 0,
    communityId: null,
    components: {
      centrality: 0,
      pageRank: 0,
      reachScore: 0,
      reach: 0,
      reportedFollowers: 0,
      knownFollowers: 0,
      duplicateFollows: 0,
      accounts: 0,
      amplificationScore: 0,
      amplification: 0,
      amplifiedCount: 0,
    },
  }),
);

// The lease keeps two recomputes (two instances, or a mutation during the interval run) from
// interleaving their writes. SET before reading takes the node's write lock, so a second
// transaction reads the lease only after the first has committed it.
/**
 * Forgets a person's stored influence (overall, per topic and product, community) unless consent
 * still allows profiling ($consent, a ConsentParam for PROFILING). The consent service runs it in
 * the transaction that withdraws PROFILING: a score is personal data derived by profiling, and it
 * goes with the consent, not at the next recompute.
 */
export const FORGET_STORED_INFLUENCE = `
  MATCH (p:Person {id: $personId})
  WHERE NOT ${consentAllows('p', 'consent')}
  REMOVE ${PERSON_PROPERTY_NAMES.map((name) => `p.${name}`).join(', ')}, p.influenceComputedAt
  WITH p
  OPTIONAL MATCH (p)-[score:INFLUENTIAL_ON]->()
  DELETE score`;

const ACQUIRE_LEASE = `
  MERGE (job:InfluenceComputation {id: 'influence'})
  SET job.leaseCheckedAt = datetime()
  WITH job, job.leaseUntil IS NULL OR job.leaseUntil < datetime() AS free
  FOREACH (_ IN CASE WHEN free THEN [1] ELSE [] END |
    SET job.leaseToken = $token, job.leaseUntil = datetime() + duration({seconds: $leaseSeconds}))
  RETURN free AS acquired`;

const RENEW_LEASE = `
  MATCH (job:InfluenceComputation {id: 'influence'})
  WHERE job.leaseToken = $token
  SET job.leaseUntil = datetime() + duration({seconds: $leaseSeconds})`;

const RELEASE_LEASE = `
  MATCH (job:InfluenceComputation {id: 'influence'})
  WHERE job.leaseToken = $token
  SET job.leaseToken = null, job.leaseUntil = null`;

const RECORD_RUN = `
  MATCH (job:InfluenceComputation {id: 'influence'})
  WHERE job.leaseToken = $token
  SET job.lastComputedAt = datetime($run.computedAt), job.lastEngine = $run.engine,
      job.lastPeopleScored = $run.peopleScored, job.lastSubjectScores = $run.subjectScores,
      job.lastCommunities = $run.communities, job.lastModularity = $run.modularity,
      job.lastNodeCount = $run.nodeCount, job.lastRelationshipCount = $run.relationshipCount,
      job.lastDurationMs = $run.durationMs`;

const WRITE_PEOPLE = `
  UNWIND $rows AS row
  MATCH (p:Person {id: row.personId})
  SET p += row.properties, p.influenceComputedAt = datetime($computedAt)`;

// Everyone scored by an earlier run and not by this one: no consent any more, merged, deleted
// from the network. Their scores go, so that only people who may be profiled carry one.
const REMOVE_STALE_PEOPLE = `
  MATCH (p:Person)
  WHERE p.influenceScore IS NOT NULL AND p.influenceComputedAt <> datetime($computedAt)
  REMOVE ${PERSON_PROPERTY_NAMES.map((name) => `p.${name}`).join(', ')}, p.influenceComputedAt
  RETURN count(p) AS removed`;

// Existing scores about the subject are updated in place and new ones created: deleting and
// recreating them all costs five times as much on a topic with hundreds of thousands of
// relationships. Scores this run did not write are removed afterwards (REMOVE_STALE_SUBJECT_SCORES).
function writeSubjectQuery(label: string): string {
  return `
    MATCH (s:${label} {id: $subjectId})
    UNWIND $rows AS row
    MATCH (p:Person {id: row.personId})
    OPTIONAL MATCH (p)-[existing:INFLUENTIAL_ON]->(s)
    CALL (p, s, existing, row) {
      WITH p, s, row WHERE existing IS NULL
      CREATE (p)-[created:INFLUENTIAL_ON]->(s)
      SET created = row.properties, created.subjectId = s.id,
          created.computedAt = datetime($computedAt)
    }
    SET existing += row.properties, existing.computedAt = datetime($computedAt)`;
}

const WRITE_SUBJECT: Readonly<Record<InfluenceSubject['kind'], string>> = {
  Topic: writeSubjectQuery(CATALOG_LABELS.Topic),
  Product: writeSubjectQuery(CATALOG_LABELS.Product),
};

// Scores of people this run did not score about a subject (no consent any more, no longer engaged).
const REMOVE_STALE_SUBJECT_SCORES = `
  MATCH (:Person)-[r:INFLUENTIAL_ON]->()
  WHERE r.computedAt <> datetime($computedAt)
  DELETE r`;

const WRITE_COMMUNITIES = `
  UNWIND $communities AS row
  MERGE (c:Community {id: row.id})
  SET c.rank = row.rank, c.size = row.size, c.computedAt = datetime($computedAt)
  WITH c, row
  CALL (c) {
    MATCH (c)-[d:DISCUSSES]->()
    DELETE d
  }
  CALL (c, row) {
    UNWIND row.subjects AS discussed
    OPTIONAL MATCH (topic:Topic {id: discussed.id}) WHERE discussed.kind = 'Topic'
    OPTIONAL MATCH (product:Product {id: discussed.id}) WHERE discussed.kind = 'Product'
    WITH c, discussed, coalesce(topic, product) AS s
    WHERE s IS NOT NULL
    CREATE (c)-[:DISCUSSES {rank: discussed.rank, interactions: discussed.interactions,
                             share: discussed.share}]->(s)
  }`;

const REMOVE_STALE_COMMUNITIES = `
  MATCH (c:Community)
  WHERE c.computedAt <> datetime($computedAt)
  DETACH DELETE c`;

/** The Cypher of a recompute's write side: scores, communities and the run's own record. */
export class InfluenceStoreRepository {
  constructor(private readonly gateway: Neo4jGateway) {}

  async acquireLease(scope: OperationScope, token: string): Promise<boolean> {
    const rows = await this.gateway.write(scope, (runner) =>
      runner.run(ACQUIRE_LEASE, { token, leaseSeconds: LEASE_SECONDS }),
    );
    return rows[0]?.acquired === true;
  }

  async renewLease(scope: OperationScope, token: string): Promise<void> {
    await this.gateway.write(scope, (runner) =>
      runner.run(RENEW_LEASE, { token, leaseSeconds: LEASE_SECONDS }),
    );
  }

  async releaseLease(scope: OperationScope, token: string): Promise<void> {
    await this.gateway.write(scope, (runner) => runner.run(RELEASE_LEASE, { token }));
  }

  async recordRun(scope: OperationScope, token: string, run: RecomputeRecord): Promise<void> {
    await this.gateway.write(scope, (runner) => runner.run(RECORD_RUN, { token, run }));
  }

  /** Writes overall scores and removes those of everyone this run did not score. */
  async writePeople(
    scope: OperationScope,
    computedAt: string,
    people: readonly StoredPersonInfluence[],
  ): Promise<number> {
    const ordered = byPersonId(people);
    for (let start = 0; start < ordered.length; start += WRITE_BATCH) {
      const rows = ordered.slice(start, start + WRITE_BATCH).map((row) => ({
        personId: row.personId,
        properties: personProperties(row),
      }));
      await this.gateway.write(scope, (runner) => runner.run(WRITE_PEOPLE, { rows, computedAt }));
    }
    const removed = await this.gateway.write(scope, (runner) =>
      runner.run(REMOVE_STALE_PEOPLE, { computedAt }),
    );
    return Number(removed[0]?.removed ?? 0);
  }

  /** Writes the scores about one subject (in one transaction). */
  async writeSubjectScores(
    scope: OperationScope,
    computedAt: string,
    subject: InfluenceSubject,
    scores: readonly StoredSubjectInfluence[],
  ): Promise<void> {
    if (scores.length === 0) return;
    const rows = byPersonId(scores).map((row) => ({
      personId: row.personId,
      properties: subjectProperties(row),
    }));
    await this.gateway.write(scope, (runner) =>
      runner.run(WRITE_SUBJECT[subject.kind], { subjectId: subject.id, rows, computedAt }),
    );
  }

  /** Removes the scores about any subject that this run did not write. */
  async removeStaleSubjectScores(scope: OperationScope, computedAt: string): Promise<void> {
    await this.gateway.write(scope, (runner) =>
      runner.run(REMOVE_STALE_SUBJECT_SCORES, { computedAt }),
    );
  }

  async writeCommunities(
    scope: OperationScope,
    computedAt: string,
    communities: readonly StoredCommunity[],
  ): Promise<void> {
    const rows = communities.map((community) => ({
      id: community.id,
      rank: community.rank,
      size: community.size,
      subjects: community.subjects.map((entry, index) => ({
        id: entry.subject.id,
        kind: entry.subject.kind,
        rank: index + 1,
        interactions: entry.interactions,
        share: entry.share,
      })),
    }));
    await this.gateway.write(scope, async (runner) => {
      await runner.run(WRITE_COMMUNITIES, { communities: rows, computedAt });
      await runner.run(REMOVE_STALE_COMMUNITIES, { computedAt });
    });
  }
}
