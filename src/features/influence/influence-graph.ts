/**
 * The influence network as both engines see it. Nodes ("actors") are the people who may be
 * profiled, and social accounts nobody in the CRM owns yet; a person's accounts are folded into
 * the person, so that followers and mentions of any of their accounts count for them. Actors are
 * numbered 0…n-1 (people first); that number is also the node id in the GDS projection.
 */

/** What an edge of the network stands for; each kind is a relationship type in the projection. */
export enum InfluenceEdgeKind {
  /** Accounts of the source follow accounts of the target; weight = follows × follow weight. */
  FOLLOW = 'FOLLOW',
  /** A tie of any type (KNOWS, COLLEAGUE_OF …), both directions, weight = strength. */
  TIE = 'TIE',
  /** The source mentioned the target in public; recency-weighted. */
  MENTION = 'MENTION',
  /** The source replied to or shared a post of the target; recency-weighted. */
  AMPLIFY = 'AMPLIFY',
}

export const INFLUENCE_EDGE_KINDS: readonly InfluenceEdgeKind[] = Object.values(InfluenceEdgeKind);

export type ActorKind = 'Person' | 'SocialAccount';

export interface InfluenceActor {
  index: number;
  kind: ActorKind;
  id: string;
  /**
   * Element ids of the nodes that act for this actor: the person and the accounts they own, or the
   * account itself. Edges are found from and resolved to these within one recompute.
   */
  faces: readonly string[];
  /** Followers the platforms report, summed over the person's accounts. */
  reportedFollowers: number;
  accounts: number;
  /** Public posts, mentions, replies, shares and reviews per subject index. */
  activity: ReadonlyMap<number, number>;
}

/** A topic or product that scoped influence is computed for; numbered by its index. */
export interface InfluenceSubject {
  index: number;
  id: string;
  kind: 'Topic' | 'Product';
  name: string;
}

/** One edge row of the projection, parallel edges of a kind to one target already summed. */
export interface InfluenceEdgeRow {
  source: number;
  target: number;
  kind: InfluenceEdgeKind;
  weight: number;
  /** How many follows, ties, mentions or amplifications the row sums. */
  count: number;
  /** Subjects (indexes) the mentions or amplifications were about. */
  subjects: readonly number[];
}

export interface InfluenceProjection {
  actors: readonly InfluenceActor[];
  subjects: readonly InfluenceSubject[];
  /** When recency is measured from, in epoch seconds. */
  asOfSeconds: number;
}

/** Centrality and amplification within one scope: the whole network, or one subject. */
export interface ScopedMeasures {
  /** PageRank per actor; the floor 1 − d where nothing points to the actor. */
  pageRank: Float64Array;
  /** Recency-weighted replies and shares an actor's posts received. */
  amplification: Float64Array;
  /** How many replies and shares that is. */
  amplifiedCount: Float64Array;
}

/** What an engine computes from the projection; every array is indexed by actor. */
export interface EngineMeasures {
  overall: ScopedMeasures;
  /** Indexed by subject. */
  bySubject: readonly ScopedMeasures[];
  /** Distinct actors following any of the actor's accounts. */
  knownFollowers: Float64Array;
  /** Follow edges into the actor's accounts from other actors (counting each account pair). */
  followEdges: Float64Array;
  /** Community per actor, −1 where the actor has no edge. */
  community: Int32Array;
  modularity: number;
  nodeCount: number;
  relationshipCount: number;
}

export function emptyScopedMeasures(actorCount: number, floor: number): ScopedMeasures {
  return {
    pageRank: new Float64Array(actorCount).fill(floor),
    amplification: new Float64Array(actorCount),
    amplifiedCount: new Float64Array(actorCount),
  };
}
