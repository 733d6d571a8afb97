import { Access } from '../access/access-rules';
import { Arg, Ctx, ID, Int, Mutation, ObjectType, Query, Resolver, Authorized } from 'type-graphql';
import type { GraphQLContext } from '../../server/context';
import { connectionType, type Connection } from '../../core/pagination/connection';
import { DeletionResult } from '../shared/deletion-result.type';
import { ExternalKeyInput } from '../shared/external-key.input';
import {
  CreateOrganizationInput,
  OrganizationFilterInput,
  UpdateOrganizationInput,
} from './organization.input';
import { Organization } from './organization.type';

@ObjectType()
export class OrganizationConnection extends connectionType('Organization', Organization) {}

@Resolver(() => Organization)
export class OrganizationResolver {
  @Authorized(Access.READ)
  @Query(() => Organization, { description: 'NOT_FOUND when no organization has this id.' })
  organization(@Arg('id', () => ID) id: string, @Ctx() { services, scope }: GraphQLContext) {
    return services.organizations.get(scope, id);
  }

  @Authorized(Access.READ)
  @Query(() => OrganizationConnection, { description: 'Sorted by name.' })
  organizations(
    @Ctx() { services, scope }: GraphQLContext,
    @Arg('filter', () => OrganizationFilterInput, { nullable: true })
    filter?: OrganizationFilterInput,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<Connection<Organization>> {
    return services.organizations.list(scope, filter ?? {}, first, after);
  }

  @Authorized(Access.WRITE_CRM)
  @Mutation(() => Organization)
  createOrganization(
    @Arg('input') input: CreateOrganizationInput,
    @Ctx() { services, scope }: GraphQLContext,
  ) {
    return services.organizations.create(scope, input);
  }

  @Authorized(Access.WRITE_CRM)
  @Mutation(() => Organization, {
    description:
      'Creates the organization on the first call for a key, updates it on every later one.',
  })
  upsertOrganizationByExternalKey(
    @Arg('key') key: ExternalKeyInput,
    @Arg('input') input: CreateOrganizationInput,
    @Ctx() { services, scope }: GraphQLContext,
  ) {
    return services.organizations.upsertByExternalKey(scope, key, input);
  }

  @Authorized(Access.WRITE_CRM)
  @Mutation(() => Organization)
  updateOrganization(
    @Arg('id', () => ID) id: string,
    @Arg('input') input: UpdateOrganizationInput,
    @Ctx() { services, scope }: GraphQLContext,
  ) {
    return services.organizations.update(scope, id, input);
  }

  @Authorized(Access.ADMINISTRATION)
  @Mutation(() => DeletionResult, {
    description: 'Removes the organization and its roles; people stay.',
  })
  deleteOrganization(@Arg('id', () => ID) id: string, @Ctx() { services, scope }: GraphQLContext) {
    return services.organizations.delete(scope, id);
  }
}
