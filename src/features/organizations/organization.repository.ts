import type { CypherRow, Neo4jGateway, OperationScope } from '../../core/neo4j/neo4j-gateway';
import { propertyChanges } from '../../core/neo4j/property-changes';
import { cypherInt } from '../../core/neo4j/neo4j-values';
import { upsertByExternalKeyQuery } from '../shared/external-key.cypher';
import type { PageRequest } from '../../core/pagination/page-request';
import { type CreateOrganizationInput, type UpdateOrganizationInput } from './organization.input';
import { type Organization, OrganizationKind } from './organization.type';

export const OWN_ORGANIZATION_ID = 'own-organization';

const UPDATABLE: readonly (keyof UpdateOrganizationInput)[] = ['name', 'kind', 'domain'];

export interface OrganizationFilter {
  nameContains?: string | null;
  kind?: OrganizationKind | null;
}

/** The properties `toOrganization` reads, for queries that return organizations inside maps. */
export const ORGANIZATION_PROPERTIES = '.id, .name, .kind, .domain, .isOwnOrganization';

export function toOrganization(row: CypherRow): Organization {
  const o = row.o as Record<string, unknown>;
  return {
    id: String(o.id),
    name: String(o.name),
    kind: (o.kind as OrganizationKind | undefined) ?? OrganizationKind.OTHER,
    domain: typeof o.domain === 'string' ? o.domain : null,
    isOwnOrganization: o.isOwnOrganization === true,
  };
}

const FIND_BY_IDS = `
  UNWIND $ids AS id
  MATCH (o:Organization {id: id})
  RETURN o`;

const CREATE = `
  CREATE (o:Organization {id: randomUUID(), createdAt: datetime(), updatedAt: datetime()})
  SET o += $properties
  RETURN o`;

const UPSERT_BY_EXTERNAL_KEY = upsertByExternalKeyQuery('Organization', 'o');

const UPDATE = `
  MATCH (o:Organization {id: $id})
  SET o += $changes, o.updatedAt = datetime()
  RETURN o`;

// Keys and roles go with the organization; people stay.
const DELETE = `
  MATCH (o:Organization {id: $id})
  OPTIONAL MATCH (k:ExternalKey)-[:IDENTIFIES]->(o)
  DETACH DELETE k, o
  RETURN count(*) AS deleted`;

const ENSURE_OWN = `
  MERGE (o:Organization {id: $id})
    ON CREATE SET o.name = $name, o.kind = 'COMPANY', o.isOwnOrganization = true,
                  o.createdAt = datetime(), o.updatedAt = datetime()
  RETURN o`;

const FILTER = `
  MATCH (o:Organization)
  WHERE ($nameContains IS NULL OR toLower(o.name) CONTAINS toLower($nameContains))
    AND ($kind IS NULL OR o.kind = $kind)`;

const COUNT = `${FILTER} RETURN count(o) AS total`;

const PAGE = `${FILTER}
    AND ($afterName IS NULL OR o.name > $afterName OR (o.name = $afterName AND o.id > $afterId))
  RETURN o ORDER BY o.name, o.id LIMIT $limit`;

export class OrganizationRepository {
  constructor(private readonly gateway: Neo4jGateway) {}

  async findByIds(
    scope: OperationScope,
    ids: readonly string[],
  ): Promise<Map<string, Organization>> {
    const rows = await this.gateway.readStatement(scope, FIND_BY_IDS, { ids });
    return new Map(rows.map((row) => toOrganization(row)).map((o) => [o.id, o]));
  }

  async create(scope: OperationScope, input: CreateOrganizationInput): Promise<Organization> {
    const properties = { name: input.name, kind: input.kind, domain: input.domain ?? null };
    const rows = await this.gateway.write(scope, (runner) => runner.run(CREATE, { properties }));
    return toOrganization(rows[0] ?? {});
  }

  async upsertByExternalKey(
    scope: OperationScope,
    key: { key: string; system: string; externalId: string },
    input: CreateOrganizationInput,
  ): Promise<Organization> {
    const properties = { name: input.name, kind: input.kind, domain: input.domain ?? null };
    const rows = await this.gateway.write(scope, (runner) =>
      runner.run(UPSERT_BY_EXTERNAL_KEY, { ...key, properties }),
    );
    return toOrganization(rows[0] ?? {});
  }

  async update(
    scope: OperationScope,
    id: string,
    input: UpdateOrganizationInput,
  ): Promise<Organization | null> {
    const changes = propertyChanges(input, UPDATABLE);
    const rows = await this.gateway.write(scope, (runner) => runner.run(UPDATE, { id, changes }));
    return rows[0] === undefined ? null : toOrganization(rows[0]);
  }

  async delete(scope: OperationScope, id: string): Promise<boolean> {
    const rows = await this.gateway.write(scope, (runner) => runner.run(DELETE, { id }));
    return Number(rows[0]?.deleted ?? 0) > 0;
  }

  async ensureOwnOrganization(scope: OperationScope, name: string): Promise<Organization> {
    const rows = await this.gateway.write(scope, (runner) =>
      runner.run(ENSURE_OWN, { id: OWN_ORGANIZATION_ID, name }),
    );
    return toOrganization(rows[0] ?? {});
  }

  async list(
    scope: OperationScope,
    filter: OrganizationFilter,
    page: PageRequest,
  ): Promise<{ rows: Organization[]; total: number }> {
    const params = { nameContains: filter.nameContains ?? null, kind: filter.kind ?? null };
    return this.gateway.read(scope, async (runner) => {
      const [count] = await runner.run(COUNT, params);
      const rows = await runner.run(PAGE, {
        ...params,
        afterName: page.after?.sortValue ?? null,
        afterId: page.after?.id ?? null,
        limit: cypherInt(page.first + 1),
      });
      return { rows: rows.map(toOrganization), total: Number(count?.total ?? 0) };
    });
  }
}
