import type { CypherRow, Neo4jGateway, OperationScope } from '../../core/neo4j/neo4j-gateway';
import { cypherInt } from '../../core/neo4j/neo4j-values';
import { type ConsentParam, consentAllows } from '../consent/consent-policy';
import { ANY_TIE } from '../ties/tie.type';
import {
  type ActorKind,
  type InfluenceActor,
  type InfluenceEdgeKind,
  type InfluenceEdgeRow,
  type InfluenceProjection,
  type InfluenceSubject,
} from './influence-graph';
import {
  AMPLIFYING_KINDS,
  type InfluenceSettings,
  pageRankFloor,
  SPEECH_KINDS,
} from './influence-settings';

const SUBJECT_TYPE_PREFIX = 'S';

/** The GDS relationship type of the mentions and amplifications about one subject. */
export function subjectRelationshipType(subject: number): string {
  return `${SUBJECT_TYPE_PREFIX}${subject}`;
}

const SUBJECTS = `
  MATCH (s) WHERE s:Topic OR s:Product
  RETURN s.id AS id, CASE WHEN s:Topic THEN 'Topic' ELSE 'Product' END AS kind, s.name AS name
  ORDER BY s.id`;

// People who may be profiled (the consent index narrows the scan when consent is required; the
// policy's own predicate decides), in id order. People merged into another record are left out:
// their data moved to the survivor.
const PEOPLE = `
  CALL () {
    MATCH (:Consent {purpose: $consent.purpose})<-[:GAVE]-(candidate:Person)
    WHERE $consent.required
    RETURN DISTINCT candidate
    UNION
    MATCH (candidate:Person)
    WHERE NOT $consent.required
    RETURN candidate
  }
  WITH candidate AS p
  WHERE NOT EXISTS { (p)-[:MERGED_INTO]->(:Person) } AND ${consentAllows('p', 'consent')}
  RETURN 'Person' AS kind, p.id AS id, elementId(p) AS elementId,
    COLLECT { MATCH (p)<-[:OWNED_BY]-(a:SocialAccount)
              RETURN [elementId(a), coalesce(a.followers, 0)] } AS accounts,
    COLLECT { MATCH (p)<-[:OWNED_BY]-{0,1}(face)-[:PERFORMED]->(i:Interaction)-[:ABOUT]->(s)
              WHERE i.kind IN $speechKinds AND (s:Topic OR s:Product)
              RETURN $subjectIndex[s.id] } AS activity
  ORDER BY p.id`;

// Accounts nobody in the CRM owns: public voices the network counts, but nobody to score.
const OWNERLESS_ACCOUNTS = `
  MATCH (a:SocialAccount) WHERE NOT EXISTS { (a)-[:OWNED_BY]->(:Person) }
  RETURN 'SocialAccount' AS kind, a.id AS id, elementId(a) AS elementId, [] AS accounts,
    [] AS activity
  ORDER BY a.id`;

// The edges of the network, from each actor's faces (the person and their accounts) to the
// actor behind the face at the other end, found through $faceActor. Only faces of actors are in
// that map, so edges to people who may not be profiled, to merged records and to organizations
// fall away without a consent check per edge. Rows of one kind to one target are summed.
const EDGE_ROWS = `
  UNWIND $sources AS source
  CALL (source) {
    UNWIND source.faces AS faceElementId
    MATCH (face) WHERE elementId(face) = faceElementId
    CALL (face) {
      MATCH (face:SocialAccount)-[:FOLLOWS]->(followed:SocialAccount)
      RETURN 'FOLLOW' AS kind, followed AS targetFace, $weights.follow AS weight, [] AS subjects
      UNION ALL
      MATCH (face:Person)-[tie:${ANY_TIE}]-(other:Person)
      RETURN 'TIE' AS kind, other AS targetFace, $weights.tie * coalesce(tie.strength, 0.5) AS weight,
        [] AS subjects
      UNION ALL
      MATCH (face)-[:PERFORMED]->(i:Interaction)
      WHERE i.kind IN $speechKinds
      WITH i,
        0.5 ^ (CASE WHEN i.occurredAt.epochSeconds < $asOfSeconds
                    THEN $asOfSeconds - i.occurredAt.epochSeconds ELSE 0 END / $halfLifeSeconds) AS decay,
        [(i)-[:ABOUT]->(s) WHERE s:Topic OR s:Product | $subjectIndex[s.id]] AS about
      CALL (i, decay, about) {
        MATCH (i)-[:MENTIONS]->(mentioned)
        RETURN 'MENTION' AS kind, mentioned AS targetFace, $weights.mention * decay AS weight,
          about AS subjects
        UNION ALL
        MATCH (i)-[:REPLY_TO]->(post:Interaction)<-[:PERFORMED]-(author)
        WHERE i.kind IN $amplifyingKinds
        RETURN 'AMPLIFY' AS kind, author AS targetFace,
          (CASE i.kind WHEN 'SHARE' THEN $weights.share ELSE $weights.reply END) * decay AS weight,
          about + [(post)-[:ABOUT]->(s)
                   WHERE (s:Topic OR s:Product) AND NOT $subjectIndex[s.id] IN about
                   | $subjectIndex[s.id]] AS subjects
      }
      RETURN kind, targetFace, weight, subjects
    }
    WITH kind, toInteger($faceActor[elementId(targetFace)]) AS target, weight, subjects
    WHERE target IS NOT NULL AND target <> toInteger(source.index) AND weight > 0
    RETURN kind, target, sum(weight) AS weight, count(*) AS count, subjects
  }`;

const READ_EDGES = `${EDGE_ROWS}
  RETURN source.index AS source, kind, target, weight, count, subjects`;

// The same rows into a GDS graph: one relationship per row under its kind, and one more per
// subject it was about (type S<k>) for the subject-scoped measures. GDS reserves buffers per
// relationship type, property and reading thread (about 9 MiB each with one thread, four times that
// with the default four), hence few properties per type and one reading thread: the rows come from
// one Cypher query anyway. Node ids are the actor numbers.
const PROJECT_GDS = `${EDGE_ROWS}
  UNWIND [{type: kind, properties: {weight: weight, count: toFloat(count)}}]
    + [k IN subjects | {
        type: '${SUBJECT_TYPE_PREFIX}' + toString(toInteger(k)),
        properties: {
          weight: weight,
          amplifyWeight: CASE kind WHEN 'AMPLIFY' THEN weight ELSE 0.0 END,
          amplifyCount: CASE kind WHEN 'AMPLIFY' THEN toFloat(count) ELSE 0.0 END
        }
      }] AS relationship
  WITH gds.graph.project($graphName, toInteger(source.index), target, {
    relationshipType: relationship.type,
    relationshipProperties: relationship.properties
  }, {readConcurrency: 1}) AS graph
  RETURN graph.nodeCount AS nodeCount, graph.relationshipCount AS relationshipCount`;

const GDS_AVAILABLE = `
  SHOW PROCEDURES YIELD name
  WHERE name IN ['gds.pageRank.stream', 'gds.louvain.mutate', 'gds.degree.stream',
                 'gds.graph.relationships.toUndirected', 'gds.graph.drop']
  RETURN count(name) = 5 AS available`;

const GDS_RELATIONSHIP_TYPES = `
  CALL gds.graph.list($graphName) YIELD schemaWithOrientation
  RETURN keys(schemaWithOrientation.relationships) AS types`;

// One statement runs PageRank for every scope (the whole network, each topic and product): a
// recompute has one scope per subject. The scopes of subjects are small graphs, where setting up
// parallel tasks and progress logging cost more than the algorithm (three times as much on
// bench-M): they run on one thread, without progress logs.
const GDS_PAGE_RANKS = `
  UNWIND $jobs AS job
  CALL gds.pageRank.stream($graphName, {
    relationshipTypes: job.types, relationshipWeightProperty: 'weight',
    dampingFactor: $dampingFactor, maxIterations: $maxIterations, tolerance: $tolerance,
    concurrency: job.concurrency, logProgress: false
  }) YIELD nodeId, score
  WITH job, nodeId, score WHERE score > $floor
  RETURN job.key AS key, nodeId AS node, score`;

// The same for incoming relationships per node: counted, or summing a property.
const GDS_IN_DEGREES = `
  UNWIND $jobs AS job
  CALL gds.degree.stream($graphName,
    CASE WHEN job.property IS NULL
      THEN {relationshipTypes: job.types, orientation: 'REVERSE',
            concurrency: job.concurrency, logProgress: false}
      ELSE {relationshipTypes: job.types, orientation: 'REVERSE',
            concurrency: job.concurrency, logProgress: false,
            relationshipWeightProperty: job.property} END
  ) YIELD nodeId, score
  WITH job, nodeId, score WHERE score > 0
  RETURN job.key AS key, nodeId AS node, score`;

const GDS_TO_UNDIRECTED = `
  CALL gds.graph.relationships.toUndirected($graphName, {
    relationshipType: $type, mutateRelationshipType: $undirectedType, aggregation: 'SUM'
  }) YIELD relationshipsWritten
  RETURN relationshipsWritten`;

const GDS_LOUVAIN = `
  CALL gds.louvain.mutate($graphName, {
    relationshipTypes: $types, relationshipWeightProperty: 'weight', mutateProperty: 'community',
    maxLevels: $maxLevels, maxIterations: $maxIterations, tolerance: $tolerance, concurrency: 1,
    logProgress: false
  }) YIELD modularity
  RETURN modularity`;

const GDS_COMMUNITIES = `
  CALL gds.graph.nodeProperty.stream($graphName, 'community') YIELD nodeId, propertyValue
  RETURN nodeId AS node, propertyValue AS community`;

const GDS_DROP = `
  CALL gds.graph.drop($graphName, false) YIELD graphName
  RETURN graphName`;

/** Actor number and value from a GDS stream. */
export interface NodeValue {
  node: number;
  value: number;
}

/** One GDS algorithm call of a batch: its relationship types, and the property to sum if any. */
export interface GdsJob {
  key: string;
  types: readonly string[];
  property?: 'weight' | 'count' | 'amplifyWeight' | 'amplifyCount' | null;
  /** GDS threads for the call. */
  concurrency: number;
}

/** Sources per edge query: bounds each transaction and each result held in memory. */
const SOURCES_PER_QUERY = 10_000;

function toSubject(row: CypherRow, index: number): InfluenceSubject {
  return {
    index,
    id: String(row.id),
    kind: row.kind === 'Topic' ? 'Topic' : 'Product',
    name: String(row.name ?? row.id),
  };
}

function toActor(row: CypherRow, index: number): InfluenceActor {
  const accounts = Array.isArray(row.accounts) ? (row.accounts as [string, number][]) : [];
  const activity = new Map<number, number>();
  for (const subject of Array.isArray(row.activity) ? row.activity : []) {
    if (typeof subject === 'number') activity.set(subject, (activity.get(subject) ?? 0) + 1);
  }
  return {
    index,
    kind: row.kind as ActorKind,
    id: String(row.id),
    faces: [String(row.elementId), ...accounts.map(([elementId]) => elementId)],
    reportedFollowers: accounts.reduce((sum, [, followers]) => sum + Number(followers), 0),
    accounts: accounts.length,
    activity,
  };
}

function toEdgeRow(row: CypherRow): InfluenceEdgeRow {
  return {
    source: Number(row.source),
    target: Number(row.target),
    kind: row.kind as InfluenceEdgeKind,
    weight: Number(row.weight),
    count: Number(row.count),
    subjects: Array.isArray(row.subjects) ? row.subjects.map(Number) : [],
  };
}

function toNodeValues(rows: readonly CypherRow[], column: string): NodeValue[] {
  return rows.map((row) => ({ node: Number(row.node), value: Number(row[column]) }));
}

/** Rows of several GDS calls in one statement, grouped by the job they answer. */
function byJob(rows: readonly CypherRow[], column: string): Map<string, NodeValue[]> {
  const grouped = new Map<string, NodeValue[]>();
  for (const row of rows) {
    const key = String(row.key);
    const value = { node: Number(row.node), value: Number(row[column]) };
    const values = grouped.get(key);
    if (values === undefined) grouped.set(key, [value]);
    else values.push(value);
  }
  return grouped;
}

/**
 * The Cypher of a recompute's read side: what the network is made of, and the calls into Neo4j
 * Graph Data Science. GDS keeps projected graphs in memory on one server, so every GDS call runs as
 * a write transaction: in a cluster those all reach the leader, where the graph was projected.
 */
export class InfluenceGraphRepository {
  constructor(
    private readonly gateway: Neo4jGateway,
    private readonly settings: InfluenceSettings,
  ) {}

  async subjects(scope: OperationScope): Promise<InfluenceSubject[]> {
    const rows = await this.gateway.readStatement(scope, SUBJECTS);
    return rows.map(toSubject);
  }

  async actors(
    scope: OperationScope,
    consent: ConsentParam,
    subjects: readonly InfluenceSubject[],
  ): Promise<InfluenceActor[]> {
    const params = { consent, speechKinds: SPEECH_KINDS, subjectIndex: subjectIndex(subjects) };
    // One transaction: one consistent view of who takes part.
    const rows = await this.gateway.read(scope, async (runner) => [
      ...(await runner.run(PEOPLE, params)),
      ...(await runner.run(OWNERLESS_ACCOUNTS)),
    ]);
    return rows.map(toActor);
  }

  async edges(scope: OperationScope, projection: InfluenceProjection): Promise<InfluenceEdgeRow[]> {
    const { faceActor, sources } = faceMaps(projection);
    const edges: InfluenceEdgeRow[] = [];
    for (let start = 0; start < sources.length; start += SOURCES_PER_QUERY) {
      const rows = await this.gateway.readStatement(scope, READ_EDGES, {
        ...this.edgeParams(projection),
        faceActor,
        sources: sources.slice(start, start + SOURCES_PER_QUERY),
      });
      for (const row of rows) edges.push(toEdgeRow(row));
    }
    return edges;
  }

  async gdsAvailable(scope: OperationScope): Promise<boolean> {
    const rows = await this.gateway.readStatement(scope, GDS_AVAILABLE);
    return rows[0]?.available === true;
  }

  /** Projects the network into GDS; returns its size and relationship types. */
  async projectGds(
    scope: OperationScope,
    graphName: string,
    projection: InfluenceProjection,
  ): Promise<{ nodeCount: number; relationshipCount: number; types: string[] }> {
    const { faceActor, sources } = faceMaps(projection);
    return this.gateway.write(scope, async (runner) => {
      // A retried transaction finds the graph of its first attempt.
      await runner.run(GDS_DROP, { graphName });
      const [size] = await runner.run(PROJECT_GDS, {
        ...this.edgeParams(projection),
        faceActor,
        sources,
        graphName,
      });
      const [schema] = await runner.run(GDS_RELATIONSHIP_TYPES, { graphName });
      return {
        nodeCount: Number(size?.nodeCount ?? 0),
        relationshipCount: Number(size?.relationshipCount ?? 0),
        types: Array.isArray(schema?.types) ? schema.types.map(String) : [],
      };
    });
  }

  /**
   * PageRank over each job's relationship types, all in one statement; per job key, only the
   * actors above the floor.
   */
  async gdsPageRanks(
    scope: OperationScope,
    graphName: string,
    jobs: readonly GdsJob[],
  ): Promise<Map<string, NodeValue[]>> {
    if (jobs.length === 0) return new Map();
    const { dampingFactor, maxIterations, tolerance } = this.settings.pageRank;
    const rows = await this.gateway.write(scope, (runner) =>
      runner.run(GDS_PAGE_RANKS, {
        graphName,
        jobs: jobs.map(({ key, types, concurrency }) => ({
          key,
          types,
          concurrency: cypherInt(concurrency),
        })),
        dampingFactor,
        maxIterations: cypherInt(maxIterations),
        tolerance,
        floor: pageRankFloor(this.settings),
      }),
    );
    return byJob(rows, 'score');
  }

  /**
   * Incoming relationships per actor over each job's types, summing the job's property (or
   * counting them when it has none), all in one statement.
   */
  async gdsInDegrees(
    scope: OperationScope,
    graphName: string,
    jobs: readonly GdsJob[],
  ): Promise<Map<string, NodeValue[]>> {
    if (jobs.length === 0) return new Map();
    const rows = await this.gateway.write(scope, (runner) =>
      runner.run(GDS_IN_DEGREES, {
        graphName,
        jobs: jobs.map(({ key, types, property, concurrency }) => ({
          key,
          types,
          property: property ?? null,
          concurrency: cypherInt(concurrency),
        })),
      }),
    );
    return byJob(rows, 'score');
  }

  /** Louvain on the undirected view of the given types; communities per actor and modularity. */
  async gdsLouvain(
    scope: OperationScope,
    graphName: string,
    types: readonly string[],
  ): Promise<{ communities: NodeValue[]; modularity: number }> {
    const { maxLevels, maxIterations, tolerance } = this.settings.louvain;
    return this.gateway.write(scope, async (runner) => {
      const undirectedTypes: string[] = [];
      for (const type of types) {
        const undirectedType = `${type}_UNDIRECTED`;
        await runner.run(GDS_TO_UNDIRECTED, { graphName, type, undirectedType });
        undirectedTypes.push(undirectedType);
      }
      const [result] = await runner.run(GDS_LOUVAIN, {
        graphName,
        types: undirectedTypes,
        maxLevels: cypherInt(maxLevels),
        maxIterations: cypherInt(maxIterations),
        tolerance,
      });
      const rows = await runner.run(GDS_COMMUNITIES, { graphName });
      return {
        communities: toNodeValues(rows, 'community'),
        modularity: Number(result?.modularity ?? 0),
      };
    });
  }

  async dropGds(scope: OperationScope, graphName: string): Promise<void> {
    await this.gateway.write(scope, (runner) => runner.run(GDS_DROP, { graphName }));
  }

  private edgeParams(projection: InfluenceProjection) {
    const { edgeWeights, halfLifeDays } = this.settings;
    return {
      weights: edgeWeights,
      halfLifeSeconds: halfLifeDays * 86_400,
      asOfSeconds: projection.asOfSeconds,
      speechKinds: SPEECH_KINDS,
      amplifyingKinds: AMPLIFYING_KINDS,
      subjectIndex: subjectIndex(projection.subjects),
    };
  }
}

function subjectIndex(subjects: readonly InfluenceSubject[]): Record<string, number> {
  return Object.fromEntries(subjects.map((subject) => [subject.id, subject.index]));
}

/** Which actor each face belongs to, and each actor's faces, as the edge queries take them. */
function faceMaps(projection: InfluenceProjection) {
  const faceActor: Record<string, number> = {};
  const sources = projection.actors.map((actor) => {
    for (const face of actor.faces) faceActor[face] = actor.index;
    return { index: actor.index, faces: actor.faces };
  });
  return { faceActor, sources };
}
