import {
  InfluenceEdgeKind,
  type InfluenceActor,
  type InfluenceProjection,
} from './influence-graph';
import { measureEdges } from './in-process-influence-engine';
import { INFLUENCE_SETTINGS, pageRankFloor } from './influence-settings';

function actor(index: number): InfluenceActor {
  return {
    index,
    kind: 'Person',
    id: `p${index}`,
    faces: [],
    reportedFollowers: 0,
    accounts: 1,
    activity: new Map(),
  };
}

const PROJECTION: InfluenceProjection = {
  actors: [0, 1, 2, 3].map(actor),
  subjects: [
    { index: 0, id: 'topic-a', kind: 'Topic', name: 'a' },
    { index: 1, id: 'topic-b', kind: 'Topic', name: 'b' },
  ],
  asOfSeconds: 0,
};

describe('measureEdges', () => {
  const measures = measureEdges(
    PROJECTION,
    [
      { source: 0, target: 1, kind: InfluenceEdgeKind.FOLLOW, weight: 2, count: 2, subjects: [] },
      { source: 2, target: 1, kind: InfluenceEdgeKind.FOLLOW, weight: 1, count: 1, subjects: [] },
      {
        source: 0,
        target: 1,
        kind: InfluenceEdgeKind.AMPLIFY,
        weight: 1.5,
        count: 1,
        subjects: [0],
      },
      {
        source: 2,
        target: 1,
        kind: InfluenceEdgeKind.AMPLIFY,
        weight: 0.5,
        count: 2,
        subjects: [0, 1],
      },
      { source: 1, target: 2, kind: InfluenceEdgeKind.MENTION, weight: 1, count: 1, subjects: [1] },
    ],
    INFLUENCE_SETTINGS,
  );

  it('counts distinct followers and follow edges per actor', () => {
    expect(Array.from(measures.knownFollowers)).toEqual([0, 2, 0, 0]);
    expect(Array.from(measures.followEdges)).toEqual([0, 3, 0, 0]);
  });

  it('sums amplification overall and per subject', () => {
    expect(Array.from(measures.overall.amplification)).toEqual([0, 2, 0, 0]);
    expect(Array.from(measures.overall.amplifiedCount)).toEqual([0, 3, 0, 0]);
    expect(Array.from(measures.bySubject[0]!.amplification)).toEqual([0, 2, 0, 0]);
    expect(Array.from(measures.bySubject[1]!.amplification)).toEqual([0, 0.5, 0, 0]);
  });

  it('ranks within a subject only on that subject’s edges', () => {
    const floor = pageRankFloor();
    const onA = measures.bySubject[0]!.pageRank;
    const onB = measures.bySubject[1]!.pageRank;
    expect(onA[1]).toBeGreaterThan(floor);
    expect(onA[2]).toBeCloseTo(floor, 12);
    expect(onB[2]).toBeGreaterThan(floor);
  });

  it('counts nodes and relationships as the GDS projection does; actors without edges have no community', () => {
    expect(measures.nodeCount).toBe(3);
    expect(measures.relationshipCount).toBe(5 + 4);
    expect(measures.community[3]).toBe(-1);
    expect(measures.community[0]).toBeGreaterThanOrEqual(0);
  });
});
