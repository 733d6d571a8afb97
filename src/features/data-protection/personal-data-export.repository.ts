import type { CypherRow, Neo4jGateway, OperationScope } from '../../core/neo4j/neo4j-gateway';

/**
 * Everything held about one person, as raw rows: the person, every relationship of the person,
 * of the records merged into them, of their social accounts and of the interactions they or their
 * accounts performed — one hop around each. Redaction happens in the service.
 */
const SUBJECT = `
  MATCH (p:Person {id: $personId})
  RETURN labels(p) AS labels, properties(p) AS properties`;

// Each row: the relationship seen from an anchor (the person, a merged record, an own account or
// an own interaction) and the node at its other end, with whether that node is the subject's own.
const AROUND = `
  MATCH (p:Person {id: $personId})
  CALL (p) {
    WITH p
    OPTIONAL MATCH (m:MergedPerson)-[:MERGED_INTO]->(p)
    WITH p, collect(m) AS merged
    OPTIONAL MATCH (a:SocialAccount)-[:OWNED_BY]->(p)
    WITH p, merged, collect(a) AS accounts
    OPTIONAL MATCH (actor)-[:PERFORMED]->(i:Interaction) WHERE actor = p OR actor IN accounts
    WITH p, merged, accounts, collect(DISTINCT i) AS interactions
    UNWIND [{kind: 'person', node: p}] + [m IN merged | {kind: 'mergedRecord', node: m}]
         + [a IN accounts | {kind: 'account', node: a}]
         + [i IN interactions | {kind: 'interaction', node: i}] AS anchor
    RETURN anchor, [p] + merged + accounts + interactions AS own
  }
  WITH p, anchor, own, anchor.node AS from
  MATCH (from)-[r]-(other)
  WHERE NOT (anchor.kind <> 'person' AND other = p)
  RETURN anchor.kind AS anchorKind, from.id AS anchorId, type(r) AS type,
         startNode(r) = from AS outgoing, properties(r) AS relationshipProperties,
         labels(other) AS labels, properties(other) AS properties,
         other IN own OR (anchor.kind IN ['person', 'mergedRecord'] AND type(r) IN $ownedVia) AS own`;

/** Nodes reached from the person this way are the person's own records (consents, keys). */
const OWNED_VIA = ['GAVE', 'IDENTIFIES'];

const AUDIT = `
  MATCH (a:AuditEntry) WHERE $personId IN a.subjectIds
  RETURN a.at AS at, a.action AS action, a.operation AS operation, a.roles AS roles
  ORDER BY a.at DESC`;

export interface ExportRows {
  subject: CypherRow | null;
  around: CypherRow[];
  audit: CypherRow[];
}

export class PersonalDataExportRepository {
  constructor(private readonly gateway: Neo4jGateway) {}

  /** One read transaction, so the parts agree with each other. */
  load(scope: OperationScope, personId: string): Promise<ExportRows> {
    return this.gateway.read(scope, async (runner) => {
      const [subject] = await runner.run(SUBJECT, { personId });
      if (subject === undefined) return { subject: null, around: [], audit: [] };
      return {
        subject,
        around: await runner.run(AROUND, { personId, ownedVia: OWNED_VIA }),
        audit: await runner.run(AUDIT, { personId }),
      };
    });
  }
}
