import {
  ArrayMaxSize,
  IsEnum,
  IsISO8601,
  IsOptional,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { Field, Float, ID, InputType } from 'type-graphql';
import { InteractionKind } from '../interactions/interaction.type';

const CHANNEL = /^[A-Z][A-Z0-9_]{0,31}$/;

@InputType({ description: 'All given conditions must hold; a list matches any of its values.' })
export class TimelineFilter {
  @Field(() => [InteractionKind], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(12)
  @IsEnum(InteractionKind, { each: true })
  kinds?: InteractionKind[] | null;

  @Field(() => [String], { nullable: true, description: 'E.g. EMAIL, WEB_SHOP, SOCIAL.' })
  @IsOptional()
  @ArrayMaxSize(20)
  @Matches(CHANNEL, { each: true, message: 'channels must be upper-case names such as EMAIL' })
  channels?: string[] | null;

  @Field(() => ID, { nullable: true, description: 'About this topic.' })
  @IsOptional()
  @Length(1, 100)
  topicId?: string | null;

  @Field(() => Float, { nullable: true, description: 'Sentiment at least this (−1…1).' })
  @IsOptional()
  @Min(-1)
  @Max(1)
  minSentiment?: number | null;

  @Field(() => Float, { nullable: true, description: 'Sentiment at most this (−1…1).' })
  @IsOptional()
  @Min(-1)
  @Max(1)
  maxSentiment?: number | null;

  @Field(() => String, { nullable: true, description: 'On or after this ISO date-time.' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be an ISO date-time' })
  from?: string | null;

  @Field(() => String, { nullable: true, description: 'Before this ISO date-time.' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be an ISO date-time' })
  to?: string | null;
}
