import { badUserInput } from '../errors/domain-error';

/**
 * An opaque cursor for keyset pagination: the sort value and id of the last row of a page. Keyset
 * (not offset) pagination stays stable when rows are added before the cursor and costs the same on
 * page 1 and page 1,000.
 */
export interface CursorPosition {
  sortValue: string | number | null;
  id: string;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.sortValue, position.id]), 'utf8').toString(
    'base64url',
  );
}

export function decodeCursor(cursor: string): CursorPosition {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[1] === 'string') {
      const [sortValue, id] = parsed as [unknown, string];
      if (sortValue === null || typeof sortValue === 'string' || typeof sortValue === 'number') {
        return { sortValue, id };
      }
    }
  } catch {
    // fall through to the error below
  }
  throw badUserInput('The cursor is not valid; use a cursor from a previous page', {
    field: 'after',
  });
}
