import { TieType } from '../ties/tie.type';
import { seededRandom as randomFrom } from '../../core/random/seeded-random';
import { assessLink, type LinkFacts, summarizeLink } from './introduction-link';
import {
  collectSubgraph,
  type ExpandedLink,
  IntroductionSubgraph,
  type KnownPeople,
} from './introduction-subgraph';
import { IndexedNeighbourhood, LinkIndex } from './link-index';
import { bestPathsFromEach, kBestPaths, type WeightedGraph } from './path-search';

const NOW = Date.parse('2026-06-01T00:00:00Z');
const TIE_TYPES = Object.values(TieType);

interface RandomGraph {
  ids: string[];
  consented: Set<string>;
  links: Map<string, Map<string, LinkFacts>>;
}

function linkBetween(random: () => number, a: string, b: string): LinkFacts {
  const roll = random();
  const forward = random() < 0.5;
  const ties =
    roll < 0.6
      ? [
          {
            tieId: `${a}-${b}`,
            type: TIE_TYPES[Math.floor(random() * TIE_TYPES.length)] as TieType,
            strength: Math.round(random() * 100) / 100,
            since: '2020-01-01',
            fromPersonId: forward ? a : b,
            toPersonId: forward ? b : a,
          },
        ]
      : [];
  const follows = roll >= 0.6 && roll < 0.8;
  const shared =
    roll >= 0.75
      ? {
          count: 1 + Math.floor(random() * 5),
          firstAt: '2024-01-01T00:00:00.000Z',
          latestAt: new Date(NOW - Math.floor(random() * 400) * 86_400_000).toISOString(),
          latestInteractionId: `i-${a}-${b}`,
        }
      : null;
  return {
    personId: a,
    otherId: b,
    ties,
    follows,
    followedBy: follows && random() < 0.5,
    followSince: null,
    shared,
  };
}

function randomGraph(seed: number, size: number, meanDegree: number): RandomGraph {
  const random = randomFrom(seed);
  const ids = Array.from({ length: size }, (_, index) => `p${index}`);
  const consented = new Set(ids.filter(() => random() < 0.8));
  const links = new Map<string, Map<string, LinkFacts>>(ids.map((id) => [id, new Map()]));
  const edges = Math.round((size * meanDegree) / 2);
  for (let n = 0; n < edges; n++) {
    const a = ids[Math.floor(random() * size)] as string;
    const b = ids[Math.floor(random() * size)] as string;
    if (a === b || links.get(a)?.has(b) === true) continue;
    const facts = linkBetween(random, a, b);
    links.get(a)?.set(b, facts);
    links.get(b)?.set(a, {
      ...facts,
      personId: b,
      otherId: a,
      follows: facts.followedBy,
      followedBy: facts.follows,
    });
  }
  return { ids, consented, links };
}

/** What the repository's expansion returns: links to people who consented, or to `ends`. */
function expansionOf(graph: RandomGraph, ends: ReadonlySet<string>) {
  const calls: string[][] = [];
  const expand = (
    personIds: readonly string[],
    only: KnownPeople | null,
  ): Promise<ExpandedLink[]> => {
    calls.push([...personIds]);
    const links: ExpandedLink[] = [];
    for (const id of personIds) {
      for (const facts of graph.links.get(id)?.values() ?? []) {
        if (only !== null && !only.ids.includes(facts.otherId)) continue;
        const usable =
          only === null
            ? graph.consented.has(facts.otherId)
            : only.usableIds.includes(facts.otherId);
        if (!usable && !ends.has(facts.otherId)) continue;
        links.push({
          ...facts,
          otherUsable: usable,
          otherDegree: graph.links.get(facts.otherId)?.size ?? 0,
        });
      }
    }
    return Promise.resolve(links);
  };
  return { expand, calls };
}

function weightOf(graph: RandomGraph, a: string, b: string): number {
  const facts = graph.links.get(a)?.get(b);
  const assessment = facts === undefined ? null : assessLink(facts, NOW);
  if (assessment === null) throw new Error(`no link ${a}-${b}`);
  return assessment.weight;
}

/** Every simple path, by depth-first enumeration: the independent answer. */
function allPaths(
  graph: RandomGraph,
  source: string,
  target: string,
  maxHops: number,
  mayPass: (id: string) => boolean,
): { trust: number; personIds: string[] }[] {
  const found: { trust: number; personIds: string[] }[] = [];
  const walk = (path: string[], trust: number) => {
    const last = path[path.length - 1] as string;
    if (last === target) {
      found.push({ trust, personIds: [...path] });
      return;
    }
    if (path.length - 1 === maxHops) return;
    for (const next of graph.links.get(last)?.keys() ?? []) {
      if (path.includes(next)) continue;
      if (next !== target && !mayPass(next)) continue;
      walk([...path, next], trust * weightOf(graph, last, next));
    }
  };
  walk([source], 1);
  return found.sort((a, b) => b.trust - a.trust);
}

function assertValidPath(
  graph: RandomGraph,
  path: { trust: number; personIds: string[] },
  maxHops: number,
  mayPass: (id: string) => boolean,
) {
  expect(path.personIds.length - 1).toBeLessThanOrEqual(maxHops);
  expect(new Set(path.personIds).size).toBe(path.personIds.length);
  let trust = 1;
  for (let index = 1; index < path.personIds.length; index++) {
    const from = path.personIds[index - 1] as string;
    const to = path.personIds[index] as string;
    expect(graph.links.get(from)?.has(to)).toBe(true);
    trust *= weightOf(graph, from, to);
  }
  for (const inner of path.personIds.slice(1, -1)) expect(mayPass(inner)).toBe(true);
  expect(path.trust).toBeCloseTo(trust, 12);
}

describe('k best introduction paths on random graphs', () => {
  const cases = Array.from({ length: 60 }, (_, index) => ({
    seed: 1000 + index,
    size: 15 + (index % 5) * 8,
    meanDegree: 2 + (index % 4),
    maxHops: 1 + (index % 6),
    k: 1 + (index % 5),
  }));

  it.each(cases)(
    'seed $seed: $size people, degree $meanDegree, $maxHops hops, k=$k',
    async ({ seed, size, meanDegree, maxHops, k }) => {
      const graph = randomGraph(seed, size, meanDegree);
      const random = randomFrom(seed * 7);
      for (let query = 0; query < 5; query++) {
        const source = graph.ids[Math.floor(random() * size)] as string;
        const target = graph.ids[Math.floor(random() * size)] as string;
        if (source !== target && !graph.consented.has(target)) continue;
        const { expand, calls } = expansionOf(graph, new Set([source]));
        const subgraph = await collectSubgraph(
          {
            sources: new Map([[source, graph.links.get(source)?.size ?? 0]]),
            target,
            targetDegree: graph.links.get(target)?.size ?? 0,
            maxHops,
          },
          expand,
          new IntroductionSubgraph(new Set([source]), target, NOW),
        );
        expect(calls.length).toBeLessThanOrEqual(maxHops);
        const mayPass = (id: string) => graph.consented.has(id) && id !== source && id !== target;
        const found = kBestPaths(subgraph, source, target, maxHops, k);
        if (source === target) {
          expect(found).toEqual([{ trust: 1, personIds: [source] }]);
          continue;
        }
        const expected = allPaths(graph, source, target, maxHops, mayPass).slice(0, k);
        expect(found.map((path) => path.trust)).toEqual(
          expected.map((path) => expect.closeTo(path.trust, 12) as unknown as number),
        );
        for (const path of found) assertValidPath(graph, path, maxHops, mayPass);
      }
    },
  );
});

describe('best path from each colleague', () => {
  it.each(Array.from({ length: 30 }, (_, index) => 5000 + index))('seed %i', async (seed) => {
    const graph = randomGraph(seed, 30, 3);
    const random = randomFrom(seed);
    const sources = new Set(graph.ids.filter(() => random() < 0.2));
    const consentingTargets = graph.ids.filter((id) => graph.consented.has(id));
    const target = consentingTargets[Math.floor(random() * consentingTargets.length)] as string;
    const maxHops = 1 + (seed % 5);
    const { expand } = expansionOf(graph, sources);
    const subgraph = await collectSubgraph(
      {
        sources: new Map([...sources].map((id) => [id, graph.links.get(id)?.size ?? 0])),
        target,
        targetDegree: graph.links.get(target)?.size ?? 0,
        maxHops,
      },
      expand,
      new IntroductionSubgraph(sources, target, NOW),
    );
    const best = bestPathsFromEach(subgraph, sources, target, maxHops);
    for (const source of sources) {
      if (source === target) continue;
      const mayPass = (id: string) => graph.consented.has(id) && !sources.has(id) && id !== target;
      const [expected] = allPaths(graph, source, target, maxHops, mayPass);
      const path = best.get(source);
      if (expected === undefined) {
        expect(path).toBeUndefined();
        continue;
      }
      expect(path?.trust).toBeCloseTo(expected.trust, 12);
      if (path !== undefined) assertValidPath(graph, path, maxHops, mayPass);
    }
  });
});

describe('kBestPaths', () => {
  const line: WeightedGraph = {
    neighbours: (id) =>
      ({
        a: [{ id: 'b', weight: 0.5 }],
        b: [
          { id: 'a', weight: 0.5 },
          { id: 'c', weight: 0.5 },
        ],
        c: [{ id: 'b', weight: 0.5 }],
      })[id] ?? [],
    canPassThrough: (id) => id === 'b',
  };

  it('respects the hop limit and returns nothing, not an error, when out of reach', () => {
    expect(kBestPaths(line, 'a', 'c', 1, 3)).toEqual([]);
    expect(kBestPaths(line, 'a', 'c', 2, 3)).toEqual([{ trust: 0.25, personIds: ['a', 'b', 'c'] }]);
    expect(kBestPaths(line, 'a', 'z', 6, 3)).toEqual([]);
  });

  it('never passes through people it may not use', () => {
    const blocked = { ...line, canPassThrough: () => false };
    expect(kBestPaths(blocked, 'a', 'c', 6, 3)).toEqual([]);
  });
});

describe('the same searches on the link index', () => {
  /** The index holding the random graph: every link's summary, consent as usability. */
  function indexOf(graph: RandomGraph): LinkIndex {
    const index = new LinkIndex();
    for (const [id, links] of graph.links) {
      index.setUsable(id, graph.consented.has(id));
      for (const [otherId, facts] of links) index.setLink(id, otherId, summarizeLink(facts));
    }
    return index;
  }

  it.each(Array.from({ length: 40 }, (_, index) => 9000 + index))('seed %i', async (seed) => {
    const graph = randomGraph(seed, 20 + (seed % 5) * 8, 2 + (seed % 4));
    const index = indexOf(graph);
    const random = randomFrom(seed * 3);
    const maxHops = 1 + (seed % 6);
    for (let query = 0; query < 5; query++) {
      const source = graph.ids[Math.floor(random() * graph.ids.length)] as string;
      const target = graph.ids[Math.floor(random() * graph.ids.length)] as string;
      if (source === target || !graph.consented.has(target)) continue;
      const request = {
        sources: new Map([[source, graph.links.get(source)?.size ?? 0]]),
        target,
        targetDegree: graph.links.get(target)?.size ?? 0,
        maxHops,
      };
      const fromDatabase = await collectSubgraph(
        request,
        expansionOf(graph, new Set([source])).expand,
        new IntroductionSubgraph(new Set([source]), target, NOW),
      );
      const fromIndex = await collectSubgraph(
        request,
        (personIds, only) => Promise.resolve(index.expand(personIds, only, new Set([source]))),
        new IndexedNeighbourhood(new Set([source]), target, NOW),
      );
      expect(kBestPaths(fromIndex, source, target, maxHops, 4)).toEqual(
        kBestPaths(fromDatabase, source, target, maxHops, 4),
      );
    }
  });
});
