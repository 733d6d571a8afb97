import { notFound } from '../../core/errors/domain-error';
import type { OperationScope } from '../../core/neo4j/neo4j-gateway';
import { assertEntityId } from '../shared/entity-id';
import type { UpsertUserInput } from './staff-user.input';
import type { StaffUserRepository } from './staff-user.repository';
import type { StaffUserRecord } from './staff-user.type';

export class StaffUserService {
  constructor(private readonly repository: StaffUserRepository) {}

  findByIds(scope: OperationScope, ids: readonly string[]) {
    return this.repository.findByIds(scope, ids);
  }

  list(scope: OperationScope): Promise<StaffUserRecord[]> {
    return this.repository.list(scope);
  }

  async upsert(scope: OperationScope, input: UpsertUserInput): Promise<StaffUserRecord> {
    if (input.personId) assertEntityId(input.personId, 'personId');
    const user = await this.repository.upsert(scope, {
      login: input.login,
      displayName: input.displayName,
      staffRole: input.staffRole,
      personId: input.personId ?? null,
    });
    if (user === null) throw notFound('No person with that id', { field: 'personId' });
    return user;
  }
}
