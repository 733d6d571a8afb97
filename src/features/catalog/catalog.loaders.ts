import DataLoader from 'dataloader';
import type { OperationScope } from '../../core/neo4j/neo4j-gateway';
import type { CatalogService } from './catalog.service';
import type { CatalogRecord } from './catalog.type';

/** Topics, products and campaigns by id, batched into one query per tick. */
export function createCatalogLoader(service: CatalogService, scope: OperationScope) {
  return new DataLoader<string, CatalogRecord | null>(async (ids) => {
    const found = await service.findByIds(scope, ids);
    return ids.map((id) => found.get(id) ?? null);
  });
}
