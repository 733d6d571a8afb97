import DataLoader from 'dataloader';
import type { OperationScope } from '../../core/neo4j/neo4j-gateway';
import type { SocialAccountService } from './social-account.service';
import type { SocialAccountRecord } from './social-account.type';

/** Accounts by id, batched into one UNWIND query per tick. */
export function createSocialAccountLoader(service: SocialAccountService, scope: OperationScope) {
  return new DataLoader<string, SocialAccountRecord | null>(async (ids) => {
    const found = await service.findByIds(scope, ids);
    return ids.map((id) => found.get(id) ?? null);
  });
}

/** Each person's accounts, most followed first, batched per tick. */
export function createSocialAccountsByOwnerLoader(
  service: SocialAccountService,
  scope: OperationScope,
) {
  return new DataLoader<string, SocialAccountRecord[]>(async (personIds) => {
    const byOwner = await service.byOwnerIds(scope, personIds);
    return personIds.map((id) => byOwner.get(id) ?? []);
  });
}
