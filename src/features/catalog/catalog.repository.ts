import type { CypherRow, Neo4jGateway, OperationScope } from '../../core/neo4j/neo4j-gateway';
import { cypherInt } from '../../core/neo4j/neo4j-values';
import type { PageRequest } from '../../core/pagination/page-request';
import { CATALOG_LABELS, type CatalogKind, type CatalogRecord } from './catalog.type';

export interface CatalogFields {
  name: string;
  sku?: string | null;
  startsOn?: string | null;
  endsOn?: string | null;
  /** Topics and products only; null on update leaves a topic's keywords as they are. */
  keywords?: readonly string[] | null;
}

const KINDS = Object.keys(CATALOG_LABELS) as CatalogKind[];

export function toRecord(row: CypherRow): CatalogRecord {
  const n = row.n as Record<string, unknown>;
  return {
    kind: row.kind as CatalogKind,
    id: String(n.id),
    name: String(n.name),
    sku: typeof n.sku === 'string' ? n.sku : null,
    startsOn: typeof n.startsOn === 'string' ? n.startsOn : null,
    endsOn: typeof n.endsOn === 'string' ? n.endsOn : null,
    keywords: Array.isArray(n.keywords) ? n.keywords.map(String) : [],
  };
}

/** One query text per kind, built once from the label allow-list. */
function perKind(build: (label: string) => string): Readonly<Record<CatalogKind, string>> {
  return Object.fromEntries(KINDS.map((kind) => [kind, build(CATALOG_LABELS[kind])])) as Record<
    CatalogKind,
    string
  >;
}

// One indexed lookup per label: a label-less MATCH on id would scan every node.
const FIND_BY_IDS = `
  UNWIND $ids AS id
  CALL (id) {
    MATCH (n:Topic {id: id}) RETURN n, 'Topic' AS kind
    UNION
    MATCH (n:Product {id: id}) RETURN n, 'Product' AS kind
    UNION
    MATCH (n:Campaign {id: id}) RETURN n, 'Campaign' AS kind
  }
  RETURN n, kind`;

const CREATE = perKind(
  (label) => `
  CREATE (n:${label} {id: randomUUID(), createdAt: datetime(), updatedAt: datetime()})
  SET n.name = $name, n.sku = $sku, n.startsOn = date($startsOn), n.endsOn = date($endsOn),
      n.keywords = $keywords
  RETURN n, '${label}' AS kind`,
);

// Topic names are unique (constraint topic_name_unique): MERGE makes naming a topic idempotent
// and race-safe, so ingest can name topics freely.
// Keywords given replace the topic's; none given leave them as they are.
const UPSERT_TOPIC = `
  MERGE (n:Topic {name: $name})
    ON CREATE SET n.id = randomUUID(), n.createdAt = datetime(), n.updatedAt = datetime()
  FOREACH (_ IN CASE WHEN $keywords IS NULL OR coalesce(n.keywords, []) = $keywords
                     THEN [] ELSE [1] END |
    SET n.keywords = CASE WHEN size($keywords) = 0 THEN null ELSE $keywords END,
        n.updatedAt = datetime())
  RETURN n, 'Topic' AS kind`;

const UPDATE = perKind(
  (label) => `
  MATCH (n:${label} {id: $id})
  SET n.name = $name, n.sku = $sku, n.startsOn = date($startsOn), n.endsOn = date($endsOn),
      n.keywords = $keywords, n.updatedAt = datetime()
  RETURN n, '${label}' AS kind`,
);

const DELETE = perKind(
  (label) => `
  MATCH (n:${label} {id: $id})
  DETACH DELETE n
  RETURN count(*) AS deleted`,
);

const FILTER = perKind(
  (label) => `
  MATCH (n:${label})
  WHERE $nameContains IS NULL OR toLower(n.name) CONTAINS toLower($nameContains)`,
);

export class CatalogRepository {
  constructor(private readonly gateway: Neo4jGateway) {}

  async findByIds(
    scope: OperationScope,
    ids: readonly string[],
  ): Promise<Map<string, CatalogRecord>> {
    const rows = await this.gateway.readStatement(scope, FIND_BY_IDS, { ids });
    return new Map(rows.map(toRecord).map((record) => [record.id, record]));
  }

  async create(
    scope: OperationScope,
    kind: CatalogKind,
    fields: CatalogFields,
  ): Promise<CatalogRecord> {
    const rows = await this.gateway.write(scope, (runner) =>
      runner.run(CREATE[kind], params(fields)),
    );
    return toRecord(rows[0] ?? {});
  }

  async upsertTopic(
    scope: OperationScope,
    name: string,
    keywords: readonly string[] | null,
  ): Promise<CatalogRecord> {
    const rows = await this.gateway.write(scope, (runner) =>
      runner.run(UPSERT_TOPIC, { name, keywords }),
    );
    return toRecord(rows[0] ?? {});
  }

  async update(
    scope: OperationScope,
    kind: CatalogKind,
    id: string,
    fields: CatalogFields,
  ): Promise<CatalogRecord | null> {
    const rows = await this.gateway.write(scope, (runner) =>
      runner.run(UPDATE[kind], { id, ...params(fields) }),
    );
    return rows[0] === undefined ? null : toRecord(rows[0]);
  }

  async delete(scope: OperationScope, kind: CatalogKind, id: string): Promise<boolean> {
    const rows = await this.gateway.write(scope, (runner) => runner.run(DELETE[kind], { id }));
    return Number(rows[0]?.deleted ?? 0) > 0;
  }

  async list(
    scope: OperationScope,
    kind: CatalogKind,
    nameContains: string | null,
    page: PageRequest,
  ): Promise<{ rows: CatalogRecord[]; total: number }> {
    return this.gateway.read(scope, async (runner) => {
      const [count] = await runner.run(`${FILTER[kind]} RETURN count(n) AS total`, {
        nameContains,
      });
      const rows = await runner.run(
        `${FILTER[kind]}
           AND ($afterId IS NULL OR n.name > $afterValue OR (n.name = $afterValue AND n.id > $afterId))
         RETURN n, '${CATALOG_LABELS[kind]}' AS kind ORDER BY n.name, n.id LIMIT $limit`,
        {
          nameContains,
          afterValue: page.after?.sortValue ?? null,
          afterId: page.after?.id ?? null,
          limit: cypherInt(page.first + 1),
        },
      );
      return { rows: rows.map(toRecord), total: Number(count?.total ?? 0) };
    });
  }
}

function params(fields: CatalogFields) {
  return {
    name: fields.name,
    sku: fields.sku ?? null,
    startsOn: fields.startsOn ?? null,
    endsOn: fields.endsOn ?? null,
    // An empty list is no keywords: the property is removed rather than kept empty.
    keywords:
      fields.keywords === undefined || fields.keywords?.length === 0 ? null : fields.keywords,
  };
}
