import { createUnionType, Field, Float, ObjectType } from 'type-graphql';
import { Product, Topic } from '../catalog/catalog.type';
import type { CatalogRecord } from '../catalog/catalog.type';

export const InterestSubject = createUnionType({
  name: 'InterestSubject',
  description: 'What a person is interested in.',
  types: () => [Topic, Product] as const,
  // Catalog records carry their kind; the union's members are the GraphQL types of those kinds.
  resolveType: (value) => ((value as Partial<CatalogRecord>).kind === 'Product' ? Product : Topic),
});

export interface InterestRecord {
  personId: string;
  subject: CatalogRecord;
  weight: number;
  source: string | null;
}

@ObjectType({ description: 'How much a person cares about a topic or product, 0–1.' })
export class Interest {
  @Field(() => InterestSubject)
  subject!: CatalogRecord;

  @Field(() => Float)
  weight!: number;

  @Field(() => String, { nullable: true })
  source!: string | null;
}
