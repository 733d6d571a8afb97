import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { type CsvError, parse } from 'csv-parse';
import { badUserInput } from '../../core/errors/domain-error';
import { checkCsvHeader, csvRecordToFields, isCsvRecordType } from './import-csv';
import { ImportFormat, ImportRecordType, isImportRecordType } from './import.type';
import type { RawFields } from './import-validation';

/** Import input that can be read from its start again: the import reads it once per stage. */
export interface ImportSource {
  format: ImportFormat;
  /** Every row's type: required for CSV; for NDJSON the default for rows without "type". */
  type: ImportRecordType | null;
  open(): Readable;
}

/** One row as read: its type and fields, or why it could not even be read. */
export type SourceRow =
  | { line: number; type: ImportRecordType; fields: RawFields }
  | { line: number; type: ImportRecordType | null; error: string };

/** Streams the rows of a source, never holding more than a parser buffer of it in memory. */
export function readRows(source: ImportSource): AsyncGenerator<SourceRow> {
  if (source.format === ImportFormat.NDJSON) return readNdjson(source);
  return readCsv(source);
}

async function* readNdjson(source: ImportSource): AsyncGenerator<SourceRow> {
  const lines = createInterface({ input: source.open(), crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line += 1;
    if (text.trim() === '') continue;
    yield ndjsonRow(text, line, source.type);
  }
}

function ndjsonRow(text: string, line: number, fixedType: ImportRecordType | null): SourceRow {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { line, type: null, error: 'not valid JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { line, type: null, error: 'a row must be a JSON object' };
  }
  const fields = value as RawFields;
  const named = fields.type ?? fixedType;
  if (named === null || named === undefined) return { line, type: null, error: 'type is missing' };
  if (!isImportRecordType(named)) {
    return { line, type: null, error: `unknown type ${JSON.stringify(named)}` };
  }
  if (fixedType !== null && named !== fixedType) {
    return { line, type: named, error: `type ${named} in a ${fixedType} import` };
  }
  return { line, type: named, fields };
}

interface CsvRecordWithInfo {
  record: Record<string, string>;
  raw: string;
  info: { lines: number };
}

/** csv-parse reports the line where a record ends; rows are named by the line they start on. */
function firstLine(lastLine: number, raw: string | undefined): number {
  const newlines = (raw ?? '').trim().split('\n').length - 1;
  return lastLine - newlines;
}

async function* readCsv(source: ImportSource): AsyncGenerator<SourceRow> {
  const type = source.type;
  if (type === null || !isCsvRecordType(type)) {
    throw badUserInput(
      `CSV needs a record type: ${ImportRecordType.PERSON}, ${ImportRecordType.ACCOUNT}, ${ImportRecordType.TIE} or ${ImportRecordType.INTERACTION}`,
      { field: 'type' },
    );
  }
  // Malformed records (wrong column count, open quotes) are reported and skipped; the rest go on.
  const skipped: SourceRow[] = [];
  const input = source.open();
  const parser = input.pipe(
    parse({
      columns: (header: string[]) => checkCsvHeader(type, header),
      bom: true,
      info: true,
      raw: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (error: CsvError | undefined, raw: string | undefined) => {
        const lines = typeof error?.lines === 'number' ? error.lines : 0;
        skipped.push({
          line: firstLine(lines, raw),
          type,
          error: error?.message.replace(/ on line \d+$/, '') ?? 'malformed CSV record',
        });
      },
    }),
  );
  input.on('error', (error) => parser.destroy(error));
  for await (const entry of parser as AsyncIterable<CsvRecordWithInfo>) {
    yield* skipped.splice(0);
    yield {
      line: firstLine(entry.info.lines, entry.raw),
      type,
      fields: csvRecordToFields(type, entry.record),
    };
  }
  yield* skipped.splice(0);
}
