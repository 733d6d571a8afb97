import { GDS_PAGE_RANK_DEFAULTS, pageRank, type PageRankOptions } from './page-rank';
import {
  GDS_MANUAL_LINKS,
  GDS_MANUAL_PAGE_RANK,
  GDS_MANUAL_PAGES,
  GDS_MANUAL_WEIGHTED_PAGE_RANK,
  KARATE_CLUB_EDGES,
  KARATE_CLUB_NORMALISED_PAGE_RANK,
  KARATE_CLUB_SIZE,
} from './reference-graphs';
import { randomEdges, undirectedEdges } from './test-graphs';
import { digraphFromEdges } from './weighted-digraph';

const CONVERGED: PageRankOptions = {
  ...GDS_PAGE_RANK_DEFAULTS,
  maxIterations: 1_000,
  tolerance: 0,
};

/**
 * An independent PageRank: whole-vector power iteration x ← (1 − d) + d·Mᵀx over a dense matrix,
 * with none of the gain bookkeeping or sparse storage of the implementation under test.
 */
function densePageRank(
  nodeCount: number,
  edges: readonly (readonly [number, number, number])[],
  iterations: number,
  dampingFactor = 0.85,
): number[] {
  const matrix = Array.from({ length: nodeCount }, () => new Array<number>(nodeCount).fill(0));
  const outWeight = new Array<number>(nodeCount).fill(0);
  for (const [source, target, weight] of edges) {
    matrix[source]![target]! += weight;
    outWeight[source]! += weight;
  }
  let rank = new Array<number>(nodeCount).fill(1 - dampingFactor);
  for (let iteration = 1; iteration < iterations; iteration++) {
    const next = new Array<number>(nodeCount).fill(1 - dampingFactor);
    for (let source = 0; source < nodeCount; source++) {
      if (outWeight[source] === 0) continue;
      for (let target = 0; target < nodeCount; target++) {
        next[target]! +=
          (dampingFactor * rank[source]! * matrix[source]![target]!) / outWeight[source]!;
      }
    }
    rank = next;
  }
  return rank;
}

function gdsManualGraph() {
  const index = new Map<string, number>(GDS_MANUAL_PAGES.map((name, position) => [name, position]));
  const edges = GDS_MANUAL_LINKS.map(([from, to, weight]): [number, number, number] => [
    index.get(from)!,
    index.get(to)!,
    weight,
  ]);
  return { index, edges };
}

describe('pageRank against published reference values', () => {
  it('matches the GDS manual example, unweighted and weighted, to the last digits', () => {
    const { index, edges } = gdsManualGraph();
    const graph = digraphFromEdges(GDS_MANUAL_PAGES.length, edges);
    const unweighted = pageRank(graph, { ...GDS_PAGE_RANK_DEFAULTS, weighted: false });
    const weighted = pageRank(graph, GDS_PAGE_RANK_DEFAULTS);
    for (const page of GDS_MANUAL_PAGES) {
      expect(unweighted[index.get(page)!]).toBeCloseTo(GDS_MANUAL_PAGE_RANK[page]!, 12);
      expect(weighted[index.get(page)!]).toBeCloseTo(GDS_MANUAL_WEIGHTED_PAGE_RANK[page]!, 12);
    }
  });

  it('matches NetworkX on the karate club once normalised to sum 1', () => {
    const graph = digraphFromEdges(KARATE_CLUB_SIZE, undirectedEdges(KARATE_CLUB_EDGES));
    const rank = pageRank(graph, CONVERGED);
    const total = rank.reduce((sum, value) => sum + value, 0);
    // Without dead ends no rank is lost, so GDS's scores sum to the node count.
    expect(total).toBeCloseTo(KARATE_CLUB_SIZE, 9);
    for (const [member, expected] of Object.entries(KARATE_CLUB_NORMALISED_PAGE_RANK)) {
      expect(rank[Number(member)]! / total).toBeCloseTo(expected, 4);
    }
  });
});

describe('pageRank against an independent implementation on random graphs', () => {
  it.each([
    { nodes: 30, edges: 90, seed: 1 },
    { nodes: 80, edges: 400, seed: 2 },
    { nodes: 150, edges: 300, seed: 3 },
    { nodes: 200, edges: 1500, seed: 4, groups: 5, inside: 0.8 },
  ])('agrees with dense power iteration on $nodes nodes, $edges edges', (spec) => {
    const edges = randomEdges(spec);
    const graph = digraphFromEdges(spec.nodes, edges);
    const converged = pageRank(graph, CONVERGED);
    const reference = densePageRank(spec.nodes, edges, 300);
    converged.forEach((value, node) => expect(value).toBeCloseTo(reference[node]!, 9));

    // With tolerance 0, 20 iterations of gains equal 20 iterations of whole vectors exactly.
    const truncated = pageRank(graph, { ...GDS_PAGE_RANK_DEFAULTS, tolerance: 0 });
    const truncatedReference = densePageRank(
      spec.nodes,
      edges,
      GDS_PAGE_RANK_DEFAULTS.maxIterations,
    );
    truncated.forEach((value, node) => expect(value).toBeCloseTo(truncatedReference[node]!, 12));
  });
});

describe('pageRank edge cases', () => {
  it('gives the floor 1 − d to nodes nobody points to, with or without out-edges', () => {
    const graph = digraphFromEdges(4, [
      [0, 1],
      [1, 0],
      [2, 0],
    ]);
    const rank = pageRank(graph, GDS_PAGE_RANK_DEFAULTS);
    expect(rank[2]).toBeCloseTo(0.15, 12);
    expect(rank[3]).toBeCloseTo(0.15, 12);
    expect(rank[0]).toBeGreaterThan(rank[1]!);
  });

  it('treats parallel edges as one edge with their summed weight', () => {
    const parallel = digraphFromEdges(3, [
      [0, 1, 0.25],
      [0, 1, 0.5],
      [0, 2, 0.25],
    ]);
    const merged = digraphFromEdges(3, [
      [0, 1, 0.75],
      [0, 2, 0.25],
    ]);
    expect(Array.from(pageRank(parallel, CONVERGED))).toEqual(
      Array.from(pageRank(merged, CONVERGED)),
    );
  });

  it('handles an empty graph', () => {
    expect(pageRank(digraphFromEdges(0, []), GDS_PAGE_RANK_DEFAULTS)).toHaveLength(0);
  });
});
