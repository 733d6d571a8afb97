import { IsOptional, Length, Matches } from 'class-validator';
import { Field, InputType } from 'type-graphql';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

@InputType()
export class ProductInput {
  @Field()
  @Length(1, 200)
  name!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,64}$/, { message: 'sku may hold letters, digits and . _ -' })
  sku?: string | null;
}

@InputType()
export class CampaignInput {
  @Field()
  @Length(1, 200)
  name!: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  @IsOptional()
  @Matches(DATE, { message: 'startsOn must be a date YYYY-MM-DD' })
  startsOn?: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  @IsOptional()
  @Matches(DATE, { message: 'endsOn must be a date YYYY-MM-DD' })
  endsOn?: string | null;
}
