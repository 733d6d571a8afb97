import { INTERACTION_FIELDS } from '../interactions/interaction.repository';
import { TIE_FIELDS } from '../ties/tie.repository';
import { fieldsAsMap } from './cypher-fields';

describe('fieldsAsMap', () => {
  it('turns aliased items and plain variables into map entries', () => {
    expect(fieldsAsMap('a.id AS id, b, count(c) AS n')).toBe('{id: a.id, b: b, n: count(c)}');
  });

  it('keeps commas inside brackets, braces, parentheses and strings', () => {
    expect(fieldsAsMap("coalesce(a.x, 'a,b') AS x, [y IN ys | {k: y, v: 1}] AS ys")).toBe(
      "{x: coalesce(a.x, 'a,b'), ys: [y IN ys | {k: y, v: 1}]}",
    );
  });

  it('reads the field lists of the repositories it serves', () => {
    expect(fieldsAsMap(TIE_FIELDS)).toMatch(/^\{id: t\.id, type: type\(t\), strength: t\.strength/);
    const interaction = fieldsAsMap(INTERACTION_FIELDS);
    expect(interaction.startsWith('{i: i {.id, .kind, .channel, .occurredAt,')).toBe(true);
    expect(interaction).toContain('.url}, performer: COLLECT {');
    expect(interaction).toContain('handledByUserId: COLLECT {');
  });

  it('refuses an item without a name', () => {
    expect(() => fieldsAsMap('a.id')).toThrow('Not a projection item with a name');
  });
});
