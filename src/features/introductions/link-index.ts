import type { KnownPeople, NeighbourFacts } from './introduction-subgraph';
import { Neighbourhood } from './introduction-subgraph';
import { linkWeight } from './introduction-link';

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
interface Row {
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

/**
 * Who is linked to whom, for every person, in memory: ties, follows between their accounts and
 * shared interactions, each reduced to what weighs the link (LinkSummary), and whether each
 * person's consent lets a path pass through them. Compact on purpose: bench-M has 100k people and
 * about a million links, kept as typed arrays rather than a million objects for the collector.
 *
 * The index answers searches; it does not explain them. Every path found on it is checked
 * against the database before it is returned (IntroductionService), which also corrects the
 * index where it was behind.
 */
export class LinkIndex {
  private readonly numbers = new Map<string, number>();
  private readonly ids: string[] = [];
  private rows: Row[] = [];
  private usable = new Uint8Array(1024);
  private linkCount = 0;

  get people(): number {
    return this.numbers.size;
  }

  /** Links between two people, each counted once. */
  get links(): number {
    return this.linkCount / 2;
  }

  /** Consent lets a path pass through the person (false for people the index does not know). */
  isUsable(personId: string): boolean {
    const number = this.numbers.get(personId);
    return number !== undefined && this.usable[number] === 1;
  }

  setUsable(personId: string, usable: boolean): void {
    this.usable[this.numberOf(personId)] = usable ? 1 : 0;
  }

  /** The summary of the link between two people, or null. */
  linkBetween(personId: string, otherId: string): LinkSummary | null {
    const person = this.numbers.get(personId);
    const other = this.numbers.get(otherId);
    if (person === undefined || other === undefined) return null;
    const row = this.rows[person] ?? EMPTY_ROW;
    const at = findIn(row.others, other);
    if (at < 0) return null;
    return { strength: row.strength[at] as number, latestAtMs: row.latestAt[at] as number };
  }

  /** Sets (or, with null, removes) the link between two people, on both sides. */
  setLink(personId: string, otherId: string, summary: LinkSummary | null): void {
    if (personId === otherId) return;
    const person = this.numberOf(personId);
    const other = this.numberOf(otherId);
    this.setHalf(person, other, summary);
    this.setHalf(other, person, summary);
  }

  /** Replaces every link of a person with the given ones (their complete current set). */
  replaceLinks(personId: string, links: ReadonlyMap<string, LinkSummary>): void {
    const person = this.numberOf(personId);
    const row = this.rows[person] ?? EMPTY_ROW;
    for (const other of row.others) {
      if (!links.has(this.ids[other] as string)) this.setHalf(other, person, null);
    }
    this.linkCount -= row.others.length;
    this.rows[person] = EMPTY_ROW;
    for (const [otherId, summary] of links) this.setLink(personId, otherId, summary);
  }

  /**
   * Adds one side of many links at once, for loading: each person's complete set arrives with
   * their own rows, so no mirroring is needed. Replaces the rows of the people it names.
   */
  loadRows(rows: ReadonlyMap<string, ReadonlyMap<string, LinkSummary>>): void {
    for (const [personId, links] of rows) {
      const person = this.numberOf(personId);
      const entries = [...links].map(([otherId, summary]) => ({
        other: this.numberOf(otherId),
        summary,
      }));
      entries.sort((a, b) => a.other - b.other);
      const row: Row = {
        others: new Int32Array(entries.map((entry) => entry.other)),
        strength: new Float64Array(entries.map((entry) => entry.summary.strength)),
        latestAt: new Float64Array(entries.map((entry) => entry.summary.latestAtMs)),
      };
      this.linkCount += row.others.length - (this.rows[person]?.others.length ?? 0);
      this.rows[person] = row;
    }
  }

  /** Forgets a person and every link to them. */
  removePerson(personId: string): void {
    if (!this.numbers.has(personId)) return;
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
      const person = this.numbers.get(personId);
      if (person === undefined) continue;
      const row = this.rows[person] ?? EMPTY_ROW;
      for (let at = 0; at < row.others.length; at++) {
        const other = row.others[at] as number;
        const otherId = this.ids[other] as string;
        if (allowed !== null && !allowed.has(otherId)) continue;
        const usable = this.usable[other] === 1;
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

  private numberOf(personId: string): number {
    let number = this.numbers.get(personId);
    if (number === undefined) {
      number = this.ids.length;
      this.ids.push(personId);
      this.numbers.set(personId, number);
      this.rows.push(EMPTY_ROW);
      if (number >= this.usable.length) {
        const grown = new Uint8Array(this.usable.length * 2);
        grown.set(this.usable);
        this.usable = grown;
      }
    }
    return number;
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
