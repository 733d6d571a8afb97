import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Platform } from '../social-accounts/social-account.type';

@ObjectType({
  description:
    'People reached within `hops` follower hops: an account’s followers are 1 hop away, their ' +
    'followers 2. A person counts once however many of their accounts are reached; an account ' +
    'nobody in the CRM owns counts as one person.',
})
export class ReachLevel {
  @Field(() => Int)
  hops!: number;

  @Field(() => Int, { description: 'Distinct people within `hops` hops.' })
  people!: number;

  @Field(() => Int, { description: 'People first reached at exactly `hops` hops.' })
  newPeople!: number;

  @Field(() => Int, { description: 'Of `people`, those known in the CRM (an account’s owner).' })
  identifiedPeople!: number;
}

@ObjectType()
export class PlatformReach {
  @Field(() => Platform)
  platform!: Platform;

  @Field(() => Int, { description: 'The subject’s own accounts on this platform.' })
  subjectAccounts!: number;

  @Field(() => [ReachLevel])
  levels!: ReachLevel[];
}

@ObjectType({
  description:
    'How far a person, organization, campaign or brand reaches over follows: per platform, and ' +
    'in total with each person counted once across platforms.',
})
export class NetworkReach {
  @Field(() => Int)
  maxHops!: number;

  @Field(() => Int)
  subjectAccounts!: number;

  @Field(() => [ReachLevel], { description: 'Across platforms.' })
  total!: ReachLevel[];

  @Field(() => [PlatformReach], { description: 'Platforms with subject accounts, by name.' })
  byPlatform!: PlatformReach[];
}

@ObjectType()
export class PlatformOverlap {
  @Field(() => Platform)
  platform!: Platform;

  @Field(() => Int)
  aPeople!: number;

  @Field(() => Int)
  bPeople!: number;

  @Field(() => Int)
  sharedPeople!: number;

  @Field(() => Float, { description: 'shared / (a ∪ b); 0 when both are empty.' })
  jaccard!: number;
}

@ObjectType({
  description:
    'The audiences of two subjects within `hops` follower hops, compared: shared people and ' +
    'their Jaccard index, in total and per platform.',
})
export class AudienceOverlap {
  @Field(() => Int)
  hops!: number;

  @Field(() => Int)
  aPeople!: number;

  @Field(() => Int)
  bPeople!: number;

  @Field(() => Int)
  sharedPeople!: number;

  @Field(() => Int)
  unionPeople!: number;

  @Field(() => Float)
  jaccard!: number;

  @Field(() => [PlatformOverlap])
  byPlatform!: PlatformOverlap[];
}
