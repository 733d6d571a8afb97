/**
 * Classical small networks with published results, for testing the graph algorithms here and
 * against Neo4j Graph Data Science.
 */

/**
 * Zachary's karate club (W. W. Zachary, J. Anthropol. Res. 33, 1977): 34 members, 78 friendships,
 * numbered 0–33 as in NetworkX's `karate_club_graph()`. The club split into the instructor's
 * ("Mr. Hi", member 0) and the administrator's ("Officer", member 33) groups.
 */
// prettier-ignore
export const KARATE_CLUB_EDGES: readonly (readonly [number, number])[] = [
  [0, 1], [0, 2], [0, 3], [0, 4], [0, 5], [0, 6], [0, 7], [0, 8], [0, 10], [0, 11], [0, 12],
  [0, 13], [0, 17], [0, 19], [0, 21], [0, 31], [1, 2], [1, 3], [1, 7], [1, 13], [1, 17], [1, 19],
  [1, 21], [1, 30], [2, 3], [2, 7], [2, 8], [2, 9], [2, 13], [2, 27], [2, 28], [2, 32], [3, 7],
  [3, 12], [3, 13], [4, 6], [4, 10], [5, 6], [5, 10], [5, 16], [6, 16], [8, 30], [8, 32], [8, 33],
  [9, 33], [13, 33], [14, 32], [14, 33], [15, 32], [15, 33], [18, 32], [18, 33], [19, 33], [20, 32],
  [20, 33], [22, 32], [22, 33], [23, 25], [23, 27], [23, 29], [23, 32], [23, 33], [24, 25],
  [24, 27], [24, 31], [25, 31], [26, 29], [26, 33], [27, 33], [28, 31], [28, 33], [29, 32],
  [29, 33], [30, 32], [30, 33], [31, 32], [31, 33], [32, 33],
];

export const KARATE_CLUB_SIZE = 34;

/** Members who followed the instructor after the split (NetworkX's club attribute "Mr. Hi"). */
export const KARATE_CLUB_MR_HI = [0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 16, 17, 19, 21];

/**
 * The PageRank example of the Neo4j Graph Data Science manual ("PageRank", examples section): a
 * small web site whose pages link to Home, with link weights for the weighted variant.
 */
export const GDS_MANUAL_PAGES = [
  'Home',
  'About',
  'Product',
  'Links',
  'Site A',
  'Site B',
  'Site C',
  'Site D',
] as const;

export const GDS_MANUAL_LINKS: readonly (readonly [string, string, number])[] = [
  ['Home', 'About', 0.2],
  ['Home', 'Links', 0.2],
  ['Home', 'Product', 0.6],
  ['About', 'Home', 1.0],
  ['Product', 'Home', 1.0],
  ['Site A', 'Home', 1.0],
  ['Site B', 'Home', 1.0],
  ['Site C', 'Home', 1.0],
  ['Site D', 'Home', 1.0],
  ['Links', 'Home', 0.8],
  ['Links', 'Site A', 0.05],
  ['Links', 'Site B', 0.05],
  ['Links', 'Site C', 0.05],
  ['Links', 'Site D', 0.05],
];

/** The scores the GDS manual lists for that example (damping 0.85, at most 20 iterations). */
export const GDS_MANUAL_PAGE_RANK: Readonly<Record<string, number>> = {
  Home: 3.215681999884452,
  About: 1.0542700552146722,
  Links: 1.0542700552146722,
  Product: 1.0542700552146722,
  'Site A': 0.3278578964488539,
  'Site B': 0.3278578964488539,
  'Site C': 0.3278578964488539,
  'Site D': 0.3278578964488539,
};

/** The weighted variant (`relationshipWeightProperty: 'weight'`), as GDS 2.13.9 computes it. */
export const GDS_MANUAL_WEIGHTED_PAGE_RANK: Readonly<Record<string, number>> = {
  Home: 3.5375102839633907,
  Product: 1.9357838291651097,
  About: 0.7452612763883699,
  Links: 0.7452612763883699,
  'Site A': 0.18152677135466103,
  'Site B': 0.18152677135466103,
  'Site C': 0.18152677135466103,
  'Site D': 0.18152677135466103,
};

/**
 * NetworkX 3 `pagerank(karate_club_graph(), alpha=0.85, weight=None)` (normalised to sum 1), for
 * the members with the highest and lowest rank. NetworkX stops at its default tolerance (1e-6 per
 * node on average), so these hold to about 4 decimals.
 */
export const KARATE_CLUB_NORMALISED_PAGE_RANK: Readonly<Record<number, number>> = {
  33: 0.100918,
  0: 0.097002,
  32: 0.071692,
  2: 0.057078,
  1: 0.052878,
  11: 0.009565,
};

/**
 * Modularity of the karate club: the best partition has Q = 0.4198 (Brandes et al., "On
 * modularity clustering", IEEE TKDE 20, 2008); the Louvain method finds 0.42 (Blondel et al.,
 * "Fast unfolding of communities in large networks", J. Stat. Mech. 2008, table 1).
 */
export const KARATE_CLUB_MAX_MODULARITY = 0.4198;
