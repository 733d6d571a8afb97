import { badUserInput, notFound } from '../../core/errors/domain-error';
import type { OperationScope } from '../../core/neo4j/neo4j-gateway';
import { type Connection, toConnection } from '../../core/pagination/connection';
import { pageRequest } from '../../core/pagination/page-request';
import type { DeletionResult } from '../shared/deletion-result.type';
import { assertEntityId } from '../shared/entity-id';
import { type ExternalKeyInput, externalKeyString } from '../shared/external-key.input';
import {
  type CreatePersonInput,
  type PersonFilter,
  PersonSort,
  type UpdatePersonInput,
} from './person.input';
import type { PersonRepository, PersonRow } from './person.repository';
import { nameSearchQuery } from './person-search';
import type { Person } from './person.type';

function sortValue(sort: PersonSort) {
  return (row: PersonRow): string | number | null => {
    switch (sort) {
      case PersonSort.NAME:
        return row.name;
      case PersonSort.NEWEST:
        return row.createdAt;
      case PersonSort.RELEVANCE:
        return row.score;
    }
  };
}

export class PersonService {
  constructor(private readonly repository: PersonRepository) {}

  async get(scope: OperationScope, id: string): Promise<Person> {
    assertEntityId(id, 'id');
    const found = (await this.repository.findByIds(scope, [id])).get(id);
    if (found === undefined) throw notFound(`No person with id ${id}`, { id });
    return found;
  }

  findByIds(scope: OperationScope, ids: readonly string[]): Promise<Map<string, Person>> {
    return this.repository.findByIds(scope, ids);
  }

  async list(
    scope: OperationScope,
    filter: PersonFilter | null | undefined,
    requestedSort: PersonSort | null | undefined,
    first?: number | null,
    after?: string | null,
  ): Promise<Connection<Person>> {
    const page = pageRequest(first, after);
    const fulltext = filter?.search ? nameSearchQuery(filter.search) : null;
    const sort = requestedSort ?? (fulltext === null ? PersonSort.NAME : PersonSort.RELEVANCE);
    if (sort === PersonSort.RELEVANCE && fulltext === null) {
      throw badUserInput('sort RELEVANCE needs filter.search', { field: 'sort' });
    }
    if (filter?.interestedInId) assertEntityId(filter.interestedInId, 'interestedInId');
    for (const condition of filter?.roles ?? []) {
      if (condition.organizationId) assertEntityId(condition.organizationId, 'organizationId');
    }
    const roles = (filter?.roles ?? []).map((condition) => ({
      role: condition.role,
      organizationId: condition.organizationId ?? null,
      current: condition.current ?? null,
      activeFrom: condition.activeFrom ?? null,
      activeTo: condition.activeTo ?? null,
    }));
    const { rows, total } = await this.repository.list(
      scope,
      {
        fulltext,
        roles,
        email: filter?.email ?? null,
        platform: filter?.platform ?? null,
        interestedInId: filter?.interestedInId ?? null,
        sort,
      },
      page,
    );
    return toConnection(rows, page.first, total, sortValue(sort));
  }

  create(scope: OperationScope, input: CreatePersonInput): Promise<Person> {
    return this.repository.create(scope, input);
  }

  /** Idempotent: the same key always yields the same person, however often and however concurrently. */
  upsertByExternalKey(
    scope: OperationScope,
    key: ExternalKeyInput,
    input: CreatePersonInput,
  ): Promise<Person> {
    return this.repository.upsertByExternalKey(
      scope,
      { ...key, key: externalKeyString(key) },
      input,
    );
  }

  async update(scope: OperationScope, id: string, input: UpdatePersonInput): Promise<Person> {
    assertEntityId(id, 'id');
    const updated = await this.repository.update(scope, id, input);
    if (updated === null) throw notFound(`No person with id ${id}`, { id });
    return updated;
  }

  async delete(scope: OperationScope, id: string): Promise<DeletionResult> {
    assertEntityId(id, 'id');
    return { id, deleted: await this.repository.delete(scope, id) };
  }
}
