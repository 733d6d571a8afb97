import { PersonalData, Sensitivity } from '../access/personal-data';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum Platform {
  X = 'X',
  FACEBOOK = 'FACEBOOK',
  LINKEDIN = 'LINKEDIN',
  XING = 'XING',
  INSTAGRAM = 'INSTAGRAM',
  YOUTUBE = 'YOUTUBE',
  TIKTOK = 'TIKTOK',
  BLOG = 'BLOG',
  FORUM = 'FORUM',
  OTHER = 'OTHER',
}

registerEnumType(Platform, { name: 'Platform', description: 'X is the former Twitter.' });

export interface SocialAccountRecord {
  id: string;
  platform: Platform;
  handle: string;
  displayName: string | null;
  followers: number;
  url: string | null;
  ownerId: string | null;
}

@ObjectType({ description: 'One identity on one platform; it may exist before we know its owner.' })
export class SocialAccount {
  @Field(() => ID)
  id!: string;

  @Field(() => Platform)
  platform!: Platform;

  @PersonalData(Sensitivity.IDENTITY)
  @Field(() => String, {
    nullable: true,
    description:
      'Lower-case, without a leading @; unique per platform. Null without need-to-know for its owner.',
  })
  handle!: string;

  @PersonalData(Sensitivity.IDENTITY)
  @Field(() => String, { nullable: true })
  displayName!: string | null;

  @Field(() => Int, { description: 'Followers on the platform, as last reported.' })
  followers!: number;

  @PersonalData(Sensitivity.IDENTITY)
  @Field(() => String, { nullable: true })
  url!: string | null;

  ownerId!: string | null;
}
