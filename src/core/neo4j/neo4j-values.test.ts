import neo4j from 'neo4j-driver';
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

  it('refuses integers a JavaScript number cannot hold', () => {
    expect(() => toPlain(neo4j.int('9007199254740993'))).toThrow(RangeError);
  });
});
