import type { Platform } from '../social-accounts/social-account.type';
import type { LevelCount } from './reach.repository';

/** One account as the bulk load reads it: its platform, its owner and who FOLLOWS it. */
export interface FollowerRow {
  id: string;
  platform: Platform;
  ownerId: string | null;
  followerIds: readonly string[];
}

/**
 * The exact current truth of one account, read after a change to its FOLLOWS or OWNED_BY: both
 * directions of its follows, so that the accounts at the other end can be kept consistent.
 */
export interface AccountState {
  id: string;
  exists: boolean;
  platform: Platform | null;
  ownerId: string | null;
  followerIds: readonly string[];
  followeeIds: readonly string[];
}

/**
 * One member of an audience, as REACHED in reach.repository.ts lists it: per platform, each
 * person (or ownerless account) once, at the first level one of their accounts was reached.
 * `who` is a person's number (≥ 0) or, for an account nobody owns, -1 - its account number;
 * {@link FollowerIndex.whoName} spells it as the Cypher does.
 */
export interface ReachedMember {
  platform: Platform;
  who: number;
  known: boolean;
  hops: number;
}

export interface ReachLevelCounts {
  perPlatform: (LevelCount & { platform: Platform })[];
  totals: LevelCount[];
}

export interface FollowerIndexStats {
  accounts: number;
  people: number;
  follows: number;
  /** What the typed arrays hold; id strings and their maps come on top. */
  typedArrayBytes: number;
}

const NO_OWNER = -1;
/** A person's platforms seen in one search are one bit each of a 32-bit mask. */
const MAX_PLATFORMS = 32;
const EMPTY = new Int32Array(0);

type FirstSight = (
  platform: number,
  who: number,
  known: boolean,
  hops: number,
  newAcrossPlatforms: boolean,
) => void;

/** Numbers for ids, in order of first sight. */
class Numbering {
  readonly ids: string[] = [];
  private readonly numbers = new Map<string, number>();

  get size(): number {
    return this.ids.length;
  }

  find(id: string): number | undefined {
    return this.numbers.get(id);
  }

  numberOf(id: string): number {
    const known = this.numbers.get(id);
    if (known !== undefined) return known;
    const number = this.ids.length;
    this.ids.push(id);
    this.numbers.set(id, number);
    return number;
  }
}

class PlatformCodes {
  readonly platforms: Platform[] = [];

  codeOf(platform: Platform): number {
    const known = this.platforms.indexOf(platform);
    if (known >= 0) return known;
    if (this.platforms.length === MAX_PLATFORMS) {
      throw new RangeError(`The follower index holds at most ${MAX_PLATFORMS} platforms`);
    }
    this.platforms.push(platform);
    return this.platforms.length - 1;
  }
}

/** Compressed sparse rows: the accounts linked to account a are `targets[offsets[a] … offsets[a + 1])`. */
interface PackedLinks {
  offsets: Int32Array;
  targets: Int32Array;
}

function packLinks(count: number, from: readonly number[], to: readonly number[]): PackedLinks {
  const offsets = new Int32Array(count + 1);
  for (const source of from) offsets[source + 1] = (offsets[source + 1] ?? 0) + 1;
  for (let account = 0; account < count; account++) {
    offsets[account + 1] = (offsets[account + 1] ?? 0) + (offsets[account] ?? 0);
  }
  const next = offsets.slice(0, count);
  const targets = new Int32Array(from.length);
  for (let link = 0; link < from.length; link++) {
    const source = from[link] ?? 0;
    const slot = next[source] ?? 0;
    next[source] = slot + 1;
    targets[slot] = to[link] ?? 0;
  }
  return { offsets, targets };
}

function grown<T extends Uint8Array | Int32Array | Uint32Array>(
  array: T,
  length: number,
  make: (length: number) => T,
  fill = 0,
): T {
  if (array.length >= length) return array;
  const larger = make(Math.max(length, array.length * 2, 16));
  larger.set(array);
  if (fill !== 0) larger.fill(fill, array.length);
  return larger;
}

/** `list` without `account`, and with it once when `linked`. */
function withLink(list: Int32Array, account: number, linked: boolean): Int32Array {
  const kept: number[] = [];
  for (const other of list) if (other !== account) kept.push(other);
  if (linked) kept.push(account);
  return Int32Array.from(kept);
}

/** What the builder hands the index: numbered accounts, people, platforms and packed follows. */
interface FollowerGraphParts {
  accounts: Numbering;
  people: Numbering;
  platformCodes: PlatformCodes;
  platformOf: Uint8Array;
  ownerOf: Int32Array;
  existing: Uint8Array;
  followers: PackedLinks;
  followees: PackedLinks;
}

/**
 * The follower graph in memory, for network reach without a traversal in Neo4j: accounts are
 * numbered, and per account the index keeps its platform, its owner (a person number) and both
 * directions of its follows. Follows are packed at load; an account that changes afterwards gets
 * arrays of its own. Searches are synchronous, so a search never sees half of a change.
 */
export class FollowerIndex {
  private readonly accounts: Numbering;
  private readonly people: Numbering;
  private readonly platformCodes: PlatformCodes;
  private platformOf: Uint8Array;
  private ownerOf: Int32Array;
  private existing: Uint8Array;
  /** Accounts numbered at load; the ones above it were added by replaceAccounts. */
  private readonly packedCount: number;
  private readonly packedFollowers: PackedLinks;
  private readonly packedFollowees: PackedLinks;
  /** 1 where an account's follows were replaced: they are in the maps, not the packed arrays. */
  private replaced: Uint8Array;
  private readonly replacedFollowers = new Map<number, Int32Array>();
  private readonly replacedFollowees = new Map<number, Int32Array>();
  private followCount: number;
  // Scratch of the searches: an entry belongs to the current search when it holds its mark.
  private mark = 0;
  private visited: Uint32Array;
  private queue: Int32Array;
  private personSeen: Uint32Array;
  private personPlatforms: Uint32Array;

  constructor(parts: FollowerGraphParts) {
    this.accounts = parts.accounts;
    this.people = parts.people;
    this.platformCodes = parts.platformCodes;
    this.platformOf = parts.platformOf;
    this.ownerOf = parts.ownerOf;
    this.existing = parts.existing;
    this.packedCount = parts.accounts.size;
    this.packedFollowers = parts.followers;
    this.packedFollowees = parts.followees;
    this.followCount = parts.followers.targets.length;
    this.replaced = new Uint8Array(this.packedCount);
    this.visited = new Uint32Array(this.packedCount);
    this.queue = new Int32Array(this.packedCount);
    this.personSeen = new Uint32Array(this.people.size);
    this.personPlatforms = new Uint32Array(this.people.size);
  }

  /** An index of these accounts, all at once (every follower needs its own row). */
  static fromRows(rows: readonly FollowerRow[]): FollowerIndex {
    const builder = new FollowerIndexBuilder();
    builder.addAccounts(rows);
    return builder.build();
  }

  stats(): FollowerIndexStats {
    let typedArrayBytes = 0;
    const arrays = [
      this.platformOf,
      this.ownerOf,
      this.existing,
      this.packedFollowers.offsets,
      this.packedFollowers.targets,
      this.packedFollowees.offsets,
      this.packedFollowees.targets,
      this.replaced,
      this.visited,
      this.queue,
      this.personSeen,
      this.personPlatforms,
      ...this.replacedFollowers.values(),
      ...this.replacedFollowees.values(),
    ];
    for (const array of arrays) typedArrayBytes += array.byteLength;
    let accounts = 0;
    for (let account = 0; account < this.accounts.size; account++) {
      if (this.existing[account] === 1) accounts += 1;
    }
    return { accounts, people: this.people.size, follows: this.followCount, typedArrayBytes };
  }

  /** How REACHED names a member: `person:<id>` or `account:<id>`. */
  whoName(who: number): string {
    return who >= 0
      ? `person:${this.people.ids[who] ?? ''}`
      : `account:${this.accounts.ids[-1 - who] ?? ''}`;
  }

  /**
   * The audience of the seeds within maxHops follower hops, as REACHED lists it: breadth-first,
   * each account at the level it is first reached, standing for its owner (or itself); the
   * subject's people are passed through but not listed.
   */
  reached(
    seedAccountIds: readonly string[],
    maxHops: number,
    subjectPeopleIds: readonly string[],
  ): ReachedMember[] {
    const members: ReachedMember[] = [];
    const platforms = this.platformCodes.platforms;
    this.search(seedAccountIds, maxHops, subjectPeopleIds, (platform, who, known, hops) => {
      members.push({ platform: platforms[platform] as Platform, who, known, hops });
    });
    return members;
  }

  /** What REACH_COUNTS gives: people and identified people per platform and level, and in total. */
  levelCounts(
    seedAccountIds: readonly string[],
    maxHops: number,
    subjectPeopleIds: readonly string[],
  ): ReachLevelCounts {
    const platformCount = this.platformCodes.platforms.length;
    const perPlatform = new Int32Array(platformCount * (maxHops + 1) * 2);
    const totals = new Int32Array((maxHops + 1) * 2);
    this.search(seedAccountIds, maxHops, subjectPeopleIds, (platform, _who, known, hops, isNew) => {
      const slot = (platform * (maxHops + 1) + hops) * 2;
      perPlatform[slot] = (perPlatform[slot] ?? 0) + 1;
      if (known) perPlatform[slot + 1] = (perPlatform[slot + 1] ?? 0) + 1;
      if (!isNew) return;
      totals[hops * 2] = (totals[hops * 2] ?? 0) + 1;
      if (known) totals[hops * 2 + 1] = (totals[hops * 2 + 1] ?? 0) + 1;
    });
    const result: ReachLevelCounts = { perPlatform: [], totals: [] };
    for (let hops = 1; hops <= maxHops; hops++) {
      for (let platform = 0; platform < platformCount; platform++) {
        const slot = (platform * (maxHops + 1) + hops) * 2;
        const people = perPlatform[slot] ?? 0;
        if (people === 0) continue;
        result.perPlatform.push({
          platform: this.platformCodes.platforms[platform] as Platform,
          hops,
          people,
          identified: perPlatform[slot + 1] ?? 0,
        });
      }
      const people = totals[hops * 2] ?? 0;
      if (people > 0) result.totals.push({ hops, people, identified: totals[hops * 2 + 1] ?? 0 });
    }
    return result;
  }

  /** What REACHED_PEOPLE gives: per platform, who is reached (as numbers of this index). */
  peopleByPlatform(
    seedAccountIds: readonly string[],
    maxHops: number,
    subjectPeopleIds: readonly string[],
  ): { platform: Platform; people: number[] }[] {
    const byCode = new Map<number, number[]>();
    this.search(seedAccountIds, maxHops, subjectPeopleIds, (platform, who) => {
      const people = byCode.get(platform);
      if (people === undefined) byCode.set(platform, [who]);
      else people.push(who);
    });
    return [...byCode].map(([platform, people]) => ({
      platform: this.platformCodes.platforms[platform] as Platform,
      people,
    }));
  }

  /**
   * Ids the states link to that neither the index holds nor the states describe as existing:
   * their platform and owner must be read too before {@link replaceAccounts} can take the states.
   */
  unknownAccounts(states: readonly AccountState[]): string[] {
    const described = new Map(states.map((state) => [state.id, state.exists]));
    const unknown = new Set<string>();
    for (const state of states) {
      if (!state.exists) continue;
      for (const id of [...state.followerIds, ...state.followeeIds]) {
        const exists = described.get(id) ?? this.holds(id);
        if (!exists) unknown.add(id);
      }
    }
    return [...unknown];
  }

  /**
   * Makes each state the truth for its account: platform, owner, followers and followees, and
   * the other end of every follow that changed (an account outside the states loses or gains
   * this one among its followees or followers). An account that no longer exists is removed
   * everywhere; its number stays reserved for its id. The states must be one consistent read.
   */
  replaceAccounts(states: readonly AccountState[]): void {
    const unknown = this.unknownAccounts(states);
    if (unknown.length > 0) {
      throw new RangeError(
        `Account states link to ${unknown.length} accounts the follower index does not know`,
      );
    }
    const batch = new Set<number>();
    for (const state of states) {
      if (state.exists) batch.add(this.addAccount(state.id));
      else {
        const account = this.accounts.find(state.id);
        if (account !== undefined) batch.add(account);
      }
    }
    for (const state of states) {
      const account = this.accounts.find(state.id);
      if (account === undefined) continue;
      const followers = state.exists ? this.numbersOf(state.followerIds) : EMPTY;
      const followees = state.exists ? this.numbersOf(state.followeeIds) : EMPTY;
      this.relinkOthers(account, this.followersOf(account), followers, batch, 'followees');
      this.relinkOthers(account, this.followeesOf(account), followees, batch, 'followers');
      this.setLinks(account, 'followers', followers);
      this.setLinks(account, 'followees', followees);
      this.existing[account] = state.exists ? 1 : 0;
      this.ownerOf[account] =
        state.exists && state.ownerId !== null ? this.addPerson(state.ownerId) : NO_OWNER;
      if (state.exists && state.platform !== null) {
        this.platformOf[account] = this.platformCodes.codeOf(state.platform);
      }
    }
  }

  private holds(accountId: string): boolean {
    const account = this.accounts.find(accountId);
    return account !== undefined && this.existing[account] === 1;
  }

  private numbersOf(accountIds: readonly string[]): Int32Array {
    const numbers = new Set<number>();
    for (const id of accountIds) {
      const account = this.accounts.find(id);
      if (account !== undefined) numbers.add(account);
    }
    return Int32Array.from(numbers);
  }

  /**
   * The accounts at the other end of `account`'s followers (or followees) that are not in the
   * batch: each loses `account` on its opposite side, or keeps or gains it once if still linked.
   */
  private relinkOthers(
    account: number,
    before: Int32Array,
    after: Int32Array,
    batch: ReadonlySet<number>,
    otherSide: 'followers' | 'followees',
  ): void {
    const linked = new Set(after);
    for (const other of new Set([...before, ...after])) {
      if (batch.has(other)) continue;
      const list = otherSide === 'followers' ? this.followersOf(other) : this.followeesOf(other);
      this.setLinks(other, otherSide, withLink(list, account, linked.has(other)));
    }
  }

  private setLinks(account: number, side: 'followers' | 'followees', links: Int32Array): void {
    if (side === 'followers') {
      this.followCount += links.length - this.followersOf(account).length;
      this.replacedFollowers.set(account, links);
    } else {
      this.replacedFollowees.set(account, links);
    }
    if (account < this.packedCount && this.replaced[account] === 0) {
      // The other side moves out of the packed arrays too, so that one flag tells where both are.
      if (side === 'followers')
        this.replacedFollowees.set(account, this.followeesOf(account).slice());
      else this.replacedFollowers.set(account, this.followersOf(account).slice());
      this.replaced[account] = 1;
    }
  }

  private followersOf(account: number): Int32Array {
    if (account < this.packedCount && this.replaced[account] === 0) {
      const { offsets, targets } = this.packedFollowers;
      return targets.subarray(offsets[account], offsets[account + 1]);
    }
    return this.replacedFollowers.get(account) ?? EMPTY;
  }

  private followeesOf(account: number): Int32Array {
    if (account < this.packedCount && this.replaced[account] === 0) {
      const { offsets, targets } = this.packedFollowees;
      return targets.subarray(offsets[account], offsets[account + 1]);
    }
    return this.replacedFollowees.get(account) ?? EMPTY;
  }

  private addAccount(accountId: string): number {
    const account = this.accounts.numberOf(accountId);
    const count = this.accounts.size;
    this.platformOf = grown(this.platformOf, count, (length) => new Uint8Array(length));
    this.ownerOf = grown(this.ownerOf, count, (length) => new Int32Array(length), NO_OWNER);
    this.existing = grown(this.existing, count, (length) => new Uint8Array(length));
    this.visited = grown(this.visited, count, (length) => new Uint32Array(length));
    this.queue = grown(this.queue, count, (length) => new Int32Array(length));
    return account;
  }

  private addPerson(personId: string): number {
    const person = this.people.numberOf(personId);
    const count = this.people.size;
    this.personSeen = grown(this.personSeen, count, (length) => new Uint32Array(length));
    this.personPlatforms = grown(this.personPlatforms, count, (length) => new Uint32Array(length));
    return person;
  }

  private nextMark(): number {
    if (this.mark === 0xffffffff) {
      this.visited.fill(0);
      this.personSeen.fill(0);
      this.mark = 0;
    }
    this.mark += 1;
    return this.mark;
  }

  /**
   * Breadth-first over followers, level by level, with one visited mark per account. Calls
   * `firstSight` once per platform and member (person, or ownerless account) at the first level
   * they are reached, and says whether the member is new across platforms too.
   */
  private search(
    seedAccountIds: readonly string[],
    maxHops: number,
    subjectPeopleIds: readonly string[],
    firstSight: FirstSight,
  ): void {
    const mark = this.nextMark();
    const { visited, queue, ownerOf, platformOf, personSeen, personPlatforms } = this;
    const excluded = new Set<number>();
    for (const id of subjectPeopleIds) {
      const person = this.people.find(id);
      if (person !== undefined) excluded.add(person);
    }
    let end = 0;
    for (const id of seedAccountIds) {
      const account = this.accounts.find(id);
      if (account === undefined || visited[account] === mark) continue;
      visited[account] = mark;
      queue[end++] = account;
    }
    const { offsets, targets } = this.packedFollowers;
    let start = 0;
    for (let hops = 1; hops <= maxHops; hops++) {
      const levelEnd = end;
      for (let index = start; index < levelEnd; index++) {
        const account = queue[index] ?? 0;
        // The packed arrays are read in place: no view object per account in the hot loop.
        let links = targets;
        let from = offsets[account] ?? 0;
        let to = offsets[account + 1] ?? 0;
        if (account >= this.packedCount || this.replaced[account] === 1) {
          links = this.replacedFollowers.get(account) ?? EMPTY;
          from = 0;
          to = links.length;
        }
        for (let link = from; link < to; link++) {
          const follower = links[link] ?? 0;
          if (visited[follower] === mark) continue;
          visited[follower] = mark;
          queue[end++] = follower;
          const owner = ownerOf[follower] ?? NO_OWNER;
          const platform = platformOf[follower] ?? 0;
          if (owner === NO_OWNER) {
            firstSight(platform, -1 - follower, false, hops, true);
            continue;
          }
          if (excluded.has(owner)) continue;
          let isNew = false;
          if (personSeen[owner] !== mark) {
            personSeen[owner] = mark;
            personPlatforms[owner] = 0;
            isNew = true;
          }
          const bit = 1 << platform;
          const seenOn = personPlatforms[owner] ?? 0;
          if ((seenOn & bit) !== 0) continue;
          personPlatforms[owner] = seenOn | bit;
          firstSight(platform, owner, true, hops, isNew);
        }
      }
      start = levelEnd;
    }
  }
}

/**
 * Builds a {@link FollowerIndex} from rows that arrive in batches. Followers are numbered when
 * first seen; one seen only as a follower (its own row came from a later read, or never) is
 * missing until the caller adds its row or marks it absent.
 */
export class FollowerIndexBuilder {
  private readonly accounts = new Numbering();
  private readonly people = new Numbering();
  private readonly platformCodes = new PlatformCodes();
  private readonly platformOf: number[] = [];
  private readonly ownerOf: number[] = [];
  private readonly hasRow: boolean[] = [];
  private readonly absent = new Set<number>();
  private readonly followerOf: number[] = [];
  private readonly followedOf: number[] = [];

  addAccounts(rows: readonly FollowerRow[]): void {
    for (const row of rows) {
      const account = this.number(row.id);
      if (this.hasRow[account] === true) continue;
      this.hasRow[account] = true;
      this.absent.delete(account);
      this.platformOf[account] = this.platformCodes.codeOf(row.platform);
      this.ownerOf[account] = row.ownerId === null ? NO_OWNER : this.people.numberOf(row.ownerId);
      for (const followerId of row.followerIds) {
        this.followerOf.push(this.number(followerId));
        this.followedOf.push(account);
      }
    }
  }

  /** Accounts seen as followers whose own row has not come. */
  missingAccountIds(): string[] {
    const missing: string[] = [];
    for (let account = 0; account < this.accounts.size; account++) {
      if (this.hasRow[account] !== true && !this.absent.has(account)) {
        missing.push(this.accounts.ids[account] as string);
      }
    }
    return missing;
  }

  /** Accounts that no longer exist: follows that touch them are left out. */
  markAbsent(accountIds: readonly string[]): void {
    for (const id of accountIds) {
      const account = this.accounts.find(id);
      if (account !== undefined && this.hasRow[account] !== true) this.absent.add(account);
    }
  }

  build(): FollowerIndex {
    const missing = this.missingAccountIds();
    if (missing.length > 0) {
      throw new RangeError(`${missing.length} followers have no row and are not marked absent`);
    }
    const count = this.accounts.size;
    let followers = this.followerOf;
    let followed = this.followedOf;
    if (this.absent.size > 0) {
      followers = [];
      followed = [];
      for (let link = 0; link < this.followerOf.length; link++) {
        const follower = this.followerOf[link] ?? 0;
        if (this.absent.has(follower)) continue;
        followers.push(follower);
        followed.push(this.followedOf[link] ?? 0);
      }
    }
    const existing = new Uint8Array(count).fill(1);
    for (const account of this.absent) existing[account] = 0;
    return new FollowerIndex({
      accounts: this.accounts,
      people: this.people,
      platformCodes: this.platformCodes,
      platformOf: Uint8Array.from(this.platformOf),
      ownerOf: Int32Array.from(this.ownerOf),
      existing,
      followers: packLinks(count, followed, followers),
      followees: packLinks(count, followers, followed),
    });
  }

  /** Numbers an account, keeping the per-account lists dense (holes would slow V8 down). */
  private number(accountId: string): number {
    const account = this.accounts.numberOf(accountId);
    if (account === this.hasRow.length) {
      this.hasRow.push(false);
      this.platformOf.push(0);
      this.ownerOf.push(NO_OWNER);
    }
    return account;
  }
}
