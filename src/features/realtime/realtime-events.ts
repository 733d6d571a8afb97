/**
 * The events that travel from writers (post ingest, interaction recording, alert workflow) to
 * GraphQL subscriptions, on this instance and, when REDIS_URL is set, on every other one.
 *
 * Payloads carry ids and the few fields subscription filters need, never personal data: a
 * subscriber's resolvers load the rest under their own viewer, so masking and audit apply per
 * subscriber exactly as for a query.
 */
export enum RealtimeTopic {
  INTERACTION_ADDED = 'crm.interaction.added',
  ALERT_RAISED = 'crm.alert.raised',
  ALERT_UPDATED = 'crm.alert.updated',
}

export interface InteractionAddedEvent {
  interactionId: string;
  /** InteractionKind value, e.g. POST or COMPLAINT. */
  kind: string;
  /** ISO 8601. */
  occurredAt: string;
  sentiment: number | null;
  /** The person who performed it or owns the account that did, when known. */
  personIds: string[];
  /** Organizations those persons hold a current role at. */
  organizationIds: string[];
  topicIds: string[];
}

export interface AlertEvent {
  alertId: string;
  watchListId: string;
  assigneeId: string | null;
  /** AlertStatus value: OPEN, ACKNOWLEDGED or RESOLVED. */
  status: string;
}

export interface RealtimePayloads {
  [RealtimeTopic.INTERACTION_ADDED]: InteractionAddedEvent;
  [RealtimeTopic.ALERT_RAISED]: AlertEvent;
  [RealtimeTopic.ALERT_UPDATED]: AlertEvent;
}

/** What writers depend on; publishing never throws and never waits for remote delivery. */
export interface RealtimePublisher {
  publish<T extends RealtimeTopic>(topic: T, payload: RealtimePayloads[T]): void;
}
