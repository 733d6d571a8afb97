import { randomUUID } from 'node:crypto';
import type { OperationScope } from '../../core/neo4j/neo4j-gateway';
import {
  type EngineMeasures,
  emptyScopedMeasures,
  INFLUENCE_EDGE_KINDS,
  InfluenceEdgeKind,
  type InfluenceProjection,
  type ScopedMeasures,
} from './influence-graph';
import {
  type InfluenceGraphRepository,
  type NodeValue,
  subjectRelationshipType,
} from './influence-graph.repository';
import { type InfluenceEngine, InfluenceEngineKind } from './influence-engine';
import { type InfluenceSettings, pageRankFloor } from './influence-settings';

function fill(target: Float64Array, values: readonly NodeValue[]): void {
  for (const { node, value } of values) {
    if (node >= 0 && node < target.length) target[node] = value;
  }
}

/**
 * Runs the algorithms in Neo4j Graph Data Science: projects the network with a Cypher projection
 * (the same edge rows the in-process engine reads; a relationship type per kind and per subject),
 * streams PageRank, in-degrees and Louvain communities back, and drops the projection whatever
 * happens.
 */
export class GdsInfluenceEngine implements InfluenceEngine {
  readonly kind = InfluenceEngineKind.GDS;

  constructor(
    private readonly repository: InfluenceGraphRepository,
    private readonly settings: InfluenceSettings,
  ) {}

  async measure(scope: OperationScope, projection: InfluenceProjection): Promise<EngineMeasures> {
    const graphName = `influence-${randomUUID()}`;
    try {
      return await this.measureProjected(scope, graphName, projection);
    } finally {
      await this.repository.dropGds(scope, graphName);
    }
  }

  private async measureProjected(
    scope: OperationScope,
    graphName: string,
    projection: InfluenceProjection,
  ): Promise<EngineMeasures> {
    const actorCount = projection.actors.length;
    const size = await this.repository.projectGds(scope, graphName, projection);
    const present = new Set(size.types);
    const existing = (types: readonly string[]) => types.filter((type) => present.has(type));

    const networkTypes = existing(INFLUENCE_EDGE_KINDS);
    const amplifyTypes = existing([InfluenceEdgeKind.AMPLIFY]);
    const followTypes = existing([InfluenceEdgeKind.FOLLOW]);
    const overall = await this.scopedMeasures(scope, graphName, networkTypes, amplifyTypes, {
      actorCount,
      weight: 'weight',
      count: 'count',
    });
    const bySubject: ScopedMeasures[] = [];
    for (const subject of projection.subjects) {
      const types = existing([subjectRelationshipType(subject.index)]);
      bySubject.push(
        await this.scopedMeasures(scope, graphName, types, types, {
          actorCount,
          weight: 'amplifyWeight',
          count: 'amplifyCount',
        }),
      );
    }

    const knownFollowers = new Float64Array(actorCount);
    const followEdges = new Float64Array(actorCount);
    const community = new Int32Array(actorCount).fill(-1);
    let modularity = 0;
    if (followTypes.length > 0) {
      fill(knownFollowers, await this.repository.gdsInDegree(scope, graphName, followTypes, null));
      fill(followEdges, await this.repository.gdsInDegree(scope, graphName, followTypes, 'count'));
    }
    if (networkTypes.length > 0) {
      const louvain = await this.repository.gdsLouvain(scope, graphName, networkTypes);
      for (const { node, value } of louvain.communities) {
        if (node >= 0 && node < actorCount) community[node] = value;
      }
      modularity = louvain.modularity;
    }
    return {
      overall,
      bySubject,
      knownFollowers,
      followEdges,
      community,
      modularity,
      nodeCount: size.nodeCount,
      relationshipCount: size.relationshipCount,
    };
  }

  /**
   * PageRank over `rankTypes` and amplification (the `weight` and `count` properties summed over
   * incoming `amplifyTypes`); the floor and zero where there is nothing.
   */
  private async scopedMeasures(
    scope: OperationScope,
    graphName: string,
    rankTypes: readonly string[],
    amplifyTypes: readonly string[],
    options: {
      actorCount: number;
      weight: 'weight' | 'amplifyWeight';
      count: 'count' | 'amplifyCount';
    },
  ): Promise<ScopedMeasures> {
    const measures = emptyScopedMeasures(options.actorCount, pageRankFloor(this.settings));
    if (rankTypes.length > 0) {
      fill(measures.pageRank, await this.repository.gdsPageRank(scope, graphName, rankTypes));
    }
    if (amplifyTypes.length > 0) {
      fill(
        measures.amplification,
        await this.repository.gdsInDegree(scope, graphName, amplifyTypes, options.weight),
      );
      fill(
        measures.amplifiedCount,
        await this.repository.gdsInDegree(scope, graphName, amplifyTypes, options.count),
      );
    }
    return measures;
  }
}
