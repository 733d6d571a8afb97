import { GDS_LOUVAIN_DEFAULTS, type LouvainOptions } from './algorithms/louvain';
import { GDS_PAGE_RANK_DEFAULTS, type PageRankOptions } from './algorithms/page-rank';
import { InteractionKind } from '../interactions/interaction.type';

/**
 * How influence is computed: the weights README.md explains. One object, so that both engines, the
 * explanations and the documentation read the same numbers.
 */
export interface InfluenceSettings {
  /** Edge weights in the network: a follow, a tie (times its strength), a mention, a reply, a share. */
  edgeWeights: { follow: number; tie: number; mention: number; reply: number; share: number };
  /** Mentions, replies and shares lose half their weight every this many days. */
  halfLifeDays: number;
  /** Shares of the three components in the 0–100 score; they add up to 1. */
  componentWeights: { centrality: number; reach: number; amplification: number };
  pageRank: PageRankOptions;
  louvain: LouvainOptions;
  /** Smaller groups are not stored as communities: they say nothing about the market. */
  minCommunitySize: number;
  /** Subjects kept per community, most discussed first. */
  dominantSubjectsPerCommunity: number;
  /**
   * Server-side limit for each transaction of a recompute: projecting a large network is one
   * transaction and takes longer than any request may (NEO4J_TRANSACTION_TIMEOUT_MS).
   */
  transactionTimeoutMs: number;
  /**
   * Write transactions a recompute runs at once: the scores on people and those about each
   * subject touch different records, and Neo4j commits two transactions on two cores (a third of
   * the write-back saved on bench-M with 2 cores; more lanes only pay with more cores).
   */
  writeLanes: number;
}

export const INFLUENCE_SETTINGS: InfluenceSettings = {
  edgeWeights: { follow: 1, tie: 1, mention: 1, reply: 1, share: 1.5 },
  halfLifeDays: 180,
  componentWeights: { centrality: 0.4, reach: 0.35, amplification: 0.25 },
  pageRank: GDS_PAGE_RANK_DEFAULTS,
  louvain: GDS_LOUVAIN_DEFAULTS,
  minCommunitySize: 3,
  dominantSubjectsPerCommunity: 5,
  transactionTimeoutMs: 15 * 60_000,
  writeLanes: 2,
};

/** Interactions in which someone says something in public: they count as activity and mentions. */
export const SPEECH_KINDS: readonly InteractionKind[] = [
  InteractionKind.POST,
  InteractionKind.MENTION,
  InteractionKind.REPLY,
  InteractionKind.SHARE,
  InteractionKind.REVIEW,
];

/** Interactions that pass someone else's post on or answer it: amplification for its author. */
export const AMPLIFYING_KINDS: readonly InteractionKind[] = [
  InteractionKind.REPLY,
  InteractionKind.SHARE,
];

/** The PageRank of someone nobody follows, knows, mentions or amplifies: 1 − damping. */
export function pageRankFloor(settings: InfluenceSettings = INFLUENCE_SETTINGS): number {
  return 1 - settings.pageRank.dampingFactor;
}
