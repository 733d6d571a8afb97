import { seededRandom, shuffledRange } from '../../../core/random/seeded-random';
import type { WeightedDigraph } from './weighted-digraph';

/** Seed of the order in which nodes are visited: fixed, so that results repeat. */
const VISIT_ORDER_SEED = 20_241_123;

export interface LouvainOptions {
  /** How often the graph is folded into communities at most. */
  maxLevels: number;
  /** Passes over all nodes per level at most. */
  maxIterations: number;
  /** A level ends when a pass raises modularity by less than this. */
  tolerance: number;
}

/** Neo4j Graph Data Science's defaults for `gds.louvain`. */
export const GDS_LOUVAIN_DEFAULTS: LouvainOptions = {
  maxLevels: 10,
  maxIterations: 10,
  tolerance: 0.0001,
};

export interface LouvainResult {
  /** Community of each node, numbered 0…k-1 in order of each community's first node. */
  communities: Int32Array;
  communityCount: number;
  modularity: number;
}

/**
 * An undirected weighted graph as a symmetric adjacency list: neighbour j of node i with weight
 * A[i][j] = A[j][i]; a self-loop's entry A[i][i] counts once in the degree k_i = Σ_j A[i][j].
 */
interface SymmetricGraph {
  nodeCount: number;
  offsets: Int32Array;
  neighbours: Int32Array;
  weights: Float64Array;
  degrees: Float64Array;
  /** 2m: the sum of all degrees. */
  totalWeight: number;
}

/**
 * The undirected view of a directed graph, as GDS's `toUndirected` with SUM aggregation builds it:
 * A[u][v] = Σ w(u→v) + Σ w(v→u) for u ≠ v. Self-loops are dropped.
 */
export function symmetrize(graph: WeightedDigraph): SymmetricGraph {
  const perNode: Map<number, number>[] = Array.from(
    { length: graph.nodeCount },
    () => new Map<number, number>(),
  );
  for (let source = 0; source < graph.nodeCount; source++) {
    const end = graph.offsets[source + 1] ?? 0;
    for (let edge = graph.offsets[source] ?? 0; edge < end; edge++) {
      const target = graph.targets[edge] ?? 0;
      const weight = graph.weights[edge] ?? 0;
      if (target === source || weight === 0) continue;
      addWeight(perNode[source], target, weight);
      addWeight(perNode[target], source, weight);
    }
  }
  return packSymmetric(perNode);
}

function addWeight(map: Map<number, number> | undefined, key: number, weight: number): void {
  if (map === undefined) return;
  map.set(key, (map.get(key) ?? 0) + weight);
}

function packSymmetric(perNode: readonly Map<number, number>[]): SymmetricGraph {
  const nodeCount = perNode.length;
  const offsets = new Int32Array(nodeCount + 1);
  for (let node = 0; node < nodeCount; node++) {
    offsets[node + 1] = (offsets[node] ?? 0) + (perNode[node]?.size ?? 0);
  }
  const neighbours = new Int32Array(offsets[nodeCount] ?? 0);
  const weights = new Float64Array(neighbours.length);
  const degrees = new Float64Array(nodeCount);
  let totalWeight = 0;
  for (let node = 0; node < nodeCount; node++) {
    let slot = offsets[node] ?? 0;
    const entries = [...(perNode[node] ?? new Map<number, number>())].sort((a, b) => a[0] - b[0]);
    for (const [neighbour, weight] of entries) {
      neighbours[slot] = neighbour;
      weights[slot] = weight;
      slot += 1;
      degrees[node] = (degrees[node] ?? 0) + weight;
    }
    totalWeight += degrees[node] ?? 0;
  }
  return { nodeCount, offsets, neighbours, weights, degrees, totalWeight };
}

/**
 * Newman's modularity Q = Σ_c [ in_c / 2m − (tot_c / 2m)² ] of a partition of the undirected view
 * of `graph`, where in_c sums A[i][j] over both ends in c and tot_c sums the degrees in c.
 */
export function modularity(graph: WeightedDigraph, communities: ArrayLike<number>): number {
  return modularityOf(symmetrize(graph), communities);
}

function modularityOf(graph: SymmetricGraph, communities: ArrayLike<number>): number {
  if (graph.totalWeight === 0) return 0;
  const inside = new Map<number, number>();
  const total = new Map<number, number>();
  for (let node = 0; node < graph.nodeCount; node++) {
    const community = communities[node] ?? node;
    total.set(community, (total.get(community) ?? 0) + (graph.degrees[node] ?? 0));
    const end = graph.offsets[node + 1] ?? 0;
    for (let slot = graph.offsets[node] ?? 0; slot < end; slot++) {
      if (communities[graph.neighbours[slot] ?? 0] === community) {
        inside.set(community, (inside.get(community) ?? 0) + (graph.weights[slot] ?? 0));
      }
    }
  }
  let q = 0;
  for (const [community, tot] of total) {
    q += (inside.get(community) ?? 0) / graph.totalWeight - (tot / graph.totalWeight) ** 2;
  }
  return q;
}

/**
 * The Louvain method (Blondel et al. 2008) on the undirected view of `graph`: move single nodes to
 * the neighbouring community that raises modularity most, until a pass gains less than the
 * tolerance; fold each community into one node; repeat on the folded graph. Nodes are visited in
 * a fixed pseudo-random order, so the result repeats; index order would follow how ids were
 * handed out, which often follows the communities themselves and traps the method in poorer
 * optima (0.637 instead of 0.662 on bench-M). GDS runs the same method in parallel with other
 * tie-breaking, so the two find partitions of about the same modularity, equal where the community
 * structure is clear.
 */
export function louvain(graph: WeightedDigraph, options: LouvainOptions): LouvainResult {
  const original = symmetrize(graph);
  let current = original;
  // Community of each original node, as an index into the current level's nodes.
  let membership = Int32Array.from({ length: graph.nodeCount }, (_, node) => node);
  for (let level = 0; level < options.maxLevels; level++) {
    const moved = moveNodes(current, options);
    if (moved.communityCount === current.nodeCount) break;
    membership = membership.map((node) => moved.communities[node] ?? node);
    current = fold(current, moved.communities, moved.communityCount);
  }
  const communities = renumberByFirstNode(membership);
  return {
    communities,
    communityCount: communities.reduce((max, community) => Math.max(max, community + 1), 0),
    modularity: modularityOf(original, communities),
  };
}

/** One level's local moving phase; returns communities numbered 0…k-1. */
function moveNodes(
  graph: SymmetricGraph,
  options: LouvainOptions,
): { communities: Int32Array; communityCount: number } {
  const { nodeCount, offsets, neighbours, weights, degrees, totalWeight } = graph;
  const community = Int32Array.from({ length: nodeCount }, (_, node) => node);
  const communityTotal = Float64Array.from(degrees);
  const weightTo = new Float64Array(nodeCount);
  const touched: number[] = [];
  const order = shuffledRange(nodeCount, seededRandom(VISIT_ORDER_SEED));
  let quality = modularityOf(graph, community);
  for (let pass = 0; pass < options.maxIterations && totalWeight > 0; pass++) {
    let moves = 0;
    for (const node of order) {
      const own = community[node] ?? node;
      const degree = degrees[node] ?? 0;
      const end = offsets[node + 1] ?? 0;
      for (let slot = offsets[node] ?? 0; slot < end; slot++) {
        const neighbour = neighbours[slot] ?? 0;
        if (neighbour === node) continue;
        const target = community[neighbour] ?? neighbour;
        if (weightTo[target] === 0) touched.push(target);
        weightTo[target] = (weightTo[target] ?? 0) + (weights[slot] ?? 0);
      }
      communityTotal[own] = (communityTotal[own] ?? 0) - degree;
      // Gain of joining c, up to a positive factor: k_i,c − tot_c · k_i / 2m.
      let best = own;
      let bestGain = (weightTo[own] ?? 0) - ((communityTotal[own] ?? 0) * degree) / totalWeight;
      for (const candidate of touched) {
        const gain =
          (weightTo[candidate] ?? 0) - ((communityTotal[candidate] ?? 0) * degree) / totalWeight;
        // Only a clear improvement moves a node, so rounding noise cannot make it oscillate.
        if (gain > bestGain + 1e-12) {
          best = candidate;
          bestGain = gain;
        }
      }
      communityTotal[best] = (communityTotal[best] ?? 0) + degree;
      if (best !== own) {
        community[node] = best;
        moves += 1;
      }
      for (const candidate of touched) weightTo[candidate] = 0;
      touched.length = 0;
    }
    const next = modularityOf(graph, community);
    const gained = next - quality;
    quality = next;
    if (moves === 0 || gained < options.tolerance) break;
  }
  const communities = renumberByFirstNode(community);
  return {
    communities,
    communityCount: communities.reduce((max, entry) => Math.max(max, entry + 1), 0),
  };
}

/** The graph of communities: A'[c][d] = Σ A[i][j] over i in c, j in d (self-loops included). */
function fold(
  graph: SymmetricGraph,
  communities: Int32Array,
  communityCount: number,
): SymmetricGraph {
  const perNode: Map<number, number>[] = Array.from(
    { length: communityCount },
    () => new Map<number, number>(),
  );
  for (let node = 0; node < graph.nodeCount; node++) {
    const from = communities[node] ?? 0;
    const end = graph.offsets[node + 1] ?? 0;
    for (let slot = graph.offsets[node] ?? 0; slot < end; slot++) {
      const to = communities[graph.neighbours[slot] ?? 0] ?? 0;
      addWeight(perNode[from], to, graph.weights[slot] ?? 0);
    }
  }
  return packSymmetric(perNode);
}

/** Numbers communities 0, 1, … in the order of their lowest node, whatever ids they had. */
function renumberByFirstNode(communities: ArrayLike<number>): Int32Array {
  const numbers = new Map<number, number>();
  const result = new Int32Array(communities.length);
  for (let node = 0; node < communities.length; node++) {
    const community = communities[node] ?? node;
    let number = numbers.get(community);
    if (number === undefined) {
      number = numbers.size;
      numbers.set(community, number);
    }
    result[node] = number;
  }
  return result;
}
