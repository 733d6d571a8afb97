import {
  defaultFieldResolver,
  type GraphQLField,
  type GraphQLFieldResolver,
  getNullableType,
  GraphQLObjectType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
} from 'graphql';
import { DomainError } from '../../core/errors/domain-error';
import type { GraphQLContext } from '../../server/context';
import { canSee, PERSONAL_DATA_EXTENSION, type Sensitivity } from '../access/personal-data';
import type { Person } from '../people/person.type';
import { assertEntityId } from '../shared/entity-id';
import { isWorthPrefetching, planPersonView, selectedFields } from './person-view-plan';
import type { PersonViewPrefetch } from './person-view.service';

/**
 * Makes the 360° view of a person one database round-trip (when the id is an argument, the lookup
 * included; by e-mail, handle or external key, one besides the lookup). Every query field that returns a single Person (person, personByEmail, …) looks ahead at what the operation selects on
 * that person, fetches all of it in one query (person-view-prefetch.cypher.ts) and primes the
 * operation's DataLoaders with the result. The fields then resolve as always, through their
 * loaders, which already hold their values: the same code path with or without the prefetch, and
 * without it (lists of people, nested persons) the loaders batch as they always do.
 *
 * Fields the viewer may not see (need-to-know) stay out of the look-ahead, so that nothing is
 * fetched that nobody may see.
 */
export function prefetchPersonViews(schema: GraphQLSchema): GraphQLSchema {
  const personType = schema.getType('Person');
  const queryType = schema.getQueryType();
  if (!(personType instanceof GraphQLObjectType) || queryType === null || queryType === undefined) {
    return schema;
  }
  for (const field of Object.values(queryType.getFields())) {
    if (getNullableType(field.type) !== personType) continue;
    field.resolve = withPrefetch(field, personType);
  }
  return schema;
}

function withPrefetch(
  field: GraphQLField<unknown, unknown>,
  personType: GraphQLObjectType,
): GraphQLFieldResolver<unknown, GraphQLContext, Record<string, unknown>> {
  const resolve = (field.resolve ?? defaultFieldResolver) as GraphQLFieldResolver<
    unknown,
    GraphQLContext,
    Record<string, unknown>
  >;
  return async (source, args, context, info) => {
    // With the id in the arguments, the view is fetched first: it holds the person as well, so
    // the field's own lookup (through the person loader) is then answered without a query.
    const earlyId = validId(args.id);
    // A failed early fetch leaves the field to report its own error (an unknown id is NOT_FOUND
    // there); anything unexpected is logged, since every field would then load on its own.
    const early =
      earlyId === null
        ? null
        : await fetchView(earlyId, personType, context, info).catch((error: unknown) => {
            if (!(error instanceof DomainError)) {
              context.logger.warn({ err: error }, 'person view prefetch failed');
            }
            return null;
          });
    if (earlyId !== null && early !== null) prime(context, earlyId, early);
    const person = (await resolve(source, args, context, info)) as Person | null | undefined;
    if (person === null || person === undefined) return person;
    context.loaders.person.prime(person.id, person);
    if (person.id === earlyId) return person;
    const prefetched = await fetchView(person.id, personType, context, info);
    if (prefetched !== null) prime(context, person.id, prefetched);
    return person;
  };
}

function validId(id: unknown): string | null {
  if (typeof id !== 'string') return null;
  try {
    return assertEntityId(id, 'id');
  } catch {
    return null;
  }
}

/** The prefetch for what the operation selects on this person, or null when it would not pay. */
async function fetchView(
  personId: string,
  personType: GraphQLObjectType,
  context: GraphQLContext,
  info: GraphQLResolveInfo,
): Promise<PersonViewPrefetch | null> {
  const access = await context.personalAccess.forPerson(personId);
  const visible = selectedFields(info, personType).filter((field) => {
    const sensitivity = field.definition.extensions[PERSONAL_DATA_EXTENSION] as
      | Sensitivity
      | undefined;
    return sensitivity === undefined || canSee(access, sensitivity);
  });
  const plan = planPersonView(visible, {
    tieRequest: (types, first, after) =>
      context.services.personView.tieRequest(types, first, after),
    timelineRequest: (filter, first, after) =>
      context.services.timeline.request(filter, first, after),
  });
  if (!isWorthPrefetching(plan)) return null;
  return context.loaders.personView.prefetch(plan).load(personId);
}

/** Hands what the query fetched to the loaders that the view's fields read from. */
function prime(context: GraphQLContext, personId: string, prefetched: PersonViewPrefetch): void {
  const { loaders } = context;
  const { rows } = prefetched;
  for (const person of rows.people) loaders.person.prime(person.id, person);
  for (const organization of rows.organizations) {
    loaders.organization.prime(organization.id, organization);
  }
  for (const account of rows.accounts) loaders.socialAccount.prime(account.id, account);
  for (const item of rows.catalog) loaders.catalogItem.prime(item.id, item);
  for (const interaction of rows.interactions) {
    loaders.interaction.prime(interaction.id, interaction);
  }
  for (const user of rows.users) loaders.staffUser.prime(user.id, user);
  for (const [id, roles] of rows.rolesByPerson) loaders.rolesByPerson.prime(id, roles);
  if (rows.ownAccounts !== null) loaders.socialAccountsByOwner.prime(personId, rows.ownAccounts);
  if (rows.sameAs !== null) loaders.sameAsByPerson.prime(personId, rows.sameAs);
  for (const { request, connection } of prefetched.tiePages) {
    loaders.personView.tiePages(request).prime(personId, connection);
  }
  for (const { request, connection } of prefetched.timelines) {
    loaders.personView.timeline(request).prime(personId, connection);
  }
  if (prefetched.insights !== null)
    loaders.personView.insights.prime(personId, prefetched.insights);
  if (prefetched.closestStaff !== null) {
    loaders.personView.closestStaff.prime(personId, prefetched.closestStaff);
  }
}
