import { notFound } from '../../core/errors/domain-error';
import type { CypherRow, Neo4jGateway, OperationScope } from '../../core/neo4j/neo4j-gateway';
import { cypherInt } from '../../core/neo4j/neo4j-values';
import type { PageRequest } from '../../core/pagination/page-request';
import type { Platform } from '../social-accounts/social-account.type';
import type {
  InteractionKind,
  InteractionRecord,
  InteractionStatus,
  NodeRef,
} from './interaction.type';

export interface NewInteraction {
  kind: InteractionKind;
  channel: string;
  occurredAt: string;
  text: string | null;
  sentiment: number | null;
  status: InteractionStatus | null;
  performedByPersonId: string | null;
  performedByAccountId: string | null;
  aboutIds: string[];
  mentionIds: string[];
  replyToId: string | null;
  handledByUserId: string | null;
  platform: Platform | null;
  postId: string | null;
  url: string | null;
}

export interface InteractionQuery {
  kinds: InteractionKind[] | null;
  channel: string | null;
  personId: string | null;
  aboutId: string | null;
  status: InteractionStatus | null;
  from: string | null;
  to: string | null;
  minSentiment: number | null;
  maxSentiment: number | null;
}

export const LABEL_OF = `CASE
    WHEN n:Person THEN 'Person' WHEN n:SocialAccount THEN 'SocialAccount'
    WHEN n:Organization THEN 'Organization' WHEN n:Topic THEN 'Topic'
    WHEN n:Product THEN 'Product' WHEN n:Campaign THEN 'Campaign' END`;

// The interaction with the ids and labels of its neighbours; field resolvers load those through
// DataLoaders, so a page of interactions costs a fixed number of queries. Of the node, only the
// properties `toRecord` reads: a person view reads a few hundred interactions, and the driver's
// decoding of the whole node (its bookkeeping createdAt and updatedAt among them, two zoned
// date-times each) was a large share of the view's CPU.
export const INTERACTION_FIELDS = `
  i {.id, .kind, .channel, .occurredAt, .text, .sentiment, .status, .platform, .postId, .url} AS i,
  COLLECT { MATCH (n)-[:PERFORMED]->(i) RETURN {id: n.id, label: ${LABEL_OF}} }[0] AS performer,
  COLLECT { MATCH (i)-[:ABOUT]->(n) RETURN {id: n.id, label: ${LABEL_OF}} } AS about,
  COLLECT { MATCH (i)-[:MENTIONS]->(n) RETURN {id: n.id, label: ${LABEL_OF}} } AS mentions,
  COLLECT { MATCH (i)-[:REPLY_TO]->(r:Interaction) RETURN r.id }[0] AS replyToId,
  COLLECT { MATCH (u:User)-[:HANDLED]->(i) RETURN u.id }[0] AS handledByUserId`;

export function toRecord(row: CypherRow): InteractionRecord {
  const i = row.i as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  return {
    id: String(i.id),
    kind: i.kind as InteractionKind,
    channel: String(i.channel),
    occurredAt: String(i.occurredAt),
    text: text(i.text),
    sentiment: typeof i.sentiment === 'number' ? i.sentiment : null,
    status: text(i.status) as InteractionStatus | null,
    platform: text(i.platform) as Platform | null,
    postId: text(i.postId),
    url: text(i.url),
    performer: (row.performer as NodeRef | null) ?? null,
    about: (row.about as NodeRef[] | null) ?? [],
    mentions: (row.mentions as NodeRef[] | null) ?? [],
    replyToId: text(row.replyToId),
    handledByUserId: text(row.handledByUserId),
  };
}

const FIND_BY_IDS = `
  UNWIND $ids AS id
  MATCH (i:Interaction {id: id})
  RETURN ${INTERACTION_FIELDS}`;

// With platform + postId the post is MERGEd on its uniqueness constraint, so a feed that sends a
// post twice (or twice at once) leaves one interaction. Links are MERGEd, so repeating a record
// adds nothing. Every referenced id must exist: the counts let the caller roll back otherwise.
const RECORD = `
  OPTIONAL MATCH (personPerformer:Person {id: $performedByPersonId})
  OPTIONAL MATCH (accountPerformer:SocialAccount {id: $performedByAccountId})
  WITH coalesce(personPerformer, accountPerformer) AS performer
  WHERE performer IS NOT NULL
  CALL (performer) {
    WITH performer WHERE $postId IS NOT NULL
    MERGE (i:Interaction {platform: $platform, postId: $postId})
      ON CREATE SET i.id = randomUUID(), i.createdAt = datetime()
    RETURN i
    UNION
    WITH performer WHERE $postId IS NULL
    CREATE (i:Interaction {id: randomUUID(), createdAt: datetime()})
    RETURN i
  }
  SET i.kind = $kind, i.channel = $channel, i.occurredAt = datetime($occurredAt), i.text = $text,
      i.sentiment = $sentiment, i.status = $status, i.url = $url, i.updatedAt = datetime()
  WITH i, performer
  CALL (i, performer) {
    OPTIONAL MATCH (previous)-[old:PERFORMED]->(i) WHERE previous <> performer
    DELETE old
    WITH DISTINCT i, performer
    MERGE (performer)-[:PERFORMED]->(i)
  }
  CALL (i) {
    UNWIND $aboutIds AS aboutId
    CALL (aboutId) {
      MATCH (n:Topic {id: aboutId}) RETURN n
      UNION MATCH (n:Product {id: aboutId}) RETURN n
      UNION MATCH (n:Organization {id: aboutId}) RETURN n
      UNION MATCH (n:Campaign {id: aboutId}) RETURN n
    }
    MERGE (i)-[:ABOUT]->(n)
    RETURN count(DISTINCT aboutId) AS aboutFound
  }
  CALL (i) {
    UNWIND $mentionIds AS mentionId
    CALL (mentionId) {
      MATCH (n:Person {id: mentionId}) RETURN n
      UNION MATCH (n:SocialAccount {id: mentionId}) RETURN n
      UNION MATCH (n:Organization {id: mentionId}) RETURN n
    }
    MERGE (i)-[:MENTIONS]->(n)
    RETURN count(DISTINCT mentionId) AS mentionsFound
  }
  CALL (i) {
    MATCH (target:Interaction {id: $replyToId}) WHERE target <> i
    MERGE (i)-[:REPLY_TO]->(target)
    RETURN count(target) AS replyToFound
  }
  CALL (i) {
    MATCH (user:User {id: $handledByUserId})
    MERGE (user)-[:HANDLED]->(i)
    RETURN count(user) AS handledByFound
  }
  // datetime() is fixed for the statement: equal stamps mean this statement created the node.
  RETURN i.id AS id, i.createdAt = i.updatedAt AS created, aboutFound, mentionsFound, replyToFound,
         handledByFound`;

const UPDATE = `
  MATCH (i:Interaction {id: $id})
  SET i.status = CASE WHEN $setStatus THEN $status ELSE i.status END,
      i.sentiment = CASE WHEN $setSentiment THEN $sentiment ELSE i.sentiment END,
      i.updatedAt = datetime()
  WITH i
  CALL (i) {
    MATCH (user:User {id: $handledByUserId})
    MERGE (user)-[:HANDLED]->(i)
    RETURN count(user) AS handledByFound
  }
  RETURN i.id AS id, handledByFound`;

const DELETE = `
  MATCH (i:Interaction {id: $id})
  DETACH DELETE i
  RETURN count(*) AS deleted`;

const FILTER = `
  WHERE ($kinds IS NULL OR i.kind IN $kinds)
    AND ($channel IS NULL OR i.channel = $channel)
    AND ($status IS NULL OR i.status = $status)
    AND ($from IS NULL OR i.occurredAt >= datetime($from))
    AND ($to IS NULL OR i.occurredAt < datetime($to))
    AND ($minSentiment IS NULL OR i.sentiment >= $minSentiment)
    AND ($maxSentiment IS NULL OR i.sentiment <= $maxSentiment)
    AND ($aboutId IS NULL OR EXISTS { MATCH (i)-[:ABOUT]->(subject) WHERE subject.id = $aboutId })`;

const ALL_INTERACTIONS = `MATCH (i:Interaction) ${FILTER}`;

// A person's interactions: their own and those of the social accounts they own.
const PERSON_INTERACTIONS = `
  MATCH (p:Person {id: $personId})
  CALL (p) {
    MATCH (p)-[:PERFORMED]->(i:Interaction) RETURN i
    UNION
    MATCH (p)<-[:OWNED_BY]-(:SocialAccount)-[:PERFORMED]->(i:Interaction) RETURN i
  }
  WITH i ${FILTER}`;

const PAGE = `
    AND ($afterId IS NULL OR i.occurredAt < datetime($afterValue)
         OR (i.occurredAt = datetime($afterValue) AND i.id > $afterId))
  WITH i ORDER BY i.occurredAt DESC, i.id LIMIT $limit
  RETURN ${INTERACTION_FIELDS}`;

export class InteractionRepository {
  constructor(private readonly gateway: Neo4jGateway) {}

  async findByIds(
    scope: OperationScope,
    ids: readonly string[],
  ): Promise<Map<string, InteractionRecord>> {
    const rows = await this.gateway.readStatement(scope, FIND_BY_IDS, { ids });
    return new Map(rows.map(toRecord).map((record) => [record.id, record]));
  }

  /**
   * Records (or, with platform + postId, upserts) an interaction. Throws NOT_FOUND naming the first
   * unknown reference; the transaction then rolls back, so nothing is half-written.
   */
  /** The interaction's id, and whether it is new (a repeated post upserts the existing one). */
  async record(
    scope: OperationScope,
    interaction: NewInteraction,
  ): Promise<{ id: string; created: boolean }> {
    return this.gateway.write(scope, async (runner) => {
      const [row] = await runner.run(RECORD, { ...interaction });
      if (row === undefined) {
        const field =
          interaction.performedByPersonId === null ? 'performedByAccountId' : 'performedByPersonId';
        throw notFound('The performer does not exist', { field });
      }
      const expectations: Array<[string, number, number]> = [
        ['aboutIds', Number(row.aboutFound), new Set(interaction.aboutIds).size],
        ['mentionIds', Number(row.mentionsFound), new Set(interaction.mentionIds).size],
        ['replyToId', Number(row.replyToFound), interaction.replyToId === null ? 0 : 1],
        [
          'handledByUserId',
          Number(row.handledByFound),
          interaction.handledByUserId === null ? 0 : 1,
        ],
      ];
      for (const [field, found, expected] of expectations) {
        if (found < expected) throw notFound(`Unknown id in ${field}`, { field });
      }
      return { id: String(row.id), created: row.created === true };
    });
  }

  async update(
    scope: OperationScope,
    id: string,
    changes: {
      status?: InteractionStatus | null;
      sentiment?: number | null;
      handledByUserId?: string | null;
    },
  ): Promise<boolean> {
    return this.gateway.write(scope, async (runner) => {
      const [row] = await runner.run(UPDATE, {
        id,
        setStatus: changes.status !== undefined,
        status: changes.status ?? null,
        setSentiment: changes.sentiment !== undefined,
        sentiment: changes.sentiment ?? null,
        handledByUserId: changes.handledByUserId ?? null,
      });
      if (row === undefined) return false;
      if (changes.handledByUserId && Number(row.handledByFound) === 0) {
        throw notFound('Unknown staff user', { field: 'handledByUserId' });
      }
      return true;
    });
  }

  async delete(scope: OperationScope, id: string): Promise<boolean> {
    const rows = await this.gateway.write(scope, (runner) => runner.run(DELETE, { id }));
    return Number(rows[0]?.deleted ?? 0) > 0;
  }

  async list(
    scope: OperationScope,
    query: InteractionQuery,
    page: PageRequest,
  ): Promise<{ rows: InteractionRecord[]; total: number }> {
    const matching = query.personId === null ? ALL_INTERACTIONS : PERSON_INTERACTIONS;
    const params = { ...query };
    return this.gateway.read(scope, async (runner) => {
      const [count] = await runner.run(`${matching} RETURN count(i) AS total`, params);
      const rows = await runner.run(`${matching} ${PAGE}`, {
        ...params,
        afterValue: page.after?.sortValue ?? null,
        afterId: page.after?.id ?? null,
        limit: cypherInt(page.first + 1),
      });
      return { rows: rows.map(toRecord), total: Number(count?.total ?? 0) };
    });
  }
}
