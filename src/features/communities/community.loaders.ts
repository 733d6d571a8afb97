import DataLoader from 'dataloader';
import type { OperationScope } from '../../core/neo4j/neo4j-gateway';
import type { CommunityService } from './community.service';
import type { CommunityMemberRecord, CommunitySubjectRecord } from './community.type';

/** Top members of many communities in one query; one loader per distinct `first`. */
export function createCommunityMembersLoaders(service: CommunityService, scope: OperationScope) {
  const loaders = new Map<number, DataLoader<string, CommunityMemberRecord[]>>();
  return (first: number) => {
    let loader = loaders.get(first);
    if (loader === undefined) {
      loader = new DataLoader<string, CommunityMemberRecord[]>(async (ids) => {
        const byCommunity = await service.topMembers(scope, ids, first);
        return ids.map((id) => byCommunity.get(id) ?? []);
      });
      loaders.set(first, loader);
    }
    return loader;
  };
}

/** Dominant topics and products of many communities in one query. */
export function createCommunitySubjectsLoader(service: CommunityService, scope: OperationScope) {
  return new DataLoader<string, CommunitySubjectRecord[]>(async (ids) => {
    const byCommunity = await service.subjects(scope, ids);
    return ids.map((id) => byCommunity.get(id) ?? []);
  });
}
