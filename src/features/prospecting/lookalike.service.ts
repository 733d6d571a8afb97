import { notFound } from '../../core/errors/domain-error';
import type { OperationScope } from '../../core/neo4j/neo4j-gateway';
import type { ConsentPolicy } from '../consent/consent-policy';
import { ConsentPurpose } from '../consent/consent-purpose';
import { assertEntityId } from '../shared/entity-id';
import { splitFeatures } from './features';
import type { LookalikeRepository } from './lookalike.repository';
import type { LookalikesInput } from './prospecting.input';
import { type Lookalike, LookalikeKind } from './prospecting.type';
import { resultLimit } from './result-limit';

/** People or organizations most like our current customers, who are not customers yet. */
export class LookalikeService {
  constructor(
    private readonly repository: LookalikeRepository,
    private readonly consentPolicy: ConsentPolicy,
  ) {}

  async lookalikes(scope: OperationScope, input: LookalikesInput): Promise<Lookalike[]> {
    const productId =
      input.productId === null || input.productId === undefined
        ? null
        : assertEntityId(input.productId, 'productId');
    const first = resultLimit(input.first, 20);
    if (productId !== null && !(await this.repository.productExists(scope, productId))) {
      throw notFound('No product with this id', { field: 'productId' });
    }
    const organizations = input.kind === LookalikeKind.ORGANIZATION;
    const query = {
      organizations,
      productId,
      segmentRole: input.segmentRole ?? null,
      consent: this.consentPolicy.param(ConsentPurpose.SALES_PROSPECTING),
    };
    const profile = await this.repository.profile(scope, query);
    if (profile.seedIds.length === 0) return [];
    const rows = await this.repository.candidates(scope, query, profile, first);
    return rows.map((row) => {
      const byShare = [...row.sharedFeatures].sort(
        (a, b) => (profile.shares.get(b) ?? 0) - (profile.shares.get(a) ?? 0) || (a < b ? -1 : 1),
      );
      const shared = splitFeatures(byShare);
      return {
        score: row.score,
        profileSimilarity: row.profileSimilarity,
        networkScore: row.networkScore,
        commonNeighbours: row.commonNeighbours,
        sharedRoles: shared.roles,
        sharedOrganizationKinds: shared.organizationKinds,
        sharedInterestIds: shared.interestIds,
        personId: organizations ? null : row.id,
        organizationId: organizations ? row.id : null,
      };
    });
  }
}
