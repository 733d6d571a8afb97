import { Access } from '../access/access-rules';
import { Arg, Ctx, Mutation, Resolver, Authorized } from 'type-graphql';
import type { GraphQLContext } from '../../server/context';
import { ImportFormat, ImportRecordType, ImportReport } from './import.type';

@Resolver()
export class ImportResolver {
  @Authorized(Access.ADMINISTRATION)
  @Mutation(() => ImportReport, {
    description:
      'Imports rows given as NDJSON or CSV text, at most 512 KiB and 10,000 rows (BAD_USER_INPUT beyond; use npm run import for files). Every row is an upsert, so sending the same data again changes nothing. Bad rows are reported by line and skipped; the good ones land.',
  })
  importRecords(
    @Arg('format', () => ImportFormat) format: ImportFormat,
    @Arg('data') data: string,
    @Ctx() { services, scope }: GraphQLContext,
    @Arg('type', () => ImportRecordType, {
      nullable: true,
      description:
        'Required for CSV (PERSON, ACCOUNT, TIE or INTERACTION); for NDJSON the type of rows without one.',
    })
    type?: ImportRecordType | null,
  ): Promise<ImportReport> {
    return services.imports.importText(scope, format, data, type ?? null);
  }
}
