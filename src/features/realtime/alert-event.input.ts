import { Field, ID, InputType } from 'type-graphql';

@InputType({
  description:
    'Every given condition must hold; an empty filter receives every alert event. Checked when the subscription starts (BAD_USER_INPUT naming the field).',
})
export class AlertEventFilter {
  @Field(() => ID, { nullable: true, description: 'Alerts of this watch list.' })
  watchListId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Alerts assigned to this member of staff (after the change, for alertUpdated).',
  })
  assigneeId?: string | null;
}
