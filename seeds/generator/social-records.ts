import { platformAt, sampleAccount, type AccountIndex } from './account-index';
import type { BatchCollector } from './batch-collector';
import { personProfile, type PersonProfile } from './person-profile';
import { mixSeed, Random } from './random';
import { accountId } from './seed-ids';
import type { Platform, SeedBatch, SocialAccountRow } from './seed-records';
import { DAY_MS, daysBefore, REFERENCE_TIME, toDate, toDateTime } from './seed-time';
import type { SeedWorld } from './seed-world';
import { BRAND_HANDLE, OWN_ORGANIZATION_NAME } from './vocabulary';
import { STREAM } from './world-plan';

const OWNERLESS_HANDLE_PREFIXES = [
  'radfan',
  'velofreund',
  'commuter',
  'pedalpower',
  'cargomum',
  'trailrider',
  'stadtradler',
];

export function profileUrl(platform: Platform, handle: string): string {
  switch (platform) {
    case 'X':
      return `https://x.com/${handle}`;
    case 'FACEBOOK':
      return `https://www.facebook.com/${handle}`;
    case 'LINKEDIN':
      return `https://www.linkedin.com/in/${handle}`;
    case 'XING':
      return `https://www.xing.com/profile/${handle}`;
    case 'INSTAGRAM':
      return `https://www.instagram.com/${handle}`;
    case 'YOUTUBE':
      return `https://www.youtube.com/@${handle}`;
    case 'TIKTOK':
      return `https://www.tiktok.com/@${handle}`;
    case 'BLOG':
      return `https://${handle.replace(/_/g, '-')}.blog.example`;
    case 'FORUM':
      return `https://forum.example/u/${handle}`;
    case 'OTHER':
      return `https://social.example/${handle}`;
  }
}

/** The account's handle: lower-case and unique per platform by construction. */
export function accountHandle(
  world: SeedWorld,
  account: number,
  owner: PersonProfile | null,
): string {
  const { accounts } = world;
  if (owner !== null) return owner.handleStem;
  if (account < accounts.ownerlessStart) return BRAND_HANDLE;
  // Ownerless handles carry a dot and the account number; person handles use underscores.
  const prefix = OWNERLESS_HANDLE_PREFIXES[account % OWNERLESS_HANDLE_PREFIXES.length] ?? 'radfan';
  return `${prefix}.${account.toString(36)}`;
}

function accountRow(
  world: SeedWorld,
  account: number,
  owner: PersonProfile | null,
  random: Random,
): SocialAccountRow {
  const { accounts } = world;
  const platform = platformAt(accounts.platform[account] ?? 0);
  const handle = accountHandle(world, account, owner);
  const createdAt =
    owner === null
      ? daysBefore(random.between(30, 5 * 365))
      : Math.min(owner.createdAt + random.between(0, 30) * DAY_MS, REFERENCE_TIME - DAY_MS);
  let displayName: string | null = null;
  if (owner !== null) {
    displayName = platform === 'BLOG' ? `${owner.firstName} fährt Rad` : owner.name;
  } else if (account < accounts.ownerlessStart) {
    displayName = OWN_ORGANIZATION_NAME;
  } else if (random.chance(0.5)) {
    displayName = handle.split('.')[0] ?? null;
  }
  return {
    id: accountId(account),
    platform,
    handle,
    followers: accounts.followers[account] ?? 0,
    url: profileUrl(platform, handle),
    displayName,
    createdAt: toDateTime(createdAt),
    updatedAt: toDateTime(createdAt + Math.floor(random.next() * (REFERENCE_TIME - createdAt))),
  };
}

/** SocialAccount nodes: owned ones in person order, then our brand's, then ownerless ones. */
export function* socialAccountRecords(
  world: SeedWorld,
  collector: BatchCollector,
): Generator<SeedBatch> {
  const { accounts, layout } = world;
  let owner: PersonProfile | null = null;
  for (let account = 0; account < accounts.count; account++) {
    const ownerIndex = accounts.owner[account] ?? -1;
    if (ownerIndex < 0) owner = null;
    else if (owner?.index !== ownerIndex) owner = personProfile(layout, ownerIndex);
    const random = new Random(mixSeed(layout.seed, STREAM.account, account, 1));
    collector.add('socialAccount', accountRow(world, account, owner, random));
    if (collector.isFull) yield* collector.flush();
  }
  yield* collector.flush();
}

/** An account to follow or mention: usually from the same community, always the same platform. */
export function nearbyAccount(
  world: SeedWorld,
  platform: number,
  community: number,
  random: Random,
): number {
  const { communities } = world.layout.size;
  const from = random.chance(0.85) ? community : random.int(communities);
  return sampleAccount(world.accounts, platform, from, communities, random);
}

function followsOf(
  world: SeedWorld,
  accounts: AccountIndex,
  account: number,
  collector: BatchCollector,
) {
  const random = new Random(mixSeed(world.layout.seed, STREAM.follows, account));
  const wanted = random.exponentialCount(world.layout.size.meanFollowsPerAccount);
  const platform = accounts.platform[account] ?? 0;
  const community = accounts.community[account] ?? 0;
  const followed = new Set<number>();
  for (let attempt = 0; attempt < wanted * 3 && followed.size < wanted; attempt++) {
    const target = nearbyAccount(world, platform, community, random);
    if (target < 0 || target === account || followed.has(target)) continue;
    followed.add(target);
    collector.add('follows', {
      fromId: accountId(account),
      toId: accountId(target),
      since: toDate(daysBefore(random.between(1, 4 * 365))),
    });
  }
}

/**
 * FOLLOWS between accounts on the same platform. Targets are drawn by attractiveness (a power of
 * the follower count), so in-degrees have a heavy tail; 85 % stay inside the community.
 */
export function* followRecords(world: SeedWorld, collector: BatchCollector): Generator<SeedBatch> {
  const { accounts } = world;
  for (let account = 0; account < accounts.count; account++) {
    followsOf(world, accounts, account, collector);
    if (collector.isFull) yield* collector.flush();
  }
  yield* collector.flush();
}
