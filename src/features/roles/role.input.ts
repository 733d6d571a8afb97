import { IsEnum, IsOptional, Length } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { IsCalendarDate } from '../shared/calendar-date';
import { RoleType } from './role.type';

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
  @IsCalendarDate()
  since?: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  @IsOptional()
  @IsCalendarDate()
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
  @IsCalendarDate()
  since?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsCalendarDate()
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
  @IsCalendarDate()
  activeFrom?: string | null;

  @Field(() => String, { nullable: true, description: 'Held at some point on or before this day.' })
  @IsOptional()
  @IsCalendarDate()
  activeTo?: string | null;
}
