import { type ConsentParam, consentAllows } from '../consent/consent-policy';
import type { CypherRunner, Neo4jGateway, OperationScope } from '../../core/neo4j/neo4j-gateway';
import { cypherInt } from '../../core/neo4j/neo4j-values';
import type { Platform } from '../social-accounts/social-account.type';
import type { WatchListRecord } from './watch-list.type';

/** A watch list as stored, without id and timestamps. */
export interface WatchListDefinition {
  name: string;
  keywords: string | null;
  platforms: Platform[];
  sentimentBelow: number | null;
  sentimentAbove: number | null;
  minInfluence: number | null;
  minFollowers: number | null;
  decisionMakerOrganizationId: string | null;
  decisionMakerMaxHops: number | null;
  customerWithOpenComplaint: boolean;
  active: boolean;
}

/** What the graph says about a new post's author, for conditions and the alert's explanation. */
export interface AuthorFacts {
  interactionId: string;
  influence: number | null;
  roles: Array<{ role: string; organizationId: string }>;
  customerWithOpenComplaint: boolean;
  /** Ties between the author and the nearest current decision maker, per organization asked. */
  decisionMakerHops: Map<string, number>;
}

export interface AuthorQuestion {
  interactionId: string;
  personId: string;
  decisionMakerOrganizationIds: string[];
}

const FIELDS = `w {.*} AS w`;

export function toWatchListRecord(w: Record<string, unknown>): WatchListRecord {
  const number = (value: unknown) => (typeof value === 'number' ? value : null);
  const organizationId =
    typeof w.decisionMakerOrganizationId === 'string' ? w.decisionMakerOrganizationId : null;
  return {
    id: String(w.id),
    name: String(w.name),
    keywords: typeof w.keywords === 'string' ? w.keywords : null,
    platforms: (w.platforms as Platform[] | null) ?? [],
    sentimentBelow: number(w.sentimentBelow),
    sentimentAbove: number(w.sentimentAbove),
    minInfluence: number(w.minInfluence),
    minFollowers: number(w.minFollowers),
    nearDecisionMakerOf:
      organizationId === null ? null : { organizationId, maxHops: Number(w.decisionMakerMaxHops) },
    customerWithOpenComplaint: w.customerWithOpenComplaint === true,
    active: w.active !== false,
    createdAt: String(w.createdAt),
    updatedAt: String(w.updatedAt),
  };
}

// The name is unique (migration 0009): MERGE on it makes a repeated create find the first list.
const CREATE = `
  MERGE (w:WatchList {name: $definition.name})
    ON CREATE SET w += $definition, w.id = randomUUID(), w.createdAt = datetime(),
                  w.updatedAt = datetime(), w.createdBy = $createdBy, w.creating = true
  WITH w, coalesce(w.creating, false) AS created
  REMOVE w.creating
  RETURN ${FIELDS}, created`;

const UPDATE = `
  MATCH (w:WatchList {id: $id})
  SET w += $definition, w.updatedAt = datetime()
  RETURN ${FIELDS}`;

const DELETE = `
  MATCH (w:WatchList {id: $id})
  DETACH DELETE w
  RETURN count(*) AS deleted`;

const FIND_BY_IDS = `
  UNWIND $ids AS id
  MATCH (w:WatchList {id: id})
  RETURN ${FIELDS}`;

const LIST = `
  MATCH (w:WatchList)
  WHERE $activeOnly = false OR w.active
  RETURN ${FIELDS}
  ORDER BY w.name
  LIMIT $limit`;

const ORGANIZATION_EXISTS = `
  MATCH (o:Organization {id: $id}) RETURN count(o) AS found`;

// Current: begun (or without a start) and not ended, as everywhere roles are read.
const CURRENT = (r: string) =>
  `(${r}.since IS NULL OR ${r}.since <= date()) AND (${r}.until IS NULL OR ${r}.until >= date())`;

const TIES = 'KNOWS|COLLEAGUE_OF|FAMILY_OF|FRIEND_OF|REFERRED|REPORTS_TO';

// One query for a whole batch of new posts, however many watch lists ask. Only authors the post
// may be attributed to (consent checked at ingest) are asked about. A tie path to a decision
// maker only runs through people whose consent covers social monitoring, as every path here does.
const AUTHOR_FACTS = `
  UNWIND $questions AS question
  MATCH (p:Person {id: question.personId})
  RETURN question.interactionId AS interactionId,
    p.influenceScore AS influence,
    COLLECT {
      MATCH (p)-[r:HAS_ROLE]->(o:Organization)
      WHERE ${CURRENT('r')}
      RETURN {role: r.role, organizationId: o.id}
    } AS roles,
    EXISTS {
      MATCH (p)-[r:HAS_ROLE {role: 'CUSTOMER'}]->(:Organization)
      WHERE ${CURRENT('r')}
    } AND EXISTS {
      MATCH (p)-[:PERFORMED]->(complaint:Interaction {kind: 'COMPLAINT'})
      WHERE coalesce(complaint.status, 'OPEN') <> 'RESOLVED'
    } AS customerWithOpenComplaint,
    [organizationId IN question.decisionMakerOrganizationIds | {
      organizationId: organizationId,
      hops: COLLECT {
        MATCH (dm:Person)-[r:HAS_ROLE {role: 'DECISION_MAKER'}]->(:Organization {id: organizationId})
        WHERE ${CURRENT('r')} AND ${consentAllows('dm', 'monitoring')}
        CALL (p, dm) {
          WITH p, dm WHERE p = dm
          RETURN 0 AS hops
          UNION
          WITH p, dm WHERE p <> dm
          MATCH path = shortestPath((p)-[:${TIES}*..3]-(dm))
          WHERE all(n IN nodes(path) WHERE ${consentAllows('n', 'monitoring')})
          RETURN length(path) AS hops
        }
        RETURN hops ORDER BY hops LIMIT 1
      }[0]
    }] AS decisionMakerHops`;

export class WatchListRepository {
  constructor(private readonly gateway: Neo4jGateway) {}

  /** Creates the list, or returns the one with this name and `created: false`. */
  async create(
    scope: OperationScope,
    definition: WatchListDefinition,
    createdBy: string | null,
  ): Promise<{ list: WatchListRecord; created: boolean }> {
    const [row] = await this.gateway.write(scope, (runner) =>
      runner.run(CREATE, { definition, createdBy }),
    );
    if (row === undefined) throw new Error('MERGE returned no row');
    return {
      list: toWatchListRecord(row.w as Record<string, unknown>),
      created: row.created === true,
    };
  }

  async update(
    scope: OperationScope,
    id: string,
    definition: WatchListDefinition,
  ): Promise<WatchListRecord | null> {
    const [row] = await this.gateway.write(scope, (runner) =>
      runner.run(UPDATE, { id, definition }),
    );
    return row === undefined ? null : toWatchListRecord(row.w as Record<string, unknown>);
  }

  async delete(scope: OperationScope, id: string): Promise<boolean> {
    const rows = await this.gateway.write(scope, (runner) => runner.run(DELETE, { id }));
    return Number(rows[0]?.deleted ?? 0) > 0;
  }

  async findByIds(
    scope: OperationScope,
    ids: readonly string[],
  ): Promise<Map<string, WatchListRecord>> {
    const rows = await this.gateway.readStatement(scope, FIND_BY_IDS, { ids });
    return new Map(
      rows
        .map((row) => toWatchListRecord(row.w as Record<string, unknown>))
        .map((list) => [list.id, list]),
    );
  }

  async list(
    scope: OperationScope,
    activeOnly: boolean,
    limit: number,
  ): Promise<WatchListRecord[]> {
    const rows = await this.gateway.readStatement(scope, LIST, {
      activeOnly,
      limit: cypherInt(limit),
    });
    return rows.map((row) => toWatchListRecord(row.w as Record<string, unknown>));
  }

  async organizationExists(scope: OperationScope, id: string): Promise<boolean> {
    const rows = await this.gateway.readStatement(scope, ORGANIZATION_EXISTS, { id });
    return Number(rows[0]?.found ?? 0) > 0;
  }

  /** Runs inside the ingest transaction, so it sees the posts and accounts just written. */
  static async authorFacts(
    runner: CypherRunner,
    questions: readonly AuthorQuestion[],
    monitoring: ConsentParam,
  ): Promise<Map<string, AuthorFacts>> {
    if (questions.length === 0) return new Map();
    const rows = await runner.run(AUTHOR_FACTS, { questions, monitoring });
    return new Map(
      rows.map((row) => {
        const hops = (row.decisionMakerHops as Array<{ organizationId: string; hops: unknown }>)
          .filter((entry) => entry.hops !== null && entry.hops !== undefined)
          .map((entry): [string, number] => [entry.organizationId, Number(entry.hops)]);
        return [
          String(row.interactionId),
          {
            interactionId: String(row.interactionId),
            influence: typeof row.influence === 'number' ? row.influence : null,
            roles: row.roles as AuthorFacts['roles'],
            customerWithOpenComplaint: row.customerWithOpenComplaint === true,
            decisionMakerHops: new Map(hops),
          },
        ];
      }),
    );
  }
}
