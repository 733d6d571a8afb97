import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../server/context';
import { Access } from '../access/access-rules';
import { AccountAssignment, AccountAssignmentInput, Team, TeamInput } from './assignment.type';

/** Who needs to know whom: teams and the accounts staff and teams hold. */
@Resolver()
export class AssignmentResolver {
  @Authorized(Access.ADMINISTRATION)
  @Query(() => [Team], { description: 'All teams, by name.' })
  teams(@Ctx() { services, scope }: GraphQLContext) {
    return services.assignments.listTeams(scope);
  }

  @Authorized(Access.ADMINISTRATION)
  @Mutation(() => Team, { description: 'Creates the team or updates the one with this name.' })
  upsertTeam(@Arg('input') input: TeamInput, @Ctx() { services, scope }: GraphQLContext) {
    return services.assignments.upsertTeam(scope, input.name, input.memberIds);
  }

  @Authorized(Access.ADMINISTRATION)
  @Mutation(() => AccountAssignment, {
    description:
      'Gives a member of staff or a team need-to-know for an organization (everyone with a current role there) or a person.',
  })
  assignAccount(
    @Arg('input') input: AccountAssignmentInput,
    @Ctx() { services, scope }: GraphQLContext,
  ) {
    return services.assignments.setAssignment(scope, input, true);
  }

  @Authorized(Access.ADMINISTRATION)
  @Mutation(() => AccountAssignment)
  unassignAccount(
    @Arg('input') input: AccountAssignmentInput,
    @Ctx() { services, scope }: GraphQLContext,
  ) {
    return services.assignments.setAssignment(scope, input, false);
  }
}
