import { PersonalData, Sensitivity } from '../access/personal-data';
import { Field, Float, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Platform } from '../social-accounts/social-account.type';

export enum InteractionKind {
  ORDER = 'ORDER',
  COMPLAINT = 'COMPLAINT',
  TICKET = 'TICKET',
  CALL = 'CALL',
  EMAIL = 'EMAIL',
  MEETING = 'MEETING',
  POST = 'POST',
  MENTION = 'MENTION',
  REPLY = 'REPLY',
  SHARE = 'SHARE',
  LIKE = 'LIKE',
  REVIEW = 'REVIEW',
}

registerEnumType(InteractionKind, { name: 'InteractionKind' });

export enum InteractionStatus {
  OPEN = 'OPEN',
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  RESOLVED = 'RESOLVED',
}

registerEnumType(InteractionStatus, {
  name: 'InteractionStatus',
  description: 'For tickets and complaints.',
});

export const SOCIAL_KINDS: ReadonlySet<InteractionKind> = new Set([
  InteractionKind.POST,
  InteractionKind.MENTION,
  InteractionKind.REPLY,
  InteractionKind.SHARE,
  InteractionKind.LIKE,
  InteractionKind.REVIEW,
]);

export const KINDS_WITH_STATUS: ReadonlySet<InteractionKind> = new Set([
  InteractionKind.TICKET,
  InteractionKind.COMPLAINT,
]);

/** A graph neighbour named by id and label, resolved to its GraphQL type through loaders. */
export interface NodeRef {
  id: string;
  label: 'Person' | 'SocialAccount' | 'Organization' | 'Topic' | 'Product' | 'Campaign';
}

export interface InteractionRecord {
  id: string;
  kind: InteractionKind;
  channel: string;
  occurredAt: string;
  text: string | null;
  sentiment: number | null;
  status: InteractionStatus | null;
  platform: Platform | null;
  postId: string | null;
  url: string | null;
  performer: NodeRef | null;
  about: NodeRef[];
  mentions: NodeRef[];
  replyToId: string | null;
  handledByUserId: string | null;
}

@ObjectType({ description: 'One event: an order, a call, a complaint, a post, a share …' })
export class Interaction {
  @Field(() => ID)
  id!: string;

  @Field(() => InteractionKind)
  kind!: InteractionKind;

  @Field({ description: 'Where it happened: EMAIL, PHONE, WEB_SHOP, STORE, or a platform name.' })
  channel!: string;

  @Field({ description: 'ISO date-time (UTC).' })
  occurredAt!: string;

  @PersonalData(Sensitivity.ACTIVITY)
  @Field(() => String, { nullable: true })
  text!: string | null;

  @Field(() => Float, { nullable: true, description: '−1 (negative) … 1 (positive).' })
  sentiment!: number | null;

  @Field(() => InteractionStatus, { nullable: true })
  status!: InteractionStatus | null;

  @Field(() => Platform, { nullable: true })
  platform!: Platform | null;

  @Field(() => String, { nullable: true, description: 'The post id on its platform.' })
  postId!: string | null;

  @PersonalData(Sensitivity.ACTIVITY)
  @Field(() => String, { nullable: true })
  url!: string | null;
}
