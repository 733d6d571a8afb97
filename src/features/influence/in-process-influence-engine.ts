import type { OperationScope } from '../../core/neo4j/neo4j-gateway';
import { louvain } from './algorithms/louvain';
import { pageRank } from './algorithms/page-rank';
import { WeightedDigraphBuilder } from './algorithms/weighted-digraph';
import {
  type EngineMeasures,
  emptyScopedMeasures,
  InfluenceEdgeKind,
  type InfluenceEdgeRow,
  type InfluenceProjection,
  type ScopedMeasures,
} from './influence-graph';
import type { InfluenceGraphRepository } from './influence-graph.repository';
import { type InfluenceEngine, InfluenceEngineKind } from './influence-engine';
import { type InfluenceSettings, pageRankFloor } from './influence-settings';

/** Adds an amplification row to the scope's totals. */
function addAmplification(measures: ScopedMeasures, row: InfluenceEdgeRow): void {
  measures.amplification[row.target] = (measures.amplification[row.target] ?? 0) + row.weight;
  measures.amplifiedCount[row.target] = (measures.amplifiedCount[row.target] ?? 0) + row.count;
}

/**
 * What GDS computes from the projected graph, computed here from the same edge rows: PageRank over
 * all kinds and per subject (mentions and amplifications about it), weighted in-degrees, and
 * Louvain on the undirected network.
 */
export function measureEdges(
  projection: InfluenceProjection,
  rows: readonly InfluenceEdgeRow[],
  settings: InfluenceSettings,
): EngineMeasures {
  const actorCount = projection.actors.length;
  const floor = pageRankFloor(settings);
  const network = new WeightedDigraphBuilder(actorCount);
  const subjectNetworks = projection.subjects.map(() => new WeightedDigraphBuilder(actorCount));
  const overall = emptyScopedMeasures(actorCount, floor);
  const bySubject = projection.subjects.map(() => emptyScopedMeasures(actorCount, floor));
  const knownFollowers = new Float64Array(actorCount);
  const followEdges = new Float64Array(actorCount);
  const touched = new Uint8Array(actorCount);
  let relationshipCount = 0;

  for (const row of rows) {
    network.addEdge(row.source, row.target, row.weight);
    touched[row.source] = 1;
    touched[row.target] = 1;
    relationshipCount += 1 + row.subjects.length;
    if (row.kind === InfluenceEdgeKind.FOLLOW) {
      knownFollowers[row.target] = (knownFollowers[row.target] ?? 0) + 1;
      followEdges[row.target] = (followEdges[row.target] ?? 0) + row.count;
    }
    if (row.kind === InfluenceEdgeKind.AMPLIFY) addAmplification(overall, row);
    for (const subject of row.subjects) {
      subjectNetworks[subject]?.addEdge(row.source, row.target, row.weight);
      const scoped = bySubject[subject];
      if (row.kind === InfluenceEdgeKind.AMPLIFY && scoped !== undefined) {
        addAmplification(scoped, row);
      }
    }
  }

  const graph = network.build();
  overall.pageRank = pageRank(graph, settings.pageRank);
  subjectNetworks.forEach((builder, subject) => {
    const scoped = bySubject[subject];
    if (scoped !== undefined && builder.edgeCount > 0) {
      scoped.pageRank = pageRank(builder.build(), settings.pageRank);
    }
  });
  const communities = louvain(graph, settings.louvain);
  const community = Int32Array.from(communities.communities, (value, actor) =>
    touched[actor] === 1 ? value : -1,
  );
  return {
    overall,
    bySubject,
    knownFollowers,
    followEdges,
    community,
    modularity: communities.modularity,
    nodeCount: touched.reduce((sum, flag) => sum + flag, 0),
    relationshipCount,
  };
}

/** Reads the edge rows into this process and runs the TypeScript algorithms on them. */
export class InProcessInfluenceEngine implements InfluenceEngine {
  readonly kind = InfluenceEngineKind.IN_PROCESS;

  constructor(
    private readonly repository: InfluenceGraphRepository,
    private readonly settings: InfluenceSettings,
  ) {}

  async measure(scope: OperationScope, projection: InfluenceProjection): Promise<EngineMeasures> {
    const rows = await this.repository.edges(scope, projection);
    return measureEdges(projection, rows, this.settings);
  }
}
