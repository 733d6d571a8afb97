import { seededRandom } from '../../core/random/seeded-random';
import { TieType } from '../ties/tie.type';
import { type LinkFacts, summarizeLink } from './introduction-link';
import { LinkIndex, LinkIndexBuilder, type LinkSummary } from './link-index';

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
    for (let n = 0; n < 60; n++) {
      const [a, b] = [pick(), pick()];
      if (a === b) continue;
      const value = summary(Math.round(random() * 100) / 100, Math.floor(random() * 1e6));
      model.set(a, b, value);
      index.setLink(a, b, value);
    }
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

describe('LinkIndexBuilder', () => {
  it('gives every pair the summary of all its ties, follows and shared interactions', () => {
    const random = seededRandom(7);
    const people = Array.from({ length: 25 }, (_, n) => `q${String(n).padStart(2, '0')}`);
    const pick = () => people[Math.floor(random() * people.length)] as string;
    const facts = new Map<string, LinkFacts>();
    const factsOf = (a: string, b: string): LinkFacts => {
      const key = `${a} ${b}`;
      let found = facts.get(key);
      if (found === undefined) {
        found = {
          personId: a,
          otherId: b,
          ties: [],
          follows: false,
          followedBy: false,
          followSince: null,
          shared: null,
        };
        facts.set(key, found);
      }
      return found;
    };
    const builder = new LinkIndexBuilder();
    const usable = new Map(people.map((person) => [person, random() < 0.7]));
    for (const person of people) builder.person(person, usable.get(person) === true);
    for (let n = 0; n < 40; n++) {
      const [a, b] = [pick(), pick()];
      if (a === b) continue;
      const strength = Math.round(random() * 100) / 100;
      builder.addTie(a, b, strength);
      const tie = { tieId: `t${n}`, type: TieType.KNOWS, strength, since: null };
      factsOf(a, b).ties = [...factsOf(a, b).ties, { ...tie, fromPersonId: a, toPersonId: b }];
      factsOf(b, a).ties = [...factsOf(b, a).ties, { ...tie, fromPersonId: a, toPersonId: b }];
    }
    for (let n = 0; n < 40; n++) {
      const [a, b] = [pick(), pick()];
      if (a === b) continue;
      builder.addFollow(a, b);
      factsOf(a, b).follows = true;
      factsOf(b, a).followedBy = true;
    }
    for (let n = 0; n < 60; n++) {
      const group = [...new Set([pick(), pick(), ...(random() < 0.5 ? [pick()] : [])])];
      const at = Date.parse('2026-01-01T00:00:00Z') + Math.floor(random() * 300) * 86_400_000;
      builder.addInteraction(group, at);
      for (const a of group) {
        for (const b of group) {
          if (a === b) continue;
          const shared = factsOf(a, b).shared;
          const latestAt =
            shared === null || Date.parse(shared.latestAt) < at
              ? new Date(at).toISOString()
              : shared.latestAt;
          factsOf(a, b).shared = {
            count: (shared?.count ?? 0) + 1,
            firstAt: '2026-01-01T00:00:00.000Z',
            latestAt,
            latestInteractionId: `i${n}`,
          };
        }
      }
    }
    const index = builder.build();
    let links = 0;
    for (const a of people) {
      for (const b of people) {
        const expected = a === b ? null : summarizeLink(factsOf(a, b));
        expect(index.linkBetween(a, b)).toEqual(expected);
        if (expected !== null) links += 1;
      }
    }
    expect(index.links).toBe(links / 2);
    expect(links).toBeGreaterThan(50);
    for (const person of people) expect(index.isUsable(person)).toBe(usable.get(person));
  });
});
