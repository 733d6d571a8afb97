import type { KnownPeople, NeighbourFacts } from './introduction-subgraph';
import { Neighbourhood } from './introduction-subgraph';
import { followStrength, linkWeight, sharedInteractionStrength } from './introduction-link';

/** What the index keeps of the link between two people (see summarizeLink). */
export interface LinkSummary {
  /** The strongest reason's strength, 0–1. */
  strength: number;
  /** The latest shared interaction (ms since the epoch), or NaN. */
  latestAtMs: number;
}

/** A link as the index expands it: enough to weigh it, nothing to explain it with. */
export interface IndexedLink extends NeighbourFacts, LinkSummary {}

/** One person's links: neighbours ascending, with the summary of each link alongside. */
export interface Row {
  others: Int32Array;
  strength: Float64Array;
  latestAt: Float64Array;
}

const EMPTY_ROW: Row = {
  others: new Int32Array(0),
  strength: new Float64Array(0),
  latestAt: new Float64Array(0),
};

function findIn(others: Int32Array, other: number): number {
  let low = 0;
  let high = others.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const value = others[middle] as number;
    if (value === other) return middle;
    if (value < other) low = middle + 1;
    else high = middle - 1;
  }
  return -(low + 1);
}

/** The row with one link set (inserted, or replaced) or removed (summary null). */
function withLink(row: Row, other: number, summary: LinkSummary | null): Row {
  const at = findIn(row.others, other);
  if (at >= 0 && summary !== null) {
    row.strength[at] = summary.strength;
    row.latestAt[at] = summary.latestAtMs;
    return row;
  }
  if (at < 0 && summary === null) return row;
  const size = row.others.length + (at < 0 ? 1 : -1);
  const next: Row = {
    others: new Int32Array(size),
    strength: new Float64Array(size),
    latestAt: new Float64Array(size),
  };
  const cut = at < 0 ? -at - 1 : at;
  const skip = at < 0 ? 0 : 1;
  next.others.set(row.others.subarray(0, cut));
  next.strength.set(row.strength.subarray(0, cut));
  next.latestAt.set(row.latestAt.subarray(0, cut));
  const shift = at < 0 ? 1 : 0;
  next.others.set(row.others.subarray(cut + skip), cut + shift);
  next.strength.set(row.strength.subarray(cut + skip), cut + shift);
  next.latestAt.set(row.latestAt.subarray(cut + skip), cut + shift);
  if (at < 0 && summary !== null) {
    next.others[cut] = other;
    next.strength[cut] = summary.strength;
    next.latestAt[cut] = summary.latestAtMs;
  }
  return next;
}

/** People numbered in the order first met, with one consent bit each. */
class NumberedPeople {
  private readonly numbers = new Map<string, number>();
  private readonly ids: string[] = [];
  private usable = new Uint8Array(1024);

  get size(): number {
    return this.ids.length;
  }

  find(personId: string): number | undefined {
    return this.numbers.get(personId);
  }

  idOf(number: number): string {
    return this.ids[number] as string;
  }

  isUsable(number: number): boolean {
    return this.usable[number] === 1;
  }

  setUsable(number: number, usable: boolean): void {
    this.usable[number] = usable ? 1 : 0;
  }

  /** The person's number, numbering them first if they are new. */
  numberOf(personId: string): number {
    let number = this.numbers.get(personId);
    if (number === undefined) {
      number = this.ids.length;
      this.ids.push(personId);
      this.numbers.set(personId, number);
      if (number >= this.usable.length) {
        const grown = new Uint8Array(this.usable.length * 2);
        grown.set(this.usable);
        this.usable = grown;
      }
    }
    return number;
  }
}

/**
 * Who is linked to whom, for every person, in memory: ties, follows between their accounts and
 * shared interactions, each reduced to what weighs the link (LinkSummary), and whether each
 * person's consent lets a path pass through them. Compact on purpose: bench-M has 100k people and
 * millions of link ends, kept as typed arrays rather than millions of objects for the collector.
 *
 * The index answers searches; it does not explain them. Every path found on it is checked
 * against the database before it is returned (IntroductionService), which also corrects the
 * index where it was behind.
 */
export class LinkIndex {
  private rows: Row[] = [];
  private linkCount = 0;

  constructor(private readonly people: NumberedPeople = new NumberedPeople()) {}

  /** An index of the given people and their rows (by number); see LinkIndexBuilder. */
  static of(people: NumberedPeople, rows: readonly Row[]): LinkIndex {
    const index = new LinkIndex(people);
    index.rows = [...rows];
    index.linkCount = rows.reduce((total, row) => total + row.others.length, 0);
    return index;
  }

  /** Links between two people, each counted once. */
  get links(): number {
    return this.linkCount / 2;
  }

  /** How many people the person is linked to (0 when unknown): what reading their links costs. */
  degree(personId: string): number {
    const number = this.people.find(personId);
    return number === undefined ? 0 : (this.rows[number] ?? EMPTY_ROW).others.length;
  }

  /** Consent lets a path pass through the person (false for people the index does not know). */
  isUsable(personId: string): boolean {
    const number = this.people.find(personId);
    return number !== undefined && this.people.isUsable(number);
  }

  setUsable(personId: string, usable: boolean): void {
    this.people.setUsable(this.people.numberOf(personId), usable);
  }

  /** The summary of the link between two people, or null. */
  linkBetween(personId: string, otherId: string): LinkSummary | null {
    const person = this.people.find(personId);
    const other = this.people.find(otherId);
    if (person === undefined || other === undefined) return null;
    const row = this.rows[person] ?? EMPTY_ROW;
    const at = findIn(row.others, other);
    if (at < 0) return null;
    return { strength: row.strength[at] as number, latestAtMs: row.latestAt[at] as number };
  }

  /** Sets (or, with null, removes) the link between two people, on both sides. */
  setLink(personId: string, otherId: string, summary: LinkSummary | null): void {
    if (personId === otherId) return;
    const person = this.people.numberOf(personId);
    const other = this.people.numberOf(otherId);
    this.setHalf(person, other, summary);
    this.setHalf(other, person, summary);
  }

  /** Replaces every link of a person with the given ones (their complete current set). */
  replaceLinks(personId: string, links: ReadonlyMap<string, LinkSummary>): void {
    const person = this.people.numberOf(personId);
    const row = this.rows[person] ?? EMPTY_ROW;
    for (const other of row.others) {
      if (!links.has(this.people.idOf(other))) this.setHalf(other, person, null);
    }
    this.linkCount -= row.others.length;
    this.rows[person] = EMPTY_ROW;
    for (const [otherId, summary] of links) this.setLink(personId, otherId, summary);
  }

  /** Forgets a person and every link to them. */
  removePerson(personId: string): void {
    if (this.people.find(personId) === undefined) return;
    this.replaceLinks(personId, new Map());
    this.setUsable(personId, false);
  }

  /**
   * The same answer as the database's expansion (IntroductionRepository.expand) on the state the
   * index holds: every link of the given people, to `only` when given; neighbours who may not be
   * used are left out unless they are one of the path's ends.
   */
  expand(
    personIds: readonly string[],
    only: KnownPeople | null,
    endpointIds: ReadonlySet<string>,
  ): IndexedLink[] {
    const allowed = only === null ? null : new Set(only.ids);
    const links: IndexedLink[] = [];
    for (const personId of personIds) {
      const person = this.people.find(personId);
      if (person === undefined) continue;
      const row = this.rows[person] ?? EMPTY_ROW;
      for (let at = 0; at < row.others.length; at++) {
        const other = row.others[at] as number;
        const otherId = this.people.idOf(other);
        if (allowed !== null && !allowed.has(otherId)) continue;
        const usable = this.people.isUsable(other);
        if (!usable && !endpointIds.has(otherId)) continue;
        links.push({
          personId,
          otherId,
          otherUsable: usable,
          otherDegree: only === null && usable ? (this.rows[other]?.others.length ?? 0) : 0,
          strength: row.strength[at] as number,
          latestAtMs: row.latestAt[at] as number,
        });
      }
    }
    return links;
  }

  private setHalf(person: number, other: number, summary: LinkSummary | null): void {
    const row = this.rows[person] ?? EMPTY_ROW;
    const next = withLink(row, other, summary);
    this.linkCount += next.others.length - row.others.length;
    this.rows[person] = next;
  }
}

/** What the builder gathers about one pair of people, from each kind of link. */
const NO_TIE = -Infinity;

/**
 * Builds a LinkIndex from every link at once, each read once: ties, follows between owned
 * accounts, and the people of each interaction (every pair of them shares it). The same
 * summaries as summarizeLink gives for the facts the database-backed search reads per person
 * (a test compares the two), at a fraction of the reading: per-person expansion reads each
 * interaction once for each of its people, and a staff member's thousands of handled tickets
 * each time.
 */
export class LinkIndexBuilder {
  private readonly people = new NumberedPeople();
  private readonly slots = new Map<number, number>();
  private pairs = new Int32Array(2 * 1024);
  private tie = new Float64Array(1024);
  private follows = new Uint8Array(1024);
  private shared = new Uint32Array(1024);
  private latest = new Float64Array(1024);

  person(personId: string, usable: boolean): void {
    this.people.setUsable(this.people.numberOf(personId), usable);
  }

  addTie(fromId: string, toId: string, strength: number): void {
    const slot = this.slotOf(fromId, toId);
    if (slot !== null) this.tie[slot] = Math.max(this.tie[slot] as number, strength);
  }

  /** An account of `followerId` follows one of `followedId`'s. */
  addFollow(followerId: string, followedId: string): void {
    const slot = this.slotOf(followerId, followedId);
    if (slot === null) return;
    const forward = this.people.numberOf(followerId) < this.people.numberOf(followedId);
    this.follows[slot] = (this.follows[slot] as number) | (forward ? 1 : 2);
  }

  /** The people of one interaction: each pair of them shares it. */
  addInteraction(personIds: readonly string[], occurredAtMs: number): void {
    for (let i = 0; i < personIds.length; i++) {
      for (let j = i + 1; j < personIds.length; j++) {
        const slot = this.slotOf(personIds[i] as string, personIds[j] as string);
        if (slot === null) continue;
        this.shared[slot] = (this.shared[slot] as number) + 1;
        const latest = this.latest[slot] as number;
        if (Number.isNaN(latest) || occurredAtMs > latest) this.latest[slot] = occurredAtMs;
      }
    }
  }

  build(): LinkIndex {
    const pairCount = this.slots.size;
    const degree = new Int32Array(this.people.size);
    for (let slot = 0; slot < pairCount; slot++) {
      for (const end of [this.pairs[2 * slot] as number, this.pairs[2 * slot + 1] as number]) {
        degree[end] = (degree[end] as number) + 1;
      }
    }
    const start = new Int32Array(this.people.size + 1);
    for (let person = 0; person < this.people.size; person++) {
      start[person + 1] = (start[person] as number) + (degree[person] as number);
    }
    const others = new Int32Array(2 * pairCount);
    const strength = new Float64Array(2 * pairCount);
    const latestAt = new Float64Array(2 * pairCount);
    const fill = start.slice(0, this.people.size);
    for (let slot = 0; slot < pairCount; slot++) {
      const a = this.pairs[2 * slot] as number;
      const b = this.pairs[2 * slot + 1] as number;
      const best = this.strongest(slot);
      for (const [from, to] of [
        [a, b],
        [b, a],
      ] as const) {
        const at = fill[from] as number;
        fill[from] = at + 1;
        others[at] = to;
        strength[at] = best;
        latestAt[at] = this.latest[slot] as number;
      }
    }
    const rows: Row[] = [];
    for (let person = 0; person < this.people.size; person++) {
      const from = start[person] as number;
      const to = start[person + 1] as number;
      const order = Array.from({ length: to - from }, (_, k) => from + k).sort(
        (x, y) => (others[x] as number) - (others[y] as number),
      );
      rows.push({
        others: Int32Array.from(order, (k) => others[k] as number),
        strength: Float64Array.from(order, (k) => strength[k] as number),
        latestAt: Float64Array.from(order, (k) => latestAt[k] as number),
      });
    }
    return LinkIndex.of(this.people, rows);
  }

  /** The strength of the link's strongest reason (see summarizeLink). */
  private strongest(slot: number): number {
    const follows = this.follows[slot] as number;
    const count = this.shared[slot] as number;
    return Math.max(
      this.tie[slot] as number,
      follows === 0 ? NO_TIE : followStrength(follows === 3),
      count === 0 ? NO_TIE : sharedInteractionStrength(count),
    );
  }

  private slotOf(aId: string, bId: string): number | null {
    if (aId === bId) return null;
    let a = this.people.numberOf(aId);
    let b = this.people.numberOf(bId);
    if (a > b) [a, b] = [b, a];
    const key = a * 2 ** 26 + b;
    let slot = this.slots.get(key);
    if (slot === undefined) {
      slot = this.slots.size;
      this.slots.set(key, slot);
      if (slot >= this.tie.length) this.grow();
      this.pairs[2 * slot] = a;
      this.pairs[2 * slot + 1] = b;
      this.tie[slot] = NO_TIE;
      this.latest[slot] = NaN;
    }
    return slot;
  }

  private grow(): void {
    const size = this.tie.length * 2;
    const grown = <T extends Int32Array | Float64Array | Uint8Array | Uint32Array>(
      array: T,
      make: (length: number) => T,
      factor = 1,
    ): T => {
      const next = make(size * factor);
      next.set(array as never);
      return next;
    };
    this.pairs = grown(this.pairs, (n) => new Int32Array(n), 2);
    this.tie = grown(this.tie, (n) => new Float64Array(n));
    this.follows = grown(this.follows, (n) => new Uint8Array(n));
    this.shared = grown(this.shared, (n) => new Uint32Array(n));
    this.latest = grown(this.latest, (n) => new Float64Array(n));
  }
}

/** A search's neighbourhood read from the index: weighs links, cannot explain them. */
export class IndexedNeighbourhood extends Neighbourhood<IndexedLink> {
  constructor(
    sources: ReadonlySet<string>,
    target: string,
    private readonly now: number,
  ) {
    super(sources, target);
  }

  protected weigh(link: IndexedLink): number {
    return linkWeight(link.strength, link.latestAtMs, this.now);
  }

  protected mirror(link: IndexedLink): IndexedLink {
    return { ...link, personId: link.otherId, otherId: link.personId };
  }
}
