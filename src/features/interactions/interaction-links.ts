import { createUnionType } from 'type-graphql';
import type { Loaders } from '../../server/loaders';
import { Campaign, Product, Topic } from '../catalog/catalog.type';
import { Organization } from '../organizations/organization.type';
import { Person } from '../people/person.type';
import { SocialAccount } from '../social-accounts/social-account.type';
import type { NodeRef } from './interaction.type';

/** A loaded neighbour, tagged with its label so that unions can name its GraphQL type. */
export type LinkedNode = Record<string, unknown> & { linkLabel: NodeRef['label'] };

const GRAPHQL_TYPES = {
  Person,
  SocialAccount,
  Organization,
  Topic,
  Product,
  Campaign,
} as const;

function typeOf(value: unknown) {
  return GRAPHQL_TYPES[(value as LinkedNode).linkLabel];
}

export const InteractionActor = createUnionType({
  name: 'InteractionActor',
  description: 'Who performed an interaction: a person or a social account.',
  types: () => [Person, SocialAccount] as const,
  resolveType: typeOf,
});

export const InteractionSubject = createUnionType({
  name: 'InteractionSubject',
  description: 'What an interaction is about.',
  types: () => [Topic, Product, Organization, Campaign] as const,
  resolveType: typeOf,
});

export const Mentionable = createUnionType({
  name: 'Mentionable',
  description: 'Who an interaction names.',
  types: () => [Person, SocialAccount, Organization] as const,
  resolveType: typeOf,
});

/** Loads the neighbours through the operation's DataLoaders; vanished ones are left out. */
export async function loadLinkedNodes(
  refs: readonly NodeRef[],
  loaders: Loaders,
): Promise<LinkedNode[]> {
  const loaded = await Promise.all(
    refs.map(async (ref): Promise<LinkedNode | null> => {
      const entity = await loadOne(ref, loaders);
      return entity === null ? null : { ...entity, linkLabel: ref.label };
    }),
  );
  return loaded.filter((node): node is LinkedNode => node !== null);
}

async function loadOne(ref: NodeRef, loaders: Loaders): Promise<object | null> {
  switch (ref.label) {
    case 'Person':
      return loaders.person.load(ref.id);
    case 'SocialAccount':
      return loaders.socialAccount.load(ref.id);
    case 'Organization':
      return loaders.organization.load(ref.id);
    case 'Topic':
    case 'Product':
    case 'Campaign':
      return loaders.catalogItem.load(ref.id);
  }
}
