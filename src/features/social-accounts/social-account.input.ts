import { IsEnum, IsInt, IsOptional, IsUrl, Length, Matches, Max, Min } from 'class-validator';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { Platform } from './social-account.type';

/** A handle as people write it: letters, digits, . _ - and an optional leading @. */
export const HANDLE = /^@?[A-Za-z0-9._-]{1,100}$/;

@InputType({
  description: 'Creates the account on the first call for a platform + handle, updates it later.',
})
export class UpsertSocialAccountInput {
  @Field(() => Platform)
  @IsEnum(Platform)
  platform!: Platform;

  @Field({ description: 'With or without @; stored lower-case.' })
  @Matches(HANDLE, { message: 'handle may hold letters, digits, . _ - and a leading @' })
  handle!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 200)
  displayName?: string | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(2_000_000_000)
  followers?: number | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true },
    { message: 'url must be an http(s) URL' },
  )
  url?: string | null;
}

@InputType()
export class LinkSocialAccountInput {
  @Field(() => ID)
  @Length(1, 100)
  accountId!: string;

  @Field(() => ID)
  @Length(1, 100)
  personId!: string;

  @Field(() => Float, {
    defaultValue: 1,
    description: 'How sure we are that the person owns it, 0–1.',
  })
  @Min(0)
  @Max(1)
  confidence!: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 100)
  source?: string | null;
}

@InputType({ description: 'All given conditions must hold.' })
export class SocialAccountFilter {
  @Field(() => Platform, { nullable: true })
  @IsOptional()
  @IsEnum(Platform)
  platform?: Platform | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  minFollowers?: number | null;

  @Field({ nullable: true, description: 'true: only accounts whose owner we do not know.' })
  @IsOptional()
  withoutOwner?: boolean;
}

/** `@Anna_B` → `anna_b`: handles compare case-insensitively on every platform we know. */
export function normalizeHandle(handle: string): string {
  return handle.replace(/^@/, '').toLowerCase();
}
