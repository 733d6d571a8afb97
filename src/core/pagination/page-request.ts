import { badUserInput } from '../errors/domain-error';
import { type CursorPosition, decodeCursor } from './cursor';

/** The hard cap on page size: bigger pages go through bulk export, not the interactive API. */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export interface PageRequest {
  first: number;
  after: CursorPosition | null;
}

export function pageRequest(
  first: number | null | undefined,
  after: string | null | undefined,
): PageRequest {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) {
    throw badUserInput(`first must be between 0 and ${MAX_PAGE_SIZE}`, {
      field: 'first',
      max: MAX_PAGE_SIZE,
    });
  }
  return { first: size, after: after === null || after === undefined ? null : decodeCursor(after) };
}
