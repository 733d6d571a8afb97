import { badUserInput, notFound } from '../../core/errors/domain-error';
import type { OperationScope } from '../../core/neo4j/neo4j-gateway';
import { type Connection, toConnection } from '../../core/pagination/connection';
import { pageRequest } from '../../core/pagination/page-request';
import type { DeletionResult } from '../shared/deletion-result.type';
import { assertEntityId } from '../shared/entity-id';
import type { CatalogFields, CatalogRepository } from './catalog.repository';
import type { CatalogKind, CatalogRecord } from './catalog.type';

/** Topic names compare by their trimmed, single-spaced, lower-case form. */
export function normalizeTopicName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

export class CatalogService {
  constructor(private readonly repository: CatalogRepository) {}

  findByIds(scope: OperationScope, ids: readonly string[]) {
    return this.repository.findByIds(scope, ids);
  }

  async get(scope: OperationScope, kind: CatalogKind, id: string): Promise<CatalogRecord> {
    assertEntityId(id, 'id');
    const found = (await this.repository.findByIds(scope, [id])).get(id);
    if (found?.kind !== kind) throw notFound(`No ${kind.toLowerCase()} with id ${id}`, { id });
    return found;
  }

  async list(
    scope: OperationScope,
    kind: CatalogKind,
    nameContains: string | null | undefined,
    first?: number | null,
    after?: string | null,
  ): Promise<Connection<CatalogRecord>> {
    const page = pageRequest(first, after);
    const { rows, total } = await this.repository.list(scope, kind, nameContains ?? null, page);
    return toConnection(rows, page.first, total, (record) => record.name);
  }

  /** Idempotent by name: "E-Bikes " and "e-bikes" are one topic. */
  upsertTopic(scope: OperationScope, name: string): Promise<CatalogRecord> {
    const normalized = normalizeTopicName(name);
    if (normalized.length < 1 || normalized.length > 100) {
      throw badUserInput('name must be 1–100 characters', { field: 'name' });
    }
    return this.repository.upsertTopic(scope, normalized);
  }

  create(
    scope: OperationScope,
    kind: 'Product' | 'Campaign',
    fields: CatalogFields,
  ): Promise<CatalogRecord> {
    assertDates(fields);
    return this.repository.create(scope, kind, fields);
  }

  async update(
    scope: OperationScope,
    kind: 'Product' | 'Campaign',
    id: string,
    fields: CatalogFields,
  ): Promise<CatalogRecord> {
    assertEntityId(id, 'id');
    assertDates(fields);
    const updated = await this.repository.update(scope, kind, id, fields);
    if (updated === null) throw notFound(`No ${kind.toLowerCase()} with id ${id}`, { id });
    return updated;
  }

  async delete(scope: OperationScope, kind: CatalogKind, id: string): Promise<DeletionResult> {
    assertEntityId(id, 'id');
    return { id, deleted: await this.repository.delete(scope, kind, id) };
  }
}

function assertDates(fields: CatalogFields): void {
  if (fields.startsOn && fields.endsOn && fields.endsOn < fields.startsOn) {
    throw badUserInput('endsOn must not be before startsOn', { field: 'endsOn' });
  }
}
