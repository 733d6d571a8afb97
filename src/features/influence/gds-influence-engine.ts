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
  type GdsJob,
  type NodeValue,
  subjectRelationshipType,
} from './influence-graph.repository';
import { type InfluenceEngine, InfluenceEngineKind } from './influence-engine';
import { type InfluenceSettings, pageRankFloor } from './influence-settings';

/** One scope of the measures: the whole network, or the part about one subject. */
interface GdsScope {
  key: string;
  /** Relationship types PageRank runs over. */
  rankTypes: readonly string[];
  /** Relationship types whose incoming weights and counts are the amplification. */
  amplifyTypes: readonly string[];
  /** The properties holding an edge's amplification weight and count in this scope. */
  weight: 'weight' | 'amplifyWeight';
  count: 'count' | 'amplifyCount';
  /** GDS threads: its default for the network, one for a subject's small graph. */
  concurrency: number;
}

const NETWORK_CONCURRENCY = 4;

/** The scopes of a projection, with the relationship types the projected graph really has. */
function scopesOf(projection: InfluenceProjection, present: ReadonlySet<string>): GdsScope[] {
  const existing = (types: readonly string[]) => types.filter((type) => present.has(type));
  const network: GdsScope = {
    key: 'overall',
    rankTypes: existing(INFLUENCE_EDGE_KINDS),
    amplifyTypes: existing([InfluenceEdgeKind.AMPLIFY]),
    weight: 'weight',
    count: 'count',
    concurrency: NETWORK_CONCURRENCY,
  };
  return [
    network,
    ...projection.subjects.map((subject): GdsScope => {
      const types = existing([subjectRelationshipType(subject.index)]);
      return {
        key: subjectKey(subject.index),
        rankTypes: types,
        amplifyTypes: types,
        weight: 'amplifyWeight',
        count: 'amplifyCount',
        concurrency: 1,
      };
    }),
  ];
}

function subjectKey(index: number): string {
  return `subject-${index}`;
}

/** The in-degree calls: followers (counted and summed) and every scope's amplification. */
function degreeJobs(scopes: readonly GdsScope[], followTypes: readonly string[]): GdsJob[] {
  const jobs: GdsJob[] = [];
  if (followTypes.length > 0) {
    const follows = { types: followTypes, concurrency: NETWORK_CONCURRENCY };
    jobs.push({ key: 'knownFollowers', property: null, ...follows });
    jobs.push({ key: 'followEdges', property: 'count', ...follows });
  }
  for (const scope of scopes) {
    if (scope.amplifyTypes.length === 0) continue;
    const amplify = { types: scope.amplifyTypes, concurrency: scope.concurrency };
    jobs.push({ key: `${scope.key}:amplification`, property: scope.weight, ...amplify });
    jobs.push({ key: `${scope.key}:amplifiedCount`, property: scope.count, ...amplify });
  }
  return jobs;
}

function fill(target: Float64Array, values: readonly NodeValue[] | undefined): void {
  for (const { node, value } of values ?? []) {
    if (node >= 0 && node < target.length) target[node] = value;
  }
}

/**
 * Runs the algorithms in Neo4j Graph Data Science: projects the network with a Cypher projection
 * (the same edge rows the in-process engine reads; a relationship type per kind and per subject),
 * streams PageRank, in-degrees and Louvain communities back, and drops the projection whatever
 * happens. PageRank for all scopes runs in one statement, and so do all in-degrees: a recompute
 * has a scope per topic and product.
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
    const scopes = scopesOf(projection, present);
    const followTypes = [InfluenceEdgeKind.FOLLOW].filter((type) => present.has(type));

    const pageRanks = await this.repository.gdsPageRanks(
      scope,
      graphName,
      scopes
        .filter(({ rankTypes }) => rankTypes.length > 0)
        .map(({ key, rankTypes, concurrency }) => ({ key, types: rankTypes, concurrency })),
    );
    const degrees = await this.repository.gdsInDegrees(
      scope,
      graphName,
      degreeJobs(scopes, followTypes),
    );
    const measuresOf = (key: string): ScopedMeasures => {
      const measures = emptyScopedMeasures(actorCount, pageRankFloor(this.settings));
      fill(measures.pageRank, pageRanks.get(key));
      fill(measures.amplification, degrees.get(`${key}:amplification`));
      fill(measures.amplifiedCount, degrees.get(`${key}:amplifiedCount`));
      return measures;
    };
    const knownFollowers = new Float64Array(actorCount);
    const followEdges = new Float64Array(actorCount);
    fill(knownFollowers, degrees.get('knownFollowers'));
    fill(followEdges, degrees.get('followEdges'));

    const community = new Int32Array(actorCount).fill(-1);
    let modularity = 0;
    const networkTypes = scopes[0]?.rankTypes ?? [];
    if (networkTypes.length > 0) {
      const louvain = await this.repository.gdsLouvain(scope, graphName, networkTypes);
      for (const { node, value } of louvain.communities) {
        if (node >= 0 && node < actorCount) community[node] = value;
      }
      modularity = louvain.modularity;
    }
    return {
      overall: measuresOf('overall'),
      bySubject: projection.subjects.map((subject) => measuresOf(subjectKey(subject.index))),
      knownFollowers,
      followEdges,
      community,
      modularity,
      nodeCount: size.nodeCount,
      relationshipCount: size.relationshipCount,
    };
  }
}
