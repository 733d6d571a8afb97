import { Field, ID, ObjectType } from 'type-graphql';

/** What interactions and interests are about. Each kind is a node label (see CATALOG_LABELS). */
export type CatalogKind = 'Topic' | 'Product' | 'Campaign';

/** The allow-list from catalog kind to node label: the only way a kind reaches Cypher text. */
export const CATALOG_LABELS: Readonly<Record<CatalogKind, string>> = {
  Topic: 'Topic',
  Product: 'Product',
  Campaign: 'Campaign',
};

export interface CatalogRecord {
  kind: CatalogKind;
  id: string;
  name: string;
  sku: string | null;
  startsOn: string | null;
  endsOn: string | null;
  /** Topics and products: phrases that, besides the name, tie an ingested post to it. */
  keywords: string[];
}

@ObjectType({ description: 'A subject people talk about, e.g. "e-bikes"; names are unique.' })
export class Topic {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;
  @Field(() => [String], {
    description:
      'Phrases besides the name that tie an ingested post to this (as whole words, any case).',
  })
  keywords!: string[];
}

@ObjectType({ description: 'One of our products.' })
export class Product {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  sku!: string | null;
  @Field(() => [String], {
    description:
      'Phrases besides the name that tie an ingested post to this (as whole words, any case).',
  })
  keywords!: string[];
}

@ObjectType({ description: 'A marketing campaign.' })
export class Campaign {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  startsOn!: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  endsOn!: string | null;
}
