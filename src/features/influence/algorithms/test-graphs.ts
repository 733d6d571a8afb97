import { seededRandom } from '../../../core/random/seeded-random';
import { digraphFromEdges, type WeightedDigraph } from './weighted-digraph';

export interface RandomGraphSpec {
  nodes: number;
  edges: number;
  seed: number;
  /** Nodes fall into this many groups; an edge stays inside its group with `inside` probability. */
  groups?: number;
  inside?: number;
}

/**
 * A random directed graph with weights in (0, 1], parallel edges and nodes without edges, optionally
 * with planted groups so that community detection has something to find.
 */
export function randomEdges(spec: RandomGraphSpec): [number, number, number][] {
  const random = seededRandom(spec.seed);
  const groups = spec.groups ?? 1;
  const inside = spec.inside ?? 0;
  const groupSize = Math.ceil(spec.nodes / groups);
  const edges: [number, number, number][] = [];
  while (edges.length < spec.edges) {
    const source = Math.floor(random() * spec.nodes);
    let target: number;
    if (random() < inside) {
      const group = Math.floor(source / groupSize);
      const start = group * groupSize;
      target = start + Math.floor(random() * Math.min(groupSize, spec.nodes - start));
    } else {
      target = Math.floor(random() * spec.nodes);
    }
    if (target === source) continue;
    edges.push([source, target, Math.round((0.05 + random() * 0.95) * 1000) / 1000]);
  }
  return edges;
}

export function randomDigraph(spec: RandomGraphSpec): WeightedDigraph {
  return digraphFromEdges(spec.nodes, randomEdges(spec));
}

/** Both directions of every undirected edge, weight 1. */
export function undirectedEdges(
  edges: readonly (readonly [number, number])[],
): [number, number, number][] {
  return edges.flatMap(([a, b]): [number, number, number][] => [
    [a, b, 1],
    [b, a, 1],
  ]);
}
