import { badUserInput, notFound } from '../../core/errors/domain-error';
import type { OperationScope } from '../../core/neo4j/neo4j-gateway';
import { pageRequest } from '../../core/pagination/page-request';
import type { DeletionResult } from '../shared/deletion-result.type';
import { assertEntityId } from '../shared/entity-id';
import type { AddTieInput, UpdateTieInput } from './tie.input';
import type { TieRepository } from './tie.repository';
import type { TieRecord, TieType } from './tie.type';

export class TieService {
  constructor(private readonly repository: TieRepository) {}

  byPersonIds(
    scope: OperationScope,
    personIds: readonly string[],
    types: readonly TieType[],
    first: number | null | undefined,
  ): Promise<Map<string, TieRecord[]>> {
    const { first: limit } = pageRequest(first, null);
    return this.repository.byPersonIds(scope, personIds, types, limit);
  }

  /** Adds a tie, or updates it when the same type already links the same two people. */
  async add(scope: OperationScope, input: AddTieInput): Promise<TieRecord> {
    assertEntityId(input.fromPersonId, 'fromPersonId');
    assertEntityId(input.toPersonId, 'toPersonId');
    if (input.fromPersonId === input.toPersonId) {
      throw badUserInput('A tie needs two different people', { field: 'toPersonId' });
    }
    const outcome = await this.repository.add(scope, {
      fromPersonId: input.fromPersonId,
      toPersonId: input.toPersonId,
      type: input.type,
      strength: input.strength,
      since: input.since ?? null,
      source: input.source ?? null,
    });
    if (outcome.kind === 'missing') {
      throw notFound(`No person with the id given as ${outcome.field}`, { field: outcome.field });
    }
    return outcome.tie;
  }

  async update(scope: OperationScope, id: string, input: UpdateTieInput): Promise<TieRecord> {
    assertEntityId(id, 'id');
    const updated = await this.repository.update(scope, id, input);
    if (updated === null) throw notFound(`No tie with id ${id}`, { id });
    return updated;
  }

  async remove(scope: OperationScope, id: string): Promise<DeletionResult> {
    assertEntityId(id, 'id');
    return { id, deleted: await this.repository.remove(scope, id) };
  }
}
