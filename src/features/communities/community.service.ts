import { badUserInput, notFound } from '../../core/errors/domain-error';
import type { OperationScope } from '../../core/neo4j/neo4j-gateway';
import { type Connection, toConnection } from '../../core/pagination/connection';
import { MAX_PAGE_SIZE, pageRequest } from '../../core/pagination/page-request';
import type { ConsentPolicy } from '../consent/consent-policy';
import { ConsentPurpose } from '../consent/consent-purpose';
import { assertEntityId } from '../shared/entity-id';
import type { CommunityRepository } from './community.repository';
import type {
  CommunityMemberRecord,
  CommunityRecord,
  CommunitySubjectRecord,
} from './community.type';

/** Communities as the last influence recompute stored them. */
export class CommunityService {
  constructor(
    private readonly repository: CommunityRepository,
    private readonly consentPolicy: ConsentPolicy,
  ) {}

  async list(
    scope: OperationScope,
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<Connection<CommunityRecord>> {
    const page = pageRequest(first, after);
    const afterRank = page.after === null ? null : page.after.sortValue;
    if (afterRank !== null && typeof afterRank !== 'number') {
      throw badUserInput('The cursor is not valid; use a cursor from a previous page', {
        field: 'after',
      });
    }
    const { rows, total } = await this.repository.page(scope, afterRank, page.first + 1);
    return toConnection(rows, page.first, total, (community) => community.rank);
  }

  async get(scope: OperationScope, id: string): Promise<CommunityRecord> {
    assertEntityId(id, 'id');
    const found = (await this.repository.byIds(scope, [id])).get(id);
    if (found === undefined) throw notFound(`No community with id ${id}`, { field: 'id' });
    return found;
  }

  topMembers(
    scope: OperationScope,
    communityIds: readonly string[],
    first: number,
  ): Promise<Map<string, CommunityMemberRecord[]>> {
    if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
      throw badUserInput(`first must be between 0 and ${MAX_PAGE_SIZE}`, { field: 'first' });
    }
    return this.repository.topMembers(
      scope,
      communityIds,
      first,
      this.consentPolicy.param(ConsentPurpose.PROFILING),
    );
  }

  subjects(
    scope: OperationScope,
    communityIds: readonly string[],
  ): Promise<Map<string, CommunitySubjectRecord[]>> {
    return this.repository.subjects(scope, communityIds);
  }
}
