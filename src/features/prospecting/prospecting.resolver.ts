import { Arg, Authorized, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { notFound } from '../../core/errors/domain-error';
import type { GraphQLContext } from '../../server/context';
import { Access } from '../access/access-rules';
import { Product, Topic } from '../catalog/catalog.type';
import { Organization } from '../organizations/organization.type';
import { Person } from '../people/person.type';
import {
  LookalikesInput,
  ReferenceCustomersInput,
  ReferralCandidatesInput,
} from './prospecting.input';
import { Lookalike, ReferenceCustomer, ReferralCandidate, Referrer } from './prospecting.type';

async function loadPerson(context: GraphQLContext, id: string): Promise<Person> {
  const person = await context.loaders.person.load(id);
  if (person === null) throw notFound('This person no longer exists');
  return person;
}

async function catalogItems(
  context: GraphQLContext,
  ids: readonly string[],
  kind: 'Topic' | 'Product',
) {
  const items = await Promise.all(ids.map((id) => context.loaders.catalogItem.load(id)));
  return items.filter((item) => item !== null && item.kind === kind);
}

@Resolver(() => ReferralCandidate)
export class ReferralCandidateResolver {
  @Authorized(Access.PROSPECTING)
  @Query(() => [ReferralCandidate], {
    description:
      'People satisfied customers could refer: tied to them or following them, not customers ' +
      'yet, interested in the product or its topics; best first. Satisfied: current customer, ' +
      'mean sentiment ≥ minSentiment, no open complaint. Nobody without SALES_PROSPECTING ' +
      'consent is used or returned.',
  })
  referralCandidates(
    @Arg('input', () => ReferralCandidatesInput) input: ReferralCandidatesInput,
    @Ctx() { services, scope }: GraphQLContext,
  ): Promise<ReferralCandidate[]> {
    return services.referrals.candidates(scope, input);
  }

  @FieldResolver(() => Person)
  person(@Root() candidate: ReferralCandidate, @Ctx() context: GraphQLContext): Promise<Person> {
    return loadPerson(context, candidate.personId);
  }

  @FieldResolver(() => [Topic], { description: 'Matching interests among the topics.' })
  topics(@Root() candidate: ReferralCandidate, @Ctx() context: GraphQLContext) {
    return catalogItems(context, candidate.interestIds, 'Topic');
  }

  @FieldResolver(() => [Product], { description: 'Matching interests among the products.' })
  products(@Root() candidate: ReferralCandidate, @Ctx() context: GraphQLContext) {
    return catalogItems(context, candidate.interestIds, 'Product');
  }
}

@Resolver(() => Referrer)
export class ReferrerResolver {
  @FieldResolver(() => Person)
  customer(@Root() referrer: Referrer, @Ctx() context: GraphQLContext): Promise<Person> {
    return loadPerson(context, referrer.customerId);
  }
}

@Resolver(() => Lookalike)
export class LookalikeResolver {
  @Authorized(Access.PROSPECTING)
  @Query(() => [Lookalike], {
    description:
      'People (or organizations) most like our current customers — of a product or a segment ' +
      'when given — who are not customers yet; best first. Only people with SALES_PROSPECTING ' +
      'consent are used or returned.',
  })
  lookalikes(
    @Arg('input', () => LookalikesInput) input: LookalikesInput,
    @Ctx() { services, scope }: GraphQLContext,
  ): Promise<Lookalike[]> {
    return services.lookalikes.lookalikes(scope, input);
  }

  @FieldResolver(() => Person, { nullable: true })
  person(@Root() lookalike: Lookalike, @Ctx() context: GraphQLContext) {
    return lookalike.personId === null ? null : loadPerson(context, lookalike.personId);
  }

  @FieldResolver(() => Organization, { nullable: true })
  organization(@Root() lookalike: Lookalike, @Ctx() { loaders }: GraphQLContext) {
    return lookalike.organizationId === null
      ? null
      : loaders.organization.load(lookalike.organizationId);
  }

  @FieldResolver(() => [Topic], {
    description: 'Interests it shares with customers, commonest first.',
  })
  sharedTopics(@Root() lookalike: Lookalike, @Ctx() context: GraphQLContext) {
    return catalogItems(context, lookalike.sharedInterestIds, 'Topic');
  }

  @FieldResolver(() => [Product])
  sharedProducts(@Root() lookalike: Lookalike, @Ctx() context: GraphQLContext) {
    return catalogItems(context, lookalike.sharedInterestIds, 'Product');
  }
}

@Resolver(() => ReferenceCustomer)
export class ReferenceCustomerResolver {
  @Authorized(Access.PROSPECTING)
  @Query(() => [ReferenceCustomer], {
    description:
      'Satisfied customers to name as references to a prospect (a person, or an organization ' +
      'through its current people): linked to it, or most like it; best first.',
  })
  referenceCustomers(
    @Arg('input', () => ReferenceCustomersInput) input: ReferenceCustomersInput,
    @Ctx() { services, scope }: GraphQLContext,
  ): Promise<ReferenceCustomer[]> {
    return services.referenceCustomers.referenceCustomers(scope, input);
  }

  @FieldResolver(() => Person)
  customer(@Root() reference: ReferenceCustomer, @Ctx() context: GraphQLContext): Promise<Person> {
    return loadPerson(context, reference.customerId);
  }

  @FieldResolver(() => Person, {
    nullable: true,
    description: 'For an organization: its person the customer is linked to.',
  })
  via(@Root() reference: ReferenceCustomer, @Ctx() context: GraphQLContext) {
    return reference.viaPersonId === null ? null : loadPerson(context, reference.viaPersonId);
  }

  @FieldResolver(() => [Topic], { description: 'Interests shared with the prospect.' })
  sharedTopics(@Root() reference: ReferenceCustomer, @Ctx() context: GraphQLContext) {
    return catalogItems(context, reference.sharedInterestIds, 'Topic');
  }
}

export const PROSPECTING_RESOLVERS = [
  ReferralCandidateResolver,
  ReferrerResolver,
  LookalikeResolver,
  ReferenceCustomerResolver,
] as const;
