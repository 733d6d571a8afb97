import { badUserInput } from '../../core/errors/domain-error';
import { assertEntityId } from '../shared/entity-id';
import type { InteractionAddedFilter } from './interaction-added.input';
import type { InteractionAddedEvent } from './realtime-events';

export type EventPredicate<T> = (event: T) => boolean;

function assertSentiment(value: number | null | undefined, field: string): number | null {
  if (value === null || value === undefined) return null;
  if (!Number.isFinite(value) || value < -1 || value > 1) {
    throw badUserInput(`${field} must lie between -1 and 1`, { field });
  }
  return value;
}

/**
 * Checks a subscription's filter once, when it starts, and turns it into a predicate that runs
 * per event without touching the database: events carry every fact a filter asks about.
 */
export function interactionAddedPredicate(
  filter: InteractionAddedFilter | null | undefined,
): EventPredicate<InteractionAddedEvent> {
  const personId = filter?.personId ? assertEntityId(filter.personId, 'filter.personId') : null;
  const organizationId = filter?.organizationId
    ? assertEntityId(filter.organizationId, 'filter.organizationId')
    : null;
  const topicId = filter?.topicId ? assertEntityId(filter.topicId, 'filter.topicId') : null;
  const kinds = filter?.kinds && filter.kinds.length > 0 ? new Set<string>(filter.kinds) : null;
  const below = assertSentiment(filter?.sentimentBelow, 'filter.sentimentBelow');
  const above = assertSentiment(filter?.sentimentAbove, 'filter.sentimentAbove');
  if (below !== null && above !== null && above >= below) {
    throw badUserInput('filter.sentimentAbove must be lower than filter.sentimentBelow', {
      field: 'filter.sentimentAbove',
    });
  }
  return (event) => {
    if (personId !== null && !event.personIds.includes(personId)) return false;
    if (organizationId !== null && !event.organizationIds.includes(organizationId)) return false;
    if (topicId !== null && !event.topicIds.includes(topicId)) return false;
    if (kinds !== null && !kinds.has(event.kind)) return false;
    if (below !== null && (event.sentiment === null || event.sentiment >= below)) return false;
    if (above !== null && (event.sentiment === null || event.sentiment <= above)) return false;
    return true;
  };
}
