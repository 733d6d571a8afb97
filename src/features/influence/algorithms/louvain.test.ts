import { GDS_LOUVAIN_DEFAULTS, louvain, modularity } from './louvain';
import {
  KARATE_CLUB_EDGES,
  KARATE_CLUB_MAX_MODULARITY,
  KARATE_CLUB_MR_HI,
  KARATE_CLUB_SIZE,
} from './reference-graphs';
import { randomEdges, undirectedEdges } from './test-graphs';
import { digraphFromEdges } from './weighted-digraph';

/**
 * An independent modularity: Q = 1/2m Σ_ij [A_ij − k_i k_j / 2m] δ(c_i, c_j) over a dense
 * symmetric matrix built from the directed edges.
 */
function denseModularity(
  nodeCount: number,
  edges: readonly (readonly [number, number, number])[],
  communities: ArrayLike<number>,
): number {
  const matrix = Array.from({ length: nodeCount }, () => new Array<number>(nodeCount).fill(0));
  for (const [a, b, weight] of edges) {
    if (a === b) continue;
    matrix[a]![b]! += weight;
    matrix[b]![a]! += weight;
  }
  const degree = matrix.map((row) => row.reduce((sum, value) => sum + value, 0));
  const twoM = degree.reduce((sum, value) => sum + value, 0);
  let q = 0;
  for (let i = 0; i < nodeCount; i++) {
    for (let j = 0; j < nodeCount; j++) {
      if (communities[i] !== communities[j]) continue;
      q += matrix[i]![j]! - (degree[i]! * degree[j]!) / twoM;
    }
  }
  return q / twoM;
}

/** Cliques of `size` nodes joined in a ring by single edges. */
function ringOfCliques(cliques: number, size: number): [number, number][] {
  const edges: [number, number][] = [];
  for (let clique = 0; clique < cliques; clique++) {
    const start = clique * size;
    for (let a = 0; a < size; a++) {
      for (let b = a + 1; b < size; b++) edges.push([start + a, start + b]);
    }
    edges.push([start, ((clique + 1) % cliques) * size + 1]);
  }
  return edges;
}

function partitionOf(communities: ArrayLike<number>): number[][] {
  const groups = new Map<number, number[]>();
  Array.from(communities).forEach((community, node) => {
    groups.set(community, [...(groups.get(community) ?? []), node]);
  });
  return [...groups.values()];
}

describe('modularity', () => {
  const karate = digraphFromEdges(KARATE_CLUB_SIZE, undirectedEdges(KARATE_CLUB_EDGES));

  it('of the karate club split is 0.3582, as NetworkX computes it', () => {
    const split = Array.from({ length: KARATE_CLUB_SIZE }, (_, member) =>
      KARATE_CLUB_MR_HI.includes(member) ? 0 : 1,
    );
    expect(modularity(karate, split)).toBeCloseTo(0.358235, 6);
  });

  it('is 0 for one community holding everything', () => {
    expect(modularity(karate, new Array<number>(KARATE_CLUB_SIZE).fill(0))).toBeCloseTo(0, 12);
  });

  it.each([1, 2, 3])('agrees with the dense formula on random graph %i', (seed) => {
    const edges = randomEdges({ nodes: 60, edges: 250, seed });
    const graph = digraphFromEdges(60, edges);
    const communities = Array.from({ length: 60 }, (_, node) => (node * 7 + seed) % 5);
    expect(modularity(graph, communities)).toBeCloseTo(denseModularity(60, edges, communities), 10);
  });
});

describe('louvain', () => {
  it('finds the published modularity on the karate club, along the real split', () => {
    const karate = digraphFromEdges(KARATE_CLUB_SIZE, undirectedEdges(KARATE_CLUB_EDGES));
    const result = louvain(karate, GDS_LOUVAIN_DEFAULTS);
    // Blondel et al. report 0.42; no partition exceeds 0.4198.
    expect(result.modularity).toBeGreaterThan(0.41);
    expect(result.modularity).toBeLessThanOrEqual(KARATE_CLUB_MAX_MODULARITY + 1e-4);
    expect(result.modularity).toBeCloseTo(modularity(karate, result.communities), 12);
    expect(result.communityCount).toBeGreaterThanOrEqual(3);
    expect(result.communityCount).toBeLessThanOrEqual(5);
    // The two leaders end up apart, and each community sides (almost) entirely with one of them.
    expect(result.communities[0]).not.toBe(result.communities[33]);
    const misplaced = partitionOf(result.communities)
      .map((members) => {
        const withHi = members.filter((member) => KARATE_CLUB_MR_HI.includes(member)).length;
        return Math.min(withHi, members.length - withHi);
      })
      .reduce((sum, count) => sum + count, 0);
    expect(misplaced).toBeLessThanOrEqual(2);
  });

  it('separates a ring of cliques into its cliques', () => {
    const graph = digraphFromEdges(30, undirectedEdges(ringOfCliques(6, 5)));
    const result = louvain(graph, GDS_LOUVAIN_DEFAULTS);
    expect(partitionOf(result.communities)).toEqual(
      Array.from({ length: 6 }, (_, clique) =>
        Array.from({ length: 5 }, (_, member) => clique * 5 + member),
      ),
    );
  });

  it('splits on weak weights and reads edges in either direction as one undirected tie', () => {
    const graph = digraphFromEdges(6, [
      [0, 1, 1],
      [1, 2, 0.5],
      [2, 1, 0.5],
      [2, 0, 1],
      [3, 4, 1],
      [4, 5, 1],
      [5, 3, 1],
      [2, 3, 0.05],
    ]);
    expect(Array.from(louvain(graph, GDS_LOUVAIN_DEFAULTS).communities)).toEqual([
      0, 0, 0, 1, 1, 1,
    ]);
  });

  it('leaves nodes without edges alone and handles an empty graph', () => {
    const graph = digraphFromEdges(4, [
      [0, 1],
      [1, 0],
    ]);
    expect(Array.from(louvain(graph, GDS_LOUVAIN_DEFAULTS).communities)).toEqual([0, 0, 1, 2]);
    expect(louvain(digraphFromEdges(0, []), GDS_LOUVAIN_DEFAULTS).communityCount).toBe(0);
  });

  it('recovers planted groups in a random graph', () => {
    const edges = randomEdges({ nodes: 200, edges: 1600, seed: 7, groups: 4, inside: 0.9 });
    const result = louvain(digraphFromEdges(200, edges), GDS_LOUVAIN_DEFAULTS);
    const misplaced = partitionOf(result.communities)
      .map((members) => {
        const counts = [0, 0, 0, 0];
        for (const member of members) counts[Math.floor(member / 50)]! += 1;
        return members.length - Math.max(...counts);
      })
      .reduce((sum, count) => sum + count, 0);
    expect(result.communityCount).toBe(4);
    expect(misplaced).toBe(0);
  });
});
