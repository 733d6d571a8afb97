import type { InteractionKind } from './interaction-templates';

/**
 * The records the generator yields, one shape per record kind and one write query per kind in the
 * loader. Times are ISO strings (`datetime(…)`/`date(…)` in Cypher); absent optional properties
 * are null so that a re-run removes nothing and adds nothing.
 */

export type OrganizationKind =
  | 'COMPANY'
  | 'MEDIA_OUTLET'
  | 'COMMUNITY'
  | 'AGENCY'
  | 'PUBLIC_BODY'
  | 'OTHER';
export type Platform =
  | 'X'
  | 'FACEBOOK'
  | 'LINKEDIN'
  | 'XING'
  | 'INSTAGRAM'
  | 'YOUTUBE'
  | 'TIKTOK'
  | 'BLOG'
  | 'FORUM'
  | 'OTHER';
export type RoleName =
  | 'CUSTOMER'
  | 'PROSPECT'
  | 'EMPLOYEE'
  | 'PARTNER'
  | 'SUPPLIER'
  | 'JOURNALIST'
  | 'INFLUENCER'
  | 'BLOGGER'
  | 'DECISION_MAKER'
  | 'CHAMPION'
  | 'INVESTOR'
  | 'FORMER_CUSTOMER';
export type StaffRole =
  | 'ADMIN'
  | 'SALES_REP'
  | 'SUPPORT'
  | 'MARKETING'
  | 'ANALYST'
  | 'DATA_PROTECTION_OFFICER';
export type ConsentPurpose = 'SOCIAL_MONITORING' | 'PROFILING' | 'SALES_PROSPECTING' | 'MARKETING';
export type InteractionStatus = 'OPEN' | 'ACKNOWLEDGED' | 'RESOLVED';

interface Timestamps {
  createdAt: string;
  updatedAt: string;
}

export interface OrganizationRow extends Timestamps {
  id: string;
  name: string;
  kind: OrganizationKind;
  domain: string | null;
  isOwnOrganization: boolean;
}

export interface TopicRow extends Timestamps {
  id: string;
  name: string;
}

export interface ProductRow extends Timestamps {
  id: string;
  name: string;
  sku: string;
}

export interface PersonRow extends Timestamps {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  locale: string;
}

export interface UserRow extends Timestamps {
  id: string;
  login: string;
  displayName: string;
  staffRole: StaffRole;
}

export interface SocialAccountRow extends Timestamps {
  id: string;
  platform: Platform;
  handle: string;
  followers: number;
  url: string;
  displayName: string | null;
}

export interface ConsentRow extends Timestamps {
  id: string;
  purpose: ConsentPurpose;
  channel: string;
  lawfulBasis: string;
  grantedAt: string;
  withdrawnAt: string | null;
  source: string;
  evidence: string | null;
  noticeVersion: string;
}

export interface InteractionRow extends Timestamps {
  id: string;
  kind: InteractionKind;
  channel: string;
  occurredAt: string;
  text: string | null;
  sentiment: number | null;
  status: InteractionStatus | null;
  platform: Platform | null;
  postId: string | null;
  url: string | null;
}

export interface RoleRow {
  id: string;
  personId: string;
  organizationId: string;
  role: RoleName;
  since: string | null;
  until: string | null;
  source: string;
}

export interface TieRow {
  id: string;
  fromId: string;
  toId: string;
  strength: number;
  since: string | null;
  source: string;
}

export interface OwnedByRow {
  accountId: string;
  personId: string;
  since: string;
  source: string;
  confidence: number;
}

export interface FollowsRow {
  fromId: string;
  toId: string;
  since: string | null;
}

export interface InterestRow {
  personId: string;
  targetId: string;
  weight: number;
  source: string;
}

export interface HandledRow {
  userId: string;
  interactionId: string;
  at: string;
}

/** A relationship without properties, from one node to another, both found by id. */
export interface TeamRow extends Timestamps {
  id: string;
  name: string;
}

export interface LinkRow {
  fromId: string;
  toId: string;
}

/** Every record kind with its row shape. The key order is the write order inside one flush. */
export interface SeedRowsByKind {
  organization: OrganizationRow;
  topic: TopicRow;
  product: ProductRow;
  person: PersonRow;
  user: UserRow;
  socialAccount: SocialAccountRow;
  consent: ConsentRow;
  interaction: InteractionRow;
  role: RoleRow;
  userIsPerson: LinkRow;
  knows: TieRow;
  colleagueOf: TieRow;
  familyOf: TieRow;
  friendOf: TieRow;
  referred: TieRow;
  reportsTo: TieRow;
  ownedBy: OwnedByRow;
  follows: FollowsRow;
  interestedInTopic: InterestRow;
  interestedInProduct: InterestRow;
  gaveConsent: LinkRow;
  performedByPerson: LinkRow;
  performedByAccount: LinkRow;
  handled: HandledRow;
  aboutTopic: LinkRow;
  aboutProduct: LinkRow;
  aboutOrganization: LinkRow;
  mentionsAccount: LinkRow;
  mentionsPerson: LinkRow;
  mentionsOrganization: LinkRow;
  replyTo: LinkRow;
  team: TeamRow;
  memberOf: LinkRow;
  assignedTo: LinkRow;
  responsibleFor: LinkRow;
}

export type SeedRecordKind = keyof SeedRowsByKind;

/**
 * Nodes come before relationships, so a flush never writes a relationship whose endpoint is
 * still waiting in another buffer.
 */
export const SEED_RECORD_KINDS: readonly SeedRecordKind[] = [
  'organization',
  'topic',
  'product',
  'person',
  'user',
  'socialAccount',
  'consent',
  'interaction',
  'role',
  'userIsPerson',
  'knows',
  'colleagueOf',
  'familyOf',
  'friendOf',
  'referred',
  'reportsTo',
  'ownedBy',
  'follows',
  'interestedInTopic',
  'interestedInProduct',
  'gaveConsent',
  'performedByPerson',
  'performedByAccount',
  'handled',
  'aboutTopic',
  'aboutProduct',
  'aboutOrganization',
  'mentionsAccount',
  'mentionsPerson',
  'mentionsOrganization',
  'replyTo',
  'team',
  'memberOf',
  'assignedTo',
  'responsibleFor',
];

export const NODE_RECORD_KINDS: ReadonlySet<SeedRecordKind> = new Set([
  'organization',
  'topic',
  'product',
  'person',
  'user',
  'socialAccount',
  'consent',
  'interaction',
  'team',
]);

/** One write: rows of a single kind, small enough for one transaction. */
export type SeedBatch = {
  [K in SeedRecordKind]: { kind: K; rows: SeedRowsByKind[K][] };
}[SeedRecordKind];

export const TIE_KINDS = [
  'knows',
  'colleagueOf',
  'familyOf',
  'friendOf',
  'referred',
  'reportsTo',
] as const;
export type TieKind = (typeof TIE_KINDS)[number];
