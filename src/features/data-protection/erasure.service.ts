import { createHash } from 'node:crypto';
import { notFound } from '../../core/errors/domain-error';
import type { OperationScope } from '../../core/neo4j/neo4j-gateway';
import { assertEntityId } from '../shared/entity-id';
import type { ErasureOutcome, ErasureRepository } from './erasure.repository';

/** The same person id always gets the same pseudonym, so a retried erasure finds its own record. */
export function pseudonymFor(personId: string): string {
  return `erased-${createHash('sha256').update(personId).digest('hex').slice(0, 24)}`;
}

/** Right to erasure (GDPR Art. 17): one transaction, idempotent. */
export class ErasureService {
  constructor(private readonly repository: ErasureRepository) {}

  async erase(
    scope: OperationScope,
    personId: string,
    reason: string,
    requestedBy: string,
  ): Promise<ErasureOutcome> {
    assertEntityId(personId, 'personId');
    const outcome = await this.repository.erase(scope, {
      personId,
      pseudonym: pseudonymFor(personId),
      requestedBy,
      reason,
    });
    if (outcome === null) throw notFound(`No person with id ${personId}`, { field: 'personId' });
    return outcome;
  }
}
