import { TieType } from '../ties/tie.type';
import { LinkKind, StepDirection } from './introduction.type';

/** One tie between two people, as stored. */
export interface TieFact {
  tieId: string;
  type: TieType;
  strength: number;
  since: string | null;
  fromPersonId: string;
  toPersonId: string;
}

/** Interactions both people took part in (performer, mentioned, handler, or replied to). */
export interface SharedInteractionFact {
  count: number;
  firstAt: string;
  latestAt: string;
  latestInteractionId: string;
}

/**
 * Everything that links two people, seen from `personId` towards `otherId`. Expansions return one
 * of these per (expanded person, neighbour) pair; the same pair seen from the other side carries
 * the same facts mirrored.
 */
export interface LinkFacts {
  personId: string;
  otherId: string;
  ties: readonly TieFact[];
  /** An account of `personId` follows an account of `otherId`. */
  follows: boolean;
  followedBy: boolean;
  followSince: string | null;
  shared: SharedInteractionFact | null;
}

/**
 * How much a link is trusted, 0–1. A path's trust is the product of its links' weights, so one
 * weak step makes the whole introduction weak. Stated ties count with their strength; following
 * someone is a weak signal (mutual a little less weak); shared interactions grow with their number.
 * Recent shared interaction raises any link's weight halfway towards 1, fading over months.
 */
export const TRUST = {
  FOLLOW_ONE_WAY: 0.2,
  FOLLOW_MUTUAL: 0.3,
  SHARED_FIRST: 0.2,
  SHARED_EACH_MORE: 0.1,
  SHARED_MAX: 0.6,
  RECENCY_BOOST: 0.5,
  RECENCY_DAYS: 90,
  /** A tie of strength 0 is still a way to reach someone, only the least trusted one. */
  MIN_WEIGHT: 0.01,
} as const;

const DAY_MS = 86_400_000;

/** The strongest reason two people are linked, and the weight of the link. */
export interface LinkAssessment {
  kind: LinkKind;
  kinds: LinkKind[];
  strength: number;
  weight: number;
  since: string | null;
  direction: StepDirection;
  tieId: string | null;
  sharedInteractions: number;
  latestInteractionId: string | null;
  latestInteractionAt: string | null;
}

const TIE_LINK: Readonly<Record<TieType, LinkKind>> = {
  [TieType.KNOWS]: LinkKind.KNOWS,
  [TieType.COLLEAGUE_OF]: LinkKind.COLLEAGUE_OF,
  [TieType.FAMILY_OF]: LinkKind.FAMILY_OF,
  [TieType.FRIEND_OF]: LinkKind.FRIEND_OF,
  [TieType.REFERRED]: LinkKind.REFERRED,
  [TieType.REPORTS_TO]: LinkKind.REPORTS_TO,
};

export function sharedInteractionStrength(count: number): number {
  if (count <= 0) return 0;
  return Math.min(TRUST.SHARED_MAX, TRUST.SHARED_FIRST + TRUST.SHARED_EACH_MORE * (count - 1));
}

/** The raise a link gets from its latest shared interaction: up to RECENCY_BOOST, fading. */
function recencyBoost(latestAtMs: number, now: number): number {
  const ageDays = Math.max(0, (now - latestAtMs) / DAY_MS);
  return TRUST.RECENCY_BOOST * Math.exp(-ageDays / TRUST.RECENCY_DAYS);
}

/**
 * A link's weight from its strongest reason and its latest shared interaction (ms, or NaN when
 * there is none): the one formula behind both the database-backed search and the link index.
 */
export function linkWeight(strength: number, latestAtMs: number, now: number): number {
  const base = Math.max(0, Math.min(1, strength));
  const boost = Number.isNaN(latestAtMs) ? 0 : recencyBoost(latestAtMs, now);
  return Math.max(TRUST.MIN_WEIGHT, base + (1 - base) * boost);
}

/** Following someone is a weak reason to trust them; both following each other a little less weak. */
export function followStrength(mutual: boolean): number {
  return mutual ? TRUST.FOLLOW_MUTUAL : TRUST.FOLLOW_ONE_WAY;
}

interface Candidate {
  kind: LinkKind;
  strength: number;
  since: string | null;
  direction: StepDirection;
  tieId: string | null;
}

function candidatesOf(facts: LinkFacts): Candidate[] {
  const candidates: Candidate[] = facts.ties.map((tie) => ({
    kind: TIE_LINK[tie.type],
    strength: tie.strength,
    since: tie.since,
    direction: tie.fromPersonId === facts.personId ? StepDirection.FORWARD : StepDirection.BACKWARD,
    tieId: tie.tieId,
  }));
  if (facts.follows || facts.followedBy) {
    const mutual = facts.follows && facts.followedBy;
    candidates.push({
      kind: LinkKind.FOLLOWS,
      strength: followStrength(mutual),
      since: facts.followSince,
      direction: mutual
        ? StepDirection.MUTUAL
        : facts.follows
          ? StepDirection.FORWARD
          : StepDirection.BACKWARD,
      tieId: null,
    });
  }
  if (facts.shared !== null && facts.shared.count > 0) {
    candidates.push({
      kind: LinkKind.SHARED_INTERACTION,
      strength: sharedInteractionStrength(facts.shared.count),
      since: facts.shared.firstAt,
      direction: StepDirection.MUTUAL,
      tieId: null,
    });
  }
  return candidates;
}

/** Strongest first; equal strengths in a fixed kind order, so that the answer is deterministic. */
function compareCandidates(a: Candidate, b: Candidate): number {
  if (a.strength !== b.strength) return b.strength - a.strength;
  const kinds = Object.values(LinkKind);
  return kinds.indexOf(a.kind) - kinds.indexOf(b.kind);
}

/**
 * Weighs a link between two people; null when nothing links them. `now` (ms) dates the recency
 * boost.
 */
export function assessLink(facts: LinkFacts, now: number): LinkAssessment | null {
  const candidates = candidatesOf(facts).sort(compareCandidates);
  const best = candidates[0];
  if (best === undefined) return null;
  const latestAt = facts.shared?.latestAt ?? null;
  const weight = linkWeight(best.strength, latestAt === null ? NaN : Date.parse(latestAt), now);
  return {
    kind: best.kind,
    kinds: [...new Set(candidates.map((candidate) => candidate.kind))],
    strength: best.strength,
    weight,
    since: best.since,
    direction: best.direction,
    tieId: best.tieId,
    sharedInteractions: facts.shared?.count ?? 0,
    latestInteractionId: facts.shared?.latestInteractionId ?? null,
    latestInteractionAt: latestAt,
  };
}

/**
 * What the link index keeps of a link: enough for its weight (see linkWeight), nothing to explain
 * it with. Null when nothing links the two people.
 */
export function summarizeLink(facts: LinkFacts): { strength: number; latestAtMs: number } | null {
  const best = candidatesOf(facts).sort(compareCandidates)[0];
  if (best === undefined) return null;
  const latestAt = facts.shared?.latestAt;
  return {
    strength: best.strength,
    latestAtMs: latestAt === undefined ? NaN : Date.parse(latestAt),
  };
}

/** The same facts seen from the other person. */
export function mirrorLink(facts: LinkFacts): LinkFacts {
  return {
    personId: facts.otherId,
    otherId: facts.personId,
    ties: facts.ties,
    follows: facts.followedBy,
    followedBy: facts.follows,
    followSince: facts.followSince,
    shared: facts.shared,
  };
}
