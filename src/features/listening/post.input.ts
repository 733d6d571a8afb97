import { Allow } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { Platform } from '../social-accounts/social-account.type';

@InputType({
  description:
    'One post from a monitoring feed. Identified by platform + postId: sending it again changes nothing.',
})
export class PostInput {
  // Checked by validatePost, shared with the NDJSON endpoint, so both report the same problems.
  @Allow()
  @Field(() => Platform)
  platform!: Platform;

  @Allow()
  @Field(() => ID, { description: 'The id on its platform.' })
  postId!: string;

  @Allow()
  @Field({ description: 'Without a leading @; matched case-insensitively.' })
  authorHandle!: string;

  @Allow()
  @Field({ description: 'At most 10,000 characters.' })
  text!: string;

  @Allow()
  @Field({ description: 'ISO date-time with time zone.' })
  occurredAt!: string;

  @Allow()
  @Field(() => ID, { nullable: true, description: 'The post (same platform) this one replies to.' })
  replyToPostId?: string | null;

  @Allow()
  @Field(() => [String], { nullable: true, description: 'Handles named in the post.' })
  mentions?: string[] | null;

  @Allow()
  @Field(() => String, { nullable: true })
  url?: string | null;

  @Allow()
  @Field(() => String, {
    nullable: true,
    description: 'de or en (or a tag such as de-AT); detected from the text when missing.',
  })
  language?: string | null;
}
