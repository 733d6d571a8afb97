import { changing } from '../audit/audited';
import { Access } from '../access/access-rules';
import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root, Authorized } from 'type-graphql';
import { notFound } from '../../core/errors/domain-error';
import type { GraphQLContext } from '../../server/context';
import { Person } from '../people/person.type';
import { MarkSameAsInput } from './identity.input';
import { MergeResult, SameAsLink, type SameAsRecord } from './identity.type';

@Resolver(() => SameAsLink)
export class IdentityResolver {
  @FieldResolver(() => Person)
  async other(@Root() link: SameAsRecord, @Ctx() { loaders }: GraphQLContext): Promise<Person> {
    const other = await loaders.person.load(link.otherPersonId);
    if (other === null) throw notFound('The other record no longer exists');
    return other;
  }

  @Authorized(Access.IDENTITY)
  @Mutation(() => SameAsLink, { description: 'Records that two person records may be one human.' })
  markSameAs(@Arg('input') input: MarkSameAsInput, @Ctx() { services, scope }: GraphQLContext) {
    return services.identity.markSameAs(scope, input);
  }

  @Authorized(Access.IDENTITY)
  @Mutation(() => Boolean, { description: 'True when a SAME_AS link was removed.' })
  removeSameAs(
    @Arg('personId', () => ID) personId: string,
    @Arg('otherPersonId', () => ID) otherPersonId: string,
    @Ctx() { services, scope }: GraphQLContext,
  ) {
    return services.identity.removeSameAs(scope, personId, otherPersonId);
  }

  @Authorized(Access.IDENTITY)
  @Mutation(() => MergeResult, {
    description:
      'Moves roles, ties, accounts, interactions, keys and consent of one record to the survivor.',
  })
  mergePersons(
    @Arg('survivorId', () => ID) survivorId: string,
    @Arg('mergedId', () => ID) mergedId: string,
    @Ctx() { services, scope, audit }: GraphQLContext,
  ) {
    return changing(audit, services.identity.merge(scope, survivorId, mergedId), () => [
      survivorId,
      mergedId,
    ]);
  }

  @Authorized(Access.IDENTITY)
  @Mutation(() => Person, { description: 'Undoes a merge exactly; returns the restored record.' })
  unmergePerson(
    @Arg('mergedId', () => ID) mergedId: string,
    @Ctx() { services, scope, audit }: GraphQLContext,
  ) {
    return changing(audit, services.identity.unmerge(scope, mergedId), () => [mergedId]);
  }
}
