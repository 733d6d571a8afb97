import DataLoader from 'dataloader';
import type { OperationScope } from '../../core/neo4j/neo4j-gateway';
import type { IdentityService } from './identity.service';
import type { SameAsRecord } from './identity.type';

/** Each person's SAME_AS links, batched per tick. */
export function createSameAsByPersonLoader(service: IdentityService, scope: OperationScope) {
  return new DataLoader<string, SameAsRecord[]>(async (personIds) => {
    const byPerson = await service.sameAsByPersonIds(scope, personIds);
    return personIds.map((id) => byPerson.get(id) ?? []);
  });
}
