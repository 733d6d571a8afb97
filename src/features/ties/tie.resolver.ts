import { changing } from '../audit/audited';
import { Access } from '../access/access-rules';
import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root, Authorized } from 'type-graphql';
import { notFound } from '../../core/errors/domain-error';
import type { GraphQLContext } from '../../server/context';
import { Person } from '../people/person.type';
import { DeletionResult } from '../shared/deletion-result.type';
import { AddTieInput, UpdateTieInput } from './tie.input';
import { Tie } from './tie.type';

async function loadPerson(context: GraphQLContext, id: string): Promise<Person> {
  const person = await context.loaders.person.load(id);
  if (person === null) throw notFound('The tie’s person no longer exists');
  return person;
}

@Resolver(() => Tie)
export class TieResolver {
  @FieldResolver(() => Person)
  from(@Root() tie: Tie, @Ctx() context: GraphQLContext): Promise<Person> {
    return loadPerson(context, tie.fromPersonId);
  }

  @FieldResolver(() => Person)
  to(@Root() tie: Tie, @Ctx() context: GraphQLContext): Promise<Person> {
    return loadPerson(context, tie.toPersonId);
  }

  @Authorized(Access.WRITE_CRM)
  @Mutation(() => Tie, {
    description: 'Adding the same type between the same two people updates that tie.',
  })
  addTie(@Arg('input') input: AddTieInput, @Ctx() { services, scope, audit }: GraphQLContext) {
    return changing(audit, services.ties.add(scope, input), () => [
      input.fromPersonId,
      input.toPersonId,
    ]);
  }

  @Authorized(Access.WRITE_CRM)
  @Mutation(() => Tie)
  updateTie(
    @Arg('id', () => ID) id: string,
    @Arg('input') input: UpdateTieInput,
    @Ctx() { services, scope }: GraphQLContext,
  ) {
    return services.ties.update(scope, id, input);
  }

  @Authorized(Access.WRITE_CRM)
  @Mutation(() => DeletionResult)
  removeTie(@Arg('id', () => ID) id: string, @Ctx() { services, scope }: GraphQLContext) {
    return services.ties.remove(scope, id);
  }
}
