import { badUserInput } from '../../core/errors/domain-error';
import type { OperationScope } from '../../core/neo4j/neo4j-gateway';
import { type Connection, toConnection } from '../../core/pagination/connection';
import { pageRequest } from '../../core/pagination/page-request';
import type { InteractionRecord } from '../interactions/interaction.type';
import { assertEntityId } from '../shared/entity-id';
import type { ViewSubject } from './interaction-scope.cypher';
import type { SubjectPage } from './paged-rows';
import type { TimelineFilter } from './timeline.input';
import type { TimelinePosition, TimelineQuery, TimelineRepository } from './timeline.repository';

/** A checked timeline request: what to match and which page. */
export interface TimelineRequest {
  query: TimelineQuery;
  first: number;
  after: TimelinePosition | null;
}

/** The merged timeline of a person or an organization: classic and social, newest first. */
export class TimelineService {
  constructor(private readonly repository: TimelineRepository) {}

  /** Checks the arguments once per field, before anything is loaded. */
  request(
    filter: TimelineFilter | null | undefined,
    first: number | null | undefined,
    after: string | null | undefined,
  ): TimelineRequest {
    const page = pageRequest(first, after);
    let position: TimelinePosition | null = null;
    if (page.after !== null) {
      const { sortValue, id } = page.after;
      if (typeof sortValue !== 'string' || Number.isNaN(Date.parse(sortValue))) {
        throw badUserInput('The cursor is not a timeline cursor', { field: 'after' });
      }
      position = { occurredAt: sortValue, id };
    }
    if (filter?.topicId) assertEntityId(filter.topicId, 'topicId');
    const from = filter?.from ?? null;
    const to = filter?.to ?? null;
    if (from !== null && to !== null && Date.parse(from) >= Date.parse(to)) {
      throw badUserInput('to must be later than from', { field: 'to' });
    }
    const minSentiment = filter?.minSentiment ?? null;
    const maxSentiment = filter?.maxSentiment ?? null;
    if (minSentiment !== null && maxSentiment !== null && minSentiment > maxSentiment) {
      throw badUserInput('maxSentiment must not be below minSentiment', {
        field: 'maxSentiment',
      });
    }
    return {
      query: {
        kinds: filter?.kinds?.length ? filter.kinds : null,
        channels: filter?.channels?.length ? filter.channels : null,
        topicId: filter?.topicId ?? null,
        minSentiment,
        maxSentiment,
        // Normalised to UTC so that Cypher's datetime() reads every accepted form alike.
        from: from === null ? null : new Date(from).toISOString(),
        to: to === null ? null : new Date(to).toISOString(),
      },
      first: page.first,
      after: position,
    };
  }

  async pages(
    scope: OperationScope,
    subject: ViewSubject,
    subjectIds: readonly string[],
    request: TimelineRequest,
  ): Promise<Map<string, Connection<InteractionRecord>>> {
    const pages = await this.repository.pages(
      scope,
      subject,
      subjectIds,
      request.query,
      request.after,
      request.first + 1,
    );
    const connections = new Map<string, Connection<InteractionRecord>>();
    for (const id of subjectIds) {
      connections.set(id, timelineConnection(pages.get(id) ?? { rows: [], total: 0 }, request));
    }
    return connections;
  }
}

/** A page fetched with `first + 1` rows as the connection the request asked for. */
export function timelineConnection(
  page: SubjectPage<InteractionRecord>,
  request: TimelineRequest,
): Connection<InteractionRecord> {
  return toConnection(page.rows, request.first, page.total, (row) => row.occurredAt);
}
