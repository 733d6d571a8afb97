import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { InteractionRecord } from '../interactions/interaction.type';
import type { Person } from '../people/person.type';

/** Why one person can introduce another: a stated tie, following, or interactions they shared. */
export enum LinkKind {
  KNOWS = 'KNOWS',
  COLLEAGUE_OF = 'COLLEAGUE_OF',
  FAMILY_OF = 'FAMILY_OF',
  FRIEND_OF = 'FRIEND_OF',
  REFERRED = 'REFERRED',
  REPORTS_TO = 'REPORTS_TO',
  FOLLOWS = 'FOLLOWS',
  SHARED_INTERACTION = 'SHARED_INTERACTION',
}

registerEnumType(LinkKind, {
  name: 'IntroductionLinkKind',
  description:
    'A tie type, FOLLOWS (an account of one follows an account of the other) or ' +
    'SHARED_INTERACTION (both took part in an interaction: performed it, were mentioned in it, ' +
    'handled it as staff, or one replied to the other).',
});

export enum StepDirection {
  FORWARD = 'FORWARD',
  BACKWARD = 'BACKWARD',
  MUTUAL = 'MUTUAL',
}

registerEnumType(StepDirection, {
  name: 'IntroductionStepDirection',
  description:
    'FORWARD: the tie or follow points from the step’s `from` to its `to`; BACKWARD: the other ' +
    'way; MUTUAL: both ways, or shared interactions.',
});

@ObjectType({
  description:
    'One step of an introduction path: why `from` can introduce the caller to `to`. The step ' +
    'shows the strongest link between the two; `kinds` lists every link they have.',
})
export class IntroductionStep {
  @Field(() => LinkKind)
  kind!: LinkKind;

  @Field(() => [LinkKind])
  kinds!: LinkKind[];

  @Field(() => Float, { description: 'The link’s own strength 0–1 (a tie’s stored strength).' })
  strength!: number;

  @Field(() => Float, {
    description: 'The weight the path’s trust uses: the strength, raised by recent interaction.',
  })
  weight!: number;

  @Field(() => String, {
    nullable: true,
    description: 'Since when: the tie’s or follow’s date, or the first shared interaction.',
  })
  since!: string | null;

  @Field(() => StepDirection)
  direction!: StepDirection;

  @Field(() => ID, { nullable: true, description: 'The tie shown, when the link is a tie.' })
  tieId!: string | null;

  @Field(() => Int, { description: 'How many interactions the two people shared.' })
  sharedInteractions!: number;

  @Field(() => String, { nullable: true, description: 'ISO date-time of the latest of them.' })
  latestInteractionAt!: string | null;

  fromPersonId!: string;
  toPersonId!: string;
  latestInteractionId!: string | null;
}

@ObjectType({
  description:
    'A warm introduction path from a member of our staff to a person, ranked by trust: the ' +
    'product of its steps’ weights.',
})
export class IntroductionPath {
  @Field(() => Float, { description: '0–1; 1 for the zero-length path to oneself.' })
  trust!: number;

  @Field(() => Int, { description: 'Number of steps (hops).' })
  length!: number;

  @Field(() => [IntroductionStep])
  steps!: IntroductionStep[];

  /** From the source to the target, both included. */
  personIds!: string[];

  /**
   * Records read while the path was checked (its people, its steps' latest interactions), for
   * the operation's loaders: showing the path then costs no further round-trip. Not in the API.
   */
  prefetched?: { people: readonly Person[]; interactions: readonly InteractionRecord[] };
}

@ObjectType({
  description:
    'A member of our staff who can introduce the caller to a person, with the best path.',
})
export class Introducer {
  @Field(() => Float)
  trust!: number;

  @Field(() => IntroductionPath)
  path!: IntroductionPath;

  userId!: string;
  personId!: string;
}
