/** The named sizes of the generated world. `demo` is what `npm start` loads into an empty database. */
export const SEED_SIZE_NAMES = ['demo', 'bench-M', 'bench-L'] as const;
export type SeedSizeName = (typeof SEED_SIZE_NAMES)[number];

export interface SeedSize {
  name: SeedSizeName;
  persons: number;
  /** People cluster in this many communities; most ties and follows stay inside one. */
  communities: number;
  /** Ties between people (KNOWS, COLLEAGUE_OF, …) started by one person, on average. */
  meanTiesPerPerson: number;
  /** FOLLOWS edges started by one social account, on average. */
  meanFollowsPerAccount: number;
  meanInteractionsPerPerson: number;
  /** Rows per write transaction. */
  batchSize: number;
}

/**
 * bench-M aims at 100k people, about 1M person and account ties together (person ties plus
 * FOLLOWS) and about 1M interactions; bench-L keeps those ratios for 1M people. The demo world is
 * lighter per person so that `npm start` loads it in a few seconds.
 */
export const SEED_SIZES: Readonly<Record<SeedSizeName, SeedSize>> = {
  demo: {
    name: 'demo',
    persons: 2_000,
    communities: 6,
    meanTiesPerPerson: 2.5,
    meanFollowsPerAccount: 3,
    meanInteractionsPerPerson: 3,
    batchSize: 10_000,
  },
  'bench-M': {
    name: 'bench-M',
    persons: 100_000,
    communities: 12,
    meanTiesPerPerson: 2.5,
    meanFollowsPerAccount: 5,
    meanInteractionsPerPerson: 10,
    batchSize: 10_000,
  },
  'bench-L': {
    name: 'bench-L',
    persons: 1_000_000,
    communities: 24,
    meanTiesPerPerson: 2.5,
    meanFollowsPerAccount: 5,
    meanInteractionsPerPerson: 10,
    batchSize: 10_000,
  },
};

export function isSeedSizeName(value: string): value is SeedSizeName {
  return (SEED_SIZE_NAMES as readonly string[]).includes(value);
}

/** Who the people are: shares of all persons; consumers (private customers and prospects) are the rest. */
export const SEGMENT_SHARES = {
  staff: 0.005,
  journalist: 0.02,
  blogger: 0.02,
  influencer: 0.01,
  companyContact: 0.2,
} as const;

export const MIN_STAFF = 10;
export const MEAN_CONTACTS_PER_COMPANY = 8;
export const JOURNALISTS_PER_OUTLET = 4;
/** Accounts nobody in the CRM owns yet (fans, anonymous critics), as a share of owned accounts. */
export const OWNERLESS_ACCOUNT_SHARE = 0.05;
