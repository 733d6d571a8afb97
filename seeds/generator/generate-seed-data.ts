import { expectedAccountsPerPerson } from './person-profile';
import { accessRecords } from './access-records';
import { BatchCollector } from './batch-collector';
import { catalogRecords } from './catalog-records';
import { interactionRecords, OWNERLESS_MEAN_INTERACTIONS } from './interaction-records';
import { personRecords, personRelationRecords, structuralTieCount } from './people-records';
import type { SeedBatch } from './seed-records';
import {
  OWNERLESS_ACCOUNT_SHARE,
  SEED_SIZES,
  type SeedSize,
  type SeedSizeName,
} from './seed-sizes';
import { buildSeedWorld } from './seed-world';
import { followRecords, socialAccountRecords } from './social-records';
import { BRAND_PLATFORMS } from './account-index';
import { buildWorldLayout, companyCount, SEGMENTS } from './world-plan';

export const DEFAULT_SEED = 42;

export interface SeedOptions {
  size: SeedSizeName | SeedSize;
  seed?: number;
}

function resolveSize(size: SeedSizeName | SeedSize): SeedSize {
  return typeof size === 'string' ? SEED_SIZES[size] : size;
}

/**
 * The whole world as a stream of batches: catalog, people, accounts, then the relationships,
 * follows and interactions. Only the compact indexes (a few bytes per person and account) and
 * the current batches are in memory, so bench-L streams like demo does. Every batch's
 * relationships point at nodes of earlier batches or of a node batch just before it.
 */
export function* generateSeedData(options: SeedOptions): Generator<SeedBatch> {
  const size = resolveSize(options.size);
  const world = buildSeedWorld(size, options.seed ?? DEFAULT_SEED);
  const collector = new BatchCollector(size.batchSize);
  yield* catalogRecords(world, collector);
  yield* personRecords(world, collector);
  yield* socialAccountRecords(world, collector);
  yield* personRelationRecords(world, collector);
  yield* followRecords(world, collector);
  yield* interactionRecords(world, collector);
  yield* accessRecords(world, collector);
}

/** What a size is expected to produce, from its parameters alone (no generation). */
export interface PlannedCounts {
  persons: number;
  users: number;
  organizations: number;
  socialAccounts: number;
  personTies: number;
  follows: number;
  interactions: number;
  /** All records (nodes and relationships) the loader will write, roughly: for progress bars. */
  records: number;
}

/**
 * Records per person and per interaction besides the counted ones (roles, consents and their
 * GAVE links, interests; PERFORMED, ABOUT, MENTIONS, REPLY_TO, HANDLED), as the generator yields
 * them on average.
 */
const RECORDS_PER_PERSON = 1.15 + 2 * 1.1 + 1.95;
const LINKS_PER_INTERACTION = 3.45;

export function plannedCounts(options: SeedOptions): PlannedCounts {
  const size = resolveSize(options.size);
  const layout = buildWorldLayout(size, options.seed ?? DEFAULT_SEED);
  let ownedAccounts = 0;
  for (const segment of SEGMENTS) {
    const { start, end } = layout.segments[segment];
    ownedAccounts += (end - start) * expectedAccountsPerPerson(segment);
  }
  const socialAccounts = ownedAccounts * (1 + OWNERLESS_ACCOUNT_SHARE) + BRAND_PLATFORMS.length;
  const users = layout.segments.staff.end - layout.segments.staff.start;
  const personTies = size.persons * size.meanTiesPerPerson + structuralTieCount(layout);
  const follows = socialAccounts * size.meanFollowsPerAccount;
  const interactions =
    size.persons * size.meanInteractionsPerPerson +
    ownedAccounts * OWNERLESS_ACCOUNT_SHARE * OWNERLESS_MEAN_INTERACTIONS;
  const records =
    size.persons * (1 + RECORDS_PER_PERSON) +
    socialAccounts +
    ownedAccounts +
    personTies +
    follows +
    interactions * (1 + LINKS_PER_INTERACTION);
  return {
    persons: size.persons,
    users,
    organizations:
      1 +
      companyCount(layout) +
      layout.mediaOutlets +
      layout.communityOrganizations +
      layout.agencies,
    socialAccounts: Math.round(socialAccounts),
    personTies: Math.round(personTies),
    follows: Math.round(follows),
    interactions: Math.round(interactions),
    records: Math.round(records),
  };
}
