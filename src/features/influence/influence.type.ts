import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { connectionType } from '../../core/pagination/connection';
import { InfluenceEngineKind } from './influence-engine';
import type { InfluenceComponents as ComponentsRecord } from './influence-scoring';

export enum InfluenceSubjectKind {
  TOPIC = 'TOPIC',
  PRODUCT = 'PRODUCT',
}

registerEnumType(InfluenceSubjectKind, { name: 'InfluenceSubjectKind' });

@ObjectType({ description: 'A topic or product that influence was computed about.' })
export class InfluenceSubject {
  @Field(() => ID)
  id!: string;

  @Field(() => InfluenceSubjectKind)
  kind!: InfluenceSubjectKind;

  @Field()
  name!: string;
}

@ObjectType({
  description:
    'Why a person scores as they do. Each component is on 0–100 (log scale, 100 = the highest in the scope); the raw measures beside it.',
})
export class InfluenceComponents implements ComponentsRecord {
  @Field(() => Float, {
    description: 'PageRank on a log scale: 0 = nobody follows, knows, mentions or amplifies them.',
  })
  centrality!: number;

  @Field(() => Float, { description: 'Weighted PageRank (damping 0.85); the floor is 0.15.' })
  pageRank!: number;

  @Field(() => Float)
  reachScore!: number;

  @Field(() => Float, {
    description: 'Followers across all accounts, each follower we know twice counted once.',
  })
  reach!: number;

  @Field(() => Float, { description: 'Followers as the platforms report them, summed.' })
  reportedFollowers!: number;

  @Field(() => Int, { description: 'Distinct followers we know of in the graph.' })
  knownFollowers!: number;

  @Field(() => Int, {
    description: 'Follows the platforms count twice (one follower, two accounts).',
  })
  duplicateFollows!: number;

  @Field(() => Int)
  accounts!: number;

  @Field(() => Float)
  amplificationScore!: number;

  @Field(() => Float, {
    description: 'Replies and shares of their posts, weighted by recency (half-life 180 days).',
  })
  amplification!: number;

  @Field(() => Int, { description: 'Replies and shares of their posts.' })
  amplifiedCount!: number;
}

export interface InfluenceRecord {
  personId: string;
  score: number;
  components: ComponentsRecord;
  subject: InfluenceSubject | null;
  computedAt: string;
  communityId: string | null;
}

@ObjectType({
  description:
    'A stored influence score, 0–100, overall or about one subject, with its components. Only people whose consent covers PROFILING have one.',
})
export class InfluenceScore {
  @Field(() => Float)
  score!: number;

  @Field(() => InfluenceComponents)
  components!: InfluenceComponents;

  @Field(() => InfluenceSubject, {
    nullable: true,
    description: 'The topic or product; null for overall influence.',
  })
  subject!: InfluenceSubject | null;

  @Field({ description: 'When the recompute that stored it ran (ISO date-time).' })
  computedAt!: string;

  @Field(() => ID, { nullable: true, description: 'The person’s community (overall only).' })
  communityId!: string | null;

  personId!: string;
}

@ObjectType()
export class MultiplierConnection extends connectionType('Multiplier', InfluenceScore) {}

export interface InfluenceRunRecord {
  computedAt: string;
  engine: InfluenceEngineKind;
  peopleScored: number;
  subjectScores: number;
  communities: number;
  modularity: number;
  nodeCount: number;
  relationshipCount: number;
  durationMs: number;
  removedScores: number | null;
}

@ObjectType({ description: 'One recompute of influence scores and communities.' })
export class InfluenceRun implements InfluenceRunRecord {
  @Field()
  computedAt!: string;

  @Field(() => InfluenceEngineKind)
  engine!: InfluenceEngineKind;

  @Field(() => Int)
  peopleScored!: number;

  @Field(() => Int, { description: 'Scores about a topic or product.' })
  subjectScores!: number;

  @Field(() => Int)
  communities!: number;

  @Field(() => Float, { description: 'Modularity of the communities found (−0.5 … 1).' })
  modularity!: number;

  @Field(() => Int, { description: 'Nodes of the projected network (people and accounts).' })
  nodeCount!: number;

  @Field(() => Int)
  relationshipCount!: number;

  @Field(() => Int)
  durationMs!: number;

  @Field(() => Int, {
    nullable: true,
    description: 'Stored scores removed because their person may no longer be profiled.',
  })
  removedScores!: number | null;
}

export enum StanceTargetKind {
  ORGANIZATION = 'ORGANIZATION',
  PRODUCT = 'PRODUCT',
  TOPIC = 'TOPIC',
}

registerEnumType(StanceTargetKind, { name: 'StanceTargetKind' });

@ObjectType({ description: 'What fans and critics speak about: a brand, a product or a topic.' })
export class StanceTarget {
  @Field(() => ID)
  id!: string;

  @Field(() => StanceTargetKind)
  kind!: StanceTargetKind;

  @Field()
  name!: string;
}

@ObjectType({ description: 'One person’s stance towards the target over the time window.' })
export class Stance {
  @Field(() => Float, { description: 'Influence × net sentiment: −100 … 100.' })
  stance!: number;

  @Field(() => Float, { description: 'The person’s stored overall influence, 0–100.' })
  influenceScore!: number;

  @Field(() => Float, { description: 'Mean sentiment of their interactions about it, −1 … 1.' })
  netSentiment!: number;

  @Field(() => Int)
  interactions!: number;

  @Field(() => Int)
  positive!: number;

  @Field(() => Int)
  negative!: number;

  @Field()
  lastInteractionAt!: string;

  personId!: string;
}

@ObjectType()
export class FansAndCritics {
  @Field(() => StanceTarget)
  target!: StanceTarget;

  @Field()
  from!: string;

  @Field()
  to!: string;

  @Field(() => [Stance], {
    description:
      'High influence and negative: the people the service team should answer first, most influential first.',
  })
  criticalMultipliers!: Stance[];

  @Field(() => [Stance], { description: 'Highest stance first.' })
  fans!: Stance[];

  @Field(() => [Stance], { description: 'Lowest stance first.' })
  critics!: Stance[];
}
