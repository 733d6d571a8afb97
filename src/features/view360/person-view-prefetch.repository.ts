import type { CypherRow, Neo4jGateway, OperationScope } from '../../core/neo4j/neo4j-gateway';
import { cypherInt } from '../../core/neo4j/neo4j-values';
import { toRecord as toCatalogRecord } from '../catalog/catalog.repository';
import type { CatalogKind, CatalogRecord } from '../catalog/catalog.type';
import { toSameAs } from '../identity/identity.repository';
import type { SameAsRecord } from '../identity/identity.type';
import { toRecord as toInteractionRecord } from '../interactions/interaction.repository';
import type { InteractionRecord } from '../interactions/interaction.type';
import { toOrganization } from '../organizations/organization.repository';
import type { Organization } from '../organizations/organization.type';
import { toPerson } from '../people/person.repository';
import type { Person } from '../people/person.type';
import { toRecord as toRoleRecord } from '../roles/role.repository';
import type { RoleRecord } from '../roles/role.type';
import { toRecord as toAccountRecord } from '../social-accounts/social-account.repository';
import type { SocialAccountRecord } from '../social-accounts/social-account.type';
import { toRecord as toStaffUserRecord } from '../staff/staff-user.repository';
import type { StaffUserRecord } from '../staff/staff-user.type';
import { toRecord as toTieRecord } from '../ties/tie.repository';
import type { TieRecord } from '../ties/tie.type';
import { insightParams } from './insights.cypher';
import { toStaffEvidence } from './insight-rows';
import type { SubjectPage } from './paged-rows';
import { type PersonInsightsRecord, toInsights } from './person-view.repository';
import { prefetchQuery, tiePrefix, timelinePrefix } from './person-view-prefetch.cypher';
import type { PersonViewPlan } from './person-view-plan';
import { EVIDENCE_INTERACTIONS, type StaffEvidence } from './staff-closeness';
import { timelineParams } from './timeline.repository';

/** Everything one query fetched for one person's view, as the records of the loaders it feeds. */
export interface PersonViewRows {
  people: Person[];
  organizations: Organization[];
  accounts: SocialAccountRecord[];
  catalog: CatalogRecord[];
  interactions: InteractionRecord[];
  users: StaffUserRecord[];
  rolesByPerson: Map<string, RoleRecord[]>;
  ownAccounts: SocialAccountRecord[] | null;
  sameAs: SameAsRecord[] | null;
  /** In the order of the plan's tie requests. */
  tiePages: SubjectPage<TieRecord>[];
  /** In the order of the plan's timeline requests. */
  timelines: SubjectPage<InteractionRecord>[];
  insights: PersonInsightsRecord | null;
  staffEvidence: StaffEvidence[] | null;
}

type Entry = Record<string, unknown>;

function entries(value: unknown): Entry[] {
  return Array.isArray(value) ? (value as Entry[]) : [];
}

/** Rows of a page in position order. */
function positioned<T>(value: unknown, map: (entry: Entry) => T): T[] {
  return entries(value)
    .sort((a, b) => Number(a.position) - Number(b.position))
    .map(map);
}

function paramsFor(plan: PersonViewPlan, now: Date): Record<string, unknown> {
  const params: Record<string, unknown> = {
    evidenceInteractions: cypherInt(EVIDENCE_INTERACTIONS),
  };
  plan.ties.forEach((request, index) => {
    const prefix = tiePrefix(index);
    params[`${prefix}types`] = request.types;
    params[`${prefix}afterValue`] = request.after?.strength ?? null;
    params[`${prefix}afterId`] = request.after?.id ?? null;
    params[`${prefix}limit`] = cypherInt(request.first + 1);
  });
  plan.timelines.forEach((request, index) => {
    Object.assign(
      params,
      timelineParams(timelinePrefix(index), request.query, request.after, request.first + 1),
    );
  });
  return plan.insights ? { ...params, ...insightParams(now) } : params;
}

class RowCollector {
  readonly rows: PersonViewRows = {
    people: [],
    organizations: [],
    accounts: [],
    catalog: [],
    interactions: [],
    users: [],
    rolesByPerson: new Map(),
    ownAccounts: null,
    sameAs: null,
    tiePages: [],
    timelines: [],
    insights: null,
    staffEvidence: null,
  };

  roles(personId: string, value: unknown): void {
    const roles: RoleRecord[] = [];
    for (const entry of entries(value)) {
      roles.push(toRoleRecord(entry.role as Entry));
      this.rows.organizations.push(toOrganization({ o: entry.o }));
    }
    this.rows.rolesByPerson.set(personId, roles);
  }

  /** Performers, subjects and mentions of interactions, by the label of each node. */
  linked(value: unknown): void {
    for (const { node, label } of entries(value)) {
      switch (label) {
        case 'Person':
          this.rows.people.push(toPerson({ p: node }));
          break;
        case 'SocialAccount':
          this.rows.accounts.push(toAccountRecord(node as Entry));
          break;
        case 'Organization':
          this.rows.organizations.push(toOrganization({ o: node }));
          break;
        case 'Topic':
        case 'Product':
        case 'Campaign':
          this.rows.catalog.push(toCatalogRecord({ n: node, kind: label as CatalogKind }));
          break;
        default:
          break;
      }
    }
  }

  users(value: unknown): void {
    this.rows.users.push(...entries(value).map((user) => toStaffUserRecord(user)));
  }

  interactions(value: unknown): InteractionRecord[] {
    const records = entries(value).map((entry) => toInteractionRecord(entry));
    this.rows.interactions.push(...records);
    return records;
  }
}

function collectRow(row: CypherRow, plan: PersonViewPlan): PersonViewRows {
  const subjectId = String(row.subjectId);
  const collector = new RowCollector();
  const { rows } = collector;
  rows.people.push(toPerson({ p: row.subject }));
  if (plan.roles) collector.roles(subjectId, row.roles);
  if (plan.socialAccounts) {
    rows.ownAccounts = entries(row.accounts).map((account) => toAccountRecord(account));
    rows.accounts.push(...rows.ownAccounts);
  }
  if (plan.sameAs) {
    rows.sameAs = entries(row.sameAs).map((entry) => toSameAs(entry.link as Entry));
    rows.people.push(...entries(row.sameAs).map((entry) => toPerson({ p: entry.p })));
  }
  plan.ties.forEach((_request, index) => {
    const prefix = tiePrefix(index);
    const ties = positioned(row[`${prefix}rows`], (entry) => {
      const other = toPerson({ p: entry.other });
      rows.people.push(other);
      collector.roles(other.id, entry.roles);
      return toTieRecord(entry.tie as Entry);
    });
    rows.tiePages.push({ rows: ties, total: Number(row[`${prefix}total`] ?? 0) });
  });
  plan.timelines.forEach((_request, index) => {
    const prefix = timelinePrefix(index);
    const page = positioned(row[`${prefix}rows`], (entry) =>
      toInteractionRecord(entry.record as Entry),
    );
    rows.interactions.push(...page);
    collector.linked(row[`${prefix}linked`]);
    collector.users(row[`${prefix}users`]);
    rows.timelines.push({ rows: page, total: Number(row[`${prefix}total`] ?? 0) });
  });
  if (plan.insights) {
    rows.insights = toInsights(row);
    collector.interactions(row.insightInteractions);
    collector.linked(row.insight_linked);
    collector.users(row.insight_users);
    collector.users(row.contactUsers);
    rows.catalog.push(
      ...entries(row.insightCatalog).map((entry) =>
        toCatalogRecord({ n: entry.n, kind: entry.kind as CatalogKind }),
      ),
    );
  }
  if (plan.closestStaff) {
    rows.staffEvidence = entries(row.staffEvidence).map((entry) => {
      collector.users([entry.user]);
      collector.interactions(entry.recent);
      return toStaffEvidence(entry);
    });
  }
  return rows;
}

export class PersonViewPrefetchRepository {
  constructor(private readonly gateway: Neo4jGateway) {}

  async prefetch(
    scope: OperationScope,
    personIds: readonly string[],
    plan: PersonViewPlan,
    now: Date,
  ): Promise<Map<string, PersonViewRows>> {
    const rows = await this.gateway.readStatement(scope, prefetchQuery(plan), {
      subjectIds: personIds,
      ...paramsFor(plan, now),
    });
    return new Map(rows.map((row) => [String(row.subjectId), collectRow(row, plan)]));
  }
}
