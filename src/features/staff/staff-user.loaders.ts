import DataLoader from 'dataloader';
import type { OperationScope } from '../../core/neo4j/neo4j-gateway';
import type { StaffUserService } from './staff-user.service';
import type { StaffUserRecord } from './staff-user.type';

/** Staff users by id, batched per tick. */
export function createStaffUserLoader(service: StaffUserService, scope: OperationScope) {
  return new DataLoader<string, StaffUserRecord | null>(async (ids) => {
    const found = await service.findByIds(scope, ids);
    return ids.map((id) => found.get(id) ?? null);
  });
}
