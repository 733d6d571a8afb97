import { Extensions } from 'type-graphql';

/**
 * What kind of personal data a field holds; decides who sees it (see {@link canSee}).
 * - CONTACT: e-mail, phone, language — how to reach a person.
 * - IDENTITY: handles, profile URLs, linked records, external keys — who a person is elsewhere.
 * - ACTIVITY: interaction texts, ties, timelines — what a person said and did, and with whom.
 * - RELATIONSHIP: business roles that are not public knowledge (customer, prospect, champion …).
 * - PROFILE: scores and interests — derived facts that analysts may use in aggregate.
 */
export enum Sensitivity {
  CONTACT = 'CONTACT',
  IDENTITY = 'IDENTITY',
  ACTIVITY = 'ACTIVITY',
  RELATIONSHIP = 'RELATIONSHIP',
  PROFILE = 'PROFILE',
}

/**
 * How much of one person's personal data a viewer may see.
 * - FULL: everything (need-to-know: assigned account, team, own record; ADMIN; data protection).
 * - PROFILE: scores and interests only (analysts).
 * - NONE: the masked view: name and public roles.
 */
export enum PersonalAccess {
  FULL = 'FULL',
  PROFILE = 'PROFILE',
  NONE = 'NONE',
}

export function canSee(access: PersonalAccess, sensitivity: Sensitivity): boolean {
  switch (access) {
    case PersonalAccess.FULL:
      return true;
    case PersonalAccess.PROFILE:
      return sensitivity === Sensitivity.PROFILE;
    case PersonalAccess.NONE:
      return false;
  }
}

export const PERSONAL_DATA_EXTENSION = 'personalData';

/**
 * Marks a field as personal data of the person its parent object belongs to. The schema wraps
 * every marked field (see guard-personal-data.ts): without access the field resolves to null, an
 * empty list or its masked form, exactly as if there were no data.
 */
export function PersonalData(sensitivity: Sensitivity): MethodDecorator & PropertyDecorator {
  return Extensions({ [PERSONAL_DATA_EXTENSION]: sensitivity });
}
