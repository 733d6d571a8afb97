import { Field, Float, ID, InputType } from 'type-graphql';
import { InteractionKind } from '../interactions/interaction.type';

@InputType({
  description:
    'Every given condition must hold; an empty filter receives every new interaction. Checked when the subscription starts (BAD_USER_INPUT naming the field).',
})
export class InteractionAddedFilter {
  @Field(() => ID, {
    nullable: true,
    description: 'The person who performed it (directly or through their social account).',
  })
  personId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'An organization the performer holds a current role at.',
  })
  organizationId?: string | null;

  @Field(() => ID, { nullable: true, description: 'A topic the interaction is about.' })
  topicId?: string | null;

  @Field(() => [InteractionKind], { nullable: true, description: 'Any of these kinds.' })
  kinds?: InteractionKind[] | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'Sentiment strictly below this (−1 … 1); interactions without sentiment never match.',
  })
  sentimentBelow?: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'Sentiment strictly above this (−1 … 1); interactions without sentiment never match.',
  })
  sentimentAbove?: number | null;
}
