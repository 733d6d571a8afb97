import { assessLink, type LinkAssessment, type LinkFacts, mirrorLink } from './introduction-link';
import type { Neighbour, WeightedGraph } from './path-search';

/** What an expansion learns about a neighbour, whatever else it says about the link. */
export interface NeighbourFacts {
  personId: string;
  otherId: string;
  /** The neighbour's consent allows using them in a path (see ConsentPurpose.SALES_PROSPECTING). */
  otherUsable: boolean;
  /** Relationships around the neighbour: what expanding them would cost. */
  otherDegree: number;
}

/** A link found by expanding a person in the database, with everything that explains it. */
export interface ExpandedLink extends LinkFacts, NeighbourFacts {}

/** People met before, whose consent is known: the only neighbours an expansion must return. */
export interface KnownPeople {
  ids: readonly string[];
  usableIds: readonly string[];
}

/** All links of the given people (to `only`, when given), in one round-trip or from memory. */
export type ExpandPeople<L extends NeighbourFacts = ExpandedLink> = (
  personIds: readonly string[],
  only: KnownPeople | null,
) => Promise<readonly L[]>;

export interface SubgraphRequest {
  /** Where paths start (the caller's person, or every colleague), with their degrees. */
  sources: ReadonlyMap<string, number>;
  target: string;
  targetDegree: number;
  maxHops: number;
}

/**
 * The neighbourhood of a search, in memory: every link of every expanded person. Only people
 * whose consent allows it are passed through; sources and the target are ends only. What a link
 * is (L) and how much it weighs are the subclass's: full facts from the database, or the link
 * index's summaries.
 */
export abstract class Neighbourhood<L extends NeighbourFacts> implements WeightedGraph {
  private readonly adjacency = new Map<string, Map<string, L>>();
  private readonly usable = new Map<string, boolean>();
  private readonly weighted = new Map<string, Neighbour[]>();
  /** Database round-trips (or index look-ups) the collection took. */
  expansions = 0;

  constructor(
    readonly sources: ReadonlySet<string>,
    readonly target: string,
  ) {}

  /** The link's weight (0 < weight ≤ 1), or null when nothing links the two after all. */
  protected abstract weigh(link: L): number | null;
  /**
   * The same link seen from the other person. Only what weigh and the subclass read matters in a
   * mirrored link: usability is kept per person, from the links that named them as the neighbour.
   */
  protected abstract mirror(link: L): L;

  add(link: L): void {
    this.usable.set(link.otherId, link.otherUsable);
    this.weighted.delete(link.personId);
    this.weighted.delete(link.otherId);
    this.put(link);
    this.put(this.mirror(link));
  }

  neighbourIds(id: string): string[] {
    return [...(this.adjacency.get(id)?.keys() ?? [])];
  }

  neighbours(id: string): readonly Neighbour[] {
    let neighbours = this.weighted.get(id);
    if (neighbours === undefined) {
      neighbours = [];
      for (const [otherId, link] of this.adjacency.get(id) ?? []) {
        const weight = this.weigh(link);
        if (weight !== null) neighbours.push({ id: otherId, weight });
      }
      neighbours.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      this.weighted.set(id, neighbours);
    }
    return neighbours;
  }

  /** The link from one person to the next, as added (or mirrored). */
  link(fromId: string, toId: string): L | undefined {
    return this.adjacency.get(fromId)?.get(toId);
  }

  /** The weight of the link from one person to the next; null when there is none. */
  weightOf(fromId: string, toId: string): number | null {
    const link = this.link(fromId, toId);
    return link === undefined ? null : this.weigh(link);
  }

  canPassThrough(id: string): boolean {
    return this.isUsable(id) && !this.sources.has(id) && id !== this.target;
  }

  /** Consent allows using the person (the target was checked before the search). */
  isUsable(id: string): boolean {
    return id === this.target || this.usable.get(id) === true;
  }

  private put(link: L): void {
    let links = this.adjacency.get(link.personId);
    if (links === undefined) {
      links = new Map();
      this.adjacency.set(link.personId, links);
    }
    links.set(link.otherId, link);
  }
}

/** The neighbourhood with every link's full facts, as the database gave them: explainable. */
export class IntroductionSubgraph extends Neighbourhood<ExpandedLink> {
  constructor(
    sources: ReadonlySet<string>,
    target: string,
    private readonly now: number,
  ) {
    super(sources, target);
  }

  protected weigh(link: ExpandedLink): number | null {
    return assessLink(link, this.now)?.weight ?? null;
  }

  protected mirror(link: ExpandedLink): ExpandedLink {
    return { ...link, ...mirrorLink(link) };
  }

  /** The link from one person to the next on a path, explained. */
  step(fromId: string, toId: string): LinkAssessment | null {
    const link = this.link(fromId, toId);
    return link === undefined ? null : assessLink(link, this.now);
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
export async function collectSubgraph<L extends NeighbourFacts, G extends Neighbourhood<L>>(
  request: SubgraphRequest,
  expand: ExpandPeople<L>,
  graph: G,
): Promise<G> {
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
