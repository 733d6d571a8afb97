import { Field, Float, Int, ObjectType } from 'type-graphql';
import { connectionType } from '../../core/pagination/connection';
import { Tie, type TieRecord } from '../ties/tie.type';

/**
 * Who of our staff is closest to a person ("who knows whom"): direct ties between the staff
 * member's own person and them, and interactions they shared — the person's interactions the staff
 * member handled or answered, and the staff member's own interactions that name the person.
 */

/** A shared interaction counts half after this many days. */
export const SHARED_INTERACTION_HALF_LIFE_DAYS = 180;
/** Decayed shared interactions at which the interaction part reaches 1 − 1/e ≈ 0.63. */
export const SHARED_INTERACTION_SCALE = 3;
/** Shared interactions shown as evidence, newest first. */
export const EVIDENCE_INTERACTIONS = 3;
/** People of an organization shown as a staff member's closest contacts there. */
export const CLOSEST_CONTACTS = 3;

const DAY_MS = 24 * 60 * 60 * 1000;

/** What the graph holds between one staff user and one person. */
export interface StaffEvidence {
  userId: string;
  ties: TieRecord[];
  shared: { id: string; occurredAt: string }[];
}

export interface StaffClosenessRecord {
  /** The staff user's id: one record per staff member. */
  id: string;
  /** 0…1, before rounding to the score. */
  closeness: number;
  score: number;
  tieStrength: number;
  interactionWeight: number;
  ties: TieRecord[];
  sharedInteractions: number;
  lastSharedAt: string | null;
  recentSharedInteractionIds: string[];
}

@ObjectType({
  description: 'A member of our staff and how close they are to a person, with the evidence.',
})
export class StaffCloseness {
  @Field(() => Int, {
    description: '0–100: 100 × (1 − (1 − tieStrength) × (1 − interactionWeight)).',
  })
  score!: number;

  @Field(() => Float, { description: 'The strongest direct tie, 0…1 (0 without one).' })
  tieStrength!: number;

  @Field(() => Float, {
    description: `Shared interactions, each counting half after ${SHARED_INTERACTION_HALF_LIFE_DAYS} days, mapped to 0…1.`,
  })
  interactionWeight!: number;

  @Field(() => [Tie], { description: 'Direct ties between them, strongest first.' })
  ties!: TieRecord[];

  @Field(() => Int, { description: 'Interactions they shared, of all time.' })
  sharedInteractions!: number;

  @Field(() => String, { nullable: true, description: 'ISO date-time of the last one.' })
  lastSharedAt!: string | null;

  recentSharedInteractionIds!: string[];
  id!: string;
}

@ObjectType()
export class StaffClosenessConnection extends connectionType('StaffCloseness', StaffCloseness) {}

function decayedCount(shared: StaffEvidence['shared'], now: Date): number {
  let weight = 0;
  for (const interaction of shared) {
    const days = Math.max(0, (now.getTime() - Date.parse(interaction.occurredAt)) / DAY_MS);
    weight += 0.5 ** (days / SHARED_INTERACTION_HALF_LIFE_DAYS);
  }
  return weight;
}

export function staffCloseness(evidence: StaffEvidence, now: Date): StaffClosenessRecord {
  const ties = [...evidence.ties].sort(
    (a, b) => b.strength - a.strength || a.id.localeCompare(b.id),
  );
  const tieStrength = Math.min(1, Math.max(0, ties[0]?.strength ?? 0));
  const interactionWeight =
    1 - Math.exp(-decayedCount(evidence.shared, now) / SHARED_INTERACTION_SCALE);
  // Either kind of evidence alone can make someone close; together they reinforce each other.
  const closeness = 1 - (1 - tieStrength) * (1 - interactionWeight);
  const newest = [...evidence.shared].sort(
    (a, b) => Date.parse(b.occurredAt) - Date.parse(a.occurredAt) || a.id.localeCompare(b.id),
  );
  return {
    id: evidence.userId,
    closeness,
    score: Math.round(closeness * 100),
    tieStrength,
    interactionWeight: Math.round(interactionWeight * 1000) / 1000,
    ties,
    sharedInteractions: evidence.shared.length,
    lastSharedAt: newest[0]?.occurredAt ?? null,
    recentSharedInteractionIds: newest.slice(0, EVIDENCE_INTERACTIONS).map((shared) => shared.id),
  };
}

/** Closest first; equal scores by staff id, so that cursors stay stable. */
export function byScore(
  a: { score: number; id: string },
  b: { score: number; id: string },
): number {
  return b.score - a.score || a.id.localeCompare(b.id);
}

/** Our staff's relationship into an organization: their closeness to its people, combined. */
export interface StaffRelationshipRecord {
  id: string;
  score: number;
  contacts: number;
  ties: number;
  sharedInteractions: number;
  lastSharedAt: string | null;
  closestContactIds: string[];
}

@ObjectType({
  description:
    'A member of our staff and their relationship into an organization, through its people.',
})
export class StaffRelationship {
  @Field(() => Int, {
    description: '0–100: 100 × (1 − Π(1 − closeness to each person there)); strongest first.',
  })
  score!: number;

  @Field(() => Int, { description: 'People there they are close to at all.' })
  contacts!: number;

  @Field(() => Int, { description: 'Direct ties to people there.' })
  ties!: number;

  @Field(() => Int, { description: 'Interactions shared with people there.' })
  sharedInteractions!: number;

  @Field(() => String, { nullable: true, description: 'ISO date-time of the last one.' })
  lastSharedAt!: string | null;

  closestContactIds!: string[];
  id!: string;
}

@ObjectType()
export class StaffRelationshipConnection extends connectionType(
  'StaffRelationship',
  StaffRelationship,
) {}

/** Combines one staff member's closeness to several people of one organization. */
export function staffRelationship(
  userId: string,
  byContact: readonly { personId: string; closeness: StaffClosenessRecord }[],
): StaffRelationshipRecord {
  let distance = 1;
  let ties = 0;
  let sharedInteractions = 0;
  let lastSharedAt: string | null = null;
  for (const { closeness } of byContact) {
    distance *= 1 - closeness.closeness;
    ties += closeness.ties.length;
    sharedInteractions += closeness.sharedInteractions;
    const last = closeness.lastSharedAt;
    if (last !== null && (lastSharedAt === null || Date.parse(last) > Date.parse(lastSharedAt))) {
      lastSharedAt = last;
    }
  }
  const closest = [...byContact].sort(
    (a, b) => b.closeness.closeness - a.closeness.closeness || a.personId.localeCompare(b.personId),
  );
  return {
    id: userId,
    score: Math.round((1 - distance) * 100),
    contacts: byContact.length,
    ties,
    sharedInteractions,
    lastSharedAt,
    closestContactIds: closest.slice(0, CLOSEST_CONTACTS).map((entry) => entry.personId),
  };
}
