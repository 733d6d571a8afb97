import neo4j, { type DateTime, type Integer } from 'neo4j-driver';

/**
 * Converts what the driver returns into plain JSON-like values at the repository boundary:
 * Neo4j integers become numbers (they must fit), temporal values become ISO strings, nodes and
 * relationships become their property maps.
 */
export function toPlain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  // Strings, floats and booleans are most of what a result holds: no type checks for them.
  if (typeof value !== 'object') return value;
  if (neo4j.isInt(value)) {
    if (!neo4j.integer.inSafeRange(value)) {
      throw new RangeError(`Neo4j integer ${value.toString()} does not fit a JavaScript number`);
    }
    return value.toNumber();
  }
  // Zoned date-times leave as JavaScript does it (UTC, milliseconds: 2026-11-23T10:15:00.000Z), so
  // clients get one format whatever precision Neo4j stored.
  if (neo4j.isDateTime(value)) return isoOfDateTime(value);
  if (
    neo4j.isDate(value) ||
    neo4j.isLocalDateTime(value) ||
    neo4j.isTime(value) ||
    neo4j.isLocalTime(value) ||
    neo4j.isDuration(value)
  ) {
    return value.toString();
  }
  if (neo4j.isNode(value) || neo4j.isRelationship(value)) return toPlain(value.properties);
  if (Array.isArray(value)) return value.map(toPlain);
  if (typeof value === 'object') {
    const plain: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(value)) plain[key] = toPlain(entry);
    return plain;
  }
  return value;
}

function fieldNumber(field: number | Integer): number {
  return typeof field === 'number' ? field : field.toNumber();
}

/**
 * A zoned date-time as an ISO string in UTC with milliseconds. The driver's own
 * `toStandardDate()` computes with 64-bit Integer objects and costs several times more; a person
 * view converts a few hundred of them. Date-times with a zone id and no offset, and years outside
 * 100…9999 (where Date.UTC and the ISO format differ), go the driver's way.
 */
function isoOfDateTime(value: DateTime<number | Integer>): string {
  const offset = value.timeZoneOffsetSeconds;
  const year = fieldNumber(value.year);
  if (offset === undefined || year < 100 || year > 9999) {
    return value.toStandardDate().toISOString();
  }
  const millis =
    Date.UTC(
      year,
      fieldNumber(value.month) - 1,
      fieldNumber(value.day),
      fieldNumber(value.hour),
      fieldNumber(value.minute),
      fieldNumber(value.second),
    ) +
    Math.floor(fieldNumber(value.nanosecond) / 1_000_000) -
    fieldNumber(offset) * 1000;
  return new Date(millis).toISOString();
}

/** A text column of a result row, or the fallback when the column is missing or not text. */
export function textOr(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

/**
 * JavaScript numbers reach Neo4j as floats; LIMIT, SKIP and range() need integers.
 */
export function cypherInt(value: number): Integer {
  return neo4j.int(value);
}
