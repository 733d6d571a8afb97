import type { CypherRunner, Neo4jGateway, OperationScope } from '../../core/neo4j/neo4j-gateway';

export interface ErasureOutcome {
  pseudonym: string;
  alreadyErased: boolean;
  erasedRecords: number;
  deletedAccounts: number;
  deletedInteractions: number;
  keptOrders: number;
  scrubbedProperties: number;
}

const PREVIOUS = `MATCH (e:ErasureRecord {pseudonym: $pseudonym}) RETURN properties(e) AS done`;

// The person, the records merged into them, and what identifies them: the needles to scrub.
const GATHER = `
  MATCH (p:Person {id: $personId})
  OPTIONAL MATCH (m:MergedPerson)-[:MERGED_INTO]->(p)
  WITH p, collect(m) AS merged
  WITH [p] + merged AS records
  OPTIONAL MATCH (a:SocialAccount)-[:OWNED_BY]->(r) WHERE r IN records
  WITH records, collect(DISTINCT a) AS accounts
  RETURN [r IN records | r.id] AS recordIds, [a IN accounts | a.id] AS accountIds,
         [r IN records | r.name] + [r IN records | r.email] + [r IN records | r.phone]
         + [a IN accounts | a.handle] + [a IN accounts | a.displayName] + [a IN accounts | a.url]
         AS identifiers`;

// Orders stay (bookkeeping law) but belong to a pseudonym from now on; every other interaction of
// the person or their accounts goes, and so do the accounts, consents, external keys only they
// carry, and the person records with all their ties, roles and links.
const ERASE = `
  MATCH (r) WHERE (r:Person OR r:MergedPerson) AND r.id IN $recordIds
  WITH collect(r) AS records
  OPTIONAL MATCH (a:SocialAccount) WHERE a.id IN $accountIds
  WITH records, collect(a) AS accounts
  MERGE (x:ErasedPerson {id: $pseudonym}) ON CREATE SET x.erasedAt = datetime()
  WITH records, accounts, x
  CALL (records, accounts, x) {
    OPTIONAL MATCH (actor)-[:PERFORMED]->(o:Interaction {kind: 'ORDER'})
    WHERE actor IN records OR actor IN accounts
    WITH x, collect(DISTINCT o) AS orders
    FOREACH (o IN orders | MERGE (x)-[:PERFORMED]->(o))
    RETURN size(orders) AS keptOrders
  }
  CALL (records, accounts) {
    OPTIONAL MATCH (actor)-[:PERFORMED]->(i:Interaction)
    WHERE (actor IN records OR actor IN accounts) AND i.kind <> 'ORDER'
    WITH collect(DISTINCT i) AS gone
    FOREACH (i IN gone | DETACH DELETE i)
    RETURN size(gone) AS deletedInteractions
  }
  CALL (records) {
    OPTIONAL MATCH (r)-[:GAVE]->(c:Consent) WHERE r IN records
    WITH collect(DISTINCT c) AS consents
    FOREACH (c IN consents | DETACH DELETE c)
    RETURN size(consents) AS deletedConsents
  }
  CALL (records) {
    OPTIONAL MATCH (k:ExternalKey)-[:IDENTIFIES]->(r) WHERE r IN records
      AND NOT EXISTS { (k)-[:IDENTIFIES]->(other) WHERE NOT other IN records }
    WITH collect(DISTINCT k) AS keys
    FOREACH (k IN keys | DETACH DELETE k)
    RETURN size(keys) AS deletedKeys
  }
  WITH records, accounts, keptOrders, deletedInteractions
  FOREACH (a IN accounts | DETACH DELETE a)
  FOREACH (r IN records | DETACH DELETE r)
  RETURN size(records) AS erasedRecords, size(accounts) AS deletedAccounts,
         keptOrders, deletedInteractions`;

const PSEUDONYMIZE_AUDIT = `
  MATCH (a:AuditEntry) WHERE any(id IN a.subjectIds WHERE id IN $recordIds)
  SET a.subjectIds = [id IN a.subjectIds | CASE WHEN id IN $recordIds THEN $pseudonym ELSE id END]`;

// Any string property anywhere that still names the person (a post that quotes their handle, an
// order note with their name). A full scan: erasures are rare, and completeness is the point.
const FIND_TRACES = `
  CALL () {
    MATCH (n)
    WHERE any(key IN keys(n) WHERE n[key] IS :: STRING
              AND any(needle IN $needles WHERE toLower(n[key]) CONTAINS needle))
    RETURN elementId(n) AS elementId, properties(n) AS properties, false AS relationship
    UNION ALL
    MATCH ()-[n]->()
    WHERE any(key IN keys(n) WHERE n[key] IS :: STRING
              AND any(needle IN $needles WHERE toLower(n[key]) CONTAINS needle))
    RETURN elementId(n) AS elementId, properties(n) AS properties, true AS relationship
  }
  RETURN elementId, properties, relationship`;

const SCRUB_NODES = `
  UNWIND $changes AS change
  MATCH (n) WHERE elementId(n) = change.elementId
  SET n += change.properties`;

const SCRUB_RELATIONSHIPS = `
  UNWIND $changes AS change
  MATCH ()-[n]->() WHERE elementId(n) = change.elementId
  SET n += change.properties`;

const RECORD = `
  CREATE (:ErasureRecord {pseudonym: $pseudonym, erasedAt: datetime(), requestedBy: $requestedBy,
    reason: $reason, erasedRecords: $outcome.erasedRecords, deletedAccounts: $outcome.deletedAccounts,
    deletedInteractions: $outcome.deletedInteractions, keptOrders: $outcome.keptOrders,
    scrubbedProperties: $outcome.scrubbedProperties})`;

const REPLACEMENT = '[erased]';
/** Shorter identifiers (a locale, an initial) would scrub unrelated text. */
const MIN_NEEDLE_LENGTH = 4;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Replaces every needle in every string property; returns only the properties that changed. */
export function scrubbed(
  properties: Record<string, unknown>,
  needles: readonly string[],
): Record<string, string> {
  const pattern = new RegExp(needles.map(escapeRegExp).join('|'), 'gi');
  const changes: Record<string, string> = {};
  for (const [key, value] of Object.entries(properties)) {
    if (typeof value !== 'string') continue;
    const clean = value.replace(pattern, REPLACEMENT);
    if (clean !== value) changes[key] = clean;
  }
  return changes;
}

export class ErasureRepository {
  constructor(private readonly gateway: Neo4jGateway) {}

  /** Null when there is no such person and no erasure under this pseudonym either. */
  erase(
    scope: OperationScope,
    request: { personId: string; pseudonym: string; requestedBy: string; reason: string },
  ): Promise<ErasureOutcome | null> {
    return this.gateway.write(scope, async (runner) => {
      const [gathered] = await runner.run(GATHER, { personId: request.personId });
      if (gathered === undefined) {
        const [previous] = await runner.run(PREVIOUS, { pseudonym: request.pseudonym });
        if (previous === undefined) return null;
        const done = previous.done as Record<string, number>;
        return { ...this.counts(done), pseudonym: request.pseudonym, alreadyErased: true };
      }
      const recordIds = gathered.recordIds as string[];
      const needles = [
        ...new Set(
          (gathered.identifiers as Array<string | null>)
            .filter((value): value is string => typeof value === 'string')
            .map((value) => value.trim().toLowerCase())
            .filter((value) => value.length >= MIN_NEEDLE_LENGTH),
        ),
      ];
      const [erased] = await runner.run(ERASE, {
        recordIds,
        accountIds: gathered.accountIds,
        pseudonym: request.pseudonym,
      });
      await runner.run(PSEUDONYMIZE_AUDIT, { recordIds, pseudonym: request.pseudonym });
      const scrubbedProperties = await this.scrub(runner, needles);
      const outcome: ErasureOutcome = {
        pseudonym: request.pseudonym,
        alreadyErased: false,
        erasedRecords: Number(erased?.erasedRecords ?? 0),
        deletedAccounts: Number(erased?.deletedAccounts ?? 0),
        deletedInteractions: Number(erased?.deletedInteractions ?? 0),
        keptOrders: Number(erased?.keptOrders ?? 0),
        scrubbedProperties,
      };
      await runner.run(RECORD, {
        pseudonym: request.pseudonym,
        requestedBy: request.requestedBy,
        reason: request.reason,
        outcome,
      });
      return outcome;
    });
  }

  private async scrub(runner: CypherRunner, needles: readonly string[]): Promise<number> {
    if (needles.length === 0) return 0;
    const traces = await runner.run(FIND_TRACES, { needles });
    const changes = traces.map((trace) => ({
      elementId: String(trace.elementId),
      relationship: trace.relationship === true,
      properties: scrubbed(trace.properties as Record<string, unknown>, needles),
    }));
    const nodes = changes.filter((change) => !change.relationship);
    const relationships = changes.filter((change) => change.relationship);
    if (nodes.length > 0) await runner.run(SCRUB_NODES, { changes: nodes });
    if (relationships.length > 0) await runner.run(SCRUB_RELATIONSHIPS, { changes: relationships });
    return changes.reduce((sum, change) => sum + Object.keys(change.properties).length, 0);
  }

  private counts(done: Record<string, number>) {
    return {
      erasedRecords: Number(done.erasedRecords ?? 0),
      deletedAccounts: Number(done.deletedAccounts ?? 0),
      deletedInteractions: Number(done.deletedInteractions ?? 0),
      keptOrders: Number(done.keptOrders ?? 0),
      scrubbedProperties: Number(done.scrubbedProperties ?? 0),
    };
  }
}
