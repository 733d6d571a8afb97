import { ArrayMaxSize, IsOptional, Length, Matches } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { HANDLE } from '../social-accounts/social-account.input';

/** Accounts given at most at once as a reach subject. */
export const MAX_SUBJECT_ACCOUNTS = 100;

@InputType({
  description:
    'Whose reach: exactly one of a person (their accounts), an organization (the accounts of ' +
    'its current employees, decision makers, champions, journalists, bloggers and influencers), ' +
    'a campaign (the accounts that posted about it, and the accounts of people who did), ' +
    'accounts by id, or a handle on every platform (e.g. our brand’s).',
})
export class ReachSubjectInput {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  personId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  organizationId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  campaignId?: string | null;

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(MAX_SUBJECT_ACCOUNTS)
  accountIds?: string[] | null;

  @Field(() => String, { nullable: true, description: 'With or without @.' })
  @IsOptional()
  @Length(1, 101)
  @Matches(HANDLE, { message: 'handle may hold letters, digits, . _ - and a leading @' })
  handle?: string | null;
}
