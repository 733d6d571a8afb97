import { notFound } from '../../core/errors/domain-error';
import { changing } from '../audit/audited';
import { PersonalData, Sensitivity } from '../access/personal-data';
import { Access } from '../access/access-rules';
import {
  Arg,
  Ctx,
  FieldResolver,
  ID,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
  Authorized,
} from 'type-graphql';
import { connectionType, type Connection } from '../../core/pagination/connection';
import type { GraphQLContext } from '../../server/context';
import { Role, RoleType, toRole } from '../roles/role.type';
import { SocialAccount, type SocialAccountRecord } from '../social-accounts/social-account.type';
import { Interest, type InterestRecord } from '../interests/interest.type';
import { SameAsLink, type SameAsRecord } from '../identity/identity.type';
import { DeletionResult } from '../shared/deletion-result.type';
import { assertEntityId } from '../shared/entity-id';
import { ExternalKeyInput } from '../shared/external-key.input';
import { Tie, TieType } from '../ties/tie.type';
import { CreatePersonInput, PersonFilter, PersonSort, UpdatePersonInput } from './person.input';
import { Person } from './person.type';

@ObjectType()
export class PersonConnection extends connectionType('Person', Person) {}

@Resolver(() => Person)
export class PersonResolver {
  @Authorized(Access.READ)
  @Query(() => Person, { description: 'NOT_FOUND when no person has this id.' })
  async person(@Arg('id', () => ID) id: string, @Ctx() { loaders }: GraphQLContext) {
    // Through the operation's loader: the 360° view's prefetch has usually loaded the person
    // already (prefetch-person-view.ts), and so has any earlier field of the operation.
    const person = await loaders.person.load(assertEntityId(id, 'id'));
    if (person === null) throw notFound(`No person with id ${id}`, { id });
    return person;
  }

  @Authorized(Access.READ)
  @Query(() => PersonConnection)
  persons(
    @Ctx() { services, scope }: GraphQLContext,
    @Arg('filter', () => PersonFilter, { nullable: true }) filter?: PersonFilter,
    @Arg('sort', () => PersonSort, { nullable: true }) sort?: PersonSort,
    @Arg('first', () => Int, {
      nullable: true,
      description: 'Page size, at most 100 (default 20).',
    })
    first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<Connection<Person>> {
    return services.people.list(scope, filter, sort, first, after);
  }

  @PersonalData(Sensitivity.RELATIONSHIP)
  @FieldResolver(() => [Role], {
    description:
      'Newest first. Without need-to-know: public roles only (not customer, prospect …).',
  })
  async roles(
    @Root() person: Person,
    @Ctx() { loaders }: GraphQLContext,
    @Arg('role', () => RoleType, { nullable: true }) role?: RoleType,
    @Arg('current', { nullable: true, description: 'true: only roles that hold today.' })
    current?: boolean,
  ): Promise<Role[]> {
    const records = await loaders.rolesByPerson.load(person.id);
    return records
      .map((record) => toRole(record))
      .filter((candidate) => role === undefined || candidate.role === role)
      .filter((candidate) => current !== true || candidate.isCurrent);
  }

  @PersonalData(Sensitivity.ACTIVITY)
  @FieldResolver(() => [Tie], { description: 'Both directions, strongest first.' })
  ties(
    @Root() person: Person,
    @Ctx() { loaders }: GraphQLContext,
    @Arg('types', () => [TieType], { nullable: true }) types?: TieType[],
    @Arg('first', () => Int, { nullable: true, description: 'At most 100 (default 20).' })
    first?: number,
  ): Promise<Tie[]> {
    return loaders.tiesByPerson(types ?? [], first).load(person.id);
  }

  @PersonalData(Sensitivity.IDENTITY)
  @FieldResolver(() => [SocialAccount], { description: 'Most followed first.' })
  socialAccounts(
    @Root() person: Person,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<SocialAccountRecord[]> {
    return loaders.socialAccountsByOwner.load(person.id);
  }

  @PersonalData(Sensitivity.PROFILE)
  @FieldResolver(() => [Interest], { description: 'Strongest first.' })
  interests(@Root() person: Person, @Ctx() { loaders }: GraphQLContext): Promise<InterestRecord[]> {
    return loaders.interestsByPerson.load(person.id);
  }

  @PersonalData(Sensitivity.IDENTITY)
  @FieldResolver(() => [SameAsLink], { description: 'Records that may be the same human.' })
  sameAs(@Root() person: Person, @Ctx() { loaders }: GraphQLContext): Promise<SameAsRecord[]> {
    return loaders.sameAsByPerson.load(person.id);
  }

  @Authorized(Access.WRITE_CRM)
  @Mutation(() => Person)
  createPerson(
    @Arg('input') input: CreatePersonInput,
    @Ctx() { services, scope, audit }: GraphQLContext,
  ) {
    return changing(audit, services.people.create(scope, input), (person) => [person.id]);
  }

  @Authorized(Access.WRITE_CRM)
  @Mutation(() => Person, {
    description: 'Creates the person on the first call for a key, updates them on every later one.',
  })
  upsertPersonByExternalKey(
    @Arg('key') key: ExternalKeyInput,
    @Arg('input') input: CreatePersonInput,
    @Ctx() { services, scope, audit }: GraphQLContext,
  ) {
    return changing(audit, services.people.upsertByExternalKey(scope, key, input), (person) => [
      person.id,
    ]);
  }

  @Authorized(Access.WRITE_CRM)
  @Mutation(() => Person)
  updatePerson(
    @Arg('id', () => ID) id: string,
    @Arg('input') input: UpdatePersonInput,
    @Ctx() { services, scope, audit }: GraphQLContext,
  ) {
    return changing(audit, services.people.update(scope, id, input), () => [id]);
  }

  @Authorized(Access.ADMINISTRATION)
  @Mutation(() => DeletionResult)
  deletePerson(@Arg('id', () => ID) id: string, @Ctx() { services, scope, audit }: GraphQLContext) {
    return changing(audit, services.people.delete(scope, id), () => [id]);
  }
}
