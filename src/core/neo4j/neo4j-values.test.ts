import neo4j from 'neo4j-driver';
import { seededRandom as seeded } from '../random/seeded-random';
import { toPlain } from './neo4j-values';

describe('toPlain', () => {
  it('converts integers, temporals and nested structures', () => {
    const value = {
      count: neo4j.int(42),
      when: new neo4j.types.DateTime(2026, 11, 23, 10, 0, 0, 0, 0),
      day: new neo4j.types.Date(2024, 2, 29),
      list: [neo4j.int(1), 'a', null],
      missing: undefined,
    };
    expect(toPlain(value)).toEqual({
      count: 42,
      when: '2026-11-23T10:00:00.000Z',
      day: '2024-02-29',
      list: [1, 'a', null],
      missing: null,
    });
  });

  it('writes zoned date-times exactly as the driver would, in UTC with milliseconds', () => {
    const random = seeded(7);
    const pick = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
    for (let round = 0; round < 5_000; round++) {
      const value = new neo4j.types.DateTime(
        neo4j.int(round % 50 === 0 ? pick(1, 120) : pick(1900, 2100)),
        neo4j.int(pick(1, 12)),
        neo4j.int(pick(1, 28)),
        neo4j.int(pick(0, 23)),
        neo4j.int(pick(0, 59)),
        neo4j.int(pick(0, 59)),
        neo4j.int(pick(0, 999_999_999)),
        neo4j.int(pick(-18, 18) * 1800),
      );
      expect(toPlain(value)).toBe(value.toStandardDate().toISOString());
    }
    // As the driver decodes them, with plain numbers.
    expect(toPlain(new neo4j.types.DateTime(2026, 1, 1, 0, 30, 0, 999_999, 3600))).toBe(
      '2025-12-31T23:30:00.000Z',
    );
  });

  it('leaves strings, floats and booleans as they are', () => {
    expect(toPlain(['text', 0.25, true, false, ''])).toEqual(['text', 0.25, true, false, '']);
  });

  it('refuses integers a JavaScript number cannot hold', () => {
    expect(() => toPlain(neo4j.int('9007199254740993'))).toThrow(RangeError);
  });
});
