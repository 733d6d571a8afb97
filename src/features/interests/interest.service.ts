import { notFound } from '../../core/errors/domain-error';
import type { OperationScope } from '../../core/neo4j/neo4j-gateway';
import { assertEntityId } from '../shared/entity-id';
import type { SetInterestInput } from './interest.input';
import type { InterestRepository } from './interest.repository';
import type { InterestRecord } from './interest.type';

export class InterestService {
  constructor(private readonly repository: InterestRepository) {}

  byPersonIds(scope: OperationScope, personIds: readonly string[]) {
    return this.repository.byPersonIds(scope, personIds);
  }

  /** Idempotent: one INTERESTED_IN per person and subject; setting again updates the weight. */
  async set(scope: OperationScope, input: SetInterestInput): Promise<InterestRecord> {
    assertEntityId(input.personId, 'personId');
    assertEntityId(input.subjectId, 'subjectId');
    const outcome = await this.repository.set(scope, {
      personId: input.personId,
      subjectId: input.subjectId,
      weight: input.weight,
      source: input.source ?? null,
    });
    if ('missing' in outcome)
      throw notFound(`Nothing found for ${outcome.missing}`, { field: outcome.missing });
    return outcome;
  }

  remove(scope: OperationScope, personId: string, subjectId: string): Promise<boolean> {
    assertEntityId(personId, 'personId');
    assertEntityId(subjectId, 'subjectId');
    return this.repository.remove(scope, personId, subjectId);
  }
}
