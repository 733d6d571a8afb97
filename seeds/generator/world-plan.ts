import { mixSeed, Random } from './random';
import type { StaffRole } from './seed-records';
import {
  JOURNALISTS_PER_OUTLET,
  MEAN_CONTACTS_PER_COMPANY,
  MIN_STAFF,
  SEGMENT_SHARES,
  type SeedSize,
} from './seed-sizes';
import { AGENCIES, COMMUNITY_ORGANIZATIONS } from './vocabulary';

export type Segment =
  | 'staff'
  | 'journalist'
  | 'blogger'
  | 'influencer'
  | 'companyContact'
  | 'consumer';

export const SEGMENTS: readonly Segment[] = [
  'staff',
  'journalist',
  'blogger',
  'influencer',
  'companyContact',
  'consumer',
];

export interface IndexRange {
  start: number;
  end: number;
}

/** How a customer company relates to us; its decision maker and champion carry it as roles. */
export type CompanyStatus = 'CUSTOMER' | 'PROSPECT' | 'FORMER_CUSTOMER' | 'SUPPLIER' | 'NONE';
const COMPANY_STATUSES: readonly (readonly [CompanyStatus, number])[] = [
  ['CUSTOMER', 38],
  ['PROSPECT', 34],
  ['FORMER_CUSTOMER', 10],
  ['SUPPLIER', 5],
  ['NONE', 13],
];

/** Independent random streams, so that adding draws to one part never shifts another. */
export const STREAM = {
  layout: 1,
  person: 2,
  account: 3,
  relations: 4,
  follows: 5,
  interactions: 6,
  ownerlessInteractions: 7,
  organizations: 8,
} as const;

/**
 * Everything about the world that follows from the size and seed alone and is needed across
 * record kinds: who sits at which person index, which company employs whom, who the staff are.
 * People are laid out by segment in index ranges, so a person's segment is arithmetic.
 */
export interface WorldLayout {
  seed: number;
  size: SeedSize;
  segments: Readonly<Record<Segment, IndexRange>>;
  /** Person index where each company's contacts start; one extra entry closes the last block. */
  companyContactStart: Int32Array;
  companyStatus: readonly CompanyStatus[];
  mediaOutlets: number;
  communityOrganizations: number;
  agencies: number;
  staffRoles: readonly StaffRole[];
  staffByRole: Readonly<Record<StaffRole, readonly number[]>>;
}

export function segmentCounts(size: SeedSize): Record<Segment, number> {
  const staff = Math.max(MIN_STAFF, Math.round(size.persons * SEGMENT_SHARES.staff));
  const journalist = Math.round(size.persons * SEGMENT_SHARES.journalist);
  const blogger = Math.round(size.persons * SEGMENT_SHARES.blogger);
  const influencer = Math.round(size.persons * SEGMENT_SHARES.influencer);
  const companyContact = Math.round(size.persons * SEGMENT_SHARES.companyContact);
  const consumer = size.persons - staff - journalist - blogger - influencer - companyContact;
  return { staff, journalist, blogger, influencer, companyContact, consumer };
}

/** The first five staff lead the others; the rest are mostly sales and support. */
const LEAD_ROLES: readonly StaffRole[] = [
  'ADMIN',
  'DATA_PROTECTION_OFFICER',
  'SALES_REP',
  'SUPPORT',
  'MARKETING',
];
const STAFF_ROLE_WEIGHTS: readonly (readonly [StaffRole, number])[] = [
  ['SALES_REP', 40],
  ['SUPPORT', 38],
  ['MARKETING', 15],
  ['ANALYST', 7],
];

export function buildWorldLayout(size: SeedSize, seed: number): WorldLayout {
  const random = new Random(mixSeed(seed, STREAM.layout));
  const counts = segmentCounts(size);
  const segments = {} as Record<Segment, IndexRange>;
  let next = 0;
  for (const segment of SEGMENTS) {
    segments[segment] = { start: next, end: next + counts[segment] };
    next += counts[segment];
  }

  const starts: number[] = [];
  const contacts = segments.companyContact;
  // Companies of 3 to 13 contacts (mean 8); the last block takes what is left.
  for (let start = contacts.start; start < contacts.end; ) {
    starts.push(start);
    start += random.intBetween(3, 2 * MEAN_CONTACTS_PER_COMPANY - 3);
  }
  starts.push(contacts.end);
  const companyStatus = starts.slice(1).map(() => random.weighted(COMPANY_STATUSES));

  const staffRoles: StaffRole[] = [];
  const staffByRole: Record<StaffRole, number[]> = {
    ADMIN: [],
    SALES_REP: [],
    SUPPORT: [],
    MARKETING: [],
    ANALYST: [],
    DATA_PROTECTION_OFFICER: [],
  };
  for (let staff = 0; staff < counts.staff; staff++) {
    const role = LEAD_ROLES[staff] ?? random.weighted(STAFF_ROLE_WEIGHTS);
    staffRoles.push(role);
    staffByRole[role].push(staff);
  }

  return {
    seed,
    size,
    segments,
    companyContactStart: Int32Array.from(starts),
    companyStatus,
    mediaOutlets: Math.max(3, Math.ceil(counts.journalist / JOURNALISTS_PER_OUTLET)),
    communityOrganizations: COMMUNITY_ORGANIZATIONS.length,
    agencies: AGENCIES.length,
    staffRoles,
    staffByRole,
  };
}

export function segmentOf(layout: WorldLayout, personIndex: number): Segment {
  for (const segment of SEGMENTS) {
    if (personIndex < layout.segments[segment].end) return segment;
  }
  throw new RangeError(`person index ${personIndex} is outside the world`);
}

export function companyCount(layout: WorldLayout): number {
  return layout.companyContactStart.length - 1;
}

/** The company whose contact block holds this person (binary search over the block starts). */
export function companyOf(layout: WorldLayout, personIndex: number): number {
  const starts = layout.companyContactStart;
  let low = 0;
  let high = starts.length - 2;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((starts[middle] ?? 0) <= personIndex) low = middle;
    else high = middle - 1;
  }
  return low;
}

export function companyBlock(layout: WorldLayout, company: number): IndexRange {
  return {
    start: layout.companyContactStart[company] ?? 0,
    end: layout.companyContactStart[company + 1] ?? 0,
  };
}
