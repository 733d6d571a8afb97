import { IsEnum, IsISO8601, IsOptional, Length, Matches } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { RoleType } from './role.type';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

@InputType()
export class AddRoleInput {
  @Field(() => ID)
  @Length(1, 100)
  personId!: string;

  @Field(() => RoleType)
  @IsEnum(RoleType)
  role!: RoleType;

  @Field(() => ID, { nullable: true, description: 'Omitted: our own organization.' })
  @IsOptional()
  @Length(1, 100)
  organizationId?: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  @IsOptional()
  @Matches(DATE, { message: 'since must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'since must be a real date' })
  since?: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  @IsOptional()
  @Matches(DATE, { message: 'until must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'until must be a real date' })
  until?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 100)
  source?: string | null;
}

@InputType({ description: 'Only the fields given change; null clears a date.' })
export class UpdateRoleInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(DATE, { message: 'since must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'since must be a real date' })
  since?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(DATE, { message: 'until must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'until must be a real date' })
  until?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 100)
  source?: string | null;
}

@InputType({
  description:
    'A role a person must hold. All given parts must match one HAS_ROLE: e.g. { role: CUSTOMER, organizationId: "x", activeFrom: "2024-01-01", activeTo: "2024-12-31" }.',
})
export class RoleConditionInput {
  @Field(() => RoleType)
  @IsEnum(RoleType)
  role!: RoleType;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @Length(1, 100)
  organizationId?: string | null;

  @Field({ nullable: true, description: 'Only roles that hold today.' })
  @IsOptional()
  current?: boolean;

  @Field(() => String, { nullable: true, description: 'Held at some point on or after this day.' })
  @IsOptional()
  @Matches(DATE, { message: 'activeFrom must be a date YYYY-MM-DD' })
  activeFrom?: string | null;

  @Field(() => String, { nullable: true, description: 'Held at some point on or before this day.' })
  @IsOptional()
  @Matches(DATE, { message: 'activeTo must be a date YYYY-MM-DD' })
  activeTo?: string | null;
}
