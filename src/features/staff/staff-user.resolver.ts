import { Access } from '../access/access-rules';
import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root, Authorized } from 'type-graphql';
import type { GraphQLContext } from '../../server/context';
import { Person } from '../people/person.type';
import { UpsertUserInput } from './staff-user.input';
import { StaffUser, type StaffUserRecord } from './staff-user.type';

@Resolver(() => StaffUser)
export class StaffUserResolver {
  @Authorized(Access.READ)
  @Query(() => [StaffUser], { description: 'All staff users, by login.' })
  users(@Ctx() { services, scope }: GraphQLContext) {
    return services.staffUsers.list(scope);
  }

  @FieldResolver(() => Person, { nullable: true })
  person(@Root() user: StaffUserRecord, @Ctx() { loaders }: GraphQLContext) {
    return user.personId === null ? null : loaders.person.load(user.personId);
  }

  @Authorized(Access.ADMINISTRATION)
  @Mutation(() => StaffUser)
  upsertUser(@Arg('input') input: UpsertUserInput, @Ctx() { services, scope }: GraphQLContext) {
    return services.staffUsers.upsert(scope, input);
  }
}
