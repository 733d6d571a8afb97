import { IsEnum, IsOptional, Length, Max, Min } from 'class-validator';
import { Field, Float, ID, InputType } from 'type-graphql';
import { IsCalendarDate } from '../shared/calendar-date';
import { TieType } from './tie.type';

@InputType({
  description: 'Adding the same tie type between the same two people again updates it.',
})
export class AddTieInput {
  @Field(() => ID)
  @Length(1, 100)
  fromPersonId!: string;

  @Field(() => ID)
  @Length(1, 100)
  toPersonId!: string;

  @Field(() => TieType)
  @IsEnum(TieType)
  type!: TieType;

  @Field(() => Float, { defaultValue: 0.5 })
  @Min(0)
  @Max(1)
  strength!: number;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  @IsOptional()
  @IsCalendarDate()
  since?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 100)
  source?: string | null;
}

@InputType()
export class UpdateTieInput {
  @Field(() => Float, { nullable: true })
  @IsOptional()
  @Min(0)
  @Max(1)
  strength?: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsCalendarDate()
  since?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 100)
  source?: string | null;
}
