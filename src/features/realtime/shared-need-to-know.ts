import DataLoader from 'dataloader';
import type { OperationScope } from '../../core/neo4j/neo4j-gateway';
import type { NeedToKnowRepository, NeedToKnowRequest } from '../access/need-to-know.repository';

/**
 * Need-to-know for all subscribers of one event: the questions their PersonalAccessResolvers ask
 * within one tick go to the database as one query, instead of one per viewer. The answers are the
 * same as NeedToKnowRepository.assignedPeople's.
 */
export class SharedNeedToKnow implements Pick<NeedToKnowRepository, 'assignedPeople'> {
  private readonly loader: DataLoader<NeedToKnowRequest, Set<string>, string>;

  constructor(repository: NeedToKnowRepository, scope: OperationScope) {
    this.loader = new DataLoader(
      async (requests) => {
        const answers = await repository.assignedPeopleOfMany(scope, requests);
        return requests.map(({ key }) => answers.get(key) ?? new Set<string>());
      },
      { cacheKeyFn: (request) => request.key, maxBatchSize: 1_000 },
    );
  }

  assignedPeople(
    _scope: OperationScope,
    userId: string,
    personIds: readonly string[],
    handledCounts: boolean,
  ): Promise<Set<string>> {
    const key = `${userId}|${handledCounts}|${[...personIds].sort().join(',')}`;
    return this.loader.load({ key, userId, personIds, handledCounts });
  }
}
