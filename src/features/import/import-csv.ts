import { badUserInput } from '../../core/errors/domain-error';
import { ImportRecordType } from './import.type';
import type { RawFields } from './import-validation';

export type CsvRecordType =
  | ImportRecordType.PERSON
  | ImportRecordType.ACCOUNT
  | ImportRecordType.TIE
  | ImportRecordType.INTERACTION;

/**
 * The columns a CSV file of each type may have, in a sensible order. Nested NDJSON values become
 * prefixed columns (`from` → fromSystem, fromExternalId); lists are `|`-separated.
 */
export const CSV_COLUMNS: Readonly<Record<CsvRecordType, readonly string[]>> = {
  [ImportRecordType.PERSON]: ['system', 'externalId', 'name', 'email', 'phone', 'locale'],
  [ImportRecordType.ACCOUNT]: [
    'platform',
    'handle',
    'displayName',
    'followers',
    'url',
    'ownerSystem',
    'ownerExternalId',
  ],
  [ImportRecordType.TIE]: [
    'fromSystem',
    'fromExternalId',
    'toSystem',
    'toExternalId',
    'tieType',
    'strength',
    'since',
    'source',
  ],
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
    'performerSystem',
    'performerExternalId',
    'performerPlatform',
    'performerHandle',
    'topics',
    'productIds',
  ],
};

const NUMERIC_COLUMNS: ReadonlySet<string> = new Set(['followers', 'strength', 'sentiment']);
const LIST_COLUMNS: ReadonlySet<string> = new Set(['topics', 'productIds']);
const NUMBER = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;

export function isCsvRecordType(type: ImportRecordType): type is CsvRecordType {
  return type in CSV_COLUMNS;
}

/**
 * Checks a header once, so that a misspelt column fails the whole file at once instead of every
 * row. Missing columns are left to the row checks, which name the field a row lacks.
 */
export function checkCsvHeader(type: CsvRecordType, header: readonly string[]): string[] {
  const allowed = CSV_COLUMNS[type];
  const unknown = header.filter((column) => !allowed.includes(column));
  if (unknown.length > 0) {
    throw badUserInput(
      `CSV header: unknown column ${unknown.join(', ')}; a ${type} file may have ${allowed.join(', ')}`,
      { field: 'data' },
    );
  }
  const duplicates = header.filter((column, index) => header.indexOf(column) !== index);
  if (duplicates.length > 0) {
    throw badUserInput(`CSV header: column ${duplicates.join(', ')} appears twice`, {
      field: 'data',
    });
  }
  return [...header];
}

/** A CSV record as the fields an NDJSON row of the same type would have. */
export function csvRecordToFields(type: CsvRecordType, record: Record<string, string>): RawFields {
  const cells: Record<string, unknown> = {};
  for (const [column, text] of Object.entries(record)) {
    const value = cellValue(column, text);
    if (value !== undefined) cells[column] = value;
  }
  switch (type) {
    case ImportRecordType.PERSON:
      return cells;
    case ImportRecordType.ACCOUNT: {
      const { ownerSystem, ownerExternalId, ...account } = cells;
      return { ...account, ...nested('owner', ownerSystem, ownerExternalId) };
    }
    case ImportRecordType.TIE: {
      const { fromSystem, fromExternalId, toSystem, toExternalId, ...tie } = cells;
      return {
        ...tie,
        from: { system: fromSystem, externalId: fromExternalId },
        to: { system: toSystem, externalId: toExternalId },
      };
    }
    case ImportRecordType.INTERACTION: {
      const {
        performerSystem,
        performerExternalId,
        performerPlatform,
        performerHandle,
        ...interaction
      } = cells;
      const byAccount = performerPlatform !== undefined || performerHandle !== undefined;
      return {
        ...interaction,
        ...(byAccount
          ? { performer: { platform: performerPlatform, handle: performerHandle } }
          : nested('performer', performerSystem, performerExternalId)),
      };
    }
  }
}

/** Empty cells are absent; numbers and lists are typed as NDJSON would have them. */
function cellValue(column: string, text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (NUMERIC_COLUMNS.has(column)) return NUMBER.test(trimmed) ? Number(trimmed) : trimmed;
  if (LIST_COLUMNS.has(column)) {
    return trimmed
      .split('|')
      .map((item) => item.trim())
      .filter((item) => item !== '');
  }
  return text;
}

function nested(field: string, system: unknown, externalId: unknown): RawFields {
  if (system === undefined && externalId === undefined) return {};
  return { [field]: { system, externalId } };
}
