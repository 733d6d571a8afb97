import { ArrayMaxSize, IsEnum, IsOptional, Max, Min } from 'class-validator';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { RoleType } from '../roles/role.type';
import { LookalikeKind } from './prospecting.type';

export const DEFAULT_MIN_SENTIMENT = 0.2;

@InputType({ description: 'Exactly one of productId and customerPersonId.' })
export class ReferralCandidatesInput {
  @Field(() => ID, { nullable: true, description: 'Satisfied customers who ordered it refer.' })
  @IsOptional()
  productId?: string | null;

  @Field(() => ID, { nullable: true, description: 'This customer refers (when satisfied).' })
  @IsOptional()
  customerPersonId?: string | null;

  @Field(() => [ID], {
    nullable: true,
    description:
      'Topics candidates should be interested in; default: the topics the product’s (or the ' +
      'customer’s ordered products’) interactions are most about.',
  })
  @IsOptional()
  @ArrayMaxSize(20)
  topicIds?: string[] | null;

  @Field(() => Float, {
    nullable: true,
    defaultValue: DEFAULT_MIN_SENTIMENT,
    description: 'Satisfied: mean sentiment at least this, and no open complaint.',
  })
  @IsOptional()
  @Min(-1)
  @Max(1)
  minSentiment?: number | null;

  @Field(() => Int, { nullable: true, description: 'At most 100 (default 20).' })
  @IsOptional()
  first?: number | null;
}

@InputType({ description: 'Whose look-alikes: our current customers, optionally narrowed.' })
export class LookalikesInput {
  @Field(() => LookalikeKind, { nullable: true, defaultValue: LookalikeKind.PERSON })
  @IsOptional()
  @IsEnum(LookalikeKind)
  kind?: LookalikeKind | null;

  @Field(() => ID, { nullable: true, description: 'Customers who ordered this product.' })
  @IsOptional()
  productId?: string | null;

  @Field(() => RoleType, {
    nullable: true,
    description: 'A segment: customers who also hold this role, e.g. DECISION_MAKER.',
  })
  @IsOptional()
  @IsEnum(RoleType)
  segmentRole?: RoleType | null;

  @Field(() => Int, { nullable: true, description: 'At most 100 (default 20).' })
  @IsOptional()
  first?: number | null;
}

@InputType({ description: 'Exactly one of prospectPersonId and prospectOrganizationId.' })
export class ReferenceCustomersInput {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  prospectPersonId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  prospectOrganizationId?: string | null;

  @Field(() => Float, { nullable: true, defaultValue: DEFAULT_MIN_SENTIMENT })
  @IsOptional()
  @Min(-1)
  @Max(1)
  minSentiment?: number | null;

  @Field(() => Int, { nullable: true, description: 'At most 100 (default 10).' })
  @IsOptional()
  first?: number | null;
}
