import { badUserInput } from '../../core/errors/domain-error';
import { MAX_PAGE_SIZE } from '../../core/pagination/page-request';

/** How many ranked results to return: 1…MAX_PAGE_SIZE, `fallback` when not given. */
export function resultLimit(first: number | null | undefined, fallback: number): number {
  const size = first ?? fallback;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw badUserInput(`first must be between 1 and ${MAX_PAGE_SIZE}`, {
      field: 'first',
      max: MAX_PAGE_SIZE,
    });
  }
  return size;
}

/** Exactly one of the named values is given. */
export function assertExactlyOne(values: Record<string, unknown>, field: string): void {
  const given = Object.values(values).filter((value) => value !== null && value !== undefined);
  if (given.length !== 1) {
    throw badUserInput(`Give exactly one of ${Object.keys(values).join(', ')}`, { field });
  }
}
