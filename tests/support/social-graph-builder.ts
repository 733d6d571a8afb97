import type { Neo4jGateway } from '../../src/core/neo4j/neo4j-gateway';
import { TIE_RELATIONSHIPS, TieType } from '../../src/features/ties/tie.type';

/**
 * Writes a small social graph straight into Neo4j, many rows per statement: for tests that need
 * hundreds of people, ties, accounts and interactions (random graphs) without a GraphQL call each.
 * Everything is keyed by the ids given, so tests build disjoint graphs side by side.
 */
export interface GraphSpec {
  persons?: { id: string; name?: string; consents?: readonly string[] }[];
  /** Withdrawn consent: recorded, but no longer valid. */
  withdrawnConsents?: { personId: string; purpose: string }[];
  users?: { id: string; personId: string; login?: string; staffRole?: string }[];
  organizations?: { id: string; name?: string; kind?: string }[];
  roles?: {
    personId: string;
    organizationId: string;
    role: string;
    since?: string | null;
    until?: string | null;
  }[];
  ties?: {
    id?: string;
    from: string;
    to: string;
    type: TieType;
    strength: number;
    since?: string | null;
  }[];
  accounts?: {
    id: string;
    platform: string;
    handle?: string;
    ownerId?: string | null;
    followers?: number;
  }[];
  follows?: { from: string; to: string; since?: string | null }[];
  topics?: { id: string; name?: string }[];
  products?: { id: string; name?: string }[];
  campaigns?: { id: string; name?: string }[];
  interests?: { personId: string; targetId: string; weight: number }[];
  interactions?: {
    id: string;
    kind: string;
    occurredAt: string;
    performerPersonId?: string | null;
    performerAccountId?: string | null;
    mentionPersonIds?: string[];
    mentionAccountIds?: string[];
    handledByUserId?: string | null;
    replyToId?: string | null;
    aboutIds?: string[];
    sentiment?: number | null;
    status?: string | null;
  }[];
}

const PERSONS = `
  UNWIND $rows AS row
  CREATE (p:Person {id: row.id, name: row.name, createdAt: datetime(), updatedAt: datetime()})
  WITH p, row
  UNWIND row.consents AS purpose
  CREATE (p)-[:GAVE]->(:Consent {id: row.id + ':' + purpose, purpose: purpose, channel: 'WEB_FORM',
    lawfulBasis: 'CONSENT', grantedAt: datetime() - duration('P30D'), source: 'test',
    noticeVersion: 'test', createdAt: datetime(), updatedAt: datetime()})`;

const WITHDRAWN_CONSENTS = `
  UNWIND $rows AS row
  MATCH (p:Person {id: row.personId})
  CREATE (p)-[:GAVE]->(:Consent {id: row.personId + ':withdrawn:' + row.purpose,
    purpose: row.purpose, channel: 'EMAIL', lawfulBasis: 'CONSENT',
    grantedAt: datetime() - duration('P90D'), withdrawnAt: datetime() - duration('P1D'),
    source: 'test', noticeVersion: 'test', createdAt: datetime(), updatedAt: datetime()})`;

const USERS = `
  UNWIND $rows AS row
  MATCH (p:Person {id: row.personId})
  CREATE (u:User {id: row.id, login: row.login, displayName: row.login, staffRole: row.staffRole,
    createdAt: datetime(), updatedAt: datetime()})-[:IS_PERSON]->(p)`;

const ORGANIZATIONS = `
  UNWIND $rows AS row
  MERGE (o:Organization {id: row.id})
  ON CREATE SET o.name = row.name, o.kind = row.kind, o.isOwnOrganization = row.id = 'own-organization',
    o.createdAt = datetime(), o.updatedAt = datetime()`;

const ROLES = `
  UNWIND $rows AS row
  MATCH (p:Person {id: row.personId})
  MATCH (o:Organization {id: row.organizationId})
  CREATE (p)-[:HAS_ROLE {id: randomUUID(), role: row.role, since: date(row.since),
    until: date(row.until), source: 'test'}]->(o)`;

function tiesQuery(relationship: string): string {
  return `
  UNWIND $rows AS row
  MATCH (a:Person {id: row.from})
  MATCH (b:Person {id: row.to})
  CREATE (a)-[:${relationship} {id: row.id, strength: row.strength, since: date(row.since),
    source: 'test', createdAt: datetime(), updatedAt: datetime()}]->(b)`;
}

const ACCOUNTS = `
  UNWIND $rows AS row
  CREATE (a:SocialAccount {id: row.id, platform: row.platform, handle: row.handle,
    followers: row.followers, createdAt: datetime(), updatedAt: datetime()})
  WITH a, row
  MATCH (p:Person {id: row.ownerId})
  CREATE (a)-[:OWNED_BY {since: datetime(), source: 'test'}]->(p)`;

const FOLLOWS = `
  UNWIND $rows AS row
  MATCH (a:SocialAccount {id: row.from})
  MATCH (b:SocialAccount {id: row.to})
  CREATE (a)-[:FOLLOWS {since: date(row.since)}]->(b)`;

const TOPICS = `
  UNWIND $rows AS row
  CREATE (:Topic {id: row.id, name: row.name, createdAt: datetime(), updatedAt: datetime()})`;

const PRODUCTS = `
  UNWIND $rows AS row
  CREATE (:Product {id: row.id, name: row.name, createdAt: datetime(), updatedAt: datetime()})`;

const CAMPAIGNS = `
  UNWIND $rows AS row
  CREATE (:Campaign {id: row.id, name: row.name, createdAt: datetime(), updatedAt: datetime()})`;

const INTERESTS = `
  UNWIND $rows AS row
  MATCH (p:Person {id: row.personId})
  CALL (row) {
    MATCH (t:Topic {id: row.targetId}) RETURN t
    UNION MATCH (t:Product {id: row.targetId}) RETURN t
  }
  CREATE (p)-[:INTERESTED_IN {weight: row.weight, source: 'test'}]->(t)`;

const INTERACTIONS = `
  UNWIND $rows AS row
  CREATE (i:Interaction {id: row.id, kind: row.kind, channel: 'TEST',
    occurredAt: datetime(row.occurredAt), sentiment: row.sentiment, status: row.status,
    createdAt: datetime(), updatedAt: datetime()})
  WITH i, row
  CALL (i, row) {
    MATCH (p:Person {id: row.performerPersonId}) CREATE (p)-[:PERFORMED]->(i)
  }
  CALL (i, row) {
    MATCH (a:SocialAccount {id: row.performerAccountId}) CREATE (a)-[:PERFORMED]->(i)
  }
  CALL (i, row) {
    UNWIND row.mentionPersonIds AS mentioned
    MATCH (p:Person {id: mentioned}) CREATE (i)-[:MENTIONS]->(p)
  }
  CALL (i, row) {
    UNWIND row.mentionAccountIds AS mentioned
    MATCH (a:SocialAccount {id: mentioned}) CREATE (i)-[:MENTIONS]->(a)
  }
  CALL (i, row) {
    MATCH (u:User {id: row.handledByUserId}) CREATE (u)-[:HANDLED {at: datetime()}]->(i)
  }
  CALL (i, row) {
    UNWIND row.aboutIds AS aboutId
    CALL (aboutId) {
      MATCH (n:Topic {id: aboutId}) RETURN n
      UNION MATCH (n:Product {id: aboutId}) RETURN n
      UNION MATCH (n:Organization {id: aboutId}) RETURN n
      UNION MATCH (n:Campaign {id: aboutId}) RETURN n
    }
    CREATE (i)-[:ABOUT]->(n)
  }`;

const REPLIES = `
  UNWIND $rows AS row
  MATCH (i:Interaction {id: row.id})
  MATCH (target:Interaction {id: row.replyToId})
  CREATE (i)-[:REPLY_TO]->(target)`;

const SCOPE = { operationName: 'socialGraphBuilder' };

export async function writeGraph(gateway: Neo4jGateway, spec: GraphSpec): Promise<void> {
  await gateway.write(SCOPE, async (runner) => {
    const run = async (query: string, rows: readonly object[] | undefined) => {
      if (rows !== undefined && rows.length > 0) await runner.run(query, { rows });
    };
    await run(
      PERSONS,
      spec.persons?.map((person) => ({
        id: person.id,
        name: person.name ?? `Person ${person.id}`,
        consents: person.consents ?? [],
      })),
    );
    await run(WITHDRAWN_CONSENTS, spec.withdrawnConsents);
    await run(
      USERS,
      spec.users?.map((user) => ({
        id: user.id,
        personId: user.personId,
        login: user.login ?? user.id,
        staffRole: user.staffRole ?? 'SALES_REP',
      })),
    );
    await run(
      ORGANIZATIONS,
      spec.organizations?.map((organization) => ({
        id: organization.id,
        name: organization.name ?? `Organization ${organization.id}`,
        kind: organization.kind ?? 'COMPANY',
      })),
    );
    await run(
      ROLES,
      spec.roles?.map((role) => ({ since: null, until: null, ...role })),
    );
    for (const type of Object.values(TieType)) {
      await run(
        tiesQuery(TIE_RELATIONSHIPS[type]),
        spec.ties
          ?.filter((tie) => tie.type === type)
          .map((tie) => ({
            id: tie.id ?? `${tie.from}-${type}-${tie.to}`,
            from: tie.from,
            to: tie.to,
            strength: tie.strength,
            since: tie.since ?? null,
          })),
      );
    }
    await run(
      ACCOUNTS,
      spec.accounts?.map((account) => ({
        id: account.id,
        platform: account.platform,
        handle: account.handle ?? account.id.toLowerCase(),
        ownerId: account.ownerId ?? null,
        followers: account.followers ?? 0,
      })),
    );
    await run(
      FOLLOWS,
      spec.follows?.map((follow) => ({ since: null, ...follow })),
    );
    await run(
      TOPICS,
      spec.topics?.map((topic) => ({ id: topic.id, name: topic.name ?? topic.id })),
    );
    await run(
      PRODUCTS,
      spec.products?.map((product) => ({ id: product.id, name: product.name ?? product.id })),
    );
    await run(
      CAMPAIGNS,
      spec.campaigns?.map((campaign) => ({ id: campaign.id, name: campaign.name ?? campaign.id })),
    );
    await run(INTERESTS, spec.interests);
    const interactions = spec.interactions?.map((interaction) => ({
      performerPersonId: null,
      performerAccountId: null,
      handledByUserId: null,
      replyToId: null,
      sentiment: null,
      status: null,
      ...interaction,
      mentionPersonIds: interaction.mentionPersonIds ?? [],
      mentionAccountIds: interaction.mentionAccountIds ?? [],
      aboutIds: interaction.aboutIds ?? [],
    }));
    await run(INTERACTIONS, interactions);
    await run(
      REPLIES,
      interactions?.filter((interaction) => interaction.replyToId !== null),
    );
  });
}
