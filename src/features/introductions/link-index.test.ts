import { seededRandom } from '../../core/random/seeded-random';
import { LinkIndex, type LinkSummary } from './link-index';

const summary = (strength: number, latestAtMs = NaN): LinkSummary => ({ strength, latestAtMs });

/** The reference: a plain map of maps, symmetric by construction. */
class Model {
  readonly links = new Map<string, Map<string, LinkSummary>>();
  readonly usable = new Map<string, boolean>();

  set(a: string, b: string, value: LinkSummary | null): void {
    if (a === b) return;
    for (const [from, to] of [
      [a, b],
      [b, a],
    ] as const) {
      let row = this.links.get(from);
      if (row === undefined) {
        row = new Map();
        this.links.set(from, row);
      }
      if (value === null) row.delete(to);
      else row.set(to, value);
    }
  }

  replace(person: string, links: Map<string, LinkSummary>): void {
    for (const other of [...(this.links.get(person)?.keys() ?? [])]) this.set(person, other, null);
    for (const [other, value] of links) this.set(person, other, value);
  }

  count(): number {
    let total = 0;
    for (const row of this.links.values()) total += row.size;
    return total / 2;
  }
}

function expectSame(index: LinkIndex, model: Model, people: readonly string[]): void {
  for (const a of people) {
    for (const b of people) {
      const expected = a === b ? undefined : model.links.get(a)?.get(b);
      const actual = index.linkBetween(a, b);
      if (expected === undefined) expect(actual).toBeNull();
      else expect(actual).toEqual(expected);
    }
  }
  expect(index.links).toBe(model.count());
}

describe('LinkIndex', () => {
  it('keeps both sides of a link, and removes both', () => {
    const index = new LinkIndex();
    index.setLink('a', 'b', summary(0.5, 1000));
    expect(index.linkBetween('a', 'b')).toEqual({ strength: 0.5, latestAtMs: 1000 });
    expect(index.linkBetween('b', 'a')).toEqual({ strength: 0.5, latestAtMs: 1000 });
    expect(index.links).toBe(1);
    index.setLink('b', 'a', summary(0.25));
    expect(index.linkBetween('a', 'b')?.strength).toBe(0.25);
    expect(index.links).toBe(1);
    index.setLink('a', 'b', null);
    expect(index.linkBetween('a', 'b')).toBeNull();
    expect(index.linkBetween('b', 'a')).toBeNull();
    expect(index.links).toBe(0);
  });

  it('replaces a person’s links, removing the other side of links they no longer have', () => {
    const index = new LinkIndex();
    index.setLink('a', 'b', summary(0.5));
    index.setLink('a', 'c', summary(0.5));
    index.replaceLinks(
      'a',
      new Map([
        ['d', summary(0.75)],
        ['b', summary(0.25)],
      ]),
    );
    expect(index.linkBetween('c', 'a')).toBeNull();
    expect(index.linkBetween('b', 'a')?.strength).toBe(0.25);
    expect(index.linkBetween('d', 'a')?.strength).toBe(0.75);
    expect(index.links).toBe(2);
    index.removePerson('a');
    expect(index.links).toBe(0);
    expect(index.isUsable('a')).toBe(false);
  });

  it('matches a plain model through a long random sequence of changes', () => {
    const random = seededRandom(42);
    const people = Array.from({ length: 40 }, (_, n) => `p${String(n).padStart(2, '0')}`);
    const pick = () => people[Math.floor(random() * people.length)] as string;
    const index = new LinkIndex();
    const model = new Model();
    const loaded = new Map<string, Map<string, LinkSummary>>();
    for (let n = 0; n < 60; n++) {
      const [a, b] = [pick(), pick()];
      if (a === b) continue;
      const value = summary(Math.round(random() * 100) / 100, Math.floor(random() * 1e6));
      model.set(a, b, value);
    }
    for (const [person, row] of model.links) loaded.set(person, new Map(row));
    index.loadRows(loaded);
    expectSame(index, model, people);
    for (let step = 0; step < 2_000; step++) {
      const roll = random();
      if (roll < 0.6) {
        const value = random() < 0.3 ? null : summary(Math.round(random() * 100) / 100);
        const [a, b] = [pick(), pick()];
        index.setLink(a, b, value);
        model.set(a, b, value);
      } else {
        const person = pick();
        const links = new Map<string, LinkSummary>();
        for (let k = Math.floor(random() * 6); k > 0; k--) {
          const other = pick();
          if (other !== person) links.set(other, summary(Math.round(random() * 100) / 100, step));
        }
        index.replaceLinks(person, links);
        model.replace(person, links);
      }
      if (step % 250 === 0) expectSame(index, model, people);
    }
    expectSame(index, model, people);
  });

  it('expands like the database does: usable neighbours, path ends, a restriction, degrees', () => {
    const index = new LinkIndex();
    for (const [id, usable] of [
      ['s', true],
      ['a', true],
      ['b', false],
      ['c', true],
      ['t', false],
    ] as const) {
      index.setUsable(id, usable);
    }
    index.setLink('s', 'a', summary(0.9));
    index.setLink('s', 'b', summary(0.8));
    index.setLink('a', 'c', summary(0.7));
    index.setLink('s', 't', summary(0.1));
    const ends = new Set(['t']);
    const expanded = index.expand(['s'], null, ends);
    expect(expanded.map((link) => [link.otherId, link.otherUsable, link.otherDegree])).toEqual([
      ['a', true, 2],
      ['t', false, 0],
    ]);
    const restricted = index.expand(['s'], { ids: ['a'], usableIds: ['a'] }, ends);
    expect(restricted.map((link) => [link.otherId, link.otherDegree])).toEqual([['a', 0]]);
    expect(index.expand(['unknown'], null, ends)).toEqual([]);
  });
});
