import { badUserInput, DomainError, notFound } from '../../core/errors/domain-error';
import { ErrorCode } from '../../core/errors/error-code';
import type { OperationScope } from '../../core/neo4j/neo4j-gateway';
import type { PersonService } from '../people/person.service';
import type { Person } from '../people/person.type';
import { assertEntityId } from '../shared/entity-id';
import type { MarkSameAsInput } from './identity.input';
import type { IdentityRepository } from './identity.repository';
import type { MergeResult, SameAsRecord } from './identity.type';

export class IdentityService {
  constructor(
    private readonly repository: IdentityRepository,
    private readonly people: PersonService,
  ) {}

  sameAsByPersonIds(scope: OperationScope, personIds: readonly string[]) {
    return this.repository.sameAsByPersonIds(scope, personIds);
  }

  /** Idempotent for a pair in either order: marking again updates confidence and source. */
  async markSameAs(scope: OperationScope, input: MarkSameAsInput): Promise<SameAsRecord> {
    assertEntityId(input.personId, 'personId');
    assertEntityId(input.otherPersonId, 'otherPersonId');
    if (input.personId === input.otherPersonId) {
      throw badUserInput('A record is trivially the same as itself', { field: 'otherPersonId' });
    }
    const outcome = await this.repository.markSameAs(scope, {
      personId: input.personId,
      otherPersonId: input.otherPersonId,
      confidence: input.confidence,
      source: input.source ?? null,
    });
    if ('missing' in outcome)
      throw notFound(`No person for ${outcome.missing}`, { field: outcome.missing });
    return outcome;
  }

  removeSameAs(scope: OperationScope, personId: string, otherPersonId: string): Promise<boolean> {
    assertEntityId(personId, 'personId');
    assertEntityId(otherPersonId, 'otherPersonId');
    return this.repository.removeSameAs(scope, personId, otherPersonId);
  }

  /** Moves everything of one record to the other; unmergePerson undoes it exactly. */
  async merge(scope: OperationScope, survivorId: string, mergedId: string): Promise<MergeResult> {
    assertEntityId(survivorId, 'survivorId');
    assertEntityId(mergedId, 'mergedId');
    if (survivorId === mergedId)
      throw badUserInput('A record cannot be merged into itself', { field: 'mergedId' });
    const outcome = await this.repository.merge(scope, survivorId, mergedId);
    if (outcome.kind === 'missing')
      throw notFound(`No person for ${outcome.field}`, { field: outcome.field });
    return {
      survivor: await this.people.get(scope, survivorId),
      mergedId,
      movedRelationships: outcome.movedRelationships,
      filledProperties: outcome.filledProperties,
    };
  }

  async unmerge(scope: OperationScope, mergedId: string): Promise<Person> {
    assertEntityId(mergedId, 'mergedId');
    const outcome = await this.repository.unmerge(scope, mergedId);
    if (outcome.kind === 'not-merged')
      throw notFound(`No merged record with id ${mergedId}`, { field: 'mergedId' });
    if (outcome.kind === 'survivor-merged-later') {
      throw new DomainError(
        ErrorCode.Conflict,
        `The survivor ${outcome.survivorId} was itself merged later; unmerge that first`,
        { field: 'mergedId', survivorId: outcome.survivorId },
      );
    }
    return this.people.get(scope, mergedId);
  }
}
