import {
  ArrayMaxSize,
  IsBoolean,
  IsEnum,
  IsInt,
  IsOptional,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { Platform } from '../social-accounts/social-account.type';

@InputType()
export class DecisionMakerConditionInput {
  @Field(() => ID)
  @Length(1, 100)
  organizationId!: string;

  @Field(() => Int, { description: '1–3.' })
  @IsInt()
  @Min(1, { message: 'maxHops must be between 1 and 3' })
  @Max(3, { message: 'maxHops must be between 1 and 3' })
  maxHops!: number;
}

@InputType({
  description:
    'A whole watch list: creating and updating both take every field (missing ones are cleared). At least keywords or one condition.',
})
export class WatchListInput {
  @Field()
  @Length(1, 200)
  name!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 2_000)
  keywords?: string | null;

  @Field(() => [Platform], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsEnum(Platform, { each: true })
  platforms?: Platform[] | null;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @Min(-1)
  @Max(1)
  sentimentBelow?: number | null;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @Min(-1)
  @Max(1)
  sentimentAbove?: number | null;

  @Field(() => Float, { nullable: true, description: 'On the influence score scale, 0–100.' })
  @IsOptional()
  @Min(0)
  @Max(100)
  minInfluence?: number | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  minFollowers?: number | null;

  @Field(() => DecisionMakerConditionInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  nearDecisionMakerOf?: DecisionMakerConditionInput | null;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  customerWithOpenComplaint?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Default true.' })
  @IsOptional()
  @IsBoolean()
  active?: boolean | null;
}
