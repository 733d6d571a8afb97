import { Arg, Authorized, Ctx, Resolver, Root, Subscription } from 'type-graphql';
import type { SubscribeResolverData } from 'type-graphql';
import type { GraphQLContext } from '../../server/context';
import { Access } from '../access/access-rules';
import { Alert, type AlertRecord } from '../alerts/alert.type';
import { alertEventPredicate } from './alert-event.filter';
import { AlertEventFilter } from './alert-event.input';
import type { DeliveredEvent } from './delivered-event';
import { type AlertEvent, RealtimeTopic } from './realtime-events';

type FilterArgs = { filter?: AlertEventFilter | null };

function subscribeTo(topic: RealtimeTopic.ALERT_RAISED | RealtimeTopic.ALERT_UPDATED) {
  return ({ args, context }: SubscribeResolverData<unknown, FilterArgs, GraphQLContext>) =>
    context.services.realtime.subscribe(topic, alertEventPredicate(args.filter));
}

/** The alert as it is after the event, read once per event and masked per subscriber. */
async function alertOf(
  delivered: DeliveredEvent<AlertEvent>,
  context: GraphQLContext,
): Promise<AlertRecord> {
  const id = delivered.event.alertId;
  return delivered.once('alert', () =>
    context.services.alerts.get({ operationName: 'alertEvent' }, id),
  );
}

/**
 * Live alerts are for the teams that work them (Access.LISTENING); other roles read alerts with
 * the `alerts` query.
 */
@Resolver()
export class AlertEventsResolver {
  @Authorized(Access.LISTENING)
  @Subscription(() => Alert, {
    description: 'Alerts raised on any instance by posts matching a watch list.',
    subscribe: subscribeTo(RealtimeTopic.ALERT_RAISED),
  })
  alertRaised(
    @Root() delivered: DeliveredEvent<AlertEvent>,
    @Ctx() context: GraphQLContext,
    @Arg('filter', () => AlertEventFilter, { nullable: true, validate: false })
    _filter?: AlertEventFilter,
  ): Promise<AlertRecord> {
    return alertOf(delivered, context);
  }

  @Authorized(Access.LISTENING)
  @Subscription(() => Alert, {
    description: 'Alerts assigned, annotated or moved to another status, on any instance.',
    subscribe: subscribeTo(RealtimeTopic.ALERT_UPDATED),
  })
  alertUpdated(
    @Root() delivered: DeliveredEvent<AlertEvent>,
    @Ctx() context: GraphQLContext,
    @Arg('filter', () => AlertEventFilter, { nullable: true, validate: false })
    _filter?: AlertEventFilter,
  ): Promise<AlertRecord> {
    return alertOf(delivered, context);
  }
}
