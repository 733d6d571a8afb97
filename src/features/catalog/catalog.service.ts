import { badUserInput, notFound } from '../../core/errors/domain-error';
import type { OperationScope } from '../../core/neo4j/neo4j-gateway';
import { type Connection, toConnection } from '../../core/pagination/connection';
import { pageRequest } from '../../core/pagination/page-request';
import type { DeletionResult } from '../shared/deletion-result.type';
import { assertEntityId } from '../shared/entity-id';
import type { CatalogFields, CatalogRepository } from './catalog.repository';
import type { CatalogKind, CatalogRecord } from './catalog.type';
import { wordsOf } from '../watch-lists/keyword-query';

/** Trimmed and single-spaced. */
function tidy(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}

/** Topic names compare by their tidied, lower-case form. */
export function normalizeTopicName(name: string): string {
  return tidy(name).toLowerCase();
}

const MAX_KEYWORDS = 50;
const MAX_KEYWORD_LENGTH = 100;

/**
 * Keywords as stored: trimmed and single-spaced, each once (any case), in the order given. A
 * keyword must hold a word, since ingest matches whole words (a lone "#" would never match).
 */
function normalizeKeywords(keywords: readonly string[]): string[] {
  if (keywords.length > MAX_KEYWORDS) {
    throw badUserInput(`keywords: at most ${MAX_KEYWORDS}`, { field: 'keywords' });
  }
  const seen = new Set<string>();
  const normalized: string[] = [];
  keywords.forEach((keyword, index) => {
    const text = tidy(keyword);
    if (text.length < 1 || text.length > MAX_KEYWORD_LENGTH || wordsOf(text).length === 0) {
      throw badUserInput(
        `keywords.${index} must hold a word and be 1–${MAX_KEYWORD_LENGTH} characters`,
        { field: `keywords.${index}` },
      );
    }
    const key = text.toLowerCase();
    if (seen.has(key)) return;
    seen.add(key);
    normalized.push(text);
  });
  return normalized;
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

  /**
   * Idempotent by name: "E-Bikes " and "e-bikes" are one topic. Keywords given replace the
   * topic's (an empty list removes them); none given leave them as they are.
   */
  upsertTopic(
    scope: OperationScope,
    name: string,
    keywords?: readonly string[] | null,
  ): Promise<CatalogRecord> {
    const normalized = normalizeTopicName(name);
    if (normalized.length < 1 || normalized.length > 100) {
      throw badUserInput('name must be 1–100 characters', { field: 'name' });
    }
    const given = keywords === undefined || keywords === null ? null : normalizeKeywords(keywords);
    return this.repository.upsertTopic(scope, normalized, given);
  }

  create(
    scope: OperationScope,
    kind: 'Product' | 'Campaign',
    fields: CatalogFields,
  ): Promise<CatalogRecord> {
    assertDates(fields);
    return this.repository.create(scope, kind, withKeywords(fields));
  }

  async update(
    scope: OperationScope,
    kind: 'Product' | 'Campaign',
    id: string,
    fields: CatalogFields,
  ): Promise<CatalogRecord> {
    assertEntityId(id, 'id');
    assertDates(fields);
    const updated = await this.repository.update(scope, kind, id, withKeywords(fields));
    if (updated === null) throw notFound(`No ${kind.toLowerCase()} with id ${id}`, { id });
    return updated;
  }

  async delete(scope: OperationScope, kind: CatalogKind, id: string): Promise<DeletionResult> {
    assertEntityId(id, 'id');
    return { id, deleted: await this.repository.delete(scope, kind, id) };
  }
}

/** The fields with their keywords normalized (a product's; a campaign has none). */
function withKeywords(fields: CatalogFields): CatalogFields {
  const keywords = fields.keywords ?? null;
  return { ...fields, keywords: keywords === null ? null : normalizeKeywords(keywords) };
}

function assertDates(fields: CatalogFields): void {
  if (fields.startsOn && fields.endsOn && fields.endsOn < fields.startsOn) {
    throw badUserInput('endsOn must not be before startsOn', { field: 'endsOn' });
  }
}
