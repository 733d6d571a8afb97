import type { Neo4jGateway, OperationScope } from '../../core/neo4j/neo4j-gateway';
import { cypherInt } from '../../core/neo4j/neo4j-values';
import {
  INTERACTION_FIELDS,
  toRecord as toInteractionRecord,
} from '../interactions/interaction.repository';
import type { InteractionKind, InteractionRecord } from '../interactions/interaction.type';
import { INTERACTIONS_OF, matchSubjects, type ViewSubject } from './interaction-scope.cypher';
import { pagesBySubject, type SubjectPage } from './paged-rows';

/** A timeline filter with every part present (null = any), as the Cypher expects. */
export interface TimelineQuery {
  kinds: InteractionKind[] | null;
  channels: string[] | null;
  topicId: string | null;
  minSentiment: number | null;
  maxSentiment: number | null;
  from: string | null;
  to: string | null;
}

export interface TimelinePosition {
  occurredAt: string;
  id: string;
}

const PARAMETER_PREFIX = /^[a-z][A-Za-z0-9]*_$|^$/;

/**
 * The timeline filter over `i`, reading its parameters with a prefix (e.g. `$t0_kinds`), so that a
 * query can hold several timelines with different filters. The prefix is chosen by code.
 */
export function timelineFilter(prefix: string): string {
  if (!PARAMETER_PREFIX.test(prefix)) throw new Error(`Not a parameter prefix: ${prefix}`);
  const p = `$${prefix}`;
  return `
  (${p}kinds IS NULL OR i.kind IN ${p}kinds)
  AND (${p}channels IS NULL OR i.channel IN ${p}channels)
  AND (${p}from IS NULL OR i.occurredAt >= datetime(${p}from))
  AND (${p}to IS NULL OR i.occurredAt < datetime(${p}to))
  AND (${p}minSentiment IS NULL OR i.sentiment >= ${p}minSentiment)
  AND (${p}maxSentiment IS NULL OR i.sentiment <= ${p}maxSentiment)
  AND (${p}topicId IS NULL OR EXISTS { MATCH (i)-[:ABOUT]->(:Topic {id: ${p}topicId}) })`;
}

/** A page of `matching` (newest first) after the cursor in `$<prefix>afterValue/afterId`. */
export function timelinePageAfterCursor(prefix: string): string {
  const p = `$${prefix}`;
  return `[i IN matching WHERE ${p}afterId IS NULL OR i.occurredAt < datetime(${p}afterValue)
    OR (i.occurredAt = datetime(${p}afterValue) AND i.id > ${p}afterId)][0..${p}limit]`;
}

/** The parameters of {@link timelineFilter} and {@link timelinePageAfterCursor}. */
export function timelineParams(
  prefix: string,
  query: TimelineQuery,
  after: TimelinePosition | null,
  limit: number,
): Record<string, unknown> {
  const values: Record<string, unknown> = {
    ...query,
    afterValue: after?.occurredAt ?? null,
    afterId: after?.id ?? null,
    limit: cypherInt(limit),
  };
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [prefix + key, value]));
}

// Newest first. One pass over the subject's interactions gives both the total and the page; the
// page's rows carry their neighbours' ids, which field resolvers load through DataLoaders. A
// subject without matches still returns one row (position null) so that its total reaches it.
function timelineQuery(subject: ViewSubject): string {
  return `
  ${matchSubjects(subject)}
  CALL (subject) {
    ${INTERACTIONS_OF[subject]}
    WITH i WHERE ${timelineFilter('')}
    WITH i ORDER BY i.occurredAt DESC, i.id
    WITH collect(i) AS matching
    RETURN size(matching) AS total, ${timelinePageAfterCursor('')} AS page
  }
  OPTIONAL CALL (page) {
    UNWIND range(0, size(page) - 1) AS position
    WITH position, page[position] AS i
    RETURN position, ${INTERACTION_FIELDS}
  }
  RETURN subjectId, total, position, i, performer, about, mentions, replyToId, handledByUserId`;
}

const TIMELINE: Readonly<Record<ViewSubject, string>> = {
  Person: timelineQuery('Person'),
  Organization: timelineQuery('Organization'),
};

export class TimelineRepository {
  constructor(private readonly gateway: Neo4jGateway) {}

  async pages(
    scope: OperationScope,
    subject: ViewSubject,
    subjectIds: readonly string[],
    query: TimelineQuery,
    after: TimelinePosition | null,
    limit: number,
  ): Promise<Map<string, SubjectPage<InteractionRecord>>> {
    const rows = await this.gateway.readStatement(scope, TIMELINE[subject], {
      subjectIds,
      ...timelineParams('', query, after, limit),
    });
    return pagesBySubject(rows, toInteractionRecord);
  }
}
