import { ConsentPolicy } from '../../src/features/consent/consent-policy';
import { CONSENT_PURPOSES } from '../../src/features/consent/consent-purpose';
import { seededRandom } from '../../src/core/random/seeded-random';
import {
  GDS_MANUAL_LINKS,
  GDS_MANUAL_PAGE_RANK,
  GDS_MANUAL_PAGES,
  KARATE_CLUB_EDGES,
  KARATE_CLUB_MAX_MODULARITY,
  KARATE_CLUB_SIZE,
} from '../../src/features/influence/algorithms/reference-graphs';
import { InfluenceEngineKind } from '../../src/features/influence/influence-engine';
import { pageRankFloor } from '../../src/features/influence/influence-settings';
import type { EngineMeasures, ScopedMeasures } from '../../src/features/influence/influence-graph';
import {
  createInfluenceRecompute,
  type MeasuredNetwork,
} from '../../src/features/influence/influence-recompute.service';
import { resetGraph } from '../support/test-database';
import {
  type FixtureInteraction,
  type InfluenceFixture,
  writeInfluenceFixture,
} from '../support/influence-fixture';
import { useTestServer } from '../support/test-server';

const server = useTestServer();
const SCOPE = { operationName: 'influenceEnginesTest' };
const AS_OF = new Date();

function recomputeService() {
  return createInfluenceRecompute(server.gateway, {
    consentPolicy: new ConsentPolicy(CONSENT_PURPOSES),
    engine: null,
  });
}

let gdsAvailable = false;

beforeAll(async () => {
  const engine = await recomputeService().chooseEngine(SCOPE, null);
  gdsAvailable = engine.kind === InfluenceEngineKind.GDS;
  if (!gdsAvailable) {
    process.stderr.write('GDS is not installed in the test database: engine comparisons skipped\n');
  }
});

async function freshGraph(fixture: InfluenceFixture): Promise<void> {
  await resetGraph(server.gateway);
  await writeInfluenceFixture(server.gateway, fixture);
}

async function measureBoth(): Promise<{ gds: MeasuredNetwork; inProcess: MeasuredNetwork }> {
  const service = recomputeService();
  const inProcess = await service.measure(SCOPE, {
    engine: InfluenceEngineKind.IN_PROCESS,
    asOf: AS_OF,
  });
  const gds = await service.measure(SCOPE, { engine: InfluenceEngineKind.GDS, asOf: AS_OF });
  expect(gds.engine).toBe(InfluenceEngineKind.GDS);
  expect(inProcess.engine).toBe(InfluenceEngineKind.IN_PROCESS);
  return { gds, inProcess };
}

function expectSameScope(actual: ScopedMeasures, expected: ScopedMeasures): void {
  Array.from(actual.pageRank).forEach((value, actor) =>
    expect(value).toBeCloseTo(expected.pageRank[actor] ?? Number.NaN, 9),
  );
  Array.from(actual.amplification).forEach((value, actor) =>
    expect(value).toBeCloseTo(expected.amplification[actor] ?? Number.NaN, 9),
  );
  expect(Array.from(actual.amplifiedCount)).toEqual(Array.from(expected.amplifiedCount));
}

function expectSameMeasures(gds: EngineMeasures, inProcess: EngineMeasures): void {
  expect(gds.nodeCount).toBe(inProcess.nodeCount);
  expect(gds.relationshipCount).toBe(inProcess.relationshipCount);
  expectSameScope(gds.overall, inProcess.overall);
  expect(gds.bySubject).toHaveLength(inProcess.bySubject.length);
  gds.bySubject.forEach((scoped, subject) => {
    const other = inProcess.bySubject[subject];
    if (other !== undefined) expectSameScope(scoped, other);
  });
  expect(Array.from(gds.knownFollowers)).toEqual(Array.from(inProcess.knownFollowers));
  expect(Array.from(gds.followEdges)).toEqual(Array.from(inProcess.followEdges));
  // Whether an actor takes part in a community at all does not depend on the engine.
  expect(Array.from(gds.community).map((value) => value >= 0)).toEqual(
    Array.from(inProcess.community).map((value) => value >= 0),
  );
}

/** Communities as sets of actor numbers, sorted, so that two labelings can be compared. */
function partition(community: Int32Array): number[][] {
  const groups = new Map<number, number[]>();
  community.forEach((value, actor) => {
    if (value < 0) return;
    groups.set(value, [...(groups.get(value) ?? []), actor]);
  });
  return [...groups.values()].sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0));
}

function actorIndex(network: MeasuredNetwork, personId: string): number {
  const actor = network.projection.actors.find((candidate) => candidate.id === personId);
  if (actor === undefined) throw new Error(`${personId} is not in the projection`);
  return actor.index;
}

/** A random market: people (some without consent), their and ownerless accounts, follows,
 * ties, and posts with mentions, replies and shares about a few topics over a year. */
function randomMarket(seed: number, people: number): InfluenceFixture {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const personIds = Array.from({ length: people }, (_, index) => `p${seed}-${index}`);
  const accounts = personIds.flatMap((ownerId, index) =>
    Array.from({ length: 1 + (index % 3 === 0 ? 1 : 0) }, (_, n) => ({
      id: `${ownerId}-a${n}`,
      ownerId,
      platform: n === 0 ? 'X' : 'INSTAGRAM',
      followers: Math.floor(random() ** 3 * 100_000),
    })),
  );
  const ownerless = Array.from({ length: Math.ceil(people / 10) }, (_, index) => ({
    id: `anon${seed}-${index}`,
    followers: Math.floor(random() * 500),
  }));
  const allAccounts = [...accounts, ...ownerless].map((account) => account.id);
  const follows = new Map<string, [string, string]>();
  for (let n = 0; n < people * 4; n++) {
    const from = pick(allAccounts);
    const to = pick(allAccounts);
    if (from !== to) follows.set(`${from}>${to}`, [from, to]);
  }
  const ties = new Map<string, [string, string, number]>();
  for (let n = 0; n < people; n++) {
    const from = pick(personIds);
    const to = pick(personIds);
    if (from !== to) ties.set(`${from}>${to}`, [from, to, Math.round(random() * 100) / 100]);
  }
  const topics = ['topic-a', 'topic-b', 'topic-c'];
  const interactions: FixtureInteraction[] = [];
  for (let n = 0; n < people * 3; n++) {
    const id = `i${seed}-${n}`;
    const by = random() < 0.2 ? pick(personIds) : pick(allAccounts);
    const about = random() < 0.7 ? [pick(topics)] : [];
    const roll = random();
    const earlier = interactions.filter((entry) => entry.kind === 'POST');
    if (roll < 0.35 || earlier.length === 0) {
      interactions.push({ id, by, kind: 'POST', about, daysAgo: random() * 365 });
    } else if (roll < 0.6) {
      interactions.push({
        id,
        by,
        kind: 'MENTION',
        about,
        mentions: [pick([...personIds, ...allAccounts])],
        daysAgo: random() * 365,
      });
    } else {
      interactions.push({
        id,
        by,
        kind: roll < 0.8 ? 'REPLY' : 'SHARE',
        about,
        replyTo: pick(earlier).id,
        daysAgo: random() * 365,
      });
    }
  }
  return {
    topics,
    people: personIds.map((id) => ({ id, profiling: random() > 0.2 })),
    accounts: [...accounts, ...ownerless],
    follows: [...follows.values()],
    ties: [...ties.values()],
    interactions,
  };
}

describe('GDS and the in-process engine', () => {
  it('both reproduce the GDS manual PageRank example through the whole projection', async () => {
    if (!gdsAvailable) return;
    const id = (page: string) => `page-${page.toLowerCase().replace(/\s+/g, '-')}`;
    await freshGraph({
      people: GDS_MANUAL_PAGES.map((page) => ({ id: id(page) })),
      accounts: GDS_MANUAL_PAGES.map((page) => ({ id: `${id(page)}-x`, ownerId: id(page) })),
      follows: GDS_MANUAL_LINKS.map(([from, to]): [string, string] => [
        `${id(from)}-x`,
        `${id(to)}-x`,
      ]),
    });
    const { gds, inProcess } = await measureBoth();
    for (const page of GDS_MANUAL_PAGES) {
      const expected = GDS_MANUAL_PAGE_RANK[page] ?? Number.NaN;
      expect(gds.measures.overall.pageRank[actorIndex(gds, id(page))]).toBeCloseTo(expected, 9);
      expect(inProcess.measures.overall.pageRank[actorIndex(inProcess, id(page))]).toBeCloseTo(
        expected,
        9,
      );
    }
  });

  it('both find the published modularity on the karate club (ties)', async () => {
    if (!gdsAvailable) return;
    const member = (index: number) => `karate-${String(index).padStart(2, '0')}`;
    await freshGraph({
      people: Array.from({ length: KARATE_CLUB_SIZE }, (_, index) => ({ id: member(index) })),
      ties: KARATE_CLUB_EDGES.map(([a, b]): [string, string, number] => [member(a), member(b), 1]),
    });
    const { gds, inProcess } = await measureBoth();
    expectSameMeasures(gds.measures, inProcess.measures);
    for (const measured of [gds, inProcess]) {
      // Blondel et al. report 0.42 for Louvain; no partition exceeds 0.4198.
      expect(measured.measures.modularity).toBeGreaterThan(0.4);
      expect(measured.measures.modularity).toBeLessThanOrEqual(KARATE_CLUB_MAX_MODULARITY + 1e-4);
    }
  });

  it.each([11, 12, 13])('agree on a random market (seed %i)', async (seed) => {
    if (!gdsAvailable) return;
    await freshGraph(randomMarket(seed, 120));
    const { gds, inProcess } = await measureBoth();
    expect(gds.projection.actors.map((actor) => actor.id)).toEqual(
      inProcess.projection.actors.map((actor) => actor.id),
    );
    expectSameMeasures(gds.measures, inProcess.measures);
    // Not a vacuous comparison: every kind of measure has values above its floor.
    const floor = pageRankFloor();
    const { overall, bySubject, knownFollowers } = inProcess.measures;
    expect(overall.pageRank.some((value) => value > floor)).toBe(true);
    expect(overall.amplification.some((value) => value > 0)).toBe(true);
    expect(knownFollowers.some((value) => value > 0)).toBe(true);
    expect(bySubject.every((scoped) => scoped.pageRank.some((value) => value > floor))).toBe(true);
    // Louvain is a heuristic and the two break ties differently: equal quality, not equal labels.
    expect(Math.abs(gds.measures.modularity - inProcess.measures.modularity)).toBeLessThan(0.05);
  });

  it('find the same communities where they are clear', async () => {
    if (!gdsAvailable) return;
    const groups = 4;
    const size = 8;
    const person = (group: number, member: number) => `g${group}-m${member}`;
    const follows: [string, string][] = [];
    for (let group = 0; group < groups; group++) {
      for (let a = 0; a < size; a++) {
        for (let b = 0; b < size; b++) {
          if (a !== b) follows.push([`${person(group, a)}-x`, `${person(group, b)}-x`]);
        }
      }
      follows.push([`${person(group, 0)}-x`, `${person((group + 1) % groups, 0)}-x`]);
    }
    const people = Array.from({ length: groups * size }, (_, index) =>
      person(Math.floor(index / size), index % size),
    );
    await freshGraph({
      people: people.map((id) => ({ id })),
      accounts: people.map((id) => ({ id: `${id}-x`, ownerId: id })),
      follows,
    });
    const { gds, inProcess } = await measureBoth();
    expect(partition(gds.measures.community)).toEqual(partition(inProcess.measures.community));
    expect(partition(gds.measures.community)).toHaveLength(groups);
  });

  it('store the same scores, overall and per topic', async () => {
    if (!gdsAvailable) return;
    await freshGraph(randomMarket(21, 100));
    const stored = async (engine: InfluenceEngineKind) => {
      await recomputeService().recompute(SCOPE, { engine, asOf: AS_OF });
      return server.gateway.read(SCOPE, (runner) =>
        runner.run(`
          MATCH (p:Person) WHERE p.influenceScore IS NOT NULL
          RETURN p.id AS id, p.influenceScore AS score,
            COLLECT { MATCH (p)-[r:INFLUENTIAL_ON]->(s) RETURN [s.id, r.score] } AS subjects
          ORDER BY id`),
      );
    };
    const fromGds = await stored(InfluenceEngineKind.GDS);
    const fromInProcess = await stored(InfluenceEngineKind.IN_PROCESS);
    expect(fromGds.map((row) => row.id)).toEqual(fromInProcess.map((row) => row.id));
    expect(fromGds.length).toBeGreaterThan(50);
    fromGds.forEach((row, index) => {
      const other = fromInProcess[index];
      expect(row.score).toBeCloseTo(Number(other?.score), 6);
      const subjects = new Map(row.subjects as [string, number][]);
      const otherSubjects = new Map(other?.subjects as [string, number][]);
      expect([...subjects.keys()].sort()).toEqual([...otherSubjects.keys()].sort());
      for (const [subject, score] of subjects) {
        expect(score).toBeCloseTo(otherSubjects.get(subject) ?? Number.NaN, 6);
      }
    });
  });

  it('handle a network without any edge: everyone at the floor', async () => {
    if (!gdsAvailable) return;
    await freshGraph({ people: [{ id: 'alone-1' }, { id: 'alone-2' }], topics: ['topic-a'] });
    const { gds, inProcess } = await measureBoth();
    expectSameMeasures(gds.measures, inProcess.measures);
    const floor = pageRankFloor();
    expect(Array.from(gds.measures.overall.pageRank)).toEqual([floor, floor]);
    expect(gds.measures.nodeCount).toBe(0);
  });
});
