import { personProfile } from './person-profile';
import { mixSeed, Random } from './random';
import type { Platform } from './seed-records';
import { OWNERLESS_ACCOUNT_SHARE } from './seed-sizes';
import { STREAM, type Segment, type WorldLayout } from './world-plan';

export const PLATFORMS: readonly Platform[] = [
  'X',
  'FACEBOOK',
  'LINKEDIN',
  'XING',
  'INSTAGRAM',
  'YOUTUBE',
  'TIKTOK',
  'BLOG',
  'FORUM',
  'OTHER',
];
/** Where Velora Bikes runs its own (ownerless: only people own accounts in the model) accounts. */
export const BRAND_PLATFORMS: readonly Platform[] = [
  'X',
  'INSTAGRAM',
  'LINKEDIN',
  'YOUTUBE',
  'FACEBOOK',
  'TIKTOK',
];
const OWNERLESS_PLATFORMS: readonly (readonly [Platform, number])[] = [
  ['X', 30],
  ['INSTAGRAM', 25],
  ['FORUM', 20],
  ['TIKTOK', 10],
  ['FACEBOOK', 10],
  ['OTHER', 5],
];
const MAX_FOLLOWERS = 3_000_000;

/** Follower counts are Pareto-distributed: a few accounts reach far more people than the rest. */
const FOLLOWER_SHAPE: Readonly<Record<Segment | 'ownerless', readonly [number, number]>> = {
  staff: [80, 2],
  journalist: [1_500, 1.5],
  blogger: [2_000, 1.3],
  influencer: [20_000, 1.2],
  companyContact: [150, 1.8],
  consumer: [30, 1.6],
  ownerless: [20, 1.4],
};

/**
 * The social accounts as compact columns (a few bytes each, no records): who owns which account
 * on which platform in which community, and how many followers it has. It is what FOLLOWS,
 * MENTIONS and replies sample from, and the one structure that grows with the world (about
 * 20 bytes per account: ~30 MB for bench-L).
 *
 * Accounts are numbered: owned accounts in person order, then our brand accounts, then accounts
 * nobody in the CRM owns.
 */
export interface AccountIndex {
  count: number;
  brandStart: number;
  ownerlessStart: number;
  /** Owner's person index, or -1. */
  owner: Int32Array;
  platform: Uint8Array;
  community: Uint8Array;
  followers: Int32Array;
  /** Person i owns accounts personFirstAccount[i] … personFirstAccount[i + 1] - 1. */
  personFirstAccount: Int32Array;
  brandAccountOn: ReadonlyMap<Platform, number>;
  /** Accounts grouped by (platform, community) with running attractiveness, for sampling. */
  groupStart: Int32Array;
  groupMembers: Int32Array;
  groupCumulative: Float64Array;
}

export function platformIndex(platform: Platform): number {
  return PLATFORMS.indexOf(platform);
}

export function platformAt(index: number): Platform {
  const platform = PLATFORMS[index];
  if (platform === undefined) throw new RangeError(`no platform ${index}`);
  return platform;
}

/** The account's own random stream: its follower count and, for ownerless ones, the rest. */
export function accountRandom(layout: WorldLayout, account: number): Random {
  return new Random(mixSeed(layout.seed, STREAM.account, account));
}

function followerCount(random: Random, kind: Segment | 'ownerless'): number {
  const [minimum, alpha] = FOLLOWER_SHAPE[kind];
  return Math.min(MAX_FOLLOWERS, Math.floor(random.pareto(minimum, alpha)));
}

/** Preferential attachment: the more followers an account has, the likelier it gains more. */
function attractiveness(followers: number): number {
  return Math.pow(followers + 1, 0.85);
}

export function buildAccountIndex(layout: WorldLayout): AccountIndex {
  const persons = layout.size.persons;
  const personFirstAccount = new Int32Array(persons + 1);
  let owned = 0;
  for (let person = 0; person < persons; person++) {
    personFirstAccount[person] = owned;
    owned += personProfile(layout, person).platforms.length;
  }
  personFirstAccount[persons] = owned;
  const brandStart = owned;
  const ownerlessStart = brandStart + BRAND_PLATFORMS.length;
  const count = ownerlessStart + Math.round(owned * OWNERLESS_ACCOUNT_SHARE);

  const owner = new Int32Array(count).fill(-1);
  const platform = new Uint8Array(count);
  const community = new Uint8Array(count);
  const followers = new Int32Array(count);
  for (let person = 0; person < persons; person++) {
    const first = personFirstAccount[person] ?? 0;
    const last = personFirstAccount[person + 1] ?? 0;
    if (first === last) continue;
    const profile = personProfile(layout, person);
    for (let account = first; account < last; account++) {
      owner[account] = person;
      platform[account] = platformIndex(profile.platforms[account - first] ?? 'OTHER');
      community[account] = profile.community;
      followers[account] = followerCount(accountRandom(layout, account), profile.segment);
    }
  }
  const brandAccountOn = new Map<Platform, number>();
  BRAND_PLATFORMS.forEach((brandPlatform, offset) => {
    const account = brandStart + offset;
    const random = accountRandom(layout, account);
    brandAccountOn.set(brandPlatform, account);
    platform[account] = platformIndex(brandPlatform);
    community[account] = random.int(layout.size.communities);
    followers[account] = random.intBetween(20_000, 150_000);
  });
  for (let account = ownerlessStart; account < count; account++) {
    const random = accountRandom(layout, account);
    followers[account] = followerCount(random, 'ownerless');
    platform[account] = platformIndex(random.weighted(OWNERLESS_PLATFORMS));
    community[account] = random.int(layout.size.communities);
  }

  const groups = PLATFORMS.length * layout.size.communities;
  const groupOf = (account: number) =>
    (platform[account] ?? 0) * layout.size.communities + (community[account] ?? 0);
  const groupStart = new Int32Array(groups + 1);
  // Counting sort by group: sizes, then start offsets, then members in account order.
  for (let account = 0; account < count; account++) {
    const slot = groupOf(account) + 1;
    groupStart[slot] = (groupStart[slot] ?? 0) + 1;
  }
  for (let group = 0; group < groups; group++) {
    groupStart[group + 1] = (groupStart[group + 1] ?? 0) + (groupStart[group] ?? 0);
  }
  const nextSlot = groupStart.slice(0, groups);
  const groupMembers = new Int32Array(count);
  for (let account = 0; account < count; account++) {
    const group = groupOf(account);
    const slot = nextSlot[group] ?? 0;
    groupMembers[slot] = account;
    nextSlot[group] = slot + 1;
  }
  const groupCumulative = new Float64Array(count);
  for (let group = 0; group < groups; group++) {
    let running = 0;
    for (let slot = groupStart[group] ?? 0; slot < (groupStart[group + 1] ?? 0); slot++) {
      running += attractiveness(followers[groupMembers[slot] ?? 0] ?? 0);
      groupCumulative[slot] = running;
    }
  }

  return {
    count,
    brandStart,
    ownerlessStart,
    owner,
    platform,
    community,
    followers,
    personFirstAccount,
    brandAccountOn,
    groupStart,
    groupMembers,
    groupCumulative,
  };
}

/**
 * An account on `platform` in `community`, drawn by attractiveness; -1 when that group is empty.
 */
export function sampleAccount(
  accounts: AccountIndex,
  platform: number,
  community: number,
  communities: number,
  random: Random,
): number {
  const group = platform * communities + community;
  const start = accounts.groupStart[group] ?? 0;
  const end = accounts.groupStart[group + 1] ?? 0;
  if (start === end) return -1;
  const target = random.next() * (accounts.groupCumulative[end - 1] ?? 0);
  let low = start;
  let high = end - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((accounts.groupCumulative[middle] ?? 0) > target) high = middle;
    else low = middle + 1;
  }
  return accounts.groupMembers[low] ?? -1;
}
