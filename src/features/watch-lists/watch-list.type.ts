import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Platform } from '../social-accounts/social-account.type';

export interface DecisionMakerCondition {
  organizationId: string;
  maxHops: number;
}

export interface WatchListRecord {
  id: string;
  name: string;
  keywords: string | null;
  platforms: Platform[];
  sentimentBelow: number | null;
  sentimentAbove: number | null;
  minInfluence: number | null;
  minFollowers: number | null;
  nearDecisionMakerOf: DecisionMakerCondition | null;
  customerWithOpenComplaint: boolean;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

@ObjectType('DecisionMakerCondition', {
  description: 'The author is within maxHops ties of a current DECISION_MAKER of the organization.',
})
export class DecisionMakerConditionType {
  @Field(() => ID)
  organizationId!: string;

  @Field(() => Int, { description: '1–3; the decision maker themself counts as 0 hops.' })
  maxHops!: number;
}

@ObjectType({
  description:
    'What staff want to hear about: keywords and conditions that every newly ingested post is checked against. All given conditions must hold.',
})
export class WatchList {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Words, "phrases", AND, OR, NOT and parentheses; adjacent terms are ANDed.',
  })
  keywords!: string | null;

  @Field(() => [Platform], { description: 'Empty: every platform.' })
  platforms!: Platform[];

  @Field(() => Float, { nullable: true, description: 'Matches posts with sentiment below this.' })
  sentimentBelow!: number | null;

  @Field(() => Float, { nullable: true, description: 'Matches posts with sentiment above this.' })
  sentimentAbove!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: "The author's stored influence score is at least this.",
  })
  minInfluence!: number | null;

  @Field(() => Int, { nullable: true, description: "The author account's followers (reach)." })
  minFollowers!: number | null;

  @Field(() => DecisionMakerConditionType, { nullable: true })
  nearDecisionMakerOf!: DecisionMakerCondition | null;

  @Field({
    description: 'The author is a current CUSTOMER with a complaint that is not RESOLVED.',
  })
  customerWithOpenComplaint!: boolean;

  @Field({ description: 'Inactive lists are kept but not evaluated.' })
  active!: boolean;

  @Field()
  createdAt!: string;

  @Field()
  updatedAt!: string;
}
