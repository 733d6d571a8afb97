import DataLoader from 'dataloader';
import type { OperationScope } from '../../core/neo4j/neo4j-gateway';
import type { InteractionService } from './interaction.service';
import type { InteractionRecord } from './interaction.type';

/** Interactions by id (for reply-to chains), batched per tick. */
export function createInteractionLoader(service: InteractionService, scope: OperationScope) {
  return new DataLoader<string, InteractionRecord | null>(async (ids) => {
    const found = await service.findByIds(scope, ids);
    return ids.map((id) => found.get(id) ?? null);
  });
}
