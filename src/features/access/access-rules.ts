import { StaffRole } from '../staff/staff-user.type';

const { ADMIN, SALES_REP, SUPPORT, MARKETING, ANALYST, DATA_PROTECTION_OFFICER: DPO } = StaffRole;

/**
 * Who may call what, by staff role. Every query, mutation and subscription names one of these in
 * `@Authorized(...)` (a test fails otherwise). Reading is open to all staff because field masking
 * (need-to-know) decides what each role sees of a person; writing is limited to the roles whose
 * work needs it.
 */
export const Access = {
  /** Read the CRM graph. What a role sees of personal data is decided per field. */
  READ: [ADMIN, SALES_REP, SUPPORT, MARKETING, ANALYST, DPO],
  /** Create and change CRM records: people, organizations, roles, ties, accounts, interactions. */
  WRITE_CRM: [ADMIN, SALES_REP, SUPPORT, MARKETING],
  /** Topics, products and campaigns. */
  WRITE_CATALOG: [ADMIN, MARKETING],
  /** Same-as links, merges and unmerges of person records. */
  IDENTITY: [ADMIN, SALES_REP, SUPPORT, DPO],
  /** Record and withdraw consent. */
  CONSENT: [ADMIN, SALES_REP, SUPPORT, MARKETING, DPO],
  /** Staff, teams and account assignments; bulk import; hard deletes. */
  ADMINISTRATION: [ADMIN],
  /** Export, erasure and the audit log. */
  DATA_PROTECTION: [DPO],
  /** Scores, rankings and network analytics (aggregates, no contact data). */
  ANALYTICS: [ADMIN, SALES_REP, MARKETING, ANALYST],
  /** Finding prospects: introduction paths, referrals, look-alikes. */
  PROSPECTING: [ADMIN, SALES_REP, MARKETING],
  /** Feeding social posts in (mutation, NDJSON endpoint): feed integrations run as these roles. */
  INGEST: [ADMIN, MARKETING],
  /** Watch lists and working their alerts (assign, notes, status): the teams that react. */
  LISTENING: [ADMIN, SALES_REP, SUPPORT, MARKETING],
} as const satisfies Record<string, readonly StaffRole[]>;
