import DataLoader from 'dataloader';
import type { OperationScope } from '../../core/neo4j/neo4j-gateway';
import type { TieService } from './tie.service';
import type { TieRecord, TieType } from './tie.type';

/**
 * Ties of many people in one query. Field arguments (types, first) shape the query, so there is one
 * loader per distinct argument set within an operation.
 */
export function createTiesByPersonLoaders(service: TieService, scope: OperationScope) {
  const loaders = new Map<string, DataLoader<string, TieRecord[]>>();
  return (types: readonly TieType[], first: number | null | undefined) => {
    const key = JSON.stringify([[...types].sort(), first ?? null]);
    let loader = loaders.get(key);
    if (loader === undefined) {
      loader = new DataLoader<string, TieRecord[]>(async (personIds) => {
        const byPerson = await service.byPersonIds(scope, personIds, types, first);
        return personIds.map((id) => byPerson.get(id) ?? []);
      });
      loaders.set(key, loader);
    }
    return loader;
  };
}
