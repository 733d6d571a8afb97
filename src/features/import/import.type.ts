import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum ImportFormat {
  NDJSON = 'ndjson',
  CSV = 'csv',
}

registerEnumType(ImportFormat, {
  name: 'ImportFormat',
  description: 'NDJSON: one JSON object per line with a "type". CSV: one record type per file.',
});

/** What one import row describes; the value is how NDJSON rows name it in their "type". */
export enum ImportRecordType {
  PERSON = 'person',
  ORGANIZATION = 'organization',
  ACCOUNT = 'account',
  ROLE = 'role',
  TIE = 'tie',
  FOLLOW = 'follow',
  INTERACTION = 'interaction',
}

registerEnumType(ImportRecordType, { name: 'ImportRecordType' });

export const IMPORT_RECORD_TYPES: readonly ImportRecordType[] = Object.values(ImportRecordType);

/** Record types a CSV file may hold; the others need nested values that CSV cannot express. */
export const CSV_RECORD_TYPES: ReadonlySet<ImportRecordType> = new Set([
  ImportRecordType.PERSON,
  ImportRecordType.ACCOUNT,
  ImportRecordType.TIE,
  ImportRecordType.INTERACTION,
]);

export function isImportRecordType(value: unknown): value is ImportRecordType {
  return IMPORT_RECORD_TYPES.some((type) => type === value);
}

@ObjectType({ description: 'A row that was not imported, and why.' })
export class ImportRejection {
  @Field(() => Int, { description: 'Line in the input, from 1; a CSV header is line 1.' })
  line!: number;

  @Field(() => ImportRecordType, {
    nullable: true,
    description: 'Null when the row did not name a known type.',
  })
  kind!: ImportRecordType | null;

  @Field()
  reason!: string;
}

@ObjectType()
export class ImportKindCount {
  @Field(() => ImportRecordType)
  kind!: ImportRecordType;

  @Field(() => Int)
  accepted!: number;

  @Field(() => Int)
  rejected!: number;
}

@ObjectType({
  description:
    'Accepted rows are in the graph (importing them again changes nothing); rejected rows wrote nothing.',
})
export class ImportReport {
  @Field(() => Int)
  accepted!: number;

  @Field(() => Int)
  rejected!: number;

  @Field(() => [ImportRejection], { description: 'In line order; at most the first 1,000.' })
  rejections!: ImportRejection[];

  @Field(() => [ImportKindCount], { description: 'Every record type that occurred.' })
  byKind!: ImportKindCount[];
}
