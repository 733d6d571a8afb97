import { INFLUENCE_SETTINGS, pageRankFloor } from './influence-settings';
import { deduplicatedReach, type InfluenceMeasures, scorePopulation } from './influence-scoring';

const FLOOR = pageRankFloor();

function measures(overrides: Partial<InfluenceMeasures> = {}): InfluenceMeasures {
  return {
    pageRank: FLOOR,
    reportedFollowers: 0,
    knownFollowers: 0,
    followEdges: 0,
    accounts: 0,
    amplification: 0,
    amplifiedCount: 0,
    ...overrides,
  };
}

function score(population: InfluenceMeasures[]) {
  return scorePopulation(population, (entry) => entry, INFLUENCE_SETTINGS);
}

describe('deduplicatedReach', () => {
  it.each([
    // reported, known followers, follow edges → reach, duplicates
    [60_000, 5, 6, 59_999, 1],
    [0, 3, 3, 3, 0],
    [2, 5, 8, 5, 3],
    [1_000, 0, 0, 1_000, 0],
  ])(
    '%i reported, %i known, %i follows → reach %i',
    (reportedFollowers, knownFollowers, followEdges, reach, duplicateFollows) => {
      expect(
        deduplicatedReach(measures({ reportedFollowers, knownFollowers, followEdges })),
      ).toEqual({ reach, duplicateFollows });
    },
  );
});

describe('scorePopulation', () => {
  it('gives someone without edges, followers or amplification the floor score 0', () => {
    const [alone, other] = score([measures(), measures({ pageRank: 2, reportedFollowers: 10 })]);
    expect(alone?.score).toBe(0);
    expect(alone?.components).toMatchObject({
      centrality: 0,
      reachScore: 0,
      amplificationScore: 0,
    });
    expect(other?.score).toBeGreaterThan(0);
  });

  it('gives the top of every component 100, and weighs the components 40/35/25', () => {
    const [top, middle] = score([
      measures({ pageRank: 3, reportedFollowers: 10_000, amplification: 50 }),
      measures({ pageRank: 0.6, reportedFollowers: 100, amplification: 5 }),
    ]);
    expect(top?.score).toBeCloseTo(100, 9);
    const c = middle!.components;
    expect(middle?.score).toBeCloseTo(
      0.4 * c.centrality + 0.35 * c.reachScore + 0.25 * c.amplificationScore,
      9,
    );
    // Log scales: 100 followers of 10,000 is half the way, not 1 %.
    expect(c.reachScore).toBeCloseTo((100 * Math.log1p(100)) / Math.log1p(10_000), 9);
    expect(c.centrality).toBeCloseTo((100 * Math.log(0.6 / FLOOR)) / Math.log(3 / FLOOR), 9);
  });

  it('raises reach and score when followers are added, all else equal', () => {
    const population = [
      measures({ reportedFollowers: 5_000 }),
      measures({ reportedFollowers: 50 }),
    ];
    const before = score(population)[1]!;
    population[1] = measures({ reportedFollowers: 500 });
    const after = score(population)[1]!;
    expect(after.components.reach).toBeGreaterThan(before.components.reach);
    expect(after.score).toBeGreaterThan(before.score);
  });

  it('keeps every component within 0–100 and handles an empty population', () => {
    expect(score([])).toEqual([]);
    for (const entry of score([
      measures({ pageRank: 1e6, reportedFollowers: 1e9, amplification: 1e6 }),
    ])) {
      expect(entry.score).toBeLessThanOrEqual(100);
      expect(entry.score).toBeGreaterThanOrEqual(0);
    }
  });
});
