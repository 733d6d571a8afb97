import { assertEntityId } from '../shared/entity-id';
import type { AlertEventFilter } from './alert-event.input';
import type { EventPredicate } from './interaction-added.filter';
import type { AlertEvent } from './realtime-events';

/** Checks the filter once, when the subscription starts; the predicate runs per event. */
export function alertEventPredicate(
  filter: AlertEventFilter | null | undefined,
): EventPredicate<AlertEvent> {
  const watchListId = filter?.watchListId
    ? assertEntityId(filter.watchListId, 'filter.watchListId')
    : null;
  const assigneeId = filter?.assigneeId
    ? assertEntityId(filter.assigneeId, 'filter.assigneeId')
    : null;
  return (event) =>
    (watchListId === null || event.watchListId === watchListId) &&
    (assigneeId === null || event.assigneeId === assigneeId);
}
