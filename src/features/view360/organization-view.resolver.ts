import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { notFound } from '../../core/errors/domain-error';
import type { Connection } from '../../core/pagination/connection';
import { pageRequest } from '../../core/pagination/page-request';
import type { GraphQLContext } from '../../server/context';
import { Interaction, type InteractionRecord } from '../interactions/interaction.type';
import { InteractionConnection } from '../interactions/interaction.resolver';
import { Organization } from '../organizations/organization.type';
import { type Role, RoleType } from '../roles/role.type';
import { ProductPurchase, type ProductPurchaseRecord } from './insight.type';
import { INSIGHT_LIST_LIMIT } from './insights.cypher';
import { loadInteractions } from './load-interactions';
import type { OrganizationInsights } from './organization-view.service';
import { OrganizationRoleConnection, RoleCount } from './organization-view.type';
import { listSize, rankedPage } from './paged-rows';
import { MonthlySentiment, monthlyTrend } from './sentiment-trend';
import { StaffRelationshipConnection, type StaffRelationshipRecord } from './staff-closeness';
import { TimelineFilter } from './timeline.input';

async function insightsOf(
  organization: Organization,
  { loaders }: GraphQLContext,
): Promise<OrganizationInsights> {
  const insights = await loaders.organizationView.insights.load(organization.id);
  if (insights === null) throw notFound('The organization no longer exists');
  return insights;
}

/**
 * The 360° view of an organization, through its people: who holds which role there, how close our
 * staff are to them, what they did and how they feel, what they bought. Batched like the person
 * view: round-trips follow the fields asked for, not the size of the organization.
 */
@Resolver(() => Organization)
export class OrganizationViewResolver {
  @FieldResolver(() => OrganizationRoleConnection, {
    description:
      'People by role: decision makers, champions, customers and employees first, then the other roles; each edge is one role with its person.',
  })
  roles(
    @Root() organization: Organization,
    @Ctx() { services, loaders }: GraphQLContext,
    @Arg('types', () => [RoleType], { nullable: true }) types?: RoleType[],
    @Arg('current', () => Boolean, {
      nullable: true,
      description: 'true: roles that hold today; false: the others; omitted: all.',
    })
    current?: boolean,
    @Arg('first', () => Int, { nullable: true, description: 'At most 100 (default 20).' })
    first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<Connection<Role>> {
    const request = services.organizationView.roleRequest(types, current, first, after);
    return loaders.organizationView.rolePages(request).load(organization.id);
  }

  @FieldResolver(() => [RoleCount], { description: 'How many people hold each role there.' })
  async roleSummary(
    @Root() organization: Organization,
    @Ctx() context: GraphQLContext,
  ): Promise<RoleCount[]> {
    return (await insightsOf(organization, context)).roleCounts;
  }

  @FieldResolver(() => StaffRelationshipConnection, {
    description:
      'Our staff’s relationships into the organization through the people who hold a role there today, strongest first, paged.',
  })
  async staffRelationships(
    @Root() organization: Organization,
    @Ctx() { loaders }: GraphQLContext,
    @Arg('first', () => Int, { nullable: true, description: 'At most 100 (default 10).' })
    first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<Connection<StaffRelationshipRecord>> {
    const page = pageRequest(first ?? 10, after);
    const ranked = await loaders.organizationView.staffRelationships.load(organization.id);
    return rankedPage(ranked, page);
  }

  @FieldResolver(() => InteractionConnection, {
    description:
      'Interactions of its people while they held a role there, classic and social merged, newest first, paged.',
  })
  timeline(
    @Root() organization: Organization,
    @Ctx() { services, loaders }: GraphQLContext,
    @Arg('filter', () => TimelineFilter, { nullable: true }) filter?: TimelineFilter,
    @Arg('first', () => Int, { nullable: true, description: 'At most 100 (default 20).' })
    first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<Connection<InteractionRecord>> {
    const request = services.timeline.request(filter, first, after);
    return loaders.organizationView.timeline(request).load(organization.id);
  }

  @FieldResolver(() => [MonthlySentiment], {
    description:
      'Per calendar month (UTC) of the last 24, over its people’s interactions, oldest first.',
  })
  async sentimentTrend(
    @Root() organization: Organization,
    @Ctx() context: GraphQLContext,
  ): Promise<MonthlySentiment[]> {
    const insights = await insightsOf(organization, context);
    return monthlyTrend(insights.trend, insights.asOf);
  }

  @FieldResolver(() => [Interaction], {
    description:
      'Tickets and complaints of its people that are OPEN or ACKNOWLEDGED, newest first.',
  })
  async openIssues(
    @Root() organization: Organization,
    @Ctx() context: GraphQLContext,
    @Arg('first', () => Int, { nullable: true, description: 'At most 100 (default 20).' })
    first?: number,
  ): Promise<InteractionRecord[]> {
    const size = listSize(first, 20, INSIGHT_LIST_LIMIT);
    const insights = await insightsOf(organization, context);
    return loadInteractions(insights.openIssueIds.slice(0, size), context);
  }

  @FieldResolver(() => Int, { description: 'How many tickets and complaints are still open.' })
  async openIssueCount(
    @Root() organization: Organization,
    @Ctx() context: GraphQLContext,
  ): Promise<number> {
    return (await insightsOf(organization, context)).openIssueCount;
  }

  @FieldResolver(() => [ProductPurchase], {
    description: 'Our products its people ordered while there, most ordered first.',
  })
  async productsBought(
    @Root() organization: Organization,
    @Ctx() context: GraphQLContext,
    @Arg('first', () => Int, { nullable: true, description: 'At most 100 (default 10).' })
    first?: number,
  ): Promise<ProductPurchaseRecord[]> {
    const size = listSize(first, 10, INSIGHT_LIST_LIMIT);
    return (await insightsOf(organization, context)).products.slice(0, size);
  }
}
