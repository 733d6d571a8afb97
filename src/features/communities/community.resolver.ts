import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { notFound } from '../../core/errors/domain-error';
import type { Connection } from '../../core/pagination/connection';
import type { GraphQLContext } from '../../server/context';
import { Access } from '../access/access-rules';
import { Person } from '../people/person.type';
import {
  Community,
  CommunityConnection,
  CommunityMember,
  type CommunityMemberRecord,
  type CommunityRecord,
  CommunitySubject,
  type CommunitySubjectRecord,
} from './community.type';

@Resolver(() => Community)
export class CommunityResolver {
  @Authorized(Access.ANALYTICS)
  @Query(() => CommunityConnection, {
    description: 'Communities found by the last influence recompute, largest first.',
  })
  communities(
    @Ctx() { services, scope }: GraphQLContext,
    @Arg('first', () => Int, { nullable: true, description: 'At most 100 (default 20).' })
    first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<Connection<CommunityRecord>> {
    return services.communities.list(scope, first, after);
  }

  @Authorized(Access.ANALYTICS)
  @Query(() => Community, { description: 'NOT_FOUND when no community has this id.' })
  community(@Arg('id', () => ID) id: string, @Ctx() { services, scope }: GraphQLContext) {
    return services.communities.get(scope, id);
  }

  @FieldResolver(() => [CommunityMember], {
    description: 'The most influential members whose consent covers PROFILING, highest first.',
  })
  topMembers(
    @Root() community: Community,
    @Ctx() { loaders }: GraphQLContext,
    @Arg('first', () => Int, { defaultValue: 5, description: 'At most 100.' }) first: number,
  ): Promise<CommunityMemberRecord[]> {
    return loaders.communityMembers(first).load(community.id);
  }

  @FieldResolver(() => [CommunitySubject], {
    description: 'What the members speak about most in public, most first.',
  })
  dominantTopics(
    @Root() community: Community,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<CommunitySubjectRecord[]> {
    return loaders.communitySubjects.load(community.id);
  }
}

@Resolver(() => CommunityMember)
export class CommunityMemberResolver {
  @FieldResolver(() => Person)
  async person(
    @Root() member: CommunityMember,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<Person> {
    const person = await loaders.person.load(member.personId);
    if (person === null) throw notFound('The community member no longer exists');
    return person;
  }
}

export const COMMUNITY_RESOLVERS = [CommunityResolver, CommunityMemberResolver] as const;
