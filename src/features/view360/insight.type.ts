import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Product, Topic } from '../catalog/catalog.type';
import { Interaction } from '../interactions/interaction.type';
import { StaffUser } from '../staff/staff-user.type';

/** Topics of interest weigh an INTERESTED_IN of weight 1 like this many interactions about it. */
export const INTEREST_AS_INTERACTIONS = 5;

export interface TopicOfInterestRecord {
  topicId: string;
  interactions: number;
  interestWeight: number | null;
}

@ObjectType({
  description: `A topic a person cares about: from their interactions of the last 24 months and their stated interests (weight 1 counts like ${INTEREST_AS_INTERACTIONS} interactions).`,
})
export class TopicOfInterest {
  @Field(() => Topic)
  topic!: Topic;

  @Field(() => Int, { description: 'Their interactions about it in the last 24 months.' })
  interactions!: number;

  @Field(() => Float, { nullable: true, description: 'Their INTERESTED_IN weight, 0…1.' })
  interestWeight!: number | null;

  @Field(() => Float, { description: 'What the ranking uses.' })
  score!: number;
}

export interface LastContactRecord {
  interactionId: string;
  userId: string;
  at: string;
}

@ObjectType({ description: 'The last interaction a member of our staff handled.' })
export class LastContact {
  @Field({ description: 'ISO date-time it was handled (or happened, when unknown).' })
  at!: string;

  @Field(() => Interaction)
  interaction!: Interaction;

  @Field(() => StaffUser, { description: 'Who handled it.' })
  staff!: StaffUser;
}

export interface ProductPurchaseRecord {
  productId: string;
  orders: number;
  buyers: number;
  lastOrderedAt: string;
}

@ObjectType({ description: 'One of our products and the orders about it.' })
export class ProductPurchase {
  @Field(() => Product)
  product!: Product;

  @Field(() => Int)
  orders!: number;

  @Field(() => Int, { description: 'Distinct buyers (people or accounts) among them.' })
  buyers!: number;

  @Field({ description: 'ISO date-time of the newest order.' })
  lastOrderedAt!: string;
}
