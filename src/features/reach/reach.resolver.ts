import { Arg, Authorized, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../server/context';
import { Access } from '../access/access-rules';
import { ReachSubjectInput } from './reach.input';
import { DEFAULT_OVERLAP_HOPS, MAX_REACH_HOPS } from './reach.service';
import { AudienceOverlap, NetworkReach } from './reach.type';

@Resolver()
export class ReachResolver {
  @Authorized(Access.ANALYTICS)
  @Query(() => NetworkReach, {
    description: `Distinct people reachable in 1…maxHops (at most ${MAX_REACH_HOPS}) follower hops.`,
  })
  networkReach(
    @Arg('subject', () => ReachSubjectInput) subject: ReachSubjectInput,
    @Ctx() { services, scope }: GraphQLContext,
    @Arg('maxHops', () => Int, { nullable: true, defaultValue: MAX_REACH_HOPS }) maxHops?: number,
  ): Promise<NetworkReach> {
    return services.reach.networkReach(scope, subject, maxHops);
  }

  @Authorized(Access.ANALYTICS)
  @Query(() => AudienceOverlap, {
    description: 'Shared audience of two people, organizations, campaigns or account sets.',
  })
  audienceOverlap(
    @Arg('a', () => ReachSubjectInput) a: ReachSubjectInput,
    @Arg('b', () => ReachSubjectInput) b: ReachSubjectInput,
    @Ctx() { services, scope }: GraphQLContext,
    @Arg('hops', () => Int, { nullable: true, defaultValue: DEFAULT_OVERLAP_HOPS }) hops?: number,
  ): Promise<AudienceOverlap> {
    return services.reach.audienceOverlap(scope, a, b, hops);
  }
}
