import DataLoader from 'dataloader';
import type { OperationScope } from '../../core/neo4j/neo4j-gateway';
import type { OrganizationService } from './organization.service';
import type { Organization } from './organization.type';

/** Organizations by id, batched into one UNWIND query per tick of the operation. */
export function createOrganizationLoader(service: OrganizationService, scope: OperationScope) {
  return new DataLoader<string, Organization | null>(async (ids) => {
    const found = await service.findByIds(scope, ids);
    return ids.map((id) => found.get(id) ?? null);
  });
}
