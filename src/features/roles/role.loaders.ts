import DataLoader from 'dataloader';
import type { OperationScope } from '../../core/neo4j/neo4j-gateway';
import type { RoleService } from './role.service';
import type { RoleRecord } from './role.type';

/** Every role of each person, batched into one UNWIND query per tick. */
export function createRolesByPersonLoader(service: RoleService, scope: OperationScope) {
  return new DataLoader<string, RoleRecord[]>(async (personIds) => {
    const byPerson = await service.byPersonIds(scope, personIds);
    return personIds.map((id) => byPerson.get(id) ?? []);
  });
}
