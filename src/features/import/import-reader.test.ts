import { Readable } from 'node:stream';
import { DomainError } from '../../core/errors/domain-error';
import { readRows, type ImportSource, type SourceRow } from './import-reader';
import { ImportFormat, ImportRecordType } from './import.type';

function source(format: ImportFormat, text: string, type: ImportRecordType | null): ImportSource {
  return { format, type, open: () => Readable.from([text]) };
}

async function rows(input: ImportSource): Promise<SourceRow[]> {
  const read: SourceRow[] = [];
  for await (const row of readRows(input)) read.push(row);
  return read.sort((a, b) => a.line - b.line);
}

describe('readRows: NDJSON', () => {
  it('numbers rows by physical line and skips blank lines', async () => {
    const text = '{"type":"person","name":"A"}\r\n\n  \n{"name":"B"}\nnope\n{"type":"x"}\n7\n';
    expect(await rows(source(ImportFormat.NDJSON, text, null))).toEqual([
      { line: 1, type: 'person', fields: { type: 'person', name: 'A' } },
      { line: 4, type: null, error: 'type is missing' },
      { line: 5, type: null, error: 'not valid JSON' },
      { line: 6, type: null, error: 'unknown type "x"' },
      { line: 7, type: null, error: 'a row must be a JSON object' },
    ]);
  });

  it('gives rows without a type the import type, and refuses rows of another', async () => {
    const text = '{"name":"A"}\n{"type":"tie"}\n';
    expect(await rows(source(ImportFormat.NDJSON, text, ImportRecordType.PERSON))).toEqual([
      { line: 1, type: 'person', fields: { name: 'A' } },
      { line: 2, type: 'tie', error: 'type tie in a person import' },
    ]);
  });
});

describe('readRows: CSV', () => {
  it('maps columns to the fields an NDJSON row would have', async () => {
    const text =
      'fromSystem,fromExternalId,toSystem,toExternalId,tieType,strength,since\n' +
      'a,1,a,2,KNOWS,0.7,\n';
    expect(await rows(source(ImportFormat.CSV, text, ImportRecordType.TIE))).toEqual([
      {
        line: 2,
        type: 'tie',
        fields: {
          from: { system: 'a', externalId: '1' },
          to: { system: 'a', externalId: '2' },
          tieType: 'KNOWS',
          strength: 0.7,
        },
      },
    ]);
  });

  it('names a record by its first line and reports malformed ones without stopping', async () => {
    const text =
      'system,externalId,platform,postId,kind,channel,occurredAt,text,topics\n' +
      'a,1,,,CALL,PHONE,2025-01-01T00:00:00Z,"two\nlines",x| y |\n' +
      'a,2,too,many,columns,here,x,y,z,w\n' +
      '\n' +
      'a,3,,,CALL,PHONE,2025-01-01T00:00:00Z,,\n';
    const read = await rows(source(ImportFormat.CSV, text, ImportRecordType.INTERACTION));
    expect(read.map((row) => row.line)).toEqual([2, 4, 6]);
    expect(read[0]).toMatchObject({ fields: { text: 'two\nlines', topics: ['x', 'y'] } });
    const malformed = read[1];
    expect(malformed !== undefined && 'error' in malformed ? malformed.error : '').toContain(
      'Invalid Record Length',
    );
  });

  it.each([
    ['an unknown column', 'system,externalId,name,shoeSize\n', ImportRecordType.PERSON, 'shoeSize'],
    ['a column twice', 'name,name\n', ImportRecordType.PERSON, 'twice'],
    ['no record type', 'name\n', null, 'CSV needs a record type'],
    ['a type CSV cannot hold', 'x\n', ImportRecordType.FOLLOW, 'CSV needs a record type'],
  ])('refuses %s as BAD_USER_INPUT', async (_name, text, type, message) => {
    const failure = rows(source(ImportFormat.CSV, text, type));
    await expect(failure).rejects.toBeInstanceOf(DomainError);
    await expect(failure).rejects.toThrow(message);
  });
});
