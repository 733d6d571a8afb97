import { registerEnumType } from 'type-graphql';

/** Why personal data is used. Each purpose needs its own consent (or another lawful basis). */
export enum ConsentPurpose {
  /** Linking social activity (posts, mentions) to a known person. */
  SOCIAL_MONITORING = 'SOCIAL_MONITORING',
  /** Computing and storing scores about a person, such as influence. */
  PROFILING = 'PROFILING',
  /** Using a person in introduction paths, referrals and look-alike lists. */
  SALES_PROSPECTING = 'SALES_PROSPECTING',
  /** Targeting a person with campaigns. */
  MARKETING = 'MARKETING',
}

registerEnumType(ConsentPurpose, { name: 'ConsentPurpose' });

export const CONSENT_PURPOSES: readonly ConsentPurpose[] = Object.values(ConsentPurpose);
