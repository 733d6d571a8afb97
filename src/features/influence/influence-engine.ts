import { registerEnumType } from 'type-graphql';
import type { OperationScope } from '../../core/neo4j/neo4j-gateway';
import type { EngineMeasures, InfluenceProjection } from './influence-graph';

/** Where the graph algorithms run. */
export enum InfluenceEngineKind {
  /** Neo4j Graph Data Science (or OpenGDS) inside the database. */
  GDS = 'GDS',
  /** This service's own TypeScript implementation, on edges read from the database. */
  IN_PROCESS = 'IN_PROCESS',
}

registerEnumType(InfluenceEngineKind, {
  name: 'InfluenceEngine',
  description: 'Where influence is computed: GDS in the database, or in this service.',
});

/** Computes PageRank, amplification, follower counts and communities from the projection. */
export interface InfluenceEngine {
  readonly kind: InfluenceEngineKind;
  measure(scope: OperationScope, projection: InfluenceProjection): Promise<EngineMeasures>;
}
