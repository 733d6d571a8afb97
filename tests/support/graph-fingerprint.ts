import type { Neo4jGateway } from '../../src/core/neo4j/neo4j-gateway';

/** One node or relationship as the fingerprint sees it: identity, labels or type, properties. */
export interface FingerprintEntry {
  elementId: string;
  /** Sorted labels of a node, or the type of a relationship. */
  kind: string;
  /** The `id` property, which the API uses to name things. */
  id: string | null;
  /** Properties, serialised with sorted keys; long strings abbreviated (start, length, end). */
  properties: string;
  /** Relationships only: element ids of the start and end node. */
  start?: string;
  end?: string;
}

export interface GraphFingerprint {
  nodes: Map<string, FingerprintEntry>;
  relationships: Map<string, FingerprintEntry>;
}

export interface GraphDiff {
  created: FingerprintEntry[];
  deleted: FingerprintEntry[];
  changed: Array<{ before: FingerprintEntry; after: FingerprintEntry }>;
}

export interface FingerprintDiff {
  nodes: GraphDiff;
  relationships: GraphDiff;
}

// Test bookkeeping is not data, nor is the link journal (every write that changes links leaves an
// entry). Audit records (if the audit log writes on reads) are excluded too: reading personal data
// is meant to leave one.
const isData = (variable: string) => `NOT ${variable}:SchemaMigration
  AND NOT ${variable}:TestDatabaseMarker
  AND NOT ${variable}:LinkChange
  AND NOT ${variable}:LinkJournalProbe
  AND none(label IN labels(${variable}) WHERE label STARTS WITH 'Audit')`;

// Strings over 300 characters become start + length + end, so a fuzzed 100 kB value stored a
// hundred times does not make every fingerprint megabytes long.
const PROPERTIES = (variable: string) => `[key IN keys(${variable}) | [key,
  CASE WHEN ${variable}[key] IS :: STRING AND size(${variable}[key]) > 300
       THEN left(${variable}[key], 100) + '…' + size(${variable}[key]) + '…' + right(${variable}[key], 100)
       ELSE ${variable}[key] END]]`;

const NODES = `
  MATCH (n) WHERE ${isData('n')}
  RETURN elementId(n) AS elementId, labels(n) AS labels, n.id AS id, ${PROPERTIES('n')} AS properties`;

const RELATIONSHIPS = `
  MATCH (n)-[r]->(m) WHERE ${isData('n')} AND ${isData('m')}
  RETURN elementId(r) AS elementId, type(r) AS type, r.id AS id, elementId(n) AS start,
         elementId(m) AS end, ${PROPERTIES('r')} AS properties`;

function serialise(pairs: unknown): string {
  const entries = (pairs as Array<[string, unknown]>)
    .slice()
    .sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify(entries);
}

function textOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** Every node and relationship of the graph (but test bookkeeping) with all its properties. */
export async function takeFingerprint(gateway: Neo4jGateway): Promise<GraphFingerprint> {
  return gateway.read({ operationName: 'graphFingerprint' }, async (runner) => {
    const nodes = new Map<string, FingerprintEntry>();
    for (const row of await runner.run(NODES)) {
      const elementId = String(row.elementId);
      nodes.set(elementId, {
        elementId,
        kind: (row.labels as string[]).slice().sort().join(':'),
        id: textOrNull(row.id),
        properties: serialise(row.properties),
      });
    }
    const relationships = new Map<string, FingerprintEntry>();
    for (const row of await runner.run(RELATIONSHIPS)) {
      const elementId = String(row.elementId);
      relationships.set(elementId, {
        elementId,
        kind: String(row.type),
        id: textOrNull(row.id),
        start: String(row.start),
        end: String(row.end),
        properties: serialise(row.properties),
      });
    }
    return { nodes, relationships };
  });
}

function diffEntries(
  before: Map<string, FingerprintEntry>,
  after: Map<string, FingerprintEntry>,
): GraphDiff {
  const diff: GraphDiff = { created: [], deleted: [], changed: [] };
  for (const [elementId, entry] of after) {
    const previous = before.get(elementId);
    if (previous === undefined) diff.created.push(entry);
    else if (previous.kind !== entry.kind || previous.properties !== entry.properties) {
      diff.changed.push({ before: previous, after: entry });
    }
  }
  for (const [elementId, entry] of before) {
    if (!after.has(elementId)) diff.deleted.push(entry);
  }
  return diff;
}

export function diffFingerprints(
  before: GraphFingerprint,
  after: GraphFingerprint,
): FingerprintDiff {
  return {
    nodes: diffEntries(before.nodes, after.nodes),
    relationships: diffEntries(before.relationships, after.relationships),
  };
}

export function isUnchanged(diff: FingerprintDiff): boolean {
  return [diff.nodes, diff.relationships].every(
    (part) => part.created.length + part.deleted.length + part.changed.length === 0,
  );
}
