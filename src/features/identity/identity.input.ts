import { IsOptional, Length, Max, Min } from 'class-validator';
import { Field, Float, ID, InputType } from 'type-graphql';

@InputType()
export class MarkSameAsInput {
  @Field(() => ID)
  @Length(1, 100)
  personId!: string;

  @Field(() => ID)
  @Length(1, 100)
  otherPersonId!: string;

  @Field(() => Float, { description: '0–1' })
  @Min(0)
  @Max(1)
  confidence!: number;

  @Field(() => String, {
    nullable: true,
    description: 'Who or what found it: a rule, a staff member …',
  })
  @IsOptional()
  @Length(1, 100)
  source?: string | null;
}
