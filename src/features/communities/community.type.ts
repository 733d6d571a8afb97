import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { connectionType } from '../../core/pagination/connection';
import { InfluenceSubject } from '../influence/influence.type';

export interface CommunityRecord {
  id: string;
  rank: number;
  size: number;
  computedAt: string;
}

@ObjectType({
  description:
    'A group of people more densely connected with each other than with the rest (Louvain), as the last influence recompute found it. Ids hold until the next recompute.',
})
export class Community implements CommunityRecord {
  @Field(() => ID, { description: 'community-1 is the largest.' })
  id!: string;

  @Field(() => Int, { description: '1 = the largest community.' })
  rank!: number;

  @Field(() => Int, { description: 'Members whose consent covered PROFILING at the recompute.' })
  size!: number;

  @Field({ description: 'When the recompute that found it ran (ISO date-time).' })
  computedAt!: string;
}

@ObjectType()
export class CommunityConnection extends connectionType('Community', Community) {}

export interface CommunityMemberRecord {
  communityId: string;
  personId: string;
  influenceScore: number;
}

@ObjectType({ description: 'A member of a community with their overall influence.' })
export class CommunityMember {
  @Field(() => Float)
  influenceScore!: number;

  personId!: string;
}

export interface CommunitySubjectRecord {
  communityId: string;
  subject: InfluenceSubject;
  rank: number;
  interactions: number;
  share: number;
}

@ObjectType({ description: 'A topic or product the members speak about in public.' })
export class CommunitySubject {
  @Field(() => InfluenceSubject)
  subject!: InfluenceSubject;

  @Field(() => Int, { description: '1 = the most discussed.' })
  rank!: number;

  @Field(() => Int, { description: 'Posts, mentions, replies, shares and reviews about it.' })
  interactions!: number;

  @Field(() => Float, { description: 'Its share of all such interactions of the members, 0–1.' })
  share!: number;
}
