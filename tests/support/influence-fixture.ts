import type { Neo4jGateway } from '../../src/core/neo4j/neo4j-gateway';

/**
 * Builds social graphs for the influence tests straight in Cypher, in the shape the service
 * stores (see docs/graph-model.md): faster than hundreds of mutations, and able to set what the API
 * sets only over time (old interactions, follower counts).
 */
export interface FixturePerson {
  id: string;
  /** Consent to PROFILING (default true). */
  profiling?: boolean;
  /** Roles at an organization (default: our own company). */
  roles?: { role: string; organizationId?: string }[];
}

export interface FixtureAccount {
  id: string;
  /** Owner person id; none for an account nobody in the CRM owns. */
  ownerId?: string;
  platform?: string;
  followers?: number;
}

export interface FixtureInteraction {
  id: string;
  /** A person id or an account id. */
  by: string;
  kind: string;
  /** Days before now (default 1). */
  daysAgo?: number;
  about?: string[];
  mentions?: string[];
  replyTo?: string;
  sentiment?: number;
}

export interface InfluenceFixture {
  people?: FixturePerson[];
  accounts?: FixtureAccount[];
  follows?: [string, string][];
  ties?: [string, string, number][];
  topics?: string[];
  products?: string[];
  organizations?: string[];
  interactions?: FixtureInteraction[];
}

const SCOPE = { operationName: 'influenceFixture' };

const WRITE_PEOPLE = `
  UNWIND $people AS person
  MERGE (p:Person {id: person.id})
    ON CREATE SET p.name = 'Person ' + person.id, p.createdAt = datetime(), p.updatedAt = datetime()
  FOREACH (_ IN CASE WHEN person.profiling THEN [1] ELSE [] END |
    CREATE (p)-[:GAVE]->(:Consent {id: 'consent-' + person.id, purpose: 'PROFILING',
      channel: 'WEB_FORM', lawfulBasis: 'CONSENT', grantedAt: datetime() - duration('P1D'),
      source: 'test', noticeVersion: '2026-01', createdAt: datetime(), updatedAt: datetime()}))`;

const WRITE_ORGANIZATIONS = `
  MERGE (own:Organization {id: 'own-organization'})
    ON CREATE SET own.name = 'Our company', own.kind = 'COMPANY', own.isOwnOrganization = true,
      own.createdAt = datetime(), own.updatedAt = datetime()
  WITH own
  UNWIND $organizations AS organizationId
  MERGE (o:Organization {id: organizationId})
    ON CREATE SET o.name = 'Org ' + organizationId, o.kind = 'COMPANY', o.isOwnOrganization = false,
      o.createdAt = datetime(), o.updatedAt = datetime()`;

const WRITE_ROLES = `
  UNWIND $roles AS role
  MATCH (p:Person {id: role.personId})
  MATCH (o:Organization {id: role.organizationId})
  CREATE (p)-[:HAS_ROLE {id: randomUUID(), role: role.role, since: date() - duration('P30D'),
    source: 'test'}]->(o)`;

const WRITE_SUBJECTS = `
  UNWIND $topics AS topicId
  MERGE (t:Topic {id: topicId})
    ON CREATE SET t.name = topicId, t.createdAt = datetime(), t.updatedAt = datetime()
  WITH count(*) AS done
  UNWIND $products AS productId
  MERGE (p:Product {id: productId})
    ON CREATE SET p.name = productId, p.createdAt = datetime(), p.updatedAt = datetime()`;

const WRITE_ACCOUNTS = `
  UNWIND $accounts AS account
  MERGE (a:SocialAccount {id: account.id})
    ON CREATE SET a.platform = account.platform, a.handle = toLower(account.id),
      a.createdAt = datetime(), a.updatedAt = datetime()
  SET a.followers = account.followers
  WITH a, account
  OPTIONAL MATCH (owner:Person {id: account.ownerId})
  FOREACH (_ IN CASE WHEN owner IS NULL THEN [] ELSE [1] END |
    MERGE (a)-[:OWNED_BY {since: datetime(), source: 'test'}]->(owner))`;

const WRITE_FOLLOWS = `
  UNWIND $follows AS follow
  MATCH (a:SocialAccount {id: follow[0]})
  MATCH (b:SocialAccount {id: follow[1]})
  MERGE (a)-[:FOLLOWS]->(b)`;

const WRITE_TIES = `
  UNWIND $ties AS tie
  MATCH (a:Person {id: tie[0]})
  MATCH (b:Person {id: tie[1]})
  MERGE (a)-[t:KNOWS]->(b)
    ON CREATE SET t.id = randomUUID(), t.createdAt = datetime()
  SET t.strength = tie[2]`;

const WRITE_INTERACTIONS = `
  UNWIND $interactions AS row
  CREATE (i:Interaction {id: row.id, kind: row.kind, channel: 'SOCIAL', platform: 'X',
    postId: row.id, sentiment: row.sentiment,
    occurredAt: datetime() - duration({seconds: toInteger(row.daysAgo * 86400)}),
    createdAt: datetime(), updatedAt: datetime()})
  WITH i, row
  CALL (i, row) {
    OPTIONAL MATCH (person:Person {id: row.by})
    OPTIONAL MATCH (account:SocialAccount {id: row.by})
    WITH i, coalesce(person, account) AS performer
    CREATE (performer)-[:PERFORMED]->(i)
  }
  CALL (i, row) {
    UNWIND row.about AS subjectId
    OPTIONAL MATCH (t:Topic {id: subjectId})
    OPTIONAL MATCH (p:Product {id: subjectId})
    OPTIONAL MATCH (o:Organization {id: subjectId})
    WITH i, coalesce(t, p, o) AS subject WHERE subject IS NOT NULL
    CREATE (i)-[:ABOUT]->(subject)
  }
  CALL (i, row) {
    UNWIND row.mentions AS mentionedId
    OPTIONAL MATCH (person:Person {id: mentionedId})
    OPTIONAL MATCH (account:SocialAccount {id: mentionedId})
    OPTIONAL MATCH (o:Organization {id: mentionedId})
    WITH i, coalesce(person, account, o) AS mentioned WHERE mentioned IS NOT NULL
    CREATE (i)-[:MENTIONS]->(mentioned)
  }`;

const WRITE_REPLIES = `
  UNWIND $replies AS reply
  MATCH (i:Interaction {id: reply[0]})
  MATCH (post:Interaction {id: reply[1]})
  MERGE (i)-[:REPLY_TO]->(post)`;

export async function writeInfluenceFixture(
  gateway: Neo4jGateway,
  fixture: InfluenceFixture,
): Promise<void> {
  const people = (fixture.people ?? []).map((person) => ({
    id: person.id,
    profiling: person.profiling ?? true,
  }));
  const roles = (fixture.people ?? []).flatMap((person) =>
    (person.roles ?? []).map((role) => ({
      personId: person.id,
      role: role.role,
      organizationId: role.organizationId ?? 'own-organization',
    })),
  );
  const accounts = (fixture.accounts ?? []).map((account) => ({
    id: account.id,
    ownerId: account.ownerId ?? null,
    platform: account.platform ?? 'X',
    followers: account.followers ?? 0,
  }));
  const interactions = (fixture.interactions ?? []).map((interaction) => ({
    id: interaction.id,
    by: interaction.by,
    kind: interaction.kind,
    daysAgo: interaction.daysAgo ?? 1,
    about: interaction.about ?? [],
    mentions: interaction.mentions ?? [],
    sentiment: interaction.sentiment ?? null,
  }));
  const replies = (fixture.interactions ?? []).flatMap((interaction) =>
    interaction.replyTo === undefined ? [] : [[interaction.id, interaction.replyTo]],
  );
  await gateway.write(SCOPE, async (runner) => {
    await runner.run(WRITE_ORGANIZATIONS, { organizations: fixture.organizations ?? [] });
    await runner.run(WRITE_PEOPLE, { people });
    await runner.run(WRITE_ROLES, { roles });
    await runner.run(WRITE_SUBJECTS, {
      topics: fixture.topics ?? [],
      products: fixture.products ?? [],
    });
    await runner.run(WRITE_ACCOUNTS, { accounts });
    await runner.run(WRITE_FOLLOWS, { follows: fixture.follows ?? [] });
    await runner.run(WRITE_TIES, { ties: fixture.ties ?? [] });
    await runner.run(WRITE_INTERACTIONS, { interactions });
    await runner.run(WRITE_REPLIES, { replies });
  });
}

/** A stored Person property, read straight from the graph. */
export async function personProperty(
  gateway: Neo4jGateway,
  personId: string,
  property: 'influenceScore' | 'communityId' | 'influenceReach',
): Promise<unknown> {
  const rows = await gateway.read(SCOPE, (runner) =>
    runner.run('MATCH (p:Person {id: $personId}) RETURN p[$property] AS value', {
      personId,
      property,
    }),
  );
  return rows[0]?.value ?? null;
}

/** How many scores about topics and products the graph holds for a person. */
export async function subjectScoreCount(gateway: Neo4jGateway, personId: string): Promise<number> {
  const rows = await gateway.read(SCOPE, (runner) =>
    runner.run(
      'MATCH (p:Person {id: $personId}) RETURN COUNT { (p)-[:INFLUENTIAL_ON]->() } AS count',
      { personId },
    ),
  );
  return Number(rows[0]?.count ?? 0);
}
