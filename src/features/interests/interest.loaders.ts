import DataLoader from 'dataloader';
import type { OperationScope } from '../../core/neo4j/neo4j-gateway';
import type { InterestService } from './interest.service';
import type { InterestRecord } from './interest.type';

/** Each person's interests, strongest first, batched per tick. */
export function createInterestsByPersonLoader(service: InterestService, scope: OperationScope) {
  return new DataLoader<string, InterestRecord[]>(async (personIds) => {
    const byPerson = await service.byPersonIds(scope, personIds);
    return personIds.map((id) => byPerson.get(id) ?? []);
  });
}
