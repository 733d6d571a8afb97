import { notFound } from '../../core/errors/domain-error';
import type { OperationScope } from '../../core/neo4j/neo4j-gateway';
import type { ConsentPolicy } from '../consent/consent-policy';
import { ConsentPurpose } from '../consent/consent-purpose';
import { assertEntityId } from '../shared/entity-id';
import { DEFAULT_MIN_SENTIMENT, type ReferralCandidatesInput } from './prospecting.input';
import type { ReferralCandidate } from './prospecting.type';
import type { ReferralRepository } from './referral.repository';
import { assertExactlyOne, resultLimit } from './result-limit';

function optionalId(value: string | null | undefined, field: string): string | null {
  return value === null || value === undefined ? null : assertEntityId(value, field);
}

/** Who could be referred by satisfied customers, ranked, with the customers who could refer them. */
export class ReferralService {
  constructor(
    private readonly repository: ReferralRepository,
    private readonly consentPolicy: ConsentPolicy,
  ) {}

  async candidates(
    scope: OperationScope,
    input: ReferralCandidatesInput,
  ): Promise<ReferralCandidate[]> {
    assertExactlyOne(
      { productId: input.productId, customerPersonId: input.customerPersonId },
      'productId',
    );
    const productId = optionalId(input.productId, 'productId');
    const customerPersonId = optionalId(input.customerPersonId, 'customerPersonId');
    const topicIds = input.topicIds?.map((id) => assertEntityId(id, 'topicIds')) ?? null;
    const first = resultLimit(input.first, 20);

    const context = await this.repository.context(scope, {
      productId,
      customerPersonId,
      topicIds: topicIds ?? [],
    });
    if (productId !== null && !context.productFound) {
      throw notFound('No product with this id', { field: 'productId' });
    }
    if (customerPersonId !== null && !context.customerFound) {
      throw notFound('No person with this id', { field: 'customerPersonId' });
    }
    if (context.unknownTopicIds.length > 0) {
      throw notFound('No topic with these ids', {
        field: 'topicIds',
        ids: context.unknownTopicIds,
      });
    }
    const interestIds = [
      ...new Set([...context.productIds, ...(topicIds ?? context.derivedTopicIds)]),
    ];
    if (interestIds.length === 0) return [];
    return this.repository.candidates(scope, {
      productId,
      customerPersonId,
      interestIds,
      minSentiment: input.minSentiment ?? DEFAULT_MIN_SENTIMENT,
      first,
      consent: this.consentPolicy.param(ConsentPurpose.SALES_PROSPECTING),
    });
  }
}
