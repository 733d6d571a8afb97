/**
 * A directed graph with weighted edges over nodes 0…n-1, stored as compressed sparse rows: the
 * out-edges of node v are `targets[offsets[v] … offsets[v + 1])`. Parallel edges are kept, as Neo4j
 * Graph Data Science keeps them; algorithms treat them as their sum.
 */
export interface WeightedDigraph {
  nodeCount: number;
  offsets: Int32Array;
  targets: Int32Array;
  weights: Float64Array;
}

/** Collects edges in any order and packs them into a {@link WeightedDigraph}. */
export class WeightedDigraphBuilder {
  private sources: number[] = [];
  private targets: number[] = [];
  private weights: number[] = [];

  constructor(readonly nodeCount: number) {}

  addEdge(source: number, target: number, weight: number): void {
    if (!this.isNode(source) || !this.isNode(target)) {
      throw new RangeError(`Edge ${source} → ${target} leaves the ${this.nodeCount} nodes`);
    }
    this.sources.push(source);
    this.targets.push(target);
    this.weights.push(weight);
  }

  get edgeCount(): number {
    return this.sources.length;
  }

  build(): WeightedDigraph {
    const offsets = new Int32Array(this.nodeCount + 1);
    for (const source of this.sources) offsets[source + 1] = (offsets[source + 1] ?? 0) + 1;
    for (let node = 0; node < this.nodeCount; node++) {
      offsets[node + 1] = (offsets[node + 1] ?? 0) + (offsets[node] ?? 0);
    }
    const next = offsets.slice(0, this.nodeCount);
    const targets = new Int32Array(this.sources.length);
    const weights = new Float64Array(this.sources.length);
    for (let edge = 0; edge < this.sources.length; edge++) {
      const source = this.sources[edge] ?? 0;
      const slot = next[source] ?? 0;
      next[source] = slot + 1;
      targets[slot] = this.targets[edge] ?? 0;
      weights[slot] = this.weights[edge] ?? 0;
    }
    return { nodeCount: this.nodeCount, offsets, targets, weights };
  }

  private isNode(node: number): boolean {
    return Number.isInteger(node) && node >= 0 && node < this.nodeCount;
  }
}

/** Builds a graph from `[source, target, weight]` triples (weight 1 when left out). */
export function digraphFromEdges(
  nodeCount: number,
  edges: readonly (readonly [number, number, number?])[],
): WeightedDigraph {
  const builder = new WeightedDigraphBuilder(nodeCount);
  for (const [source, target, weight] of edges) builder.addEdge(source, target, weight ?? 1);
  return builder.build();
}
