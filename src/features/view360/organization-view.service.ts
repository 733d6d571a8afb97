import { badUserInput } from '../../core/errors/domain-error';
import type { OperationScope } from '../../core/neo4j/neo4j-gateway';
import { type Connection, toConnection } from '../../core/pagination/connection';
import { pageRequest } from '../../core/pagination/page-request';
import { type Role, type RoleType, toRole } from '../roles/role.type';
import type {
  OrganizationInsightsRecord,
  OrganizationViewRepository,
  RolePosition,
  RoleQuery,
} from './organization-view.repository';
import { ROLE_RANK } from './organization-view.type';
import {
  byScore,
  staffCloseness,
  type StaffClosenessRecord,
  staffRelationship,
  type StaffRelationshipRecord,
} from './staff-closeness';

export interface OrganizationInsights extends OrganizationInsightsRecord {
  asOf: Date;
}

/** A checked request for a page of people by role. */
export interface RoleRequest {
  query: RoleQuery;
  first: number;
  after: RolePosition | null;
}

/** The organization view: people by role, our staff's relationships into it, insights. */
export class OrganizationViewService {
  constructor(
    private readonly repository: OrganizationViewRepository,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  roleRequest(
    types: readonly RoleType[] | null | undefined,
    current: boolean | null | undefined,
    first: number | null | undefined,
    after: string | null | undefined,
  ): RoleRequest {
    const page = pageRequest(first, after);
    let position: RolePosition | null = null;
    if (page.after !== null) {
      if (typeof page.after.sortValue !== 'number') {
        throw badUserInput('The cursor is not a role cursor', { field: 'after' });
      }
      position = { rank: page.after.sortValue, id: page.after.id };
    }
    return {
      query: { types: [...new Set(types ?? [])].sort(), current: current ?? null },
      first: page.first,
      after: position,
    };
  }

  async rolePages(
    scope: OperationScope,
    organizationIds: readonly string[],
    request: RoleRequest,
  ): Promise<Map<string, Connection<Role>>> {
    const pages = await this.repository.rolePages(
      scope,
      organizationIds,
      request.query,
      request.after,
      request.first + 1,
    );
    const connections = new Map<string, Connection<Role>>();
    for (const organizationId of organizationIds) {
      const page = pages.get(organizationId) ?? { rows: [], total: 0 };
      connections.set(
        organizationId,
        toConnection(
          page.rows.map((record) => toRole(record)),
          request.first,
          page.total,
          (role) => ROLE_RANK[role.role],
        ),
      );
    }
    return connections;
  }

  async insights(
    scope: OperationScope,
    organizationIds: readonly string[],
  ): Promise<Map<string, OrganizationInsights>> {
    const asOf = this.clock();
    const found = await this.repository.insights(scope, organizationIds, asOf);
    return new Map([...found].map(([id, record]) => [id, { ...record, asOf }]));
  }

  /** Every member of staff close to anyone who works there today, strongest first. */
  async staffRelationships(
    scope: OperationScope,
    organizationIds: readonly string[],
  ): Promise<Map<string, StaffRelationshipRecord[]>> {
    const now = this.clock();
    const evidence = await this.repository.staffEvidence(scope, organizationIds);
    const result = new Map<string, StaffRelationshipRecord[]>();
    for (const [organizationId, rows] of evidence) {
      const byStaff = new Map<string, { personId: string; closeness: StaffClosenessRecord }[]>();
      for (const { personId, evidence: staffEvidence } of rows) {
        const contacts = byStaff.get(staffEvidence.userId) ?? [];
        contacts.push({ personId, closeness: staffCloseness(staffEvidence, now) });
        byStaff.set(staffEvidence.userId, contacts);
      }
      const relationships = [...byStaff].map(([userId, contacts]) =>
        staffRelationship(userId, contacts),
      );
      result.set(organizationId, relationships.sort(byScore));
    }
    return result;
  }
}
