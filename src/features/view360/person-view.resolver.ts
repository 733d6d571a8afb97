import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  Float,
  Int,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { notFound } from '../../core/errors/domain-error';
import type { Connection } from '../../core/pagination/connection';
import type { GraphQLContext } from '../../server/context';
import { Access } from '../access/access-rules';
import { Interaction, type InteractionRecord } from '../interactions/interaction.type';
import { InteractionConnection } from '../interactions/interaction.resolver';
import { Person } from '../people/person.type';
import { ExternalKeyInput } from '../shared/external-key.input';
import { Platform } from '../social-accounts/social-account.type';
import { TieType } from '../ties/tie.type';
import {
  LastContact,
  type LastContactRecord,
  ProductPurchase,
  type ProductPurchaseRecord,
  TopicOfInterest,
  type TopicOfInterestRecord,
  INTEREST_AS_INTERACTIONS,
} from './insight.type';
import { TOPIC_LIMIT, INSIGHT_LIST_LIMIT } from './insights.cypher';
import { listSize, rankedPage } from './paged-rows';
import type { PersonInsights } from './person-view.service';
import {
  PersonTieConnection,
  type PersonTieConnectionRecord,
  PersonTieEdge,
  type PersonTieEdgeRecord,
} from './person-view.type';
import { RelationshipStrength, relationshipStrength } from './relationship-strength';
import { MonthlySentiment, monthlyTrend } from './sentiment-trend';
import { StaffClosenessConnection, type StaffClosenessRecord } from './staff-closeness';
import { TimelineFilter } from './timeline.input';
import { loadInteractions } from './load-interactions';
import { pageRequest } from '../../core/pagination/page-request';

async function insightsOf(person: Person, { loaders }: GraphQLContext): Promise<PersonInsights> {
  const insights = await loaders.personView.insights.load(person.id);
  if (insights === null) throw notFound('The person no longer exists');
  return insights;
}

/**
 * The 360° view of a person: everything a screen about them needs, in one operation. Each field
 * batches through a DataLoader, so the database round-trips of a view depend on the fields asked
 * for, not on how many ties or interactions the person has.
 */
@Resolver(() => Person)
export class PersonViewResolver {
  @Authorized(Access.READ)
  @Query(() => Person, {
    description:
      'By e-mail address, any case. NOT_FOUND when nobody has it; CONFLICT (with extensions.personIds) when several records share it.',
  })
  personByEmail(@Arg('email') email: string, @Ctx() { services, scope }: GraphQLContext) {
    return services.personView.byEmail(scope, email);
  }

  @Authorized(Access.READ)
  @Query(() => Person, {
    description:
      'The owner of a social account, by platform and handle (with or without @, any case). NOT_FOUND when the account is unknown or has no known owner.',
  })
  personBySocialAccount(
    @Arg('platform', () => Platform) platform: Platform,
    @Arg('handle') handle: string,
    @Ctx() { services, scope }: GraphQLContext,
  ) {
    return services.personView.bySocialAccount(scope, platform, handle);
  }

  @Authorized(Access.READ)
  @Query(() => Person, { description: 'By a key in another system, e.g. the shop’s customer id.' })
  personByExternalKey(
    @Arg('key', () => ExternalKeyInput) key: ExternalKeyInput,
    @Ctx() { services, scope }: GraphQLContext,
  ) {
    return services.personView.byExternalKey(scope, key);
  }

  @FieldResolver(() => PersonTieConnection, {
    description: 'Ties in both directions, strongest first, paged; each with the other person.',
  })
  tiesConnection(
    @Root() person: Person,
    @Ctx() { services, loaders }: GraphQLContext,
    @Arg('types', () => [TieType], { nullable: true }) types?: TieType[],
    @Arg('first', () => Int, { nullable: true, description: 'At most 100 (default 20).' })
    first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<PersonTieConnectionRecord> {
    const request = services.personView.tieRequest(types, first, after);
    return loaders.personView.tiePages(request).load(person.id);
  }

  @FieldResolver(() => InteractionConnection, {
    description:
      'Classic and social interactions (theirs and their accounts’) merged, newest first, paged.',
  })
  timeline(
    @Root() person: Person,
    @Ctx() { services, loaders }: GraphQLContext,
    @Arg('filter', () => TimelineFilter, { nullable: true }) filter?: TimelineFilter,
    @Arg('first', () => Int, { nullable: true, description: 'At most 100 (default 20).' })
    first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<Connection<InteractionRecord>> {
    const request = services.timeline.request(filter, first, after);
    return loaders.personView.timeline(request).load(person.id);
  }

  @FieldResolver(() => [MonthlySentiment], {
    description: 'Per calendar month (UTC) of the last 24, oldest first; empty months included.',
  })
  async sentimentTrend(
    @Root() person: Person,
    @Ctx() context: GraphQLContext,
  ): Promise<MonthlySentiment[]> {
    const insights = await insightsOf(person, context);
    return monthlyTrend(insights.trend, insights.asOf);
  }

  @FieldResolver(() => [TopicOfInterest], {
    description: 'From their interactions of the last 24 months and their stated interests.',
  })
  async topTopics(
    @Root() person: Person,
    @Ctx() context: GraphQLContext,
    @Arg('first', () => Int, { nullable: true, description: `At most ${TOPIC_LIMIT} (default 5).` })
    first?: number,
  ): Promise<Array<TopicOfInterestRecord & { score: number }>> {
    const size = listSize(first, 5, TOPIC_LIMIT);
    const insights = await insightsOf(person, context);
    return insights.topics.slice(0, size).map((topic) => ({
      ...topic,
      score: topic.interactions + INTEREST_AS_INTERACTIONS * (topic.interestWeight ?? 0),
    }));
  }

  @FieldResolver(() => [Interaction], {
    description: 'Their tickets and complaints that are OPEN or ACKNOWLEDGED, newest first.',
  })
  async openIssues(
    @Root() person: Person,
    @Ctx() context: GraphQLContext,
    @Arg('first', () => Int, { nullable: true, description: 'At most 100 (default 20).' })
    first?: number,
  ): Promise<InteractionRecord[]> {
    const size = listSize(first, 20, INSIGHT_LIST_LIMIT);
    const insights = await insightsOf(person, context);
    return loadInteractions(insights.openIssueIds.slice(0, size), context);
  }

  @FieldResolver(() => Int, { description: 'How many tickets and complaints are still open.' })
  async openIssueCount(@Root() person: Person, @Ctx() context: GraphQLContext): Promise<number> {
    return (await insightsOf(person, context)).openIssueCount;
  }

  @FieldResolver(() => [ProductPurchase], { description: 'Our products they ordered, most first.' })
  async productsBought(
    @Root() person: Person,
    @Ctx() context: GraphQLContext,
    @Arg('first', () => Int, { nullable: true, description: 'At most 100 (default 10).' })
    first?: number,
  ): Promise<ProductPurchaseRecord[]> {
    const size = listSize(first, 10, INSIGHT_LIST_LIMIT);
    return (await insightsOf(person, context)).products.slice(0, size);
  }

  @FieldResolver(() => LastContact, {
    nullable: true,
    description: 'The last of their interactions a member of our staff handled, and who did.',
  })
  async lastContact(
    @Root() person: Person,
    @Ctx() context: GraphQLContext,
  ): Promise<LastContactRecord | null> {
    return (await insightsOf(person, context)).lastContact;
  }

  @FieldResolver(() => RelationshipStrength)
  async relationshipStrength(
    @Root() person: Person,
    @Ctx() context: GraphQLContext,
  ): Promise<RelationshipStrength> {
    const insights = await insightsOf(person, context);
    return relationshipStrength(insights.relationship, insights.asOf);
  }

  @FieldResolver(() => StaffClosenessConnection, {
    description:
      'Who knows whom: every member of our staff with a direct tie to them or a shared interaction, closest first, paged, with the evidence.',
  })
  async closestStaff(
    @Root() person: Person,
    @Ctx() { loaders }: GraphQLContext,
    @Arg('first', () => Int, { nullable: true, description: 'At most 100 (default 10).' })
    first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<Connection<StaffClosenessRecord>> {
    const page = pageRequest(first ?? 10, after);
    const ranked = await loaders.personView.closestStaff.load(person.id);
    return rankedPage(ranked, page);
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description:
      'The stored influence score (0–100) from the influence analytics; null until computed.',
  })
  influenceScore(@Root() person: Person): number | null {
    return person.influenceScore;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'When the influence score was computed (ISO date-time).',
  })
  influenceComputedAt(@Root() person: Person): string | null {
    return person.influenceComputedAt;
  }
}

@Resolver(() => PersonTieEdge)
export class PersonTieEdgeResolver {
  @FieldResolver(() => Person)
  async other(
    @Root() edge: PersonTieEdgeRecord,
    @Ctx() { loaders }: GraphQLContext,
  ): Promise<Person> {
    const other = await loaders.person.load(edge.otherPersonId);
    if (other === null) throw notFound('The tie’s other person no longer exists');
    return other;
  }
}
