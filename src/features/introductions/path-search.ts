import { PriorityQueue } from './priority-queue';

export interface Neighbour {
  id: string;
  /** 0 < weight ≤ 1: a path's trust is the product of its weights. */
  weight: number;
}

/** The part of the people graph a search runs on, already loaded into memory. */
export interface WeightedGraph {
  /** Neighbours in a fixed order (the search is deterministic for a given graph). */
  neighbours(id: string): readonly Neighbour[];
  /** Whether a path may pass through this person, rather than only start or end there. */
  canPassThrough(id: string): boolean;
}

export interface FoundPath {
  trust: number;
  /** From the source to the target, both included. */
  personIds: string[];
}

/**
 * Hop distances from `origin` over paths whose inner people may be passed through, up to
 * `maxHops`. A lower bound for the remaining length of any path towards `origin`.
 */
export function hopDistancesFrom(
  graph: WeightedGraph,
  origin: string,
  maxHops: number,
): Map<string, number> {
  const distances = new Map<string, number>([[origin, 0]]);
  let frontier = [origin];
  for (let hops = 1; hops <= maxHops && frontier.length > 0; hops++) {
    const next: string[] = [];
    for (const id of frontier) {
      if (id !== origin && !graph.canPassThrough(id)) continue;
      for (const neighbour of graph.neighbours(id)) {
        if (distances.has(neighbour.id)) continue;
        distances.set(neighbour.id, hops);
        next.push(neighbour.id);
      }
    }
    frontier = next;
  }
  return distances;
}

interface PartialPath {
  id: string;
  trust: number;
  hops: number;
  previous: PartialPath | null;
  /** Insertion order: the last tie-breaker, so equal paths come out in a stable order. */
  sequence: number;
}

function visits(path: PartialPath, id: string): boolean {
  for (let step: PartialPath | null = path; step !== null; step = step.previous) {
    if (step.id === id) return true;
  }
  return false;
}

function personIdsOf(path: PartialPath): string[] {
  const ids: string[] = [];
  for (let step: PartialPath | null = path; step !== null; step = step.previous) ids.push(step.id);
  return ids.reverse();
}

/** Higher trust first, then fewer hops, then first found. */
function ranksBefore(a: PartialPath, b: PartialPath): boolean {
  if (a.trust !== b.trust) return a.trust > b.trust;
  if (a.hops !== b.hops) return a.hops < b.hops;
  return a.sequence < b.sequence;
}

/**
 * Upper bound on partial paths taken from the queue. Far above what a 6-hop search on the loaded
 * neighbourhood needs; it only stops a pathological graph from holding the request.
 */
export const MAX_SEARCH_STEPS = 2_000_000;

/**
 * The `k` most trusted simple paths from `source` to `target` with at most `maxHops` steps, most
 * trusted first. Best-first search over partial paths: weights are at most 1, so extending a path
 * never raises its trust, and paths reach the target in the order of their trust. Partial paths
 * that cannot reach the target within the hop limit are never queued.
 */
export function kBestPaths(
  graph: WeightedGraph,
  source: string,
  target: string,
  maxHops: number,
  k: number,
): FoundPath[] {
  if (source === target) return [{ trust: 1, personIds: [source] }];
  const toTarget = hopDistancesFrom(graph, target, maxHops);
  if (!toTarget.has(source)) return [];
  const queue = new PriorityQueue<PartialPath>(ranksBefore);
  let sequence = 0;
  queue.push({ id: source, trust: 1, hops: 0, previous: null, sequence: sequence++ });
  const found: FoundPath[] = [];
  for (let steps = 0; steps < MAX_SEARCH_STEPS && found.length < k; steps++) {
    const path = queue.pop();
    if (path === undefined) break;
    if (path.id === target) {
      found.push({ trust: path.trust, personIds: personIdsOf(path) });
      continue;
    }
    for (const neighbour of graph.neighbours(path.id)) {
      if (neighbour.id !== target && !graph.canPassThrough(neighbour.id)) continue;
      const remaining = toTarget.get(neighbour.id);
      if (remaining === undefined || path.hops + 1 + remaining > maxHops) continue;
      if (visits(path, neighbour.id)) continue;
      queue.push({
        id: neighbour.id,
        trust: path.trust * neighbour.weight,
        hops: path.hops + 1,
        previous: path,
        sequence: sequence++,
      });
    }
  }
  return found;
}

interface Reached {
  trust: number;
  /** The next person towards the target. */
  towards: string;
}

/**
 * For each source, its most trusted path to `target` with at most `maxHops` steps, passing
 * through no other source. Layered relaxation from the target (layer n = exactly n steps), which
 * is exact under a hop limit where Dijkstra is not. The chosen answer per source is the most
 * trusted over all layers, the shortest among equals: such a walk has no repeated person, since
 * cutting out a cycle would give one at least as trusted and shorter.
 */
export function bestPathsFromEach(
  graph: WeightedGraph,
  sources: ReadonlySet<string>,
  target: string,
  maxHops: number,
): Map<string, FoundPath> {
  const layers: Map<string, Reached>[] = [new Map([[target, { trust: 1, towards: target }]])];
  for (let hops = 1; hops <= maxHops; hops++) {
    const previous = layers[hops - 1] as Map<string, Reached>;
    const layer = new Map<string, Reached>();
    for (const [id, reached] of previous) {
      if (id === target ? hops !== 1 : sources.has(id) || !graph.canPassThrough(id)) continue;
      for (const neighbour of graph.neighbours(id)) {
        if (neighbour.id === target) continue;
        if (!sources.has(neighbour.id) && !graph.canPassThrough(neighbour.id)) continue;
        const trust = reached.trust * neighbour.weight;
        const known = layer.get(neighbour.id);
        if (known === undefined || trust > known.trust) {
          layer.set(neighbour.id, { trust, towards: id });
        }
      }
    }
    layers.push(layer);
  }
  const best = new Map<string, FoundPath>();
  for (const source of sources) {
    let chosen: { hops: number; trust: number } | null = null;
    for (let hops = 1; hops <= maxHops; hops++) {
      const reached = layers[hops]?.get(source);
      if (reached !== undefined && (chosen === null || reached.trust > chosen.trust)) {
        chosen = { hops, trust: reached.trust };
      }
    }
    if (chosen === null) continue;
    const personIds = [source];
    let current = source;
    for (let hops = chosen.hops; hops > 0; hops--) {
      current = (layers[hops]?.get(current) as Reached).towards;
      personIds.push(current);
    }
    if (new Set(personIds).size === personIds.length) {
      best.set(source, { trust: chosen.trust, personIds });
    } else {
      // Only possible through rounding of equal products; the exact search settles it.
      const [exact] = kBestPaths(
        withoutOtherSources(graph, sources, source),
        source,
        target,
        maxHops,
        1,
      );
      if (exact !== undefined) best.set(source, exact);
    }
  }
  if (sources.has(target)) best.set(target, { trust: 1, personIds: [target] });
  return best;
}

function withoutOtherSources(
  graph: WeightedGraph,
  sources: ReadonlySet<string>,
  source: string,
): WeightedGraph {
  return {
    neighbours: (id) => graph.neighbours(id),
    canPassThrough: (id) => id !== source && !sources.has(id) && graph.canPassThrough(id),
  };
}
