import { IsOptional, Length, Matches } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { IsCalendarDate } from '../shared/calendar-date';

@InputType()
export class ProductInput {
  @Field()
  @Length(1, 200)
  name!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,64}$/, { message: 'sku may hold letters, digits and . _ -' })
  sku?: string | null;

  @Field(() => [String], {
    nullable: true,
    description:
      'Phrases besides the name that tie an ingested post to the product (at most 50, each with a word, 1–100 characters). Missing on update: removed, as every field.',
  })
  @IsOptional()
  keywords?: string[] | null;
}

@InputType()
export class CampaignInput {
  @Field()
  @Length(1, 200)
  name!: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  @IsOptional()
  @IsCalendarDate()
  startsOn?: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  @IsOptional()
  @IsCalendarDate()
  endsOn?: string | null;
}
