/**
 * All times are relative to a fixed reference date, never to the clock: the same seed gives the
 * same graph next year too, and "the last two years" means the two years before this date.
 */
export const REFERENCE_TIME = Date.UTC(2026, 10, 1);

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

export function daysBefore(days: number): number {
  return REFERENCE_TIME - Math.round(days * DAY_MS);
}

/** A Neo4j `datetime` literal in UTC, e.g. 2026-03-14T09:26:53.000Z. */
export function toDateTime(ms: number): string {
  return new Date(ms).toISOString();
}

/** A Neo4j `date` literal, e.g. 2024-05-01. */
export function toDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
