import { type InfluenceSettings, pageRankFloor } from './influence-settings';

/** What one person's score is made of: the raw measures and each component on 0–100. */
export interface InfluenceComponents {
  /** 0–100: PageRank on a log scale from the floor (0) to the highest in the scope (100). */
  centrality: number;
  pageRank: number;
  /** 0–100: reach on a log scale up to the highest in the scope. */
  reachScore: number;
  /** Followers across the person's accounts with known duplicates removed. */
  reach: number;
  reportedFollowers: number;
  knownFollowers: number;
  /** Follows we know of that the platforms count twice: the same follower on two accounts. */
  duplicateFollows: number;
  accounts: number;
  /** 0–100: amplification on a log scale up to the highest in the scope. */
  amplificationScore: number;
  /** Recency-weighted replies and shares the person's posts received. */
  amplification: number;
  amplifiedCount: number;
}

/** The measures of one person in one scope, as the engines and the projection give them. */
export interface InfluenceMeasures {
  pageRank: number;
  reportedFollowers: number;
  knownFollowers: number;
  followEdges: number;
  accounts: number;
  amplification: number;
  amplifiedCount: number;
}

export interface ScoredInfluence<T> {
  item: T;
  score: number;
  components: InfluenceComponents;
}

/**
 * Reach across a person's accounts. The platforms' follower counts are summed; every follower we
 * know to follow two of the person's accounts was counted twice, so the extra follows come off. It
 * is never less than the distinct followers we know of (platform counts may be missing or stale).
 */
export function deduplicatedReach(measures: InfluenceMeasures): {
  reach: number;
  duplicateFollows: number;
} {
  const duplicateFollows = Math.max(0, measures.followEdges - measures.knownFollowers);
  const reach = Math.max(measures.reportedFollowers - duplicateFollows, measures.knownFollowers);
  return { reach, duplicateFollows };
}

/** `value` on a log scale where 0 maps to 0 and `max` to 100. */
function logScale(value: number, max: number): number {
  if (max <= 0 || value <= 0) return 0;
  return Math.min(100, (100 * Math.log1p(value)) / Math.log1p(max));
}

/** PageRank on a log scale where the floor maps to 0 and `max` to 100. */
function centralityScale(pageRank: number, max: number, floor: number): number {
  if (max <= floor || pageRank <= floor) return 0;
  return Math.min(100, (100 * Math.log(pageRank / floor)) / Math.log(max / floor));
}

/**
 * Scores a population (everyone in one scope) on 0–100. Each component is put on a log scale
 * relative to the population's highest value, because all three are heavy-tailed: a million
 * followers is not a thousand times more influence than a thousand. The score is the weighted sum
 * of the components; a person with no edges, followers or amplification scores 0, the floor.
 */
export function scorePopulation<T>(
  items: readonly T[],
  measuresOf: (item: T) => InfluenceMeasures,
  settings: InfluenceSettings,
): ScoredInfluence<T>[] {
  const floor = pageRankFloor(settings);
  const population = items.map(measuresOf);
  const reaches = population.map(deduplicatedReach);
  let maxPageRank = floor;
  let maxReach = 0;
  let maxAmplification = 0;
  population.forEach((measures, index) => {
    maxPageRank = Math.max(maxPageRank, measures.pageRank);
    maxReach = Math.max(maxReach, reaches[index]?.reach ?? 0);
    maxAmplification = Math.max(maxAmplification, measures.amplification);
  });
  const weights = settings.componentWeights;
  return population.map((measures, index) => {
    const { reach, duplicateFollows } = reaches[index] ?? { reach: 0, duplicateFollows: 0 };
    const components: InfluenceComponents = {
      centrality: centralityScale(measures.pageRank, maxPageRank, floor),
      pageRank: measures.pageRank,
      reachScore: logScale(reach, maxReach),
      reach,
      reportedFollowers: measures.reportedFollowers,
      knownFollowers: measures.knownFollowers,
      duplicateFollows,
      accounts: measures.accounts,
      amplificationScore: logScale(measures.amplification, maxAmplification),
      amplification: measures.amplification,
      amplifiedCount: measures.amplifiedCount,
    };
    const score =
      weights.centrality * components.centrality +
      weights.reach * components.reachScore +
      weights.amplification * components.amplificationScore;
    return { item: items[index] as T, score, components };
  });
}
