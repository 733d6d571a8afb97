import DataLoader from 'dataloader';
import type { OperationScope } from '../../core/neo4j/neo4j-gateway';
import type { Connection } from '../../core/pagination/connection';
import type { InteractionRecord } from '../interactions/interaction.type';
import type { Role } from '../roles/role.type';
import { loadersPerArguments } from './argument-loaders';
import { EMPTY_CONNECTION } from './paged-rows';
import type {
  OrganizationInsights,
  OrganizationViewService,
  RoleRequest,
} from './organization-view.service';
import type { StaffRelationshipRecord } from './staff-closeness';
import type { TimelineRequest, TimelineService } from './timeline.service';

/** The organization view's fields, each batched over all organizations of one operation. */
export function createOrganizationViewLoaders(
  organizationView: OrganizationViewService,
  timeline: TimelineService,
  scope: OperationScope,
) {
  return {
    rolePages: loadersPerArguments<RoleRequest, Connection<Role>>(
      (request, ids) => organizationView.rolePages(scope, ids, request),
      () => EMPTY_CONNECTION,
    ),
    timeline: loadersPerArguments<TimelineRequest, Connection<InteractionRecord>>(
      (request, ids) => timeline.pages(scope, 'Organization', ids, request),
      () => EMPTY_CONNECTION,
    ),
    insights: new DataLoader<string, OrganizationInsights | null>(async (ids) => {
      const found = await organizationView.insights(scope, ids);
      return ids.map((id) => found.get(id) ?? null);
    }),
    staffRelationships: new DataLoader<string, StaffRelationshipRecord[]>(async (ids) => {
      const found = await organizationView.staffRelationships(scope, ids);
      return ids.map((id) => found.get(id) ?? []);
    }),
  };
}
