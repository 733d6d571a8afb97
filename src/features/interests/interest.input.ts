import { IsOptional, Length, Max, Min } from 'class-validator';
import { Field, Float, ID, InputType } from 'type-graphql';

@InputType({ description: 'Setting an interest again updates its weight.' })
export class SetInterestInput {
  @Field(() => ID)
  @Length(1, 100)
  personId!: string;

  @Field(() => ID, { description: 'A topic or product id.' })
  @Length(1, 100)
  subjectId!: string;

  @Field(() => Float)
  @Min(0)
  @Max(1)
  weight!: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 100)
  source?: string | null;
}
