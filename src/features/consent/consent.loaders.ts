import DataLoader from 'dataloader';
import type { OperationScope } from '../../core/neo4j/neo4j-gateway';
import type { ConsentService } from './consent.service';
import type { ConsentRecord } from './consent.type';

/** Consent histories by person id, batched per tick. */
export function createConsentsByPersonLoader(service: ConsentService, scope: OperationScope) {
  return new DataLoader<string, ConsentRecord[]>(async (personIds) => {
    const byPerson = await service.byPersonIds(scope, personIds);
    return personIds.map((id) => byPerson.get(id) ?? []);
  });
}
