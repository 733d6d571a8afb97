import {
  ArrayMaxSize,
  IsEnum,
  IsISO8601,
  IsOptional,
  IsUrl,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { Field, Float, ID, InputType } from 'type-graphql';
import { Platform } from '../social-accounts/social-account.type';
import { InteractionKind, InteractionStatus } from './interaction.type';

@InputType({
  description:
    'Exactly one performer: a person (classic interactions) or a social account (social ones). With platform + postId the interaction is upserted by that key, so feeds can send a post twice.',
})
export class RecordInteractionInput {
  @Field(() => InteractionKind)
  @IsEnum(InteractionKind)
  kind!: InteractionKind;

  @Field()
  @Matches(/^[A-Z][A-Z0-9_]{0,31}$/, {
    message: 'channel must be an upper-case name such as EMAIL',
  })
  channel!: string;

  @Field({ description: 'ISO date-time with time zone, e.g. 2026-11-23T10:15:00Z.' })
  @IsISO8601({ strict: true }, { message: 'occurredAt must be an ISO date-time' })
  occurredAt!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 10_000)
  text?: string | null;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @Min(-1)
  @Max(1)
  sentiment?: number | null;

  @Field(() => InteractionStatus, { nullable: true })
  @IsOptional()
  @IsEnum(InteractionStatus)
  status?: InteractionStatus | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @Length(1, 100)
  performedByPersonId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @Length(1, 100)
  performedByAccountId?: string | null;

  @Field(() => [ID], {
    nullable: true,
    description: 'Topics, products, organizations or campaigns.',
  })
  @IsOptional()
  @ArrayMaxSize(50)
  aboutIds?: string[] | null;

  @Field(() => [ID], {
    nullable: true,
    description: 'People, social accounts or organizations named.',
  })
  @IsOptional()
  @ArrayMaxSize(50)
  mentionIds?: string[] | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @Length(1, 100)
  replyToId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The staff user who handled it.' })
  @IsOptional()
  @Length(1, 100)
  handledByUserId?: string | null;

  @Field(() => Platform, { nullable: true })
  @IsOptional()
  @IsEnum(Platform)
  platform?: Platform | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^[^\s]{1,200}$/, { message: 'postId must be 1–200 characters without spaces' })
  postId?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true },
    { message: 'url must be an http(s) URL' },
  )
  url?: string | null;
}

@InputType({ description: 'Only the fields given change.' })
export class UpdateInteractionInput {
  @Field(() => InteractionStatus, { nullable: true })
  @IsOptional()
  @IsEnum(InteractionStatus)
  status?: InteractionStatus | null;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @Min(-1)
  @Max(1)
  sentiment?: number | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @Length(1, 100)
  handledByUserId?: string | null;
}

@InputType({ description: 'All given conditions must hold.' })
export class InteractionFilter {
  @Field(() => [InteractionKind], { nullable: true })
  @IsOptional()
  @IsEnum(InteractionKind, { each: true })
  kinds?: InteractionKind[] | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9_]{0,31}$/, {
    message: 'channel must be an upper-case name such as EMAIL',
  })
  channel?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Performed by this person or by one of their accounts.',
  })
  @IsOptional()
  @Length(1, 100)
  personId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'About this topic, product, organization or campaign.',
  })
  @IsOptional()
  @Length(1, 100)
  aboutId?: string | null;

  @Field(() => InteractionStatus, { nullable: true })
  @IsOptional()
  @IsEnum(InteractionStatus)
  status?: InteractionStatus | null;

  @Field(() => String, { nullable: true, description: 'On or after this ISO date-time.' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string | null;

  @Field(() => String, { nullable: true, description: 'Before this ISO date-time.' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string | null;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @Min(-1)
  @Max(1)
  minSentiment?: number | null;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @Min(-1)
  @Max(1)
  maxSentiment?: number | null;
}
