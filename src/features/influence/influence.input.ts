import { IsEnum, IsISO8601, IsOptional, Length, Max, Min } from 'class-validator';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { RoleType } from '../roles/role.type';
import { Platform } from '../social-accounts/social-account.type';

@InputType({
  description:
    'Every condition given must hold. With topicId or productId, people are ranked by their influence about it.',
})
export class MultiplierFilter {
  @Field(() => ID, { nullable: true, description: 'Rank by influence about this topic.' })
  @IsOptional()
  @Length(1, 100)
  topicId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Rank by influence about this product.' })
  @IsOptional()
  @Length(1, 100)
  productId?: string | null;

  @Field(() => RoleType, { nullable: true, description: 'Holds this role today.' })
  @IsOptional()
  @IsEnum(RoleType)
  role?: RoleType | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Holds a role at this organization today (the given role, if any).',
  })
  @IsOptional()
  @Length(1, 100)
  organizationId?: string | null;

  @Field(() => Platform, { nullable: true, description: 'Has an account on this platform.' })
  @IsOptional()
  @IsEnum(Platform)
  platform?: Platform | null;

  @Field(() => Int, { nullable: true, description: 'At least this de-duplicated reach.' })
  @IsOptional()
  @Min(0)
  minReach?: number | null;

  @Field({
    defaultValue: false,
    description: 'Leave out people who are our customers today (CUSTOMER at our own company).',
  })
  excludeCustomers!: boolean;
}

@InputType()
export class FansAndCriticsInput {
  @Field(() => ID, { description: 'An organization (our brand is our own), a product or a topic.' })
  @Length(1, 100)
  targetId!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Start of the window, ISO date-time; default 90 days before `to`.',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be an ISO date-time' })
  from?: string | null;

  @Field(() => String, { nullable: true, description: 'End of the window; default now.' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be an ISO date-time' })
  to?: string | null;

  @Field(() => Int, { defaultValue: 10, description: 'Length of each list, 1–100.' })
  @Min(1)
  @Max(100)
  first!: number;

  @Field(() => Float, {
    defaultValue: 50,
    description: 'Influence from which a negative voice counts as a critical multiplier.',
  })
  @Min(0)
  @Max(100)
  criticalMinInfluence!: number;

  @Field(() => Int, {
    defaultValue: 1,
    description: 'Interactions in the window a person needs to be ranked.',
  })
  @Min(1)
  @Max(10_000)
  minInteractions!: number;
}
