import type { InteractionKind, InteractionStatus } from '../interactions/interaction.type';
import type { OrganizationKind } from '../organizations/organization.type';
import type { RoleType } from '../roles/role.type';
import type { Platform } from '../social-accounts/social-account.type';
import type { TieType } from '../ties/tie.type';
import { ImportRecordType } from './import.type';

/**
 * The rows the repository writes: validated, normalised and flat, so that they travel as UNWIND
 * parameters unchanged. `line` comes back with every row the database could not place.
 */
interface ImportRow {
  line: number;
}

/** An `ExternalKey`: `key` is `system:externalId`, the value its uniqueness constraint guards. */
export interface ExternalKeyFields {
  key: string;
  system: string;
  externalId: string;
}

export interface AccountRef {
  platform: Platform;
  /** Normalised: lower-case, without @. */
  handle: string;
}

export interface PersonImportRow extends ImportRow, ExternalKeyFields {
  properties: { name: string; email: string | null; phone: string | null; locale: string | null };
}

export interface OrganizationImportRow extends ImportRow, ExternalKeyFields {
  properties: { name: string; kind: OrganizationKind; domain: string | null };
}

export interface AccountImportRow extends ImportRow, AccountRef {
  displayName: string | null;
  followers: number | null;
  url: string | null;
  ownerKey: string | null;
}

export interface RoleImportRow extends ImportRow {
  personKey: string;
  /** Null: our own organization. */
  organizationKey: string | null;
  role: RoleType;
  since: string | null;
  until: string | null;
  source: string;
}

export interface TieImportRow extends ImportRow {
  tieType: TieType;
  fromKey: string;
  toKey: string;
  strength: number;
  since: string | null;
  source: string;
}

export interface FollowImportRow extends ImportRow {
  followerPlatform: Platform;
  followerHandle: string;
  followedPlatform: Platform;
  followedHandle: string;
  since: string | null;
}

export interface InteractionImportRow extends ImportRow {
  /** The upsert key: platform + postId for posts, else an external key (key, system, externalId). */
  postId: string | null;
  platform: Platform | null;
  key: string | null;
  system: string | null;
  externalId: string | null;
  kind: InteractionKind;
  channel: string;
  occurredAt: string;
  text: string | null;
  sentiment: number | null;
  status: InteractionStatus | null;
  url: string | null;
  performerKey: string | null;
  performerPlatform: Platform | null;
  performerHandle: string | null;
  /** How the performer is named in a rejection. */
  performerLabel: string;
  topics: string[];
  productIds: string[];
  mentionKeys: string[];
  mentionAccounts: AccountRef[];
}

export interface ImportRowsByType {
  [ImportRecordType.PERSON]: PersonImportRow;
  [ImportRecordType.ORGANIZATION]: OrganizationImportRow;
  [ImportRecordType.ACCOUNT]: AccountImportRow;
  [ImportRecordType.ROLE]: RoleImportRow;
  [ImportRecordType.TIE]: TieImportRow;
  [ImportRecordType.FOLLOW]: FollowImportRow;
  [ImportRecordType.INTERACTION]: InteractionImportRow;
}

/** A validated row tagged with its type. */
export type ParsedRecord = {
  [T in ImportRecordType]: { type: T; row: ImportRowsByType[T] };
}[ImportRecordType];

/**
 * Nodes before the relationships that need them, whatever the order in the file: accounts may
 * name their owner, so they follow persons; roles, ties, follows and interactions come last.
 */
export const IMPORT_STAGES: readonly (readonly ImportRecordType[])[] = [
  [ImportRecordType.PERSON, ImportRecordType.ORGANIZATION],
  [ImportRecordType.ACCOUNT],
  [
    ImportRecordType.ROLE,
    ImportRecordType.TIE,
    ImportRecordType.FOLLOW,
    ImportRecordType.INTERACTION,
  ],
];

/** A row the import refused: its line (from 1), its type when known, and why. */
export interface RowRejection {
  line: number;
  kind: ImportRecordType | null;
  reason: string;
}
