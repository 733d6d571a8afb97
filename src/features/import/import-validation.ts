import { isEnum, isISO8601, validateSync } from 'class-validator';
import { normalizeTopicName } from '../catalog/catalog.service';
import { UpdateRoleInput } from '../roles/role.input';
import { RoleType } from '../roles/role.type';
import { RecordInteractionInput } from '../interactions/interaction.input';
import { InteractionStatus, KINDS_WITH_STATUS } from '../interactions/interaction.type';
import { CreateOrganizationInput } from '../organizations/organization.input';
import { OrganizationKind } from '../organizations/organization.type';
import { CreatePersonInput } from '../people/person.input';
import { ExternalKeyInput, externalKeyString } from '../shared/external-key.input';
import { assertEntityId } from '../shared/entity-id';
import {
  HANDLE,
  normalizeHandle,
  UpsertSocialAccountInput,
} from '../social-accounts/social-account.input';
import { Platform } from '../social-accounts/social-account.type';
import { UpdateTieInput } from '../ties/tie.input';
import { TieType } from '../ties/tie.type';
import {
  type AccountImportRow,
  type AccountRef,
  type ExternalKeyFields,
  type FollowImportRow,
  type InteractionImportRow,
  type OrganizationImportRow,
  type ParsedRecord,
  type PersonImportRow,
  type RoleImportRow,
  type TieImportRow,
} from './import-record';
import { ImportRecordType } from './import.type';

export type RawFields = Readonly<Record<string, unknown>>;

export type ParseOutcome = { record: ParsedRecord } | { reason: string };

/** Where roles and ties came from when a row does not say. */
export const DEFAULT_SOURCE = 'import';

/** The fields each record type may carry besides "type"; anything else is a typo to report. */
export const RECORD_FIELDS: Readonly<Record<ImportRecordType, readonly string[]>> = {
  [ImportRecordType.PERSON]: ['system', 'externalId', 'name', 'email', 'phone', 'locale'],
  [ImportRecordType.ORGANIZATION]: ['system', 'externalId', 'name', 'kind', 'domain'],
  [ImportRecordType.ACCOUNT]: ['platform', 'handle', 'displayName', 'followers', 'url', 'owner'],
  [ImportRecordType.ROLE]: ['person', 'organization', 'role', 'since', 'until', 'source'],
  [ImportRecordType.TIE]: ['from', 'to', 'tieType', 'strength', 'since', 'source'],
  [ImportRecordType.FOLLOW]: ['follower', 'followed', 'since'],
  [ImportRecordType.INTERACTION]: [
    'system',
    'externalId',
    'platform',
    'postId',
    'kind',
    'channel',
    'occurredAt',
    'text',
    'sentiment',
    'status',
    'url',
    'performer',
    'topics',
    'productIds',
    'mentions',
  ],
};

/** Same allowance as recordInteraction: feeds stamp posts with their own clocks. */
const MAX_FUTURE_MS = 24 * 60 * 60 * 1000;
const MAX_LINKS = 50;

/** Thrown inside this module only: the row is refused with this reason. */
class RowRejected extends Error {}

function reject(reason: string): never {
  throw new RowRejected(reason);
}

/**
 * Validates one row of the given type and turns it into what the repository writes. The checks
 * are those of the matching GraphQL inputs (the same class-validator classes) plus what only an
 * import needs: keys instead of ids, and no unknown fields.
 */
export function parseRecord(type: ImportRecordType, fields: RawFields, line: number): ParseOutcome {
  try {
    rejectUnknownFields(type, fields);
    return { record: parseKnownFields(type, fields, line) };
  } catch (error) {
    if (error instanceof RowRejected) return { reason: error.message };
    throw error;
  }
}

function parseKnownFields(type: ImportRecordType, fields: RawFields, line: number): ParsedRecord {
  switch (type) {
    case ImportRecordType.PERSON:
      return { type, row: parsePerson(fields, line) };
    case ImportRecordType.ORGANIZATION:
      return { type, row: parseOrganization(fields, line) };
    case ImportRecordType.ACCOUNT:
      return { type, row: parseAccount(fields, line) };
    case ImportRecordType.ROLE:
      return { type, row: parseRole(fields, line) };
    case ImportRecordType.TIE:
      return { type, row: parseTie(fields, line) };
    case ImportRecordType.FOLLOW:
      return { type, row: parseFollow(fields, line) };
    case ImportRecordType.INTERACTION:
      return { type, row: parseInteraction(fields, line) };
  }
}

function rejectUnknownFields(type: ImportRecordType, fields: RawFields): void {
  const allowed = RECORD_FIELDS[type];
  const unknown = Object.keys(fields).filter((name) => name !== 'type' && !allowed.includes(name));
  if (unknown.length > 0) reject(`unknown field ${unknown.join(', ')}`);
}

/** JSON null and an absent field mean the same: not given. */
function given(value: unknown): boolean {
  return value !== undefined && value !== null;
}

function optional<T>(value: T | null | undefined): T | null {
  return value ?? null;
}

/** Runs the class-validator rules of an input class on the given values. */
function check<T extends object>(input: T, values: Partial<T>, prefix = ''): T {
  const instance = Object.assign(input, values);
  const errors = validateSync(instance, { forbidUnknownValues: true });
  if (errors.length > 0) {
    const messages = errors.map(
      (error) => Object.values(error.constraints ?? {})[0] ?? `${error.property} is invalid`,
    );
    reject(messages.map((message) => `${prefix}${message}`).join('; '));
  }
  return instance;
}

function asObject(value: unknown, field: string): RawFields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    reject(`${field} must be an object`);
  }
  return value as RawFields;
}

function asNumber(value: unknown, field: string): number | undefined {
  if (!given(value)) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) reject(`${field} must be a number`);
  return value;
}

function asStringList(value: unknown, field: string): string[] {
  if (!given(value)) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    reject(`${field} must be a list of texts`);
  }
  const list = value as string[];
  if (list.length > MAX_LINKS) reject(`${field} may hold at most ${MAX_LINKS} entries`);
  return list;
}

function externalKey(value: unknown, field: string): ExternalKeyFields {
  const { system, externalId } = asObject(value, field);
  const key = check(
    new ExternalKeyInput(),
    { system, externalId } as ExternalKeyInput,
    `${field}.`,
  );
  return { key: externalKeyString(key), system: key.system, externalId: key.externalId };
}

function ownKey(fields: RawFields): ExternalKeyFields {
  const key = check(new ExternalKeyInput(), {
    system: fields.system,
    externalId: fields.externalId,
  } as ExternalKeyInput);
  return { key: externalKeyString(key), system: key.system, externalId: key.externalId };
}

function accountRef(value: unknown, field: string): AccountRef {
  const { platform, handle } = asObject(value, field);
  if (!isEnum(platform, Platform)) reject(`${field}.platform must be a platform such as X`);
  if (typeof handle !== 'string' || !HANDLE.test(handle)) {
    reject(`${field}.handle may hold letters, digits, . _ - and a leading @`);
  }
  return { platform: platform as Platform, handle: normalizeHandle(handle) };
}

/** A person key ({system, externalId}) or an account ({platform, handle}). */
function personOrAccount(value: unknown, field: string): ExternalKeyFields | AccountRef {
  const ref = asObject(value, field);
  if (given(ref.platform) || given(ref.handle)) return accountRef(ref, field);
  if (given(ref.system) || given(ref.externalId)) return externalKey(ref, field);
  return reject(`${field} must be {system, externalId} or {platform, handle}`);
}

function isAccountRef(ref: ExternalKeyFields | AccountRef): ref is AccountRef {
  return 'platform' in ref;
}

function parsePerson(fields: RawFields, line: number): PersonImportRow {
  const input = check(new CreatePersonInput(), {
    name: fields.name,
    email: fields.email,
    phone: fields.phone,
    locale: fields.locale,
  } as CreatePersonInput);
  return {
    line,
    ...ownKey(fields),
    properties: {
      name: input.name,
      email: optional(input.email),
      phone: optional(input.phone),
      locale: optional(input.locale),
    },
  };
}

function parseOrganization(fields: RawFields, line: number): OrganizationImportRow {
  const input = check(new CreateOrganizationInput(), {
    name: fields.name,
    kind: given(fields.kind) ? fields.kind : OrganizationKind.COMPANY,
    domain: fields.domain,
  } as CreateOrganizationInput);
  return {
    line,
    ...ownKey(fields),
    properties: { name: input.name, kind: input.kind, domain: optional(input.domain) },
  };
}

function parseAccount(fields: RawFields, line: number): AccountImportRow {
  const input = check(new UpsertSocialAccountInput(), {
    platform: fields.platform,
    handle: fields.handle,
    displayName: fields.displayName,
    followers: asNumber(fields.followers, 'followers'),
    url: fields.url,
  } as UpsertSocialAccountInput);
  return {
    line,
    platform: input.platform,
    handle: normalizeHandle(input.handle),
    displayName: optional(input.displayName),
    followers: optional(input.followers),
    url: optional(input.url),
    ownerKey: given(fields.owner) ? externalKey(fields.owner, 'owner').key : null,
  };
}

function parseRole(fields: RawFields, line: number): RoleImportRow {
  if (!isEnum(fields.role, RoleType)) reject('role must be a role such as CUSTOMER');
  const input = check(new UpdateRoleInput(), {
    since: fields.since,
    until: fields.until,
    source: fields.source,
  } as UpdateRoleInput);
  if (input.since && input.until && input.until < input.since) {
    reject('until must not be before since');
  }
  return {
    line,
    personKey: externalKey(fields.person, 'person').key,
    organizationKey: given(fields.organization)
      ? externalKey(fields.organization, 'organization').key
      : null,
    role: fields.role as RoleType,
    since: optional(input.since),
    until: optional(input.until),
    source: input.source ?? DEFAULT_SOURCE,
  };
}

function parseTie(fields: RawFields, line: number): TieImportRow {
  if (!isEnum(fields.tieType, TieType)) reject('tieType must be a tie type such as KNOWS');
  const input = check(new UpdateTieInput(), {
    strength: asNumber(fields.strength, 'strength'),
    since: fields.since,
    source: fields.source,
  } as UpdateTieInput);
  const from = externalKey(fields.from, 'from');
  const to = externalKey(fields.to, 'to');
  if (from.key === to.key) reject('a tie needs two different people');
  return {
    line,
    tieType: fields.tieType as TieType,
    fromKey: from.key,
    toKey: to.key,
    strength: input.strength ?? 0.5,
    since: optional(input.since),
    source: input.source ?? DEFAULT_SOURCE,
  };
}

function parseFollow(fields: RawFields, line: number): FollowImportRow {
  const follower = accountRef(fields.follower, 'follower');
  const followed = accountRef(fields.followed, 'followed');
  if (follower.platform === followed.platform && follower.handle === followed.handle) {
    reject('an account cannot follow itself');
  }
  const since = fields.since;
  if (given(since) && (typeof since !== 'string' || !isISO8601(since, { strict: true }))) {
    reject('since must be an ISO date or date-time');
  }
  return {
    line,
    followerPlatform: follower.platform,
    followerHandle: follower.handle,
    followedPlatform: followed.platform,
    followedHandle: followed.handle,
    since: given(since) ? new Date(since as string).toISOString() : null,
  };
}

function interactionKey(
  fields: RawFields,
  input: RecordInteractionInput,
): Pick<InteractionImportRow, 'postId' | 'platform' | 'key' | 'system' | 'externalId'> {
  const postId = optional(input.postId);
  const platform = optional(input.platform);
  const hasExternalKey = given(fields.system) || given(fields.externalId);
  if (postId !== null && platform === null) reject('postId needs its platform');
  if (postId !== null && hasExternalKey) {
    reject('give either platform + postId or system + externalId, not both');
  }
  if (postId !== null) return { postId, platform, key: null, system: null, externalId: null };
  if (!hasExternalKey) {
    reject('an interaction needs a key: platform + postId, or system + externalId');
  }
  const key = ownKey(fields);
  return { postId: null, platform, ...key };
}

function parseInteraction(fields: RawFields, line: number): InteractionImportRow {
  const input = check(new RecordInteractionInput(), {
    kind: fields.kind,
    channel: fields.channel,
    occurredAt: fields.occurredAt,
    text: fields.text,
    sentiment: asNumber(fields.sentiment, 'sentiment'),
    status: fields.status,
    platform: fields.platform,
    postId: fields.postId,
    url: fields.url,
  } as RecordInteractionInput);
  if (input.status && !KINDS_WITH_STATUS.has(input.kind)) {
    reject('only tickets and complaints have a status');
  }
  if (Date.parse(input.occurredAt) > Date.now() + MAX_FUTURE_MS) {
    reject('occurredAt lies in the future');
  }
  if (!given(fields.performer)) reject('performer is required');
  const performer = personOrAccount(fields.performer, 'performer');
  const topics = [...new Set(asStringList(fields.topics, 'topics').map(normalizeTopicName))];
  if (topics.some((topic) => topic.length < 1 || topic.length > 100)) {
    reject('topics must be 1–100 characters each');
  }
  const productIds = [...new Set(asStringList(fields.productIds, 'productIds'))];
  for (const id of productIds) {
    try {
      assertEntityId(id, 'productIds');
    } catch {
      reject('productIds holds an invalid id');
    }
  }
  const mentions = mentionRefs(fields.mentions);
  return {
    line,
    ...interactionKey(fields, input),
    kind: input.kind,
    channel: input.channel,
    occurredAt: new Date(input.occurredAt).toISOString(),
    text: optional(input.text),
    sentiment: optional(input.sentiment),
    status: input.status ?? (KINDS_WITH_STATUS.has(input.kind) ? InteractionStatus.OPEN : null),
    url: optional(input.url),
    performerKey: isAccountRef(performer) ? null : performer.key,
    performerPlatform: isAccountRef(performer) ? performer.platform : null,
    performerHandle: isAccountRef(performer) ? performer.handle : null,
    performerLabel: isAccountRef(performer)
      ? `${performer.platform} account @${performer.handle}`
      : `person ${performer.key}`,
    topics,
    productIds,
    mentionKeys: [...new Set(mentions.keys)],
    mentionAccounts: uniqueAccounts(mentions.accounts),
  };
}

function mentionRefs(value: unknown): { keys: string[]; accounts: AccountRef[] } {
  const keys: string[] = [];
  const accounts: AccountRef[] = [];
  if (!given(value)) return { keys, accounts };
  if (!Array.isArray(value)) return reject('mentions must be a list');
  if (value.length > MAX_LINKS) reject(`mentions may hold at most ${MAX_LINKS} entries`);
  value.forEach((item: unknown, index) => {
    const ref = personOrAccount(item, `mentions[${index}]`);
    if (isAccountRef(ref)) accounts.push(ref);
    else keys.push(ref.key);
  });
  return { keys, accounts };
}

function uniqueAccounts(accounts: readonly AccountRef[]): AccountRef[] {
  const seen = new Map<string, AccountRef>();
  for (const account of accounts) seen.set(`${account.platform}:${account.handle}`, account);
  return [...seen.values()];
}
