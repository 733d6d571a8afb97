import { type ConsentParam, consentAllows } from '../consent/consent-policy';
import type { CypherRunner, Neo4jGateway, OperationScope } from '../../core/neo4j/neo4j-gateway';
import { cypherInt } from '../../core/neo4j/neo4j-values';
import type { Platform } from '../social-accounts/social-account.type';

/** A validated post with what ingest derived from it, as written. */
export interface PostRow {
  platform: Platform;
  postId: string;
  handle: string;
  kind: 'POST' | 'REPLY';
  text: string;
  occurredAt: string;
  replyToPostId: string | null;
  mentions: string[];
  url: string | null;
  language: string | null;
  sentiment: number | null;
  aboutIds: string[];
}

export interface WrittenPost {
  platform: Platform;
  postId: string;
  interactionId: string;
  /** False when the post was already there: then nothing was written and nothing follows. */
  created: boolean;
  accountId: string;
  followers: number;
  /** The account's owner, when their consent lets the post be theirs. */
  authorPersonId: string | null;
}

export interface CatalogTerm {
  id: string;
  label: 'Topic' | 'Product';
  /** The name and any keywords, each matched as a phrase. */
  phrases: string[];
}

// Idempotent by the (platform, postId) uniqueness constraint: a post that exists is left exactly
// as it is (no property, link or timestamp changes) and reported with created = false, which is
// what keeps a re-ingested post from raising a second alert or event. `ingesting` marks the rows
// this statement created; callers send each post at most once per batch.
// Unknown authors and mentioned handles become SocialAccounts without an owner. A post whose
// account is owned by a person without SOCIAL_MONITORING consent is stored without its PERFORMED
// link, so nothing attributes it to that person; mentions of such accounts are not linked either.
// A reply that arrives before its post keeps replyToPostId and is linked when the post arrives.
const INGEST_POSTS = `
  UNWIND $rows AS row
  MERGE (account:SocialAccount {platform: row.platform, handle: row.handle})
    ON CREATE SET account.id = randomUUID(), account.createdAt = datetime(),
                  account.updatedAt = datetime(), account.followers = 0
  MERGE (i:Interaction {platform: row.platform, postId: row.postId})
    ON CREATE SET i.id = randomUUID(), i.createdAt = datetime(), i.updatedAt = datetime(),
                  i.ingesting = true, i.kind = row.kind, i.channel = row.platform,
                  i.occurredAt = datetime(row.occurredAt), i.text = row.text,
                  i.sentiment = row.sentiment, i.language = row.language, i.url = row.url,
                  i.replyToPostId = row.replyToPostId, i.source = 'ingest'
  WITH row, account, i, coalesce(i.ingesting, false) AS created
  REMOVE i.ingesting
  WITH row, account, i, created,
       COLLECT { MATCH (account)-[:OWNED_BY]->(owner:Person) RETURN owner }[0] AS owner
  WITH row, account, i, created, owner,
       owner IS NOT NULL AND NOT ${consentAllows('owner', 'monitoring')} AS withheld
  CALL (account, i, created, withheld) {
    WITH account, i WHERE created AND NOT withheld
    CREATE (account)-[:PERFORMED]->(i)
  }
  CALL (row, i, created) {
    WITH row, i WHERE created
    UNWIND row.aboutIds AS aboutId
    CALL (aboutId) {
      MATCH (n:Topic {id: aboutId}) RETURN n
      UNION MATCH (n:Product {id: aboutId}) RETURN n
    }
    MERGE (i)-[:ABOUT]->(n)
  }
  CALL (row, i, created) {
    WITH row, i WHERE created
    UNWIND row.mentions AS handle
    MERGE (mentioned:SocialAccount {platform: row.platform, handle: handle})
      ON CREATE SET mentioned.id = randomUUID(), mentioned.createdAt = datetime(),
                    mentioned.updatedAt = datetime(), mentioned.followers = 0
    WITH i, mentioned,
         COLLECT { MATCH (mentioned)-[:OWNED_BY]->(person:Person) RETURN person }[0] AS person
    WITH i, mentioned, person
    WHERE person IS NULL OR ${consentAllows('person', 'monitoring')}
    MERGE (i)-[:MENTIONS]->(mentioned)
  }
  CALL (row, i, created) {
    WITH row, i WHERE created AND row.replyToPostId IS NOT NULL
    MATCH (target:Interaction {platform: row.platform, postId: row.replyToPostId})
    WHERE target <> i
    MERGE (i)-[:REPLY_TO]->(target)
  }
  CALL (row, i, created) {
    WITH row, i WHERE created
    MATCH (earlier:Interaction {platform: row.platform, replyToPostId: row.postId})
    WHERE earlier <> i
    MERGE (earlier)-[:REPLY_TO]->(i)
  }
  RETURN row.platform AS platform, row.postId AS postId, i.id AS interactionId, created,
         account.id AS accountId, account.followers AS followers,
         CASE WHEN withheld THEN null ELSE owner.id END AS authorPersonId`;

// The keyword lists for topics and products: their names, and a `keywords` list where one is set.
const CATALOG_TERMS = `
  CALL () {
    MATCH (n:Topic) RETURN n, 'Topic' AS label
    UNION
    MATCH (n:Product) RETURN n, 'Product' AS label
  }
  RETURN n.id AS id, label, [n.name] + coalesce(n.keywords, []) AS phrases
  LIMIT $limit`;

/** A catalog bigger than this is not a keyword list any more. */
const MAX_CATALOG_TERMS = 10_000;

export class IngestRepository {
  constructor(private readonly gateway: Neo4jGateway) {}

  async catalogTerms(scope: OperationScope): Promise<CatalogTerm[]> {
    const rows = await this.gateway.readStatement(scope, CATALOG_TERMS, {
      limit: cypherInt(MAX_CATALOG_TERMS),
    });
    return rows.map((row) => ({
      id: String(row.id),
      label: row.label as CatalogTerm['label'],
      phrases: (row.phrases as unknown[]).filter(
        (phrase): phrase is string => typeof phrase === 'string',
      ),
    }));
  }

  /**
   * Writes a batch of posts and runs `afterWrite` (watch-list evaluation, alerts) in the same
   * transaction: either the posts, their links and their alerts land together, or nothing does,
   * and a retry of the batch starts again from the same state.
   */
  ingest<T>(
    scope: OperationScope,
    rows: readonly PostRow[],
    monitoring: ConsentParam,
    afterWrite: (runner: CypherRunner, written: WrittenPost[]) => Promise<T>,
  ): Promise<{ written: WrittenPost[]; outcome: T }> {
    return this.gateway.write(scope, async (runner) => {
      const result = await runner.run(INGEST_POSTS, { rows, monitoring });
      const written = result.map((row) => ({
        platform: row.platform as Platform,
        postId: String(row.postId),
        interactionId: String(row.interactionId),
        created: row.created === true,
        accountId: String(row.accountId),
        followers: Number(row.followers ?? 0),
        authorPersonId: typeof row.authorPersonId === 'string' ? row.authorPersonId : null,
      }));
      return { written, outcome: await afterWrite(runner, written) };
    });
  }
}
