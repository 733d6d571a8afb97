import { AlertEventsResolver } from './alert-events.resolver';
import { InteractionAddedResolver } from './interaction-added.resolver';

/** The subscriptions of the API. */
export const REALTIME_RESOLVERS = [InteractionAddedResolver, AlertEventsResolver] as const;
