import DataLoader from 'dataloader';
import type { OperationScope } from '../../core/neo4j/neo4j-gateway';
import type { PersonService } from './person.service';
import type { Person } from './person.type';

/** People by id, batched into one UNWIND query per tick of the operation. */
export function createPersonLoader(service: PersonService, scope: OperationScope) {
  return new DataLoader<string, Person | null>(async (ids) => {
    const found = await service.findByIds(scope, ids);
    return ids.map((id) => found.get(id) ?? null);
  });
}
