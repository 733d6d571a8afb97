import type { CypherParams, Neo4jGateway } from '../../core/neo4j/neo4j-gateway';
import { cypherInt } from '../../core/neo4j/neo4j-values';
import type { SeedBatch, SeedRecordKind } from '../../../seeds/generator/seed-records';

const SCOPE = { operationName: 'demoData' };

// "Empty" means no CRM data: schema bookkeeping such as migration records does not count.
const ANY_CRM_NODE =
  'MATCH (n:Person|Organization|SocialAccount|Interaction|User) RETURN n.id AS id LIMIT 1';

/** Labels whose nodes the seed writes, for the counts the seed command prints. */
export const SEEDED_LABELS = [
  'Organization',
  'Topic',
  'Product',
  'Person',
  'User',
  'SocialAccount',
  'Consent',
  'Interaction',
  'Team',
] as const;
export type SeededLabel = (typeof SEEDED_LABELS)[number];

const COUNT_BY_LABEL: Readonly<Record<SeededLabel, string>> = {
  Organization: 'MATCH (n:Organization) RETURN count(n) AS count',
  Topic: 'MATCH (n:Topic) RETURN count(n) AS count',
  Product: 'MATCH (n:Product) RETURN count(n) AS count',
  Person: 'MATCH (n:Person) RETURN count(n) AS count',
  User: 'MATCH (n:User) RETURN count(n) AS count',
  SocialAccount: 'MATCH (n:SocialAccount) RETURN count(n) AS count',
  Consent: 'MATCH (n:Consent) RETURN count(n) AS count',
  Interaction: 'MATCH (n:Interaction) RETURN count(n) AS count',
  Team: 'MATCH (n:Team) RETURN count(n) AS count',
};

const TIMESTAMPS = 'n.createdAt = datetime(row.createdAt), n.updatedAt = datetime(row.updatedAt)';

/** A relationship without properties between two nodes found by their unique ids. */
function link(fromLabel: string, type: string, toLabel: string): string {
  return `UNWIND $rows AS row
MATCH (a:${fromLabel} {id: row.fromId})
MATCH (b:${toLabel} {id: row.toId})
MERGE (a)-[:${type}]->(b)`;
}

/** A person-to-person tie: one per type and direction, as the graph model requires. */
function tie(type: string): string {
  return `UNWIND $rows AS row
MATCH (a:Person {id: row.fromId})
MATCH (b:Person {id: row.toId})
MERGE (a)-[t:${type}]->(b)
SET t.id = row.id, t.strength = row.strength, t.since = date(row.since), t.source = row.source`;
}

/**
 * One write query per record kind. Labels and types are fixed here, never taken from input; rows
 * only carry values. Nodes MERGE on their id (backed by a uniqueness constraint) and relationships
 * MERGE between nodes found by id, so writing a batch twice changes nothing. The templates above
 * only ever receive the literal labels and types written out in this table.
 */
const WRITE_QUERIES: Readonly<Record<SeedRecordKind, string>> = {
  organization: `UNWIND $rows AS row
MERGE (n:Organization {id: row.id})
SET n.name = row.name, n.kind = row.kind, n.domain = row.domain,
    n.isOwnOrganization = row.isOwnOrganization, ${TIMESTAMPS}`,
  topic: `UNWIND $rows AS row
MERGE (n:Topic {id: row.id})
SET n.name = row.name, ${TIMESTAMPS}`,
  product: `UNWIND $rows AS row
MERGE (n:Product {id: row.id})
SET n.name = row.name, n.sku = row.sku, ${TIMESTAMPS}`,
  person: `UNWIND $rows AS row
MERGE (n:Person {id: row.id})
SET n.name = row.name, n.email = row.email, n.phone = row.phone, n.locale = row.locale,
    ${TIMESTAMPS}`,
  user: `UNWIND $rows AS row
MERGE (n:User {id: row.id})
SET n.login = row.login, n.displayName = row.displayName, n.staffRole = row.staffRole,
    ${TIMESTAMPS}`,
  socialAccount: `UNWIND $rows AS row
MERGE (n:SocialAccount {id: row.id})
SET n.platform = row.platform, n.handle = row.handle, n.followers = row.followers,
    n.url = row.url, n.displayName = row.displayName, ${TIMESTAMPS}`,
  consent: `UNWIND $rows AS row
MERGE (n:Consent {id: row.id})
SET n.purpose = row.purpose, n.channel = row.channel, n.lawfulBasis = row.lawfulBasis,
    n.grantedAt = datetime(row.grantedAt), n.withdrawnAt = datetime(row.withdrawnAt),
    n.source = row.source, n.evidence = row.evidence, n.noticeVersion = row.noticeVersion,
    ${TIMESTAMPS}`,
  interaction: `UNWIND $rows AS row
MERGE (n:Interaction {id: row.id})
SET n.kind = row.kind, n.channel = row.channel, n.occurredAt = datetime(row.occurredAt),
    n.text = row.text, n.sentiment = row.sentiment, n.status = row.status,
    n.platform = row.platform, n.postId = row.postId, n.url = row.url, ${TIMESTAMPS}`,
  role: `UNWIND $rows AS row
MATCH (p:Person {id: row.personId})
MATCH (o:Organization {id: row.organizationId})
MERGE (p)-[r:HAS_ROLE {id: row.id}]->(o)
SET r.role = row.role, r.since = date(row.since), r.until = date(row.until), r.source = row.source`,
  userIsPerson: link('User', 'IS_PERSON', 'Person'),
  team: `UNWIND $rows AS row
MERGE (n:Team {id: row.id})
SET n.name = row.name, ${TIMESTAMPS}`,
  memberOf: link('User', 'MEMBER_OF', 'Team'),
  assignedTo: link('User', 'ASSIGNED_TO', 'Organization'),
  responsibleFor: link('Team', 'RESPONSIBLE_FOR', 'Organization'),
  knows: tie('KNOWS'),
  colleagueOf: tie('COLLEAGUE_OF'),
  familyOf: tie('FAMILY_OF'),
  friendOf: tie('FRIEND_OF'),
  referred: tie('REFERRED'),
  reportsTo: tie('REPORTS_TO'),
  ownedBy: `UNWIND $rows AS row
MATCH (a:SocialAccount {id: row.accountId})
MATCH (p:Person {id: row.personId})
MERGE (a)-[r:OWNED_BY]->(p)
SET r.since = date(row.since), r.source = row.source, r.confidence = row.confidence`,
  follows: `UNWIND $rows AS row
MATCH (a:SocialAccount {id: row.fromId})
MATCH (b:SocialAccount {id: row.toId})
MERGE (a)-[r:FOLLOWS]->(b)
SET r.since = date(row.since)`,
  interestedInTopic: `UNWIND $rows AS row
MATCH (p:Person {id: row.personId})
MATCH (t:Topic {id: row.targetId})
MERGE (p)-[r:INTERESTED_IN]->(t)
SET r.weight = row.weight, r.source = row.source`,
  interestedInProduct: `UNWIND $rows AS row
MATCH (p:Person {id: row.personId})
MATCH (t:Product {id: row.targetId})
MERGE (p)-[r:INTERESTED_IN]->(t)
SET r.weight = row.weight, r.source = row.source`,
  gaveConsent: link('Person', 'GAVE', 'Consent'),
  performedByPerson: link('Person', 'PERFORMED', 'Interaction'),
  performedByAccount: link('SocialAccount', 'PERFORMED', 'Interaction'),
  handled: `UNWIND $rows AS row
MATCH (u:User {id: row.userId})
MATCH (i:Interaction {id: row.interactionId})
MERGE (u)-[r:HANDLED]->(i)
SET r.at = datetime(row.at)`,
  aboutTopic: link('Interaction', 'ABOUT', 'Topic'),
  aboutProduct: link('Interaction', 'ABOUT', 'Product'),
  aboutOrganization: link('Interaction', 'ABOUT', 'Organization'),
  mentionsAccount: link('Interaction', 'MENTIONS', 'SocialAccount'),
  mentionsPerson: link('Interaction', 'MENTIONS', 'Person'),
  mentionsOrganization: link('Interaction', 'MENTIONS', 'Organization'),
  replyTo: link('Interaction', 'REPLY_TO', 'Interaction'),
};

/** Neo4j stores JavaScript numbers as floats; follower counts are integers in the model. */
function paramsFor(batch: SeedBatch): CypherParams {
  if (batch.kind !== 'socialAccount') return { rows: batch.rows };
  return { rows: batch.rows.map((row) => ({ ...row, followers: cypherInt(row.followers) })) };
}

// A bookkeeping node (not CRM data) that says a demo load began and whether it finished, so that a
// load cut short by a crash is completed on the next start instead of left half-done.
const DEMO_LOAD_STATE = `
  OPTIONAL MATCH (load:DemoDataLoad {id: 'demo'})
  RETURN load.complete AS complete`;

const MARK_DEMO_LOAD = `
  MERGE (load:DemoDataLoad {id: 'demo'})
  SET load.complete = $complete, load.updatedAt = datetime()`;

export type DemoLoadState = 'none' | 'incomplete' | 'complete';

export class DemoDataRepository {
  constructor(private readonly gateway: Neo4jGateway) {}

  async demoLoadState(): Promise<DemoLoadState> {
    const [row] = await this.gateway.readStatement(SCOPE, DEMO_LOAD_STATE);
    if (row?.complete === true) return 'complete';
    return row?.complete === false ? 'incomplete' : 'none';
  }

  async markDemoLoad(complete: boolean): Promise<void> {
    await this.gateway.write(SCOPE, (runner) => runner.run(MARK_DEMO_LOAD, { complete }));
  }

  async isEmpty(): Promise<boolean> {
    const rows = await this.gateway.readStatement(SCOPE, ANY_CRM_NODE);
    return rows.length === 0;
  }

  /** Each batch is its own transaction: memory and transaction size stay bounded at any size. */
  async writeBatch(batch: SeedBatch): Promise<void> {
    await this.gateway.write(SCOPE, (runner) =>
      runner.run(WRITE_QUERIES[batch.kind], paramsFor(batch)),
    );
  }

  async countNodes(): Promise<Record<SeededLabel, number>> {
    const counts = {} as Record<SeededLabel, number>;
    for (const label of SEEDED_LABELS) {
      const [row] = await this.gateway.readStatement(SCOPE, COUNT_BY_LABEL[label]);
      counts[label] = Number(row?.count ?? 0);
    }
    return counts;
  }
}
