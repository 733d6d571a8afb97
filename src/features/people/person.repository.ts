import type { CypherRow, Neo4jGateway, OperationScope } from '../../core/neo4j/neo4j-gateway';
import { cypherInt } from '../../core/neo4j/neo4j-values';
import { propertyChanges } from '../../core/neo4j/property-changes';
import { upsertByExternalKeyQuery } from '../shared/external-key.cypher';
import type { PageRequest } from '../../core/pagination/page-request';
import type { RoleType } from '../roles/role.type';
import type { Platform } from '../social-accounts/social-account.type';
import { type CreatePersonInput, PersonSort, type UpdatePersonInput } from './person.input';
import type { Person } from './person.type';

const UPDATABLE: readonly (keyof UpdatePersonInput)[] = ['name', 'email', 'phone', 'locale'];

/** A role condition with every part present (null = any), as the Cypher expects. */
export interface RoleCondition {
  role: RoleType;
  organizationId: string | null;
  current: boolean | null;
  activeFrom: string | null;
  activeTo: string | null;
}

export interface PersonQuery {
  /** A Lucene query built by the service from the user's words, or null. */
  fulltext: string | null;
  roles: readonly RoleCondition[];
  email: string | null;
  platform: Platform | null;
  interestedInId: string | null;
  sort: PersonSort;
}

export interface PersonRow extends Person {
  score: number | null;
}

/** A row with the person node as `p` (and a search score as `score`, when there is one). */
export function toPerson(row: CypherRow): PersonRow {
  const p = row.p as Record<string, unknown>;
  return {
    id: String(p.id),
    name: String(p.name),
    email: typeof p.email === 'string' ? p.email : null,
    phone: typeof p.phone === 'string' ? p.phone : null,
    locale: typeof p.locale === 'string' ? p.locale : null,
    createdAt: String(p.createdAt),
    updatedAt: String(p.updatedAt),
    influenceScore: typeof p.influenceScore === 'number' ? p.influenceScore : null,
    influenceComputedAt: typeof p.influenceComputedAt === 'string' ? p.influenceComputedAt : null,
    score: typeof row.score === 'number' ? row.score : null,
  };
}

function properties(input: CreatePersonInput): Record<string, unknown> {
  return {
    name: input.name,
    email: input.email ?? null,
    phone: input.phone ?? null,
    locale: input.locale ?? null,
  };
}

const FIND_BY_IDS = `
  UNWIND $ids AS id
  MATCH (p:Person {id: id})
  RETURN p`;

const CREATE = `
  CREATE (p:Person {id: randomUUID(), createdAt: datetime(), updatedAt: datetime()})
  SET p += $properties
  RETURN p`;

const UPSERT_BY_EXTERNAL_KEY = upsertByExternalKeyQuery('Person', 'p');

const UPDATE = `
  MATCH (p:Person {id: $id})
  SET p += $changes, p.updatedAt = datetime()
  RETURN p`;

const DELETE = `
  MATCH (p:Person {id: $id})
  OPTIONAL MATCH (k:ExternalKey)-[:IDENTIFIES]->(p)
  DETACH DELETE k, p
  RETURN count(*) AS deleted`;

// Each role condition must be met by one HAS_ROLE of the person. Conditions arrive as parameters
// (a list for roles, null for "any"), so the query text never changes with the input.
const PERSON_CONDITIONS = `
  ALL(c IN $roles WHERE EXISTS {
    MATCH (p)-[r:HAS_ROLE]->(o:Organization)
    WHERE r.role = c.role
      AND (c.organizationId IS NULL OR o.id = c.organizationId)
      AND (coalesce(c.current, false) = false
           OR ((r.since IS NULL OR r.since <= date()) AND (r.until IS NULL OR r.until >= date())))
      AND (c.activeFrom IS NULL OR r.until IS NULL OR r.until >= date(c.activeFrom))
      AND (c.activeTo IS NULL OR r.since IS NULL OR r.since <= date(c.activeTo))
  })
  AND ($email IS NULL OR p.email = $email)
  AND ($platform IS NULL OR EXISTS { (p)<-[:OWNED_BY]-(:SocialAccount {platform: $platform}) })
  AND ($interestedInId IS NULL OR EXISTS {
        MATCH (p)-[:INTERESTED_IN]->(subject) WHERE subject.id = $interestedInId })`;

const ALL_PEOPLE = `MATCH (p:Person) WHERE ${PERSON_CONDITIONS}`;
const SEARCHED_PEOPLE = `
  CALL db.index.fulltext.queryNodes('person_name_fulltext', $fulltext) YIELD node AS p, score
  WHERE ${PERSON_CONDITIONS}`;

const PAGES: Readonly<Record<PersonSort, string>> = {
  [PersonSort.NAME]: `
    AND ($afterId IS NULL OR p.name > $afterValue OR (p.name = $afterValue AND p.id > $afterId))
    RETURN p ORDER BY p.name, p.id LIMIT $limit`,
  [PersonSort.NEWEST]: `
    AND ($afterId IS NULL OR p.createdAt < datetime($afterValue)
         OR (p.createdAt = datetime($afterValue) AND p.id > $afterId))
    RETURN p ORDER BY p.createdAt DESC, p.id LIMIT $limit`,
  [PersonSort.RELEVANCE]: `
    AND ($afterId IS NULL OR score < $afterValue OR (score = $afterValue AND p.id > $afterId))
    RETURN p, score ORDER BY score DESC, p.id LIMIT $limit`,
};

export class PersonRepository {
  constructor(private readonly gateway: Neo4jGateway) {}

  async findByIds(scope: OperationScope, ids: readonly string[]): Promise<Map<string, Person>> {
    const rows = await this.gateway.readStatement(scope, FIND_BY_IDS, { ids });
    return new Map(rows.map(toPerson).map((person) => [person.id, person]));
  }

  async create(scope: OperationScope, input: CreatePersonInput): Promise<Person> {
    const rows = await this.gateway.write(scope, (runner) =>
      runner.run(CREATE, { properties: properties(input) }),
    );
    return toPerson(rows[0] ?? {});
  }

  async upsertByExternalKey(
    scope: OperationScope,
    key: { key: string; system: string; externalId: string },
    input: CreatePersonInput,
  ): Promise<Person> {
    const rows = await this.gateway.write(scope, (runner) =>
      runner.run(UPSERT_BY_EXTERNAL_KEY, { ...key, properties: properties(input) }),
    );
    return toPerson(rows[0] ?? {});
  }

  async update(
    scope: OperationScope,
    id: string,
    input: UpdatePersonInput,
  ): Promise<Person | null> {
    const changes = propertyChanges(input, UPDATABLE);
    const rows = await this.gateway.write(scope, (runner) => runner.run(UPDATE, { id, changes }));
    return rows[0] === undefined ? null : toPerson(rows[0]);
  }

  async delete(scope: OperationScope, id: string): Promise<boolean> {
    const rows = await this.gateway.write(scope, (runner) => runner.run(DELETE, { id }));
    return Number(rows[0]?.deleted ?? 0) > 0;
  }

  async list(
    scope: OperationScope,
    query: PersonQuery,
    page: PageRequest,
  ): Promise<{ rows: PersonRow[]; total: number }> {
    const matching = query.fulltext === null ? ALL_PEOPLE : SEARCHED_PEOPLE;
    const params = {
      fulltext: query.fulltext,
      roles: query.roles,
      email: query.email,
      platform: query.platform,
      interestedInId: query.interestedInId,
    };
    return this.gateway.read(scope, async (runner) => {
      const [count] = await runner.run(`${matching} RETURN count(p) AS total`, params);
      const rows = await runner.run(`${matching} ${PAGES[query.sort]}`, {
        ...params,
        afterValue: page.after?.sortValue ?? null,
        afterId: page.after?.id ?? null,
        limit: cypherInt(page.first + 1),
      });
      return { rows: rows.map(toPerson), total: Number(count?.total ?? 0) };
    });
  }
}
