import { IsEnum, IsISO8601, IsOptional, Length } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { AlertStatus } from './alert.type';

@InputType()
export class AlertFilter {
  @Field(() => [AlertStatus], { nullable: true })
  @IsOptional()
  @IsEnum(AlertStatus, { each: true })
  statuses?: AlertStatus[] | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @Length(1, 100)
  watchListId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Alerts assigned to this staff user.' })
  @IsOptional()
  @Length(1, 100)
  assigneeId?: string | null;

  @Field(() => String, { nullable: true, description: 'Raised at or after (ISO date-time).' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be an ISO date-time' })
  from?: string | null;

  @Field(() => String, { nullable: true, description: 'Raised before (ISO date-time).' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be an ISO date-time' })
  to?: string | null;
}
