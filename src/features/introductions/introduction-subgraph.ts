import { assessLink, type LinkAssessment, type LinkFacts, mirrorLink } from './introduction-link';
import type { Neighbour, WeightedGraph } from './path-search';

/** A link found by expanding a person, with what the expansion learnt about the neighbour. */
export interface ExpandedLink extends LinkFacts {
  /** The neighbour's consent allows using them in a path (see ConsentPurpose.SALES_PROSPECTING). */
  otherUsable: boolean;
  /** Relationships around the neighbour: what expanding them would cost. */
  otherDegree: number;
}

/** People met before, whose consent is known: the only neighbours an expansion must return. */
export interface KnownPeople {
  ids: readonly string[];
  usableIds: readonly string[];
}

/** All links of the given people (to `only`, when given), in one database round-trip. */
export type ExpandPeople = (
  personIds: readonly string[],
  only: KnownPeople | null,
) => Promise<ExpandedLink[]>;

export interface SubgraphRequest {
  /** Where paths start (the caller's person, or every colleague), with their degrees. */
  sources: ReadonlyMap<string, number>;
  target: string;
  targetDegree: number;
  maxHops: number;
}

/**
 * The neighbourhood of a search, in memory: every link of every expanded person. Only people
 * whose consent allows it are passed through; sources and the target are ends only.
 */
export class IntroductionSubgraph implements WeightedGraph {
  private readonly adjacency = new Map<string, Map<string, LinkFacts>>();
  private readonly usable = new Map<string, boolean>();
  private readonly weighted = new Map<string, Neighbour[]>();
  /** Database round-trips the collection took. */
  expansions = 0;

  constructor(
    readonly sources: ReadonlySet<string>,
    readonly target: string,
    private readonly now: number,
  ) {}

  add(link: ExpandedLink): void {
    this.usable.set(link.otherId, link.otherUsable);
    this.weighted.delete(link.personId);
    this.weighted.delete(link.otherId);
    this.put(link);
    this.put(mirrorLink(link));
  }

  knows(id: string): boolean {
    return this.adjacency.has(id);
  }

  neighbourIds(id: string): string[] {
    return [...(this.adjacency.get(id)?.keys() ?? [])];
  }

  neighbours(id: string): readonly Neighbour[] {
    let neighbours = this.weighted.get(id);
    if (neighbours === undefined) {
      neighbours = [];
      for (const [otherId, facts] of this.adjacency.get(id) ?? []) {
        const assessment = assessLink(facts, this.now);
        if (assessment !== null) neighbours.push({ id: otherId, weight: assessment.weight });
      }
      neighbours.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      this.weighted.set(id, neighbours);
    }
    return neighbours;
  }

  canPassThrough(id: string): boolean {
    return this.isUsable(id) && !this.sources.has(id) && id !== this.target;
  }

  /** Consent allows using the person (the target was checked before the search). */
  isUsable(id: string): boolean {
    return id === this.target || this.usable.get(id) === true;
  }

  /** The link from one person to the next on a path, explained. */
  step(fromId: string, toId: string): LinkAssessment | null {
    const facts = this.adjacency.get(fromId)?.get(toId);
    return facts === undefined ? null : assessLink(facts, this.now);
  }

  private put(facts: LinkFacts): void {
    let links = this.adjacency.get(facts.personId);
    if (links === undefined) {
      links = new Map();
      this.adjacency.set(facts.personId, links);
    }
    links.set(facts.otherId, facts);
  }
}

interface SearchSide {
  seen: Set<string>;
  frontier: string[];
}

/**
 * Loads the part of the graph that holds every path of at most `maxHops` steps between the
 * sources and the target, by breadth-first search from both ends: `maxHops` levels in all, each
 * level from the end whose frontier is cheaper to expand (fewer relationships). A path of length
 * L ≤ maxHops always has each step next to a person expanded from one end: with a levels done
 * from the sources and b from the target, a + b = maxHops, step j is covered from the sources
 * when j < a and from the target otherwise. Hubs on one side are thus left to the other side.
 * The last level only needs links to people the other end has already met: a path's remaining
 * steps must be covered from there.
 */
export async function collectSubgraph(
  request: SubgraphRequest,
  expand: ExpandPeople,
  now: number,
): Promise<IntroductionSubgraph> {
  const graph = new IntroductionSubgraph(new Set(request.sources.keys()), request.target, now);
  const degrees = new Map<string, number>(request.sources);
  degrees.set(request.target, request.targetDegree);
  const expanded = new Set<string>();
  const fromSources: SearchSide = {
    seen: new Set(request.sources.keys()),
    frontier: [...request.sources.keys()],
  };
  const fromTarget: SearchSide = { seen: new Set([request.target]), frontier: [request.target] };

  const costOf = (side: SearchSide) =>
    side.frontier.reduce((sum, id) => sum + (expanded.has(id) ? 0 : (degrees.get(id) ?? 1)), 0);

  for (let level = 0; level < request.maxHops; level++) {
    if (fromSources.frontier.length === 0 || fromTarget.frontier.length === 0) break;
    const side = costOf(fromSources) <= costOf(fromTarget) ? fromSources : fromTarget;
    const other = side === fromSources ? fromTarget : fromSources;
    const pending = side.frontier.filter((id) => !expanded.has(id));
    if (pending.length > 0) {
      const last = level === request.maxHops - 1;
      const only = last
        ? { ids: [...other.seen], usableIds: [...other.seen].filter((id) => graph.isUsable(id)) }
        : null;
      const links = await expand(pending, only);
      graph.expansions += 1;
      for (const id of pending) expanded.add(id);
      for (const link of links) {
        graph.add(link);
        degrees.set(link.otherId, link.otherDegree);
      }
    }
    const next: string[] = [];
    for (const id of side.frontier) {
      for (const neighbour of graph.neighbourIds(id)) {
        if (side.seen.has(neighbour)) continue;
        side.seen.add(neighbour);
        if (graph.canPassThrough(neighbour)) next.push(neighbour);
      }
    }
    side.frontier = next;
  }
  return graph;
}
