import { GraphQLJSONObject } from 'graphql-scalars';
import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../../server/context';
import { Access } from '../access/access-rules';
import { AuditAction } from '../audit/audit.type';
import { ErasePersonInput, ErasureResult } from './data-protection.type';
import type { PersonalDataExport } from './personal-data-export.service';

/** Data subject rights: access (export) and erasure. Data protection officer only. */
@Resolver()
export class DataProtectionResolver {
  @Authorized(Access.DATA_PROTECTION)
  @Query(() => GraphQLJSONObject, {
    description:
      "Everything held about a person as one JSON document (GDPR Art. 15/20), other people's personal data redacted.",
  })
  async personalDataExport(
    @Arg('personId', () => ID) personId: string,
    @Ctx() { services, scope, audit }: GraphQLContext,
  ): Promise<PersonalDataExport> {
    const exported = await services.personalDataExport.export(scope, personId);
    audit.note(AuditAction.EXPORT, personId);
    return exported;
  }

  @Authorized(Access.DATA_PROTECTION)
  @Mutation(() => ErasureResult, {
    description:
      'Erases a person (GDPR Art. 17): their records, identities, social activity and ties go; orders stay under a pseudonym; no trace of name, e-mail or handles remains. Idempotent.',
  })
  async erasePerson(
    @Arg('input') input: ErasePersonInput,
    @Ctx() { services, scope, audit, viewer }: GraphQLContext,
  ): Promise<ErasureResult> {
    const outcome = await services.erasure.erase(
      scope,
      input.personId,
      input.reason,
      viewer?.userId ?? 'unknown',
    );
    // The audit log keeps the erasure under the pseudonym only.
    audit.note(AuditAction.ERASE, outcome.pseudonym);
    return outcome;
  }
}
