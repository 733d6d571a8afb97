import type { WeightedDigraph } from './weighted-digraph';

export interface PageRankOptions {
  /** Share of rank passed along edges; the rest (1 − d) is every node's base. */
  dampingFactor: number;
  maxIterations: number;
  /** A node stops passing on rank once its change in one iteration is at most this. */
  tolerance: number;
  /** Split a node's rank by edge weight (true) or evenly over its edges (false). */
  weighted: boolean;
}

/** Neo4j Graph Data Science's defaults, so that both engines compute the same numbers. */
export const GDS_PAGE_RANK_DEFAULTS: PageRankOptions = {
  dampingFactor: 0.85,
  maxIterations: 20,
  tolerance: 1e-7,
  weighted: true,
};

/**
 * PageRank as Neo4j Graph Data Science computes it (`gds.pageRank`, not normalised): every node
 * starts at 1 − d, and in each iteration passes d × (the rank it gained in the previous one) to its
 * out-neighbours, split by edge weight. The result is 1 − d + d·Σ rank(u)·w(u,v)/w(u) at the fixed
 * point; a node nobody points to keeps exactly 1 − d, the floor. Rank reaching a node without
 * out-edges stops there (it is not spread over all nodes). Iterating gains instead of whole ranks
 * lets a node fall silent once its gain is within the tolerance, as GDS's Pregel implementation
 * does, so that the two agree to rounding even before convergence.
 */
export function pageRank(graph: WeightedDigraph, options: PageRankOptions): Float64Array {
  const { nodeCount, offsets, targets, weights } = graph;
  const { dampingFactor, maxIterations, tolerance } = options;
  const base = 1 - dampingFactor;
  const outWeight = new Float64Array(nodeCount);
  for (let node = 0; node < nodeCount; node++) {
    const end = offsets[node + 1] ?? 0;
    let total = 0;
    for (let edge = offsets[node] ?? 0; edge < end; edge++) {
      total += options.weighted ? (weights[edge] ?? 0) : 1;
    }
    outWeight[node] = total;
  }

  const rank = new Float64Array(nodeCount).fill(base);
  let gain = new Float64Array(nodeCount).fill(base);
  let received = new Float64Array(nodeCount);
  for (let iteration = 1; iteration < maxIterations; iteration++) {
    received.fill(0);
    let sent = false;
    for (let node = 0; node < nodeCount; node++) {
      const nodeGain = gain[node] ?? 0;
      const total = outWeight[node] ?? 0;
      if (total <= 0 || !(iteration === 1 || nodeGain > tolerance)) continue;
      const end = offsets[node + 1] ?? 0;
      for (let edge = offsets[node] ?? 0; edge < end; edge++) {
        const share = options.weighted ? (weights[edge] ?? 0) / total : 1 / total;
        const target = targets[edge] ?? 0;
        received[target] = (received[target] ?? 0) + nodeGain * share;
      }
      sent = true;
    }
    if (!sent) break;
    for (let node = 0; node < nodeCount; node++) {
      const nodeGain = dampingFactor * (received[node] ?? 0);
      rank[node] = (rank[node] ?? 0) + nodeGain;
      received[node] = nodeGain;
    }
    [gain, received] = [received, gain];
  }
  return rank;
}
