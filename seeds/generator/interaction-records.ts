import { platformAt, platformIndex } from './account-index';
import type { BatchCollector } from './batch-collector';
import {
  SENTIMENT_RANGE,
  SOCIAL_KINDS,
  templatesFor,
  TONE_WEIGHTS,
  TOPIC_LABELS_DE,
  type InteractionKind,
  type Tone,
} from './interaction-templates';
import { communityTopic, topicOfProduct } from './people-records';
import { personProfile, type PersonProfile } from './person-profile';
import { mixSeed, Random } from './random';
import { accountId, interactionId, personId, productId, topicId, userId } from './seed-ids';
import type { InteractionStatus, Platform, SeedBatch, StaffRole } from './seed-records';
import { DAY_MS, daysBefore, HOUR_MS, REFERENCE_TIME, toDateTime } from './seed-time';
import type { SeedWorld } from './seed-world';
import { accountHandle, nearbyAccount } from './social-records';
import {
  asciiSlug,
  BRAND_HANDLE,
  OWN_ORGANIZATION_ID,
  PRODUCTS,
  type Language,
} from './vocabulary';
import {
  companyBlock,
  companyOf,
  SEGMENTS,
  STREAM,
  type Segment,
  type WorldLayout,
} from './world-plan';

type KindWeights = readonly (readonly [InteractionKind, number])[];

/** Interactions span the two years before the reference date. */
const HISTORY_DAYS = 730;
/** Social interactions per ownerless account, on average. */
export const OWNERLESS_MEAN_INTERACTIONS = 1.5;
/** How many interactions a person of a segment has relative to a private customer. */
const ACTIVITY: Readonly<Record<Segment, number>> = {
  staff: 0,
  consumer: 1,
  companyContact: 0.8,
  journalist: 2,
  blogger: 3,
  influencer: 4,
};

const CUSTOMER_CLASSIC: KindWeights = [
  ['ORDER', 3],
  ['COMPLAINT', 1.2],
  ['TICKET', 1.5],
  ['CALL', 0.8],
  ['EMAIL', 1.5],
];
const PROSPECT_CLASSIC: KindWeights = [
  ['CALL', 1],
  ['EMAIL', 2],
  ['MEETING', 0.2],
  ['TICKET', 0.5],
];
const CONTACT_CLASSIC: KindWeights = [
  ['MEETING', 2],
  ['CALL', 2],
  ['EMAIL', 3],
  ['ORDER', 1],
];
const PRESS_CLASSIC: KindWeights = [
  ['EMAIL', 1],
  ['CALL', 0.5],
];
const CREATOR_CLASSIC: KindWeights = [
  ['EMAIL', 0.5],
  ['MEETING', 0.2],
];
const CONSUMER_SOCIAL: KindWeights = [
  ['POST', 2],
  ['MENTION', 1.5],
  ['REPLY', 2],
  ['SHARE', 1],
  ['LIKE', 3],
  ['REVIEW', 1],
];
const BUSINESS_SOCIAL: KindWeights = [
  ['POST', 1],
  ['SHARE', 1],
  ['LIKE', 1.5],
  ['REPLY', 0.5],
];
const CREATOR_SOCIAL: KindWeights = [
  ['POST', 3],
  ['REVIEW', 2],
  ['MENTION', 2],
  ['REPLY', 1],
  ['SHARE', 1],
  ['LIKE', 1],
];
const OWNERLESS_SOCIAL: KindWeights = [
  ['POST', 3],
  ['MENTION', 2],
  ['REPLY', 3],
  ['LIKE', 2],
  ['SHARE', 1],
  ['REVIEW', 0.5],
];

const CLASSIC_CHANNELS: Readonly<Record<string, readonly string[]>> = {
  ORDER: ['WEB_SHOP', 'STORE'],
  COMPLAINT: ['EMAIL', 'PHONE', 'WEB_FORM'],
  TICKET: ['WEB_FORM', 'EMAIL'],
  CALL: ['PHONE'],
  EMAIL: ['EMAIL'],
  MEETING: ['IN_PERSON', 'VIDEO'],
};

/** Mean interactions per person of each segment, scaled so the whole world meets the size. */
export function meanInteractionsBySegment(layout: WorldLayout): Record<Segment, number> {
  let weighted = 0;
  for (const segment of SEGMENTS) {
    const { start, end } = layout.segments[segment];
    weighted += (end - start) * ACTIVITY[segment];
  }
  const scale = (layout.size.meanInteractionsPerPerson * layout.size.persons) / weighted;
  const means = {} as Record<Segment, number>;
  for (const segment of SEGMENTS) means[segment] = ACTIVITY[segment] * scale;
  return means;
}

/**
 * A time after `time`, `delay` later if that is still before the reference date; near the
 * reference date, halfway there, so that reply chains stay in order and in the past.
 */
function later(time: number, delay: number): number {
  return time + Math.max(1, Math.floor(Math.min(delay, (REFERENCE_TIME - time) / 2)));
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

export function postUrl(platform: Platform, handle: string, postId: string): string {
  switch (platform) {
    case 'X':
      return `https://x.com/${handle}/status/${postId}`;
    case 'FACEBOOK':
      return `https://www.facebook.com/${handle}/posts/${postId}`;
    case 'LINKEDIN':
      return `https://www.linkedin.com/feed/update/urn:li:activity:${postId}`;
    case 'XING':
      return `https://www.xing.com/discover/updates/${postId}`;
    case 'INSTAGRAM':
      return `https://www.instagram.com/p/${postId}`;
    case 'YOUTUBE':
      return `https://www.youtube.com/watch?v=${postId}`;
    case 'TIKTOK':
      return `https://www.tiktok.com/@${handle}/video/${postId}`;
    case 'BLOG':
      return `https://${handle.replace(/_/g, '-')}.blog.example/posts/${postId}`;
    case 'FORUM':
      return `https://forum.example/t/${postId}`;
    case 'OTHER':
      return `https://social.example/${handle}/${postId}`;
  }
}

interface RecentPost {
  id: string;
  account: number;
  occurredAt: number;
}

const RECENT_POSTS_KEPT = 256;
/** Accounts with at least this many followers draw most of the replies and shares. */
const POPULAR_FOLLOWERS = 5_000;

/**
 * The last posts per platform, so replies, shares and likes can point at an existing post.
 * Only a fixed window is kept: memory stays flat however large the world is.
 */
class RecentPosts {
  private readonly recent = new Map<Platform, RecentPost[]>();
  private readonly popular = new Map<Platform, RecentPost[]>();

  remember(platform: Platform, post: RecentPost, isPopular: boolean): void {
    this.push(this.recent, platform, post);
    if (isPopular) this.push(this.popular, platform, post);
  }

  pick(platform: Platform, random: Random): RecentPost | null {
    const popular = this.popular.get(platform) ?? [];
    const pool = popular.length > 0 && random.chance(0.6) ? popular : this.recent.get(platform);
    if (pool === undefined || pool.length === 0) return null;
    return random.pick(pool);
  }

  private push(map: Map<Platform, RecentPost[]>, platform: Platform, post: RecentPost): void {
    const list = map.get(platform) ?? [];
    if (list.length >= RECENT_POSTS_KEPT) list.shift();
    list.push(post);
    map.set(platform, list);
  }
}

/** Who performs an interaction: a person (classic), or a social account and maybe its owner. */
interface Performer {
  person: PersonProfile | null;
  account: number;
  language: Language;
  community: number;
}

interface Wording {
  text: string;
  tone: Tone;
  product: string | null;
  topic: string | null;
  /** The text has our handle (@velorabikes): it mentions our brand account. */
  mentionsHandle: boolean;
  /** The text names us, by handle or by name. */
  namesUs: boolean;
}

function statusOf(random: Random, occurredAt: number): InteractionStatus {
  const ageDays = (REFERENCE_TIME - occurredAt) / DAY_MS;
  if (ageDays < 14) {
    return random.weighted<InteractionStatus>([
      ['OPEN', 50],
      ['ACKNOWLEDGED', 40],
      ['RESOLVED', 10],
    ]);
  }
  if (ageDays < 60) {
    return random.weighted<InteractionStatus>([
      ['OPEN', 10],
      ['ACKNOWLEDGED', 30],
      ['RESOLVED', 60],
    ]);
  }
  return random.chance(0.95) ? 'RESOLVED' : 'ACKNOWLEDGED';
}

/** Interaction nodes and their links, numbered in the order they are generated. */
class InteractionWriter {
  private count = 0;
  private readonly posts = new RecentPosts();

  constructor(
    private readonly world: SeedWorld,
    private readonly collector: BatchCollector,
  ) {}

  classic(profile: PersonProfile, kind: InteractionKind, random: Random): void {
    const id = interactionId(this.count++);
    const occurredAt = daysBefore(random.between(0.01, HISTORY_DAYS));
    const wording = this.wording(kind, profile.language, profile.community, random);
    const status = kind === 'COMPLAINT' || kind === 'TICKET' ? statusOf(random, occurredAt) : null;
    let updatedAt = occurredAt;
    if (status !== 'OPEN' && (kind !== 'ORDER' || random.chance(0.3))) {
      const role: StaffRole = kind === 'COMPLAINT' || kind === 'TICKET' ? 'SUPPORT' : 'SALES_REP';
      updatedAt = this.handle(id, role, occurredAt, random);
    }
    this.collector.add('interaction', {
      id,
      kind,
      channel: random.pick(CLASSIC_CHANNELS[kind] ?? ['EMAIL']),
      occurredAt: toDateTime(occurredAt),
      text: wording.text,
      sentiment: this.sentiment(wording.tone, random),
      status,
      platform: null,
      postId: null,
      url: null,
      createdAt: toDateTime(occurredAt),
      updatedAt: toDateTime(updatedAt),
    });
    this.collector.add('performedByPerson', { fromId: profile.id, toId: id });
    this.about(id, kind, wording, profile.community, random);
    if (kind === 'MEETING' && profile.segment === 'companyContact' && random.chance(0.4)) {
      const block = companyBlock(this.world.layout, companyOf(this.world.layout, profile.index));
      const colleague = block.start + random.int(block.end - block.start);
      if (colleague !== profile.index) {
        this.collector.add('mentionsPerson', { fromId: id, toId: personId(colleague) });
      }
    }
  }

  social(performer: Performer, requested: InteractionKind, random: Random): void {
    const { accounts } = this.world;
    const platform = platformAt(accounts.platform[performer.account] ?? 0);
    let kind = requested;
    let target: RecentPost | null = null;
    if (kind === 'REPLY' || kind === 'SHARE' || kind === 'LIKE') {
      target = this.posts.pick(platform, random);
      if (target === null || target.account === performer.account) {
        kind = 'POST';
        target = null;
      }
    }
    const id = interactionId(this.count++);
    const occurredAt =
      target === null
        ? daysBefore(random.between(0.01, HISTORY_DAYS))
        : later(target.occurredAt, random.between(0.1, 72) * HOUR_MS);
    const wording =
      kind === 'LIKE' ? null : this.wording(kind, performer.language, performer.community, random);
    const postId = String(1_000_000_000 + this.count);
    const handle = accountHandle(this.world, performer.account, performer.person);
    const followers = accounts.followers[performer.account] ?? 0;
    let updatedAt = occurredAt;
    // Social care answers loud complaints: a critic with reach gets a staff member's attention.
    if (wording?.tone === 'complaint' && followers >= 1_000 && random.chance(0.5)) {
      updatedAt = this.handle(id, random.chance(0.7) ? 'SUPPORT' : 'MARKETING', occurredAt, random);
    }
    this.collector.add('interaction', {
      id,
      kind,
      channel: 'SOCIAL',
      occurredAt: toDateTime(occurredAt),
      text: wording?.text ?? null,
      sentiment: wording === null ? null : this.sentiment(wording.tone, random),
      status: null,
      platform,
      postId,
      url: postUrl(platform, handle, postId),
      createdAt: toDateTime(occurredAt),
      updatedAt: toDateTime(updatedAt),
    });
    this.collector.add('performedByAccount', { fromId: accountId(performer.account), toId: id });
    if (target !== null) {
      this.collector.add('replyTo', { fromId: id, toId: target.id });
      if (kind === 'REPLY') {
        this.collector.add('mentionsAccount', { fromId: id, toId: accountId(target.account) });
      }
    }
    if (wording !== null) {
      this.about(id, kind, wording, performer.community, random);
      this.mentions(id, kind, wording, platform, performer, random);
    }
    if (kind === 'POST' || kind === 'MENTION' || kind === 'REVIEW' || kind === 'REPLY') {
      this.posts.remember(
        platform,
        { id, account: performer.account, occurredAt },
        followers >= POPULAR_FOLLOWERS,
      );
    }
  }

  private wording(
    kind: InteractionKind,
    language: Language,
    community: number,
    random: Random,
  ): Wording {
    const tone = random.weighted(TONE_WEIGHTS[kind]);
    const template = random.pick(templatesFor(kind, language, tone));
    const product = template.text.includes('{product}') ? random.pick(PRODUCTS).name : null;
    const topic = template.text.includes('{topic}')
      ? product !== null && random.chance(0.5)
        ? topicOfProduct(product)
        : communityTopic(community, random)
      : null;
    const topicLabel =
      topic === null ? '' : language === 'de' ? (TOPIC_LABELS_DE[topic] ?? topic) : topic;
    const text = template.text
      .replace('#{topic}', `#${asciiSlug(topicLabel)}`)
      .replace('{topic}', topicLabel)
      .replace('{product}', product ?? '')
      .replace('{brand}', `@${BRAND_HANDLE}`);
    return {
      text,
      tone,
      product,
      topic,
      mentionsHandle: template.text.includes('{brand}'),
      namesUs: template.text.includes('{brand}') || template.text.includes('Velora Bikes'),
    };
  }

  private sentiment(tone: Tone, random: Random): number {
    const [low, high] = SENTIMENT_RANGE[tone];
    return round2(random.between(low, high));
  }

  private about(
    id: string,
    kind: InteractionKind,
    wording: Wording,
    community: number,
    random: Random,
  ): void {
    if (wording.product !== null) {
      this.collector.add('aboutProduct', { fromId: id, toId: productId(wording.product) });
    }
    let topic = wording.topic;
    if (topic === null && random.chance(0.5)) {
      topic =
        wording.product === null
          ? communityTopic(community, random)
          : topicOfProduct(wording.product);
    }
    if (topic !== null) this.collector.add('aboutTopic', { fromId: id, toId: topicId(topic) });
    if (wording.namesUs || kind === 'COMPLAINT' || kind === 'REVIEW') {
      this.collector.add('aboutOrganization', { fromId: id, toId: OWN_ORGANIZATION_ID });
    }
  }

  private mentions(
    id: string,
    kind: InteractionKind,
    wording: Wording,
    platform: Platform,
    performer: Performer,
    random: Random,
  ): void {
    if (!SOCIAL_KINDS.has(kind)) return;
    const brand = this.world.accounts.brandAccountOn.get(platform);
    if (wording.mentionsHandle && brand !== undefined) {
      this.collector.add('mentionsAccount', { fromId: id, toId: accountId(brand) });
    }
    if (wording.namesUs) {
      this.collector.add('mentionsOrganization', { fromId: id, toId: OWN_ORGANIZATION_ID });
    }
    if (kind === 'POST' && !wording.mentionsHandle && random.chance(0.2)) {
      const other = nearbyAccount(this.world, platformIndex(platform), performer.community, random);
      if (other >= 0 && other !== performer.account) {
        this.collector.add('mentionsAccount', { fromId: id, toId: accountId(other) });
      }
    }
  }

  private handle(id: string, role: StaffRole, occurredAt: number, random: Random): number {
    const staff = random.pick(this.world.layout.staffByRole[role]);
    const at = later(occurredAt, random.between(0.5, 48) * HOUR_MS);
    this.collector.add('handled', { userId: userId(staff), interactionId: id, at: toDateTime(at) });
    return at;
  }
}

function classicKinds(world: SeedWorld, profile: PersonProfile): KindWeights {
  switch (profile.segment) {
    case 'consumer':
      return profile.consumerStatus === 'CUSTOMER' || profile.consumerStatus === 'FORMER_CUSTOMER'
        ? CUSTOMER_CLASSIC
        : PROSPECT_CLASSIC;
    case 'companyContact': {
      const status = world.layout.companyStatus[companyOf(world.layout, profile.index)];
      return status === 'CUSTOMER'
        ? CONTACT_CLASSIC
        : CONTACT_CLASSIC.filter(([kind]) => kind !== 'ORDER');
    }
    case 'journalist':
      return PRESS_CLASSIC;
    default:
      return CREATOR_CLASSIC;
  }
}

function socialKinds(profile: PersonProfile): KindWeights {
  switch (profile.segment) {
    case 'consumer':
      return CONSUMER_SOCIAL;
    case 'companyContact':
      return BUSINESS_SOCIAL;
    default:
      return CREATOR_SOCIAL;
  }
}

/** Share of a segment's interactions that happen on social platforms (when they have accounts). */
const SOCIAL_SHARE: Readonly<Record<Segment, number>> = {
  staff: 0,
  consumer: 0.55,
  companyContact: 0.3,
  journalist: 0.75,
  blogger: 0.9,
  influencer: 0.95,
};

/**
 * Orders, complaints, tickets, calls, e-mails and meetings of people, and posts, mentions,
 * replies, shares, likes and reviews of their accounts and of ownerless accounts.
 */
export function* interactionRecords(
  world: SeedWorld,
  collector: BatchCollector,
): Generator<SeedBatch> {
  const { layout, accounts } = world;
  const writer = new InteractionWriter(world, collector);
  const means = meanInteractionsBySegment(layout);
  for (let index = layout.segments.staff.end; index < layout.size.persons; index++) {
    const profile = personProfile(layout, index);
    const random = new Random(mixSeed(layout.seed, STREAM.interactions, index));
    const firstAccount = accounts.personFirstAccount[index] ?? 0;
    const ownAccounts = (accounts.personFirstAccount[index + 1] ?? 0) - firstAccount;
    const count = random.exponentialCount(means[profile.segment]);
    for (let n = 0; n < count; n++) {
      if (ownAccounts > 0 && random.chance(SOCIAL_SHARE[profile.segment])) {
        const performer: Performer = {
          person: profile,
          account: firstAccount + random.int(ownAccounts),
          language: profile.language,
          community: profile.community,
        };
        writer.social(performer, random.weighted(socialKinds(profile)), random);
      } else {
        writer.classic(profile, random.weighted(classicKinds(world, profile)), random);
      }
    }
    if (collector.isFull) yield* collector.flush();
  }
  for (let account = accounts.ownerlessStart; account < accounts.count; account++) {
    const random = new Random(mixSeed(layout.seed, STREAM.ownerlessInteractions, account));
    const performer: Performer = {
      person: null,
      account,
      language: random.chance(0.6) ? 'de' : 'en',
      community: accounts.community[account] ?? 0,
    };
    const count = random.exponentialCount(OWNERLESS_MEAN_INTERACTIONS);
    for (let n = 0; n < count; n++)
      writer.social(performer, random.weighted(OWNERLESS_SOCIAL), random);
    if (collector.isFull) yield* collector.flush();
  }
  yield* collector.flush();
}
