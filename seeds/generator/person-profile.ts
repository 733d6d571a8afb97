import { mixSeed, Random } from './random';
import { personId } from './seed-ids';
import type { Platform } from './seed-records';
import { DAY_MS, daysBefore, REFERENCE_TIME } from './seed-time';
import {
  asciiSlug,
  FIRST_NAMES,
  LAST_NAMES,
  languageOf,
  LOCALES,
  type Language,
} from './vocabulary';
import { companyOf, segmentOf, STREAM, type Segment, type WorldLayout } from './world-plan';

export type ConsumerStatus = 'CUSTOMER' | 'PROSPECT' | 'FORMER_CUSTOMER' | 'NONE';
const CONSUMER_STATUSES: readonly (readonly [ConsumerStatus, number])[] = [
  ['CUSTOMER', 55],
  ['PROSPECT', 25],
  ['FORMER_CUSTOMER', 10],
  ['NONE', 10],
];

/** Who has accounts where: each platform is an independent chance per segment. */
export const PLATFORM_CHANCES: Readonly<
  Record<Segment, Readonly<Record<Language, readonly (readonly [Platform, number])[]>>>
> = {
  staff: {
    de: [
      ['XING', 0.5],
      ['LINKEDIN', 0.5],
    ],
    en: [['LINKEDIN', 0.9]],
  },
  journalist: {
    de: [
      ['X', 0.85],
      ['LINKEDIN', 0.7],
      ['INSTAGRAM', 0.3],
    ],
    en: [
      ['X', 0.85],
      ['LINKEDIN', 0.7],
      ['INSTAGRAM', 0.3],
    ],
  },
  blogger: {
    de: [
      ['BLOG', 1],
      ['INSTAGRAM', 0.6],
      ['YOUTUBE', 0.35],
      ['X', 0.3],
    ],
    en: [
      ['BLOG', 1],
      ['INSTAGRAM', 0.6],
      ['YOUTUBE', 0.35],
      ['X', 0.3],
    ],
  },
  influencer: {
    de: [
      ['INSTAGRAM', 0.95],
      ['YOUTUBE', 0.6],
      ['TIKTOK', 0.5],
      ['X', 0.4],
    ],
    en: [
      ['INSTAGRAM', 0.95],
      ['YOUTUBE', 0.6],
      ['TIKTOK', 0.5],
      ['X', 0.4],
    ],
  },
  companyContact: {
    de: [
      ['XING', 0.5],
      ['LINKEDIN', 0.4],
      ['X', 0.1],
    ],
    en: [
      ['LINKEDIN', 0.8],
      ['X', 0.2],
    ],
  },
  consumer: {
    de: [
      ['INSTAGRAM', 0.45],
      ['X', 0.25],
      ['FACEBOOK', 0.3],
      ['FORUM', 0.3],
      ['TIKTOK', 0.1],
      ['YOUTUBE', 0.05],
    ],
    en: [
      ['INSTAGRAM', 0.45],
      ['X', 0.3],
      ['FACEBOOK', 0.3],
      ['FORUM', 0.25],
      ['TIKTOK', 0.1],
      ['YOUTUBE', 0.05],
    ],
  },
};

export interface PersonProfile {
  index: number;
  id: string;
  segment: Segment;
  community: number;
  locale: string;
  language: Language;
  firstName: string;
  lastName: string;
  name: string;
  /** Lower-case ASCII stem for handles and e-mail addresses, unique per person. */
  handleStem: string;
  phone: string | null;
  createdAt: number;
  updatedAt: number;
  platforms: readonly Platform[];
  consumerStatus: ConsumerStatus;
}

function phoneNumber(random: Random, locale: string): string {
  const digits = (count: number) =>
    Array.from({ length: count }, () => String(random.int(10))).join('');
  if (locale === 'en-US') return `+1 ${random.intBetween(201, 989)} 555 ${digits(4)}`;
  if (locale.startsWith('en')) return `+44 7${digits(3)} ${digits(6)}`;
  return `+49 15${random.int(10)} ${digits(7)}`;
}

/**
 * A person follows from the seed and their index alone (their own random stream), so any part
 * of the generator can look at person 123 without the others being in memory.
 */
export function personProfile(layout: WorldLayout, index: number): PersonProfile {
  const random = new Random(mixSeed(layout.seed, STREAM.person, index));
  const segment = segmentOf(layout, index);
  const locale = random.weighted(LOCALES);
  const language = languageOf(locale);
  const firstName = random.pick(FIRST_NAMES[language]);
  const lastName = random.pick(LAST_NAMES[language]);
  // Colleagues share a community: companies cluster, which is what community detection finds.
  const community =
    segment === 'companyContact'
      ? companyOf(layout, index) % layout.size.communities
      : random.int(layout.size.communities);
  const createdAt = daysBefore(random.between(30, 6 * 365));
  const updatedAt = createdAt + Math.floor(random.next() * (REFERENCE_TIME - createdAt - DAY_MS));
  const platforms: Platform[] = [];
  for (const [platform, chance] of PLATFORM_CHANCES[segment][language]) {
    if (random.chance(chance)) platforms.push(platform);
  }
  const consumerStatus = segment === 'consumer' ? random.weighted(CONSUMER_STATUSES) : 'NONE';
  const phone = random.chance(0.35) ? phoneNumber(random, locale) : null;
  return {
    index,
    id: personId(index),
    segment,
    community,
    locale,
    language,
    firstName,
    lastName,
    name: `${firstName} ${lastName}`,
    handleStem: `${asciiSlug(firstName)}_${asciiSlug(lastName)}_${index.toString(36)}`,
    phone,
    createdAt,
    updatedAt,
    platforms,
    consumerStatus,
  };
}

/** Expected accounts per person of a segment (the mean of the platform chances, by language). */
export function expectedAccountsPerPerson(segment: Segment): number {
  const germanShare = LOCALES.filter(([locale]) => languageOf(locale) === 'de').reduce(
    (sum, [, weight]) => sum + weight,
    0,
  );
  const total = LOCALES.reduce((sum, [, weight]) => sum + weight, 0);
  const sumOf = (language: Language) =>
    PLATFORM_CHANCES[segment][language].reduce((sum, [, chance]) => sum + chance, 0);
  const share = germanShare / total;
  return share * sumOf('de') + (1 - share) * sumOf('en');
}
