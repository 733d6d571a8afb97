import type {
  CypherRow,
  CypherRunner,
  Neo4jGateway,
  OperationScope,
} from '../../core/neo4j/neo4j-gateway';
import { OWN_ORGANIZATION_ID } from '../organizations/organization.repository';
import { TIE_RELATIONSHIPS, TieType } from '../ties/tie.type';
import type {
  AccountImportRow,
  FollowImportRow,
  InteractionImportRow,
  OrganizationImportRow,
  PersonImportRow,
  RoleImportRow,
  TieImportRow,
} from './import-record';

/** A row of a batch that the database could not place, e.g. because a named person is unknown. */
export interface UnplacedRow {
  line: number;
  reason: string;
}

/**
 * True when a value in the map differs from the entity's property (absent and null are equal).
 * Writing `updatedAt` only then is what makes a repeated import change nothing at all.
 */
function differs(entity: string, properties: string): string {
  return `any(key IN keys(${properties}) WHERE NOT coalesce(
    ${entity}[key] = ${properties}[key], ${entity}[key] IS NULL AND ${properties}[key] IS NULL))`;
}

/** Sets the properties, and `updatedAt` only when one of them changed; `carry` stays in scope. */
function setChanged(entity: string, properties: string, carry: readonly string[] = []): string {
  return `
    WITH ${[entity, properties, ...carry].join(', ')}, ${differs(entity, properties)} AS changed
    SET ${entity} += ${properties},
        ${entity}.updatedAt = CASE WHEN changed OR ${entity}.updatedAt IS NULL
                              THEN datetime() ELSE ${entity}.updatedAt END`;
}

// Every query below takes a batch as $rows and runs as one transaction, so a batch lands whole or
// not at all. Keys MERGE on uniqueness constraints (ExternalKey.key, SocialAccount platform +
// handle, Interaction platform + postId, Topic.name): repeated rows, re-runs and concurrent
// imports find the node instead of adding a second one. MERGE sees the rows before it in the same
// batch; where a row must first look for an existing relationship (roles) the work runs in a
// per-row CALL so that it sees them too.

function keyedNodeUpsert(label: 'Person' | 'Organization'): string {
  return `
  UNWIND $rows AS row
  MERGE (k:ExternalKey {key: row.key})
    ON CREATE SET k.system = row.system, k.externalId = row.externalId
  MERGE (k)-[:IDENTIFIES]->(n:${label})
    ON CREATE SET n.id = randomUUID(), n.createdAt = datetime()
  WITH n, row.properties AS properties
  ${setChanged('n', 'properties')}`;
}

const UPSERT_PERSONS = keyedNodeUpsert('Person');
const UPSERT_ORGANIZATIONS = keyedNodeUpsert('Organization');

// Given account values overwrite, missing ones stay (as in upsertSocialAccount). An account has
// at most one owner: a named owner replaces the previous one.
// The hint keeps the owner lookup a seek: planned right after the persons of a first import, the
// query scanned the whole key index once per row (PROFILE: 4M rows for 2,000 accounts).
const UPSERT_ACCOUNTS = `
  UNWIND $rows AS row
  OPTIONAL MATCH (ownerKey:ExternalKey {key: row.ownerKey})-[:IDENTIFIES]->(owner:Person)
    USING INDEX ownerKey:ExternalKey(key)
  CALL (row, owner) {
    WITH row, owner WHERE row.ownerKey IS NULL OR owner IS NOT NULL
    MERGE (a:SocialAccount {platform: row.platform, handle: row.handle})
      ON CREATE SET a.id = randomUUID(), a.createdAt = datetime(), a.followers = 0
    WITH a, owner, {
      displayName: coalesce(row.displayName, a.displayName),
      followers: coalesce(toInteger(row.followers), a.followers),
      url: coalesce(row.url, a.url)
    } AS properties
    ${setChanged('a', 'properties', ['owner'])}
    WITH a, owner WHERE owner IS NOT NULL
    OPTIONAL MATCH (a)-[previous:OWNED_BY]->(other:Person) WHERE other <> owner
    DELETE previous
    WITH DISTINCT a, owner
    MERGE (a)-[link:OWNED_BY]->(owner)
      ON CREATE SET link.since = datetime(), link.confidence = 1.0, link.source = 'import'
  }
  WITH row, owner WHERE row.ownerKey IS NOT NULL AND owner IS NULL
  RETURN row.line AS line, 'owner: no person with key ' + row.ownerKey AS reason`;

const ENSURE_OWN_ORGANIZATION = `
  MERGE (o:Organization {id: $id})
    ON CREATE SET o.name = $name, o.kind = 'COMPANY', o.isOwnOrganization = true,
                  o.createdAt = datetime(), o.updatedAt = datetime()`;

// Idempotent on (person, organization, role, since), like addRole. Re-writing the person's
// updatedAt to itself takes the person's write lock, so concurrent imports of the same role wait
// for each other instead of adding it twice, and the value stays as it was. The existing role is
// found by expanding from the person: with the role in the pattern, the planner sought every
// HAS_ROLE of that role through the index and filtered them (PROFILE: 2M rows for 2,000 roles).
const UPSERT_ROLES = `
  UNWIND $rows AS row
  OPTIONAL MATCH (:ExternalKey {key: row.personKey})-[:IDENTIFIES]->(p:Person)
  OPTIONAL MATCH (:ExternalKey {key: row.organizationKey})-[:IDENTIFIES]->(keyed:Organization)
  OPTIONAL MATCH (own:Organization {id: $ownOrganizationId}) WHERE row.organizationKey IS NULL
  WITH row, p, coalesce(keyed, own) AS o
  CALL (row, p, o) {
    WITH row, p, o WHERE p IS NOT NULL AND o IS NOT NULL
    SET p.updatedAt = p.updatedAt
    WITH row, p, o
    WITH row, p, o, head([
      existing IN [(p)-[candidate:HAS_ROLE]->(o) | candidate]
      WHERE existing.role = row.role
        AND coalesce(existing.since, date('0001-01-01')) = coalesce(date(row.since), date('0001-01-01'))
    ]) AS existing
    CALL (row, p, o, existing) {
      WITH row, p, o, existing WHERE existing IS NULL
      CREATE (p)-[r:HAS_ROLE {id: randomUUID(), role: row.role}]->(o)
      SET r.since = date(row.since), r.createdAt = datetime()
      RETURN r
      UNION
      WITH existing WHERE existing IS NOT NULL
      RETURN existing AS r
    }
    WITH r, {until: date(row.until), source: row.source} AS properties
    ${setChanged('r', 'properties')}
  }
  WITH row, p, o WHERE p IS NULL OR o IS NULL
  RETURN row.line AS line,
         CASE WHEN p IS NULL THEN 'person: no person with key ' + row.personKey
              ELSE 'organization: no organization with key ' + row.organizationKey END AS reason`;

// One tie per type and direction between two people: MERGE locks both, so a repeated row updates
// the one tie. The type reaches the text only through the TIE_RELATIONSHIPS allow-list.
function upsertTiesQuery(relationship: string): string {
  return `
  UNWIND $rows AS row
  OPTIONAL MATCH (:ExternalKey {key: row.fromKey})-[:IDENTIFIES]->(a:Person)
  OPTIONAL MATCH (:ExternalKey {key: row.toKey})-[:IDENTIFIES]->(b:Person)
  CALL (row, a, b) {
    WITH row, a, b WHERE a IS NOT NULL AND b IS NOT NULL AND a <> b
    MERGE (a)-[t:${relationship}]->(b)
      ON CREATE SET t.id = randomUUID(), t.createdAt = datetime()
    WITH t, {strength: row.strength, since: date(row.since), source: row.source} AS properties
    ${setChanged('t', 'properties')}
  }
  WITH row, a, b WHERE a IS NULL OR b IS NULL OR a = b
  RETURN row.line AS line,
         CASE WHEN a IS NULL THEN 'from: no person with key ' + row.fromKey
              WHEN b IS NULL THEN 'to: no person with key ' + row.toKey
              ELSE 'from and to are the same person' END AS reason`;
}

const UPSERT_TIES: Readonly<Record<TieType, string>> = Object.fromEntries(
  Object.values(TieType).map((type) => [type, upsertTiesQuery(TIE_RELATIONSHIPS[type])]),
) as Record<TieType, string>;

const UPSERT_FOLLOWS = `
  UNWIND $rows AS row
  OPTIONAL MATCH (follower:SocialAccount {platform: row.followerPlatform, handle: row.followerHandle})
  OPTIONAL MATCH (followed:SocialAccount {platform: row.followedPlatform, handle: row.followedHandle})
  CALL (row, follower, followed) {
    WITH row, follower, followed WHERE follower IS NOT NULL AND followed IS NOT NULL
    MERGE (follower)-[f:FOLLOWS]->(followed)
      ON CREATE SET f.since = coalesce(datetime(row.since), datetime())
    SET f.since = coalesce(datetime(row.since), f.since)
  }
  WITH row, follower, followed WHERE follower IS NULL OR followed IS NULL
  RETURN row.line AS line,
         CASE WHEN follower IS NULL
              THEN 'follower: no ' + row.followerPlatform + ' account @' + row.followerHandle
              ELSE 'followed: no ' + row.followedPlatform + ' account @' + row.followedHandle
         END AS reason`;

// References are all looked up before anything is written, so a row naming an unknown product or
// person writes nothing. The upsert key is (platform, postId) for posts, else an ExternalKey that
// IDENTIFIES the interaction. Links are MERGEd: importing again adds none, and none are removed;
// the performer is replaced, as in recordInteraction.
const UPSERT_INTERACTIONS = `
  UNWIND $rows AS row
  OPTIONAL MATCH (:ExternalKey {key: row.performerKey})-[:IDENTIFIES]->(person:Person)
  OPTIONAL MATCH (account:SocialAccount {platform: row.performerPlatform, handle: row.performerHandle})
  WITH row, coalesce(person, account) AS performer,
       COLLECT { MATCH (n:Product) WHERE n.id IN row.productIds RETURN n } AS products,
       COLLECT {
         UNWIND row.mentionKeys AS key
         MATCH (:ExternalKey {key: key})-[:IDENTIFIES]->(n:Person)
         RETURN DISTINCT n
       } AS mentionedPeople,
       COLLECT {
         UNWIND row.mentionAccounts AS ref
         MATCH (n:SocialAccount {platform: ref.platform, handle: ref.handle})
         RETURN n
       } AS mentionedAccounts
  WITH row, performer, products, mentionedPeople + mentionedAccounts AS mentioned,
       CASE
         WHEN performer IS NULL THEN 'performer: no ' + row.performerLabel
         WHEN size(products) < size(row.productIds) THEN 'productIds: unknown product'
         WHEN size(mentionedPeople) < size(row.mentionKeys) THEN 'mentions: unknown person'
         WHEN size(mentionedAccounts) < size(row.mentionAccounts) THEN 'mentions: unknown account'
       END AS reason
  CALL (row, performer, products, mentioned, reason) {
    WITH row, performer, products, mentioned WHERE reason IS NULL
    CALL (row) {
      WITH row WHERE row.postId IS NOT NULL
      MERGE (i:Interaction {platform: row.platform, postId: row.postId})
        ON CREATE SET i.id = randomUUID(), i.createdAt = datetime()
      RETURN i
      UNION
      WITH row WHERE row.postId IS NULL
      MERGE (k:ExternalKey {key: row.key})
        ON CREATE SET k.system = row.system, k.externalId = row.externalId
      MERGE (k)-[:IDENTIFIES]->(i:Interaction)
        ON CREATE SET i.id = randomUUID(), i.createdAt = datetime()
      RETURN i
    }
    WITH i, row, performer, products, mentioned
    CALL (i, row) {
      WITH i, {
        kind: row.kind, channel: row.channel, occurredAt: datetime(row.occurredAt),
        text: row.text, sentiment: row.sentiment, status: row.status, platform: row.platform,
        url: row.url
      } AS properties
      ${setChanged('i', 'properties')}
    }
    CALL (i, performer) {
      OPTIONAL MATCH (previous)-[old:PERFORMED]->(i) WHERE previous <> performer
      DELETE old
      WITH DISTINCT i, performer
      MERGE (performer)-[:PERFORMED]->(i)
    }
    CALL (i, row) {
      UNWIND row.topics AS topicName
      MERGE (topic:Topic {name: topicName})
        ON CREATE SET topic.id = randomUUID(), topic.createdAt = datetime(),
                      topic.updatedAt = datetime()
      MERGE (i)-[:ABOUT]->(topic)
    }
    CALL (i, products) {
      UNWIND products AS product
      MERGE (i)-[:ABOUT]->(product)
    }
    CALL (i, mentioned) {
      UNWIND mentioned AS target
      MERGE (i)-[:MENTIONS]->(target)
    }
  }
  WITH row, reason WHERE reason IS NOT NULL
  RETURN row.line AS line, reason`;

function unplaced(rows: readonly CypherRow[]): UnplacedRow[] {
  return rows.map((row) => ({ line: Number(row.line), reason: String(row.reason) }));
}

/**
 * Batched writes for the bulk import. Each method writes one batch in one transaction and returns
 * the rows it could not place; throwing (a database error) rolls the whole batch back.
 */
export class ImportRepository {
  constructor(private readonly gateway: Neo4jGateway) {}

  /** Persons and organizations need nothing else, so every row lands: the result is empty. */
  upsertPersons(scope: OperationScope, rows: readonly PersonImportRow[]): Promise<UnplacedRow[]> {
    return this.writeBatch(scope, UPSERT_PERSONS, rows);
  }

  upsertOrganizations(
    scope: OperationScope,
    rows: readonly OrganizationImportRow[],
  ): Promise<UnplacedRow[]> {
    return this.writeBatch(scope, UPSERT_ORGANIZATIONS, rows);
  }

  upsertAccounts(scope: OperationScope, rows: readonly AccountImportRow[]): Promise<UnplacedRow[]> {
    return this.writeBatch(scope, UPSERT_ACCOUNTS, rows);
  }

  /** Roles without an organization are held at our own, created here on first use. */
  upsertRoles(
    scope: OperationScope,
    rows: readonly RoleImportRow[],
    ownOrganizationName: string,
  ): Promise<UnplacedRow[]> {
    return this.gateway.write(scope, async (runner) => {
      if (rows.some((row) => row.organizationKey === null)) {
        await runner.run(ENSURE_OWN_ORGANIZATION, {
          id: OWN_ORGANIZATION_ID,
          name: ownOrganizationName,
        });
      }
      return unplaced(
        await runner.run(UPSERT_ROLES, { rows, ownOrganizationId: OWN_ORGANIZATION_ID }),
      );
    });
  }

  /** One query per tie type, all in the batch's one transaction. */
  upsertTies(scope: OperationScope, rows: readonly TieImportRow[]): Promise<UnplacedRow[]> {
    return this.gateway.write(scope, async (runner) => {
      const rejected: UnplacedRow[] = [];
      for (const type of Object.values(TieType)) {
        const ofType = rows.filter((row) => row.tieType === type);
        if (ofType.length === 0) continue;
        rejected.push(...unplaced(await runner.run(UPSERT_TIES[type], { rows: ofType })));
      }
      return rejected;
    });
  }

  upsertFollows(scope: OperationScope, rows: readonly FollowImportRow[]): Promise<UnplacedRow[]> {
    return this.writeBatch(scope, UPSERT_FOLLOWS, rows);
  }

  upsertInteractions(
    scope: OperationScope,
    rows: readonly InteractionImportRow[],
  ): Promise<UnplacedRow[]> {
    return this.writeBatch(scope, UPSERT_INTERACTIONS, rows);
  }

  private writeBatch(
    scope: OperationScope,
    query: string,
    rows: readonly object[],
  ): Promise<UnplacedRow[]> {
    return this.gateway.write(scope, async (runner: CypherRunner) =>
      unplaced(await runner.run(query, { rows })),
    );
  }
}
