import { Arg, Authorized, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { badUserInput } from '../../core/errors/domain-error';
import type { GraphQLContext } from '../../server/context';
import { Access } from '../access/access-rules';
import { AuditEntry } from './audit.type';

const MAX_ENTRIES = 500;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

@Resolver()
export class AuditResolver {
  @Authorized(Access.DATA_PROTECTION)
  @Query(() => [AuditEntry], {
    description: `The audit log, newest first (at most ${MAX_ENTRIES}); page back with \`before\`. Data protection officer only.`,
  })
  auditLog(
    @Ctx() { services, scope }: GraphQLContext,
    @Arg('personId', () => ID, { nullable: true }) personId?: string,
    @Arg('userId', () => ID, { nullable: true }) userId?: string,
    @Arg('before', () => String, { nullable: true, description: 'ISO date-time.' })
    before?: string,
    @Arg('first', () => Int, { defaultValue: 100 }) first = 100,
  ) {
    if (first < 1 || first > MAX_ENTRIES) {
      throw badUserInput(`first must be from 1 to ${MAX_ENTRIES}`, { field: 'first' });
    }
    // Strict ISO 8601, normalized here: Date.parse alone accepts text Neo4j's datetime() refuses.
    if (before != null && (!ISO_DATE_TIME.test(before) || Number.isNaN(Date.parse(before)))) {
      throw badUserInput('before must be an ISO date-time', { field: 'before' });
    }
    return services.audit.list(
      scope,
      {
        subjectId: personId ?? null,
        userId: userId ?? null,
        before: before == null ? null : new Date(before).toISOString(),
      },
      first,
    );
  }
}
