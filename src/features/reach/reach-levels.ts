import type { LevelCount } from './reach.repository';
import type { ReachLevel } from './reach.type';

/** From people first reached at each level to cumulative levels 1…maxHops (absent levels: 0). */
export function cumulativeLevels(
  firstReached: readonly LevelCount[],
  maxHops: number,
): ReachLevel[] {
  const levels: ReachLevel[] = [];
  let people = 0;
  let identifiedPeople = 0;
  for (let hops = 1; hops <= maxHops; hops++) {
    const level = firstReached.find((count) => count.hops === hops);
    people += level?.people ?? 0;
    identifiedPeople += level?.identified ?? 0;
    levels.push({ hops, people, newPeople: level?.people ?? 0, identifiedPeople });
  }
  return levels;
}

export interface Overlap {
  aPeople: number;
  bPeople: number;
  sharedPeople: number;
  unionPeople: number;
  jaccard: number;
}

/** Shared members of two audiences and their Jaccard index (0 when both are empty). */
export function overlapOf<Member>(a: ReadonlySet<Member>, b: ReadonlySet<Member>): Overlap {
  let sharedPeople = 0;
  for (const person of a) if (b.has(person)) sharedPeople += 1;
  const unionPeople = a.size + b.size - sharedPeople;
  return {
    aPeople: a.size,
    bPeople: b.size,
    sharedPeople,
    unionPeople,
    jaccard: unionPeople === 0 ? 0 : sharedPeople / unionPeople,
  };
}
