import { badUserInput } from '../../core/errors/domain-error';
import type { CypherRow } from '../../core/neo4j/neo4j-gateway';
import { type Connection, toConnection } from '../../core/pagination/connection';
import type { PageRequest } from '../../core/pagination/page-request';

/** What a subject without matches (or one that vanished) gets for a paged field. */
export const EMPTY_CONNECTION = {
  edges: [],
  pageInfo: { hasNextPage: false, endCursor: null },
  totalCount: 0,
} as const satisfies Connection<never>;

/** One subject's page of rows, and how many match in all (on every page). */
export interface SubjectPage<T> {
  rows: T[];
  total: number;
}

/**
 * Hands batched page rows back per subject. Each row carries `subjectId`, `total` and `position`
 * (null on the one row of a subject without matches); rows come back in position order.
 */
export function pagesBySubject<T>(
  rows: readonly CypherRow[],
  toRecord: (row: CypherRow) => T,
): Map<string, SubjectPage<T>> {
  const pages = new Map<string, { total: number; entries: { position: number; record: T }[] }>();
  for (const row of rows) {
    const subjectId = String(row.subjectId);
    const page = pages.get(subjectId) ?? { total: Number(row.total ?? 0), entries: [] };
    pages.set(subjectId, page);
    if (typeof row.position === 'number') {
      page.entries.push({ position: row.position, record: toRecord(row) });
    }
  }
  const result = new Map<string, SubjectPage<T>>();
  for (const [subjectId, page] of pages) {
    page.entries.sort((a, b) => a.position - b.position);
    result.set(subjectId, { total: page.total, rows: page.entries.map((entry) => entry.record) });
  }
  return result;
}

/**
 * A page of records that were ranked in memory (score descending, then id), after a keyset cursor
 * from a previous page of the same ranking.
 */
export function rankedPage<T extends { score: number; id: string }>(
  ranked: readonly T[],
  page: PageRequest,
): Connection<T> {
  const after = page.after;
  let start = 0;
  if (after !== null) {
    if (typeof after.sortValue !== 'number') {
      throw badUserInput('The cursor does not belong to this list', { field: 'after' });
    }
    const score = after.sortValue;
    start = ranked.findIndex(
      (record) => record.score < score || (record.score === score && record.id > after.id),
    );
    if (start === -1) start = ranked.length;
  }
  return toConnection(
    ranked.slice(start, start + page.first + 1),
    page.first,
    ranked.length,
    (record) => record.score,
  );
}

/** The size of a list field without cursors (`first`), checked against its own cap. */
export function listSize(first: number | null | undefined, fallback: number, max: number): number {
  const size = first ?? fallback;
  if (!Number.isInteger(size) || size < 0 || size > max) {
    throw badUserInput(`first must be between 0 and ${max}`, { field: 'first', max });
  }
  return size;
}
