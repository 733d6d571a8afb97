import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { notFound } from '../../core/errors/domain-error';
import type { GraphQLContext } from '../../server/context';
import { Access } from '../access/access-rules';
import { Interaction } from '../interactions/interaction.type';
import { Person } from '../people/person.type';
import { StaffUser } from '../staff/staff-user.type';
import {
  DEFAULT_MAX_HOPS,
  DEFAULT_PATH_COUNT,
  MAX_HOPS,
  MAX_PATH_COUNT,
} from './introduction.service';
import { Introducer, IntroductionPath, IntroductionStep } from './introduction.type';

async function loadPerson(context: GraphQLContext, id: string): Promise<Person> {
  const person = await context.loaders.person.load(id);
  if (person === null) throw notFound('A person on this path no longer exists');
  return person;
}

/** Hands the records read while the paths were checked to the operation's loaders. */
function primeLoaders(context: GraphQLContext, paths: readonly IntroductionPath[]): void {
  for (const path of paths) {
    for (const person of path.prefetched?.people ?? []) {
      context.loaders.person.prime(person.id, person);
    }
    for (const interaction of path.prefetched?.interactions ?? []) {
      context.loaders.interaction.prime(interaction.id, interaction);
    }
  }
}

@Resolver(() => IntroductionPath)
export class IntroductionPathResolver {
  @Authorized(Access.PROSPECTING)
  @Query(() => [IntroductionPath], {
    description:
      `The most trusted warm introduction paths from a member of our staff (the caller, or ` +
      `fromUserId / fromPersonId) to a person, at most maxHops steps (1–${MAX_HOPS}) each; ` +
      `empty when out of reach. People without SALES_PROSPECTING consent are never on a path ` +
      `(CONSENT_REQUIRED when the target is one of them).`,
  })
  async introductionPaths(
    @Arg('targetPersonId', () => ID) targetPersonId: string,
    @Ctx() context: GraphQLContext,
    @Arg('fromUserId', () => ID, { nullable: true, description: 'Default: the caller.' })
    fromUserId?: string,
    @Arg('fromPersonId', () => ID, {
      nullable: true,
      description: 'The person of a member of staff; instead of fromUserId.',
    })
    fromPersonId?: string,
    @Arg('maxHops', () => Int, { nullable: true, defaultValue: DEFAULT_MAX_HOPS })
    maxHops?: number,
    @Arg('first', () => Int, {
      nullable: true,
      defaultValue: DEFAULT_PATH_COUNT,
      description: `How many paths, 1–${MAX_PATH_COUNT}.`,
    })
    first?: number,
  ): Promise<IntroductionPath[]> {
    const paths = await context.services.introductions.paths(context.scope, context.viewer, {
      targetPersonId,
      fromUserId: fromUserId ?? null,
      fromPersonId: fromPersonId ?? null,
      maxHops: maxHops ?? null,
      first: first ?? null,
    });
    primeLoaders(context, paths);
    return paths;
  }

  @Authorized(Access.PROSPECTING)
  @Query(() => [Introducer], {
    description:
      'Who in our company can introduce us to a person: every member of staff with a path of at ' +
      'most maxHops steps, most trusted first, not capped. Paths do not pass through other staff.',
  })
  introducers(
    @Arg('targetPersonId', () => ID) targetPersonId: string,
    @Ctx() { services, scope }: GraphQLContext,
    @Arg('maxHops', () => Int, { nullable: true, defaultValue: DEFAULT_MAX_HOPS })
    maxHops?: number,
  ): Promise<Introducer[]> {
    return services.introductions.introducers(scope, targetPersonId, maxHops);
  }

  @FieldResolver(() => [Person], { description: 'From the start to the target, in order.' })
  people(@Root() path: IntroductionPath, @Ctx() context: GraphQLContext): Promise<Person[]> {
    return Promise.all(path.personIds.map((id) => loadPerson(context, id)));
  }
}

@Resolver(() => IntroductionStep)
export class IntroductionStepResolver {
  @FieldResolver(() => Person)
  from(@Root() step: IntroductionStep, @Ctx() context: GraphQLContext): Promise<Person> {
    return loadPerson(context, step.fromPersonId);
  }

  @FieldResolver(() => Person)
  to(@Root() step: IntroductionStep, @Ctx() context: GraphQLContext): Promise<Person> {
    return loadPerson(context, step.toPersonId);
  }

  @FieldResolver(() => Interaction, {
    nullable: true,
    description: 'The latest interaction the two people shared, which supports the step.',
  })
  latestInteraction(@Root() step: IntroductionStep, @Ctx() { loaders }: GraphQLContext) {
    return step.latestInteractionId === null
      ? null
      : loaders.interaction.load(step.latestInteractionId);
  }
}

@Resolver(() => Introducer)
export class IntroducerResolver {
  @FieldResolver(() => StaffUser, { nullable: true })
  user(@Root() introducer: Introducer, @Ctx() { loaders }: GraphQLContext) {
    return loaders.staffUser.load(introducer.userId);
  }

  @FieldResolver(() => Person)
  person(@Root() introducer: Introducer, @Ctx() context: GraphQLContext): Promise<Person> {
    return loadPerson(context, introducer.personId);
  }
}

export const INTRODUCTION_RESOLVERS = [
  IntroductionPathResolver,
  IntroductionStepResolver,
  IntroducerResolver,
] as const;
