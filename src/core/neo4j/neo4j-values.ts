import neo4j, { type Integer } from 'neo4j-driver';

/**
 * Converts what the driver returns into plain JSON-like values at the repository boundary:
 * Neo4j integers become numbers (they must fit), temporal values become ISO strings, nodes and
 * relationships become their property maps.
 */
export function toPlain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (neo4j.isInt(value)) {
    if (!neo4j.integer.inSafeRange(value)) {
      throw new RangeError(`Neo4j integer ${value.toString()} does not fit a JavaScript number`);
    }
    return value.toNumber();
  }
  // Zoned date-times leave as JavaScript does it (UTC, milliseconds: 2026-11-23T10:15:00.000Z), so
  // clients get one format whatever precision Neo4j stored.
  if (neo4j.isDateTime(value)) return value.toStandardDate().toISOString();
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
