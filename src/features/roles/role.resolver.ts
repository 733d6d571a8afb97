import { changing } from '../audit/audited';
import { Access } from '../access/access-rules';
import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root, Authorized } from 'type-graphql';
import { notFound } from '../../core/errors/domain-error';
import type { GraphQLContext } from '../../server/context';
import { Organization } from '../organizations/organization.type';
import { Person } from '../people/person.type';
import { DeletionResult } from '../shared/deletion-result.type';
import { AddRoleInput, UpdateRoleInput } from './role.input';
import { Role } from './role.type';

@Resolver(() => Role)
export class RoleResolver {
  @FieldResolver(() => Organization)
  async organization(
    @Root() role: Role,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<Organization> {
    const organization = await loaders.organization.load(role.organizationId);
    if (organization === null) throw notFound('The role’s organization no longer exists');
    return organization;
  }

  @FieldResolver(() => Person)
  async person(@Root() role: Role, @Ctx() { loaders }: GraphQLContext): Promise<Person> {
    const person = await loaders.person.load(role.personId);
    if (person === null) throw notFound('The role’s person no longer exists');
    return person;
  }

  @Authorized(Access.WRITE_CRM)
  @Mutation(() => Role, {
    description:
      'Idempotent for the same person, organization, role and since. Without organizationId the role is held at our own company.',
  })
  addRole(@Arg('input') input: AddRoleInput, @Ctx() { services, scope, audit }: GraphQLContext) {
    return changing(audit, services.roles.add(scope, input), () => [input.personId]);
  }

  @Authorized(Access.WRITE_CRM)
  @Mutation(() => Role)
  updateRole(
    @Arg('id', () => ID) id: string,
    @Arg('input') input: UpdateRoleInput,
    @Ctx() { services, scope }: GraphQLContext,
  ) {
    return services.roles.update(scope, id, input);
  }

  @Authorized(Access.WRITE_CRM)
  @Mutation(() => DeletionResult)
  removeRole(@Arg('id', () => ID) id: string, @Ctx() { services, scope }: GraphQLContext) {
    return services.roles.remove(scope, id);
  }
}
