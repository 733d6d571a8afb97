import { Arg, Authorized, Ctx, Resolver, Root, Subscription } from 'type-graphql';
import type { SubscribeResolverData } from 'type-graphql';
import type { GraphQLContext } from '../../server/context';
import { Access } from '../access/access-rules';
import { Interaction, type InteractionRecord } from '../interactions/interaction.type';
import type { DeliveredEvent } from './delivered-event';
import { interactionAddedPredicate } from './interaction-added.filter';
import { InteractionAddedFilter } from './interaction-added.input';
import { type InteractionAddedEvent, RealtimeTopic } from './realtime-events';

type FilterArgs = { filter?: InteractionAddedFilter | null };

@Resolver()
export class InteractionAddedResolver {
  @Authorized(Access.READ)
  @Subscription(() => Interaction, {
    description:
      'New interactions (recorded or ingested on any instance) matching the filter. Fields are masked as in queries, for the subscriber.',
    // The filter is checked once, when the subscription starts, not per event.
    subscribe: ({ args, context }: SubscribeResolverData<unknown, FilterArgs, GraphQLContext>) =>
      context.services.realtime.subscribe(
        RealtimeTopic.INTERACTION_ADDED,
        interactionAddedPredicate(args.filter),
      ),
  })
  async interactionAdded(
    @Root() delivered: DeliveredEvent<InteractionAddedEvent>,
    @Ctx() context: GraphQLContext,
    // Validated by the subscribe function above; per event there is nothing left to check.
    @Arg('filter', () => InteractionAddedFilter, { nullable: true, validate: false })
    _filter?: InteractionAddedFilter,
  ): Promise<InteractionRecord> {
    const id = delivered.event.interactionId;
    // The record is the same for every subscriber: read once per event, masked per subscriber.
    const record = await delivered.once('interaction', () =>
      context.services.interactions.get({ operationName: 'interactionAdded' }, id),
    );
    context.loaders.interaction.prime(id, record);
    return record;
  }
}
