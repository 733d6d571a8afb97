import { badUserInput, DomainError, notFound } from '../../core/errors/domain-error';
import { ErrorCode } from '../../core/errors/error-code';
import type { OperationScope } from '../../core/neo4j/neo4j-gateway';
import type { DeletionResult } from '../shared/deletion-result.type';
import { assertEntityId } from '../shared/entity-id';
import { parseKeywordQuery } from './keyword-query';
import { compileWatchList, type CompiledWatchList } from './watch-list-matcher';
import type { WatchListInput } from './watch-list.input';
import type { WatchListDefinition, WatchListRepository } from './watch-list.repository';
import type { WatchListRecord } from './watch-list.type';

/** Every post is checked against every active list; this keeps a batch's matching bounded. */
export const MAX_WATCH_LISTS = 500;

function sameDefinition(list: WatchListRecord, definition: WatchListDefinition): boolean {
  return (
    list.keywords === definition.keywords &&
    [...list.platforms].sort().join() === [...definition.platforms].sort().join() &&
    list.sentimentBelow === definition.sentimentBelow &&
    list.sentimentAbove === definition.sentimentAbove &&
    list.minInfluence === definition.minInfluence &&
    list.minFollowers === definition.minFollowers &&
    (list.nearDecisionMakerOf?.organizationId ?? null) === definition.decisionMakerOrganizationId &&
    (list.nearDecisionMakerOf?.maxHops ?? null) === definition.decisionMakerMaxHops &&
    list.customerWithOpenComplaint === definition.customerWithOpenComplaint &&
    list.active === definition.active
  );
}

export class WatchListService {
  constructor(private readonly repository: WatchListRepository) {}

  /**
   * Creating a list again with the same name and definition returns it (a retried request adds
   * nothing); the same name with another definition is a CONFLICT.
   */
  async create(
    scope: OperationScope,
    input: WatchListInput,
    createdBy: string | null,
  ): Promise<WatchListRecord> {
    const definition = await this.definitionOf(scope, input);
    const { list, created } = await this.repository.create(scope, definition, createdBy);
    if (!created && !sameDefinition(list, definition)) {
      throw new DomainError(ErrorCode.Conflict, `A watch list named "${input.name}" exists`, {
        field: 'name',
        id: list.id,
      });
    }
    return list;
  }

  async update(scope: OperationScope, id: string, input: WatchListInput): Promise<WatchListRecord> {
    assertEntityId(id, 'id');
    const definition = await this.definitionOf(scope, input);
    const updated = await this.repository.update(scope, id, definition);
    if (updated === null) throw notFound(`No watch list with id ${id}`, { id });
    return updated;
  }

  async delete(scope: OperationScope, id: string): Promise<DeletionResult> {
    assertEntityId(id, 'id');
    return { id, deleted: await this.repository.delete(scope, id) };
  }

  async get(scope: OperationScope, id: string): Promise<WatchListRecord> {
    assertEntityId(id, 'id');
    const found = (await this.repository.findByIds(scope, [id])).get(id);
    if (found === undefined) throw notFound(`No watch list with id ${id}`, { id });
    return found;
  }

  findByIds(scope: OperationScope, ids: readonly string[]) {
    return this.repository.findByIds(scope, ids);
  }

  list(scope: OperationScope): Promise<WatchListRecord[]> {
    return this.repository.list(scope, false, MAX_WATCH_LISTS);
  }

  /** The active lists, compiled for one ingest batch. */
  async activeForMatching(scope: OperationScope): Promise<CompiledWatchList[]> {
    const lists = await this.repository.list(scope, true, MAX_WATCH_LISTS);
    return lists.map(compileWatchList);
  }

  private async definitionOf(
    scope: OperationScope,
    input: WatchListInput,
  ): Promise<WatchListDefinition> {
    const keywords = input.keywords?.trim() || null;
    if (keywords !== null) parseKeywordQuery(keywords);
    const below = input.sentimentBelow ?? null;
    const above = input.sentimentAbove ?? null;
    if (below !== null && above !== null && above >= below) {
      throw badUserInput('sentimentAbove must be lower than sentimentBelow when both are given', {
        field: 'sentimentAbove',
      });
    }
    const nearDecisionMaker = input.nearDecisionMakerOf ?? null;
    if (nearDecisionMaker !== null) {
      const organizationId = nearDecisionMaker.organizationId;
      assertEntityId(organizationId, 'nearDecisionMakerOf.organizationId');
      if (!(await this.repository.organizationExists(scope, organizationId))) {
        throw notFound(`No organization with id ${organizationId}`, {
          field: 'nearDecisionMakerOf.organizationId',
        });
      }
    }
    const definition: WatchListDefinition = {
      name: input.name.trim(),
      keywords,
      platforms: [...new Set(input.platforms ?? [])],
      sentimentBelow: below,
      sentimentAbove: above,
      minInfluence: input.minInfluence ?? null,
      minFollowers: input.minFollowers ?? null,
      decisionMakerOrganizationId: nearDecisionMaker?.organizationId ?? null,
      decisionMakerMaxHops: nearDecisionMaker?.maxHops ?? null,
      customerWithOpenComplaint: input.customerWithOpenComplaint ?? false,
      active: input.active ?? true,
    };
    if (definition.name === '') throw badUserInput('name must not be blank', { field: 'name' });
    const hasCondition =
      keywords !== null ||
      below !== null ||
      above !== null ||
      definition.minInfluence !== null ||
      definition.minFollowers !== null ||
      nearDecisionMaker !== null ||
      definition.customerWithOpenComplaint;
    if (!hasCondition) {
      throw badUserInput(
        'Give keywords or at least one condition; platforms alone match every post',
        {
          field: 'keywords',
        },
      );
    }
    return definition;
  }
}
