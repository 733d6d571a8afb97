import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { notFound } from '../../core/errors/domain-error';
import type { GraphQLContext } from '../../server/context';
import { Access } from '../access/access-rules';
import { Person } from '../people/person.type';
import { StaffRole } from '../staff/staff-user.type';
import { InfluenceEngineKind } from './influence-engine';
import { FansAndCriticsInput, MultiplierFilter } from './influence.input';
import type { MultiplierConnectionRecord } from './influence.service';
import {
  FansAndCritics,
  InfluenceRun,
  InfluenceScore,
  MultiplierConnection,
  Stance,
  type InfluenceRecord,
} from './influence.type';

/** Fans and critics also serve the service team, who answer critical multipliers first. */
const FANS_AND_CRITICS_ACCESS = [...Access.ANALYTICS, StaffRole.SUPPORT];

async function loadPerson(context: GraphQLContext, id: string): Promise<Person> {
  const person = await context.loaders.person.load(id);
  if (person === null) throw notFound('The scored person no longer exists');
  return person;
}

@Resolver(() => InfluenceScore)
export class InfluenceResolver {
  @Authorized(Access.ANALYTICS)
  @Query(() => MultiplierConnection, {
    description:
      'People by stored influence, highest first: overall, or about a topic or product. Only people whose consent covers PROFILING.',
  })
  multipliers(
    @Ctx() { services, scope }: GraphQLContext,
    @Arg('filter', () => MultiplierFilter, { nullable: true }) filter?: MultiplierFilter,
    @Arg('first', () => Int, { nullable: true, description: 'At most 100 (default 20).' })
    first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<MultiplierConnectionRecord> {
    return services.influence.multipliers(scope, filter, first, after);
  }

  @Authorized(Access.ANALYTICS)
  @Query(() => InfluenceScore, {
    nullable: true,
    description:
      'A person’s stored influence, overall or about a topic or product (subjectId); null when there is none. NOT_FOUND for an unknown person.',
  })
  influence(
    @Arg('personId', () => ID) personId: string,
    @Ctx() { services, scope }: GraphQLContext,
    @Arg('subjectId', () => ID, { nullable: true }) subjectId?: string,
  ): Promise<InfluenceRecord | null> {
    return services.influence.influenceOf(scope, personId, subjectId);
  }

  @Authorized(Access.ANALYTICS)
  @Query(() => InfluenceRun, {
    nullable: true,
    description: 'The last recompute; null before the first.',
  })
  influenceStatus(@Ctx() { services, scope }: GraphQLContext) {
    return services.influence.lastRun(scope);
  }

  @Authorized(FANS_AND_CRITICS_ACCESS)
  @Query(() => FansAndCritics, {
    description:
      'People ranked by influence × net sentiment towards a brand, product or topic over a time window.',
  })
  fansAndCritics(
    @Arg('input') input: FansAndCriticsInput,
    @Ctx() { services, scope }: GraphQLContext,
  ) {
    return services.influence.fansAndCritics(scope, input);
  }

  @Authorized(Access.ADMINISTRATION)
  @Mutation(() => InfluenceRun, {
    description:
      'Recomputes every influence score and community and stores them with a timestamp. CONFLICT while another recompute runs.',
  })
  recomputeInfluence(
    @Ctx() { services, scope }: GraphQLContext,
    @Arg('engine', () => InfluenceEngineKind, {
      nullable: true,
      description: 'Default: GDS where the database has it, else IN_PROCESS.',
    })
    engine?: InfluenceEngineKind,
  ) {
    return services.influence.recompute(scope, engine);
  }

  @FieldResolver(() => Person)
  person(@Root() influence: InfluenceScore, @Ctx() context: GraphQLContext): Promise<Person> {
    return loadPerson(context, influence.personId);
  }

  @FieldResolver(() => [String], {
    description: 'Why: the weighted sum and the measures behind each component.',
  })
  explanation(@Root() influence: InfluenceRecord, @Ctx() { services }: GraphQLContext): string[] {
    return services.influence.explain(influence);
  }
}

@Resolver(() => MultiplierConnection)
export class MultiplierConnectionResolver {
  @FieldResolver(() => Int, { description: 'All matches, on every page; counted when asked for.' })
  totalCount(@Root() connection: MultiplierConnectionRecord): Promise<number> {
    return connection.countTotal();
  }
}

@Resolver(() => Stance)
export class StanceResolver {
  @FieldResolver(() => Person)
  person(@Root() stance: Stance, @Ctx() context: GraphQLContext): Promise<Person> {
    return loadPerson(context, stance.personId);
  }
}

export const INFLUENCE_RESOLVERS = [
  InfluenceResolver,
  MultiplierConnectionResolver,
  StanceResolver,
] as const;
