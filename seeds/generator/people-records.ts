import { platformAt } from './account-index';
import type { BatchCollector } from './batch-collector';
import { companyIdentity, mediaOutletIdentity } from './catalog-records';
import { personInCommunity } from './people-index';
import { personProfile, type PersonProfile } from './person-profile';
import { mixSeed, Random } from './random';
import {
  accountId,
  agencyId,
  communityOrganizationId,
  companyId,
  consentId,
  mediaOutletId,
  personId,
  productId,
  roleId,
  tieId,
  topicId,
  userId,
} from './seed-ids';
import type { ConsentPurpose, RoleName, SeedBatch, TieKind } from './seed-records';
import { DAY_MS, daysBefore, REFERENCE_TIME, toDate, toDateTime } from './seed-time';
import type { SeedWorld } from './seed-world';
import { asciiSlug, OWN_ORGANIZATION_ID, PRODUCTS, TOPICS } from './vocabulary';
import {
  companyBlock,
  companyOf,
  STREAM,
  type CompanyStatus,
  type WorldLayout,
} from './world-plan';

const OWN_DOMAIN = 'velora-bikes.example';
const PRIVATE_MAIL_DOMAINS = ['mail.example', 'post.example', 'inbox.example', 'web.example'];

function emailDomain(layout: WorldLayout, profile: PersonProfile, random: Random): string {
  switch (profile.segment) {
    case 'staff':
      return OWN_DOMAIN;
    case 'companyContact':
      return companyIdentity(layout.seed, companyOf(layout, profile.index)).domain;
    case 'journalist':
      return mediaOutletIdentity(outletOf(layout, profile.index)).domain;
    default:
      return random.pick(PRIVATE_MAIL_DOMAINS);
  }
}

function outletOf(layout: WorldLayout, personIndex: number): number {
  return (personIndex - layout.segments.journalist.start) % layout.mediaOutlets;
}

/** Person nodes, and a User for each member of our staff. */
export function* personRecords(world: SeedWorld, collector: BatchCollector): Generator<SeedBatch> {
  const { layout } = world;
  for (let index = 0; index < layout.size.persons; index++) {
    const profile = personProfile(layout, index);
    // A separate stream: the profile's draws stay stable when row details change.
    const random = new Random(mixSeed(layout.seed, STREAM.relations, index, 1));
    const hasEmail = profile.segment === 'staff' || random.chance(0.85);
    collector.add('person', {
      id: profile.id,
      name: profile.name,
      email: hasEmail
        ? `${asciiSlug(profile.firstName)}.${asciiSlug(profile.lastName)}.${index.toString(36)}@${emailDomain(layout, profile, random)}`
        : null,
      phone: profile.phone,
      locale: profile.locale,
      createdAt: toDateTime(profile.createdAt),
      updatedAt: toDateTime(profile.updatedAt),
    });
    if (profile.segment === 'staff') {
      const staffRole = layout.staffRoles[index];
      if (staffRole === undefined) throw new RangeError(`no staff role for person ${index}`);
      collector.add('user', {
        id: userId(index),
        login: `${asciiSlug(profile.firstName).slice(0, 1)}${asciiSlug(profile.lastName)}${index}`,
        displayName: profile.name,
        staffRole,
        createdAt: toDateTime(profile.createdAt),
        updatedAt: toDateTime(profile.updatedAt),
      });
    }
    if (collector.isFull) yield* collector.flush();
  }
  yield* collector.flush();
}

/** A date between `fromDaysAgo` and `toDaysAgo` before the reference date. */
function pastDate(random: Random, fromDaysAgo: number, toDaysAgo: number): number {
  return daysBefore(random.between(toDaysAgo, fromDaysAgo));
}

/** Writes the roles, ties, interests, consents and account ownership of one person. */
class PersonRelations {
  private roles = 0;
  private ties = 0;
  private readonly tieTargets = new Set<string>();

  constructor(
    private readonly world: SeedWorld,
    private readonly collector: BatchCollector,
    private readonly profile: PersonProfile,
    private readonly random: Random,
  ) {}

  role(
    organizationId: string,
    role: RoleName,
    since: number,
    until: number | null,
    source: string,
  ) {
    this.collector.add('role', {
      id: roleId(this.profile.index, this.roles++),
      personId: this.profile.id,
      organizationId,
      role,
      since: toDate(since),
      until: until === null ? null : toDate(until),
      source,
    });
  }

  /** One tie per type, direction and pair of people, as the model requires. */
  tie(kind: TieKind, target: number, strength: readonly [number, number], source: string) {
    const key = `${kind}:${target}`;
    if (target < 0 || target === this.profile.index || this.tieTargets.has(key)) return;
    this.tieTargets.add(key);
    this.collector.add(kind, {
      id: tieId(this.profile.index, this.ties++),
      fromId: this.profile.id,
      toId: personId(target),
      strength: Math.round(this.random.between(strength[0], strength[1]) * 100) / 100,
      since: toDate(pastDate(this.random, 8 * 365, 20)),
      source,
    });
  }

  /** Mostly someone from the same community, sometimes anyone. */
  acquaintance(): number {
    const { layout, people } = this.world;
    if (this.random.chance(0.85)) {
      return personInCommunity(people, this.profile.community, this.random);
    }
    return this.random.int(layout.size.persons);
  }
}

const CONSUMER_TIES: readonly (readonly [TieKind, number])[] = [
  ['knows', 45],
  ['friendOf', 30],
  ['familyOf', 10],
  ['referred', 15],
];
const CONTACT_TIES: readonly (readonly [TieKind | 'colleague', number])[] = [
  ['colleague', 45],
  ['knows', 35],
  ['friendOf', 15],
  ['familyOf', 5],
];
const TIE_STRENGTH: Readonly<Record<TieKind, readonly [number, number]>> = {
  knows: [0.15, 0.6],
  colleagueOf: [0.3, 0.8],
  familyOf: [0.7, 1],
  friendOf: [0.5, 0.95],
  referred: [0.4, 0.85],
  reportsTo: [0.5, 0.9],
};

function rolesOfStaff(relations: PersonRelations, profile: PersonProfile) {
  relations.role(OWN_ORGANIZATION_ID, 'EMPLOYEE', profile.createdAt, null, 'hr-import');
}

function rolesAtOwnOrganization(
  relations: PersonRelations,
  status: CompanyStatus | PersonProfile['consumerStatus'],
  random: Random,
  source: string,
) {
  const since = pastDate(random, 5 * 365, 30);
  switch (status) {
    case 'CUSTOMER':
      relations.role(OWN_ORGANIZATION_ID, 'CUSTOMER', since, null, source);
      return;
    case 'PROSPECT':
      relations.role(OWN_ORGANIZATION_ID, 'PROSPECT', since, null, source);
      return;
    case 'SUPPLIER':
      relations.role(OWN_ORGANIZATION_ID, 'SUPPLIER', since, null, source);
      return;
    case 'FORMER_CUSTOMER': {
      // A former customer keeps the ended CUSTOMER role as history next to the new role.
      const until = Math.min(
        REFERENCE_TIME - 30 * DAY_MS,
        since + random.between(180, 900) * DAY_MS,
      );
      relations.role(OWN_ORGANIZATION_ID, 'CUSTOMER', since, until, source);
      relations.role(OWN_ORGANIZATION_ID, 'FORMER_CUSTOMER', until, null, source);
      return;
    }
    case 'NONE':
      return;
  }
}

function rolesOfContact(
  world: SeedWorld,
  relations: PersonRelations,
  profile: PersonProfile,
  random: Random,
) {
  const { layout } = world;
  const company = companyOf(layout, profile.index);
  const block = companyBlock(layout, company);
  const position = profile.index - block.start;
  const organization = companyId(company);
  const hired = pastDate(random, 12 * 365, 60);
  if (random.chance(0.12)) {
    // Changed jobs: the previous employer's role ended when this one began.
    const previous = random.int(layout.companyContactStart.length - 1);
    if (previous !== company) {
      const before = hired - random.between(700, 2500) * DAY_MS;
      relations.role(companyId(previous), 'EMPLOYEE', before, hired - DAY_MS, 'crm-import');
    }
  }
  relations.role(organization, 'EMPLOYEE', hired, null, 'crm-import');
  const status = layout.companyStatus[company] ?? 'NONE';
  if (position === 0) {
    relations.role(organization, 'DECISION_MAKER', hired + 90 * DAY_MS, null, 'crm-import');
    rolesAtOwnOrganization(relations, status, random, 'crm-import');
  } else if (position === 1) {
    const since = hired + 30 * DAY_MS;
    const ended = random.chance(0.2) ? since + random.between(120, 700) * DAY_MS : null;
    relations.role(
      organization,
      'CHAMPION',
      since,
      ended === null ? null : Math.min(ended, REFERENCE_TIME - DAY_MS),
      'sales-notes',
    );
    rolesAtOwnOrganization(relations, status, random, 'crm-import');
  }
}

function rolesOfPublicVoice(
  world: SeedWorld,
  relations: PersonRelations,
  profile: PersonProfile,
  random: Random,
) {
  const { layout } = world;
  const since = pastDate(random, 10 * 365, 60);
  switch (profile.segment) {
    case 'journalist': {
      if (random.chance(0.15)) {
        const previous = random.int(layout.mediaOutlets);
        relations.role(
          mediaOutletId(previous),
          'JOURNALIST',
          since - 1500 * DAY_MS,
          since - DAY_MS,
          'press-list',
        );
      }
      relations.role(
        mediaOutletId(outletOf(layout, profile.index)),
        'JOURNALIST',
        since,
        null,
        'press-list',
      );
      return;
    }
    case 'blogger':
      relations.role(
        communityOrganizationId(profile.index % layout.communityOrganizations),
        'BLOGGER',
        since,
        null,
        'social-monitoring',
      );
      return;
    case 'influencer': {
      relations.role(
        agencyId(profile.index % layout.agencies),
        'INFLUENCER',
        since,
        null,
        'agency-list',
      );
      if (random.chance(0.3)) {
        const start = pastDate(random, 3 * 365, 30);
        const until = random.chance(0.3)
          ? Math.min(start + 365 * DAY_MS, REFERENCE_TIME - DAY_MS)
          : null;
        relations.role(OWN_ORGANIZATION_ID, 'PARTNER', start, until, 'marketing');
      }
      return;
    }
    default:
      return;
  }
}

function tiesOf(
  world: SeedWorld,
  relations: PersonRelations,
  profile: PersonProfile,
  random: Random,
) {
  const { layout } = world;
  const count = random.exponentialCount(layout.size.meanTiesPerPerson);
  switch (profile.segment) {
    case 'staff': {
      const lead = leadOf(layout, profile.index);
      if (lead !== null) relations.tie('reportsTo', lead, TIE_STRENGTH.reportsTo, 'hr-import');
      const contacts = layout.segments.companyContact;
      for (let n = 0; n < count; n++) {
        // Sales knows the people at customer companies: where warm introductions start.
        if (random.chance(0.6)) {
          const contact = contacts.start + random.int(contacts.end - contacts.start);
          relations.tie('knows', contact, TIE_STRENGTH.knows, 'crm-import');
        } else {
          relations.tie(
            'colleagueOf',
            random.int(layout.segments.staff.end),
            TIE_STRENGTH.colleagueOf,
            'hr-import',
          );
        }
      }
      return;
    }
    case 'companyContact': {
      const block = companyBlock(layout, companyOf(layout, profile.index));
      const position = profile.index - block.start;
      if (position > 0) {
        // Champions report to the decision maker; others to the champion or the decision maker.
        const manager = position === 1 || random.chance(0.5) ? block.start : block.start + 1;
        relations.tie('reportsTo', manager, TIE_STRENGTH.reportsTo, 'crm-import');
      }
      for (let n = 0; n < count; n++) {
        const kind = random.weighted(CONTACT_TIES);
        if (kind === 'colleague') {
          const colleague = block.start + random.int(block.end - block.start);
          relations.tie('colleagueOf', colleague, TIE_STRENGTH.colleagueOf, 'linkedin');
        } else {
          relations.tie(kind, relations.acquaintance(), TIE_STRENGTH[kind], 'social-graph');
        }
      }
      return;
    }
    default: {
      for (let n = 0; n < count; n++) {
        let kind = random.weighted(CONSUMER_TIES);
        if (kind === 'referred' && profile.consumerStatus !== 'CUSTOMER') kind = 'knows';
        const source = kind === 'referred' ? 'referral-program' : 'social-graph';
        relations.tie(kind, relations.acquaintance(), TIE_STRENGTH[kind], source);
      }
    }
  }
}

/** Staff report to the lead of their role (staff 2–4 lead sales, support and marketing). */
function leadOf(layout: WorldLayout, staff: number): number | null {
  if (staff < 5) return staff === 0 ? null : 0;
  switch (layout.staffRoles[staff]) {
    case 'SALES_REP':
      return 2;
    case 'SUPPORT':
      return 3;
    case 'MARKETING':
      return 4;
    default:
      return 0;
  }
}

/** Count of REPORTS_TO ties that follow from the org charts rather than from chance. */
export function structuralTieCount(layout: WorldLayout): number {
  const companies = layout.companyContactStart.length - 1;
  const contacts = layout.segments.companyContact.end - layout.segments.companyContact.start;
  return contacts - companies + (layout.segments.staff.end - 1);
}

const PRODUCT_TOPIC: Readonly<Record<string, string>> = {
  'Velora City': 'commuting',
  'Velora Cargo': 'cargo bikes',
  'Velora Trail': 'mountain biking',
  'Velora Compact': 'urban mobility',
  'Velora Speed': 'commuting',
  'Velora PowerPack 750': 'batteries',
};

/** The topics a community cares about most: communities differ in what they talk about. */
export function communityTopic(community: number, random: Random): string {
  const favourite = random.chance(0.6)
    ? (community * 5) % TOPICS.length
    : random.int(TOPICS.length);
  return TOPICS[favourite] ?? 'e-bikes';
}

export function topicOfProduct(product: string): string {
  return PRODUCT_TOPIC[product] ?? 'e-bikes';
}

function interestsOf(collector: BatchCollector, profile: PersonProfile, random: Random) {
  if (profile.segment === 'staff') return;
  const topics = new Set<string>();
  const wanted = random.intBetween(1, 3);
  for (let n = 0; n < wanted; n++) topics.add(communityTopic(profile.community, random));
  for (const topic of topics) {
    collector.add('interestedInTopic', {
      personId: profile.id,
      targetId: topicId(topic),
      weight: Math.round(random.between(0.2, 1) * 100) / 100,
      source: random.chance(0.5) ? 'inferred-from-interactions' : 'profile',
    });
  }
  if (random.chance(0.4)) {
    collector.add('interestedInProduct', {
      personId: profile.id,
      targetId: productId(random.pick(PRODUCTS).name),
      weight: Math.round(random.between(0.3, 1) * 100) / 100,
      source: 'web-shop',
    });
  }
}

const CONSENT_SHARE: Readonly<Record<PersonProfile['segment'], number>> = {
  staff: 0,
  journalist: 0.6,
  blogger: 0.6,
  influencer: 0.7,
  companyContact: 0.5,
  consumer: 0.7,
};
const CONSENT_PURPOSES: readonly (readonly [ConsentPurpose, number])[] = [
  ['MARKETING', 0.6],
  ['SOCIAL_MONITORING', 0.5],
  ['PROFILING', 0.3],
  ['SALES_PROSPECTING', 0.25],
];
const CONSENT_CHANNELS = ['WEB_FORM', 'EMAIL', 'PHONE', 'IN_PERSON', 'SOCIAL'];
const CONSENT_SOURCES = [
  'newsletter-signup',
  'web-shop-checkout',
  'trade-fair',
  'support-call',
  'crm-import',
];
const NOTICE_VERSIONS = ['2023-05', '2024-09', '2025-04', '2026-02'];

function consentsOf(collector: BatchCollector, profile: PersonProfile, random: Random) {
  if (!random.chance(CONSENT_SHARE[profile.segment])) return;
  let n = 0;
  for (const [purpose, chance] of CONSENT_PURPOSES) {
    const wanted =
      purpose === 'SALES_PROSPECTING' && profile.segment === 'companyContact' ? 0.7 : chance;
    if (!random.chance(wanted)) continue;
    const id = consentId(profile.index, n++);
    const grantedAt = Math.max(profile.createdAt, pastDate(random, 4 * 365, 10));
    const withdrawnAt = random.chance(0.12)
      ? grantedAt + Math.floor(random.next() * (REFERENCE_TIME - grantedAt))
      : null;
    const channel = random.pick(CONSENT_CHANNELS);
    const lawfulBasis =
      purpose === 'SALES_PROSPECTING' || (purpose === 'SOCIAL_MONITORING' && random.chance(0.5))
        ? 'LEGITIMATE_INTEREST'
        : 'CONSENT';
    collector.add('consent', {
      id,
      purpose,
      channel,
      lawfulBasis,
      grantedAt: toDateTime(grantedAt),
      withdrawnAt: withdrawnAt === null ? null : toDateTime(withdrawnAt),
      source: random.pick(CONSENT_SOURCES),
      evidence: channel === 'EMAIL' || channel === 'WEB_FORM' ? `double-opt-in:${id}` : null,
      noticeVersion: random.pick(NOTICE_VERSIONS),
      createdAt: toDateTime(grantedAt),
      updatedAt: toDateTime(withdrawnAt ?? grantedAt),
    });
    collector.add('gaveConsent', { fromId: profile.id, toId: id });
  }
}

function accountOwnership(
  world: SeedWorld,
  collector: BatchCollector,
  profile: PersonProfile,
  random: Random,
) {
  const { accounts } = world;
  const first = accounts.personFirstAccount[profile.index] ?? 0;
  const last = accounts.personFirstAccount[profile.index + 1] ?? 0;
  for (let account = first; account < last; account++) {
    const platform = platformAt(accounts.platform[account] ?? 0);
    collector.add('ownedBy', {
      accountId: accountId(account),
      personId: profile.id,
      since: toDate(profile.createdAt + random.between(0, 60) * DAY_MS),
      // Business networks link profiles reliably; elsewhere the match is a guess.
      source: platform === 'LINKEDIN' || platform === 'XING' ? 'profile-link' : 'identity-matching',
      confidence: Math.round(random.between(platform === 'BLOG' ? 0.9 : 0.6, 1) * 100) / 100,
    });
  }
}

/** Roles, ties, interests, consents and account ownership, person by person. */
export function* personRelationRecords(
  world: SeedWorld,
  collector: BatchCollector,
): Generator<SeedBatch> {
  const { layout } = world;
  for (let index = 0; index < layout.size.persons; index++) {
    const profile = personProfile(layout, index);
    const random = new Random(mixSeed(layout.seed, STREAM.relations, index));
    const relations = new PersonRelations(world, collector, profile, random);
    switch (profile.segment) {
      case 'staff':
        rolesOfStaff(relations, profile);
        collector.add('userIsPerson', { fromId: userId(index), toId: profile.id });
        break;
      case 'companyContact':
        rolesOfContact(world, relations, profile, random);
        break;
      case 'consumer':
        rolesAtOwnOrganization(relations, profile.consumerStatus, random, 'web-shop');
        break;
      default:
        rolesOfPublicVoice(world, relations, profile, random);
    }
    tiesOf(world, relations, profile, random);
    interestsOf(collector, profile, random);
    consentsOf(collector, profile, random);
    accountOwnership(world, collector, profile, random);
    if (collector.isFull) yield* collector.flush();
  }
  yield* collector.flush();
}
