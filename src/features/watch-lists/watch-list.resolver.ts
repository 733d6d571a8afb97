import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../server/context';
import { Access } from '../access/access-rules';
import { DeletionResult } from '../shared/deletion-result.type';
import { WatchListInput } from './watch-list.input';
import { WatchList } from './watch-list.type';

@Resolver(() => WatchList)
export class WatchListResolver {
  @Authorized(Access.READ)
  @Query(() => [WatchList], { description: 'All watch lists by name (at most 500).' })
  watchLists(@Ctx() { services, scope }: GraphQLContext) {
    return services.watchLists.list(scope);
  }

  @Authorized(Access.READ)
  @Query(() => WatchList, { description: 'NOT_FOUND when no watch list has this id.' })
  watchList(@Arg('id', () => ID) id: string, @Ctx() { services, scope }: GraphQLContext) {
    return services.watchLists.get(scope, id);
  }

  @Authorized(Access.LISTENING)
  @Mutation(() => WatchList, {
    description:
      'Names are unique: the same name and definition again returns the existing list, another definition is a CONFLICT. Bad keywords: BAD_USER_INPUT with field and position.',
  })
  createWatchList(
    @Arg('input') input: WatchListInput,
    @Ctx() { services, scope, viewer }: GraphQLContext,
  ) {
    return services.watchLists.create(scope, input, viewer?.userId ?? null);
  }

  @Authorized(Access.LISTENING)
  @Mutation(() => WatchList, { description: 'Replaces the whole definition.' })
  updateWatchList(
    @Arg('id', () => ID) id: string,
    @Arg('input') input: WatchListInput,
    @Ctx() { services, scope }: GraphQLContext,
  ) {
    return services.watchLists.update(scope, id, input);
  }

  @Authorized(Access.LISTENING)
  @Mutation(() => DeletionResult, { description: 'Its alerts stay, without their watch list.' })
  deleteWatchList(@Arg('id', () => ID) id: string, @Ctx() { services, scope }: GraphQLContext) {
    return services.watchLists.delete(scope, id);
  }
}
