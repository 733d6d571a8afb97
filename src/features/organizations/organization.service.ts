import { notFound } from '../../core/errors/domain-error';
import type { OperationScope } from '../../core/neo4j/neo4j-gateway';
import { type Connection, toConnection } from '../../core/pagination/connection';
import { pageRequest } from '../../core/pagination/page-request';
import type { DeletionResult } from '../shared/deletion-result.type';
import { assertEntityId } from '../shared/entity-id';
import { type ExternalKeyInput, externalKeyString } from '../shared/external-key.input';
import type { CreateOrganizationInput, UpdateOrganizationInput } from './organization.input';
import type { OrganizationFilter, OrganizationRepository } from './organization.repository';
import type { Organization } from './organization.type';

export class OrganizationService {
  constructor(
    private readonly repository: OrganizationRepository,
    private readonly ownOrganizationName: string,
  ) {}

  async get(scope: OperationScope, id: string): Promise<Organization> {
    assertEntityId(id, 'id');
    const found = (await this.repository.findByIds(scope, [id])).get(id);
    if (found === undefined) throw notFound(`No organization with id ${id}`, { id });
    return found;
  }

  findByIds(scope: OperationScope, ids: readonly string[]): Promise<Map<string, Organization>> {
    return this.repository.findByIds(scope, ids);
  }

  async list(
    scope: OperationScope,
    filter: OrganizationFilter,
    first?: number | null,
    after?: string | null,
  ): Promise<Connection<Organization>> {
    const page = pageRequest(first, after);
    const { rows, total } = await this.repository.list(scope, filter, page);
    return toConnection(rows, page.first, total, (organization) => organization.name);
  }

  create(scope: OperationScope, input: CreateOrganizationInput): Promise<Organization> {
    return this.repository.create(scope, input);
  }

  upsertByExternalKey(
    scope: OperationScope,
    key: ExternalKeyInput,
    input: CreateOrganizationInput,
  ): Promise<Organization> {
    return this.repository.upsertByExternalKey(
      scope,
      { ...key, key: externalKeyString(key) },
      input,
    );
  }

  async update(
    scope: OperationScope,
    id: string,
    input: UpdateOrganizationInput,
  ): Promise<Organization> {
    assertEntityId(id, 'id');
    const updated = await this.repository.update(scope, id, input);
    if (updated === null) throw notFound(`No organization with id ${id}`, { id });
    return updated;
  }

  async delete(scope: OperationScope, id: string): Promise<DeletionResult> {
    assertEntityId(id, 'id');
    return { id, deleted: await this.repository.delete(scope, id) };
  }

  /** Our own company: the context of every role given without an organization. */
  ownOrganization(scope: OperationScope): Promise<Organization> {
    return this.repository.ensureOwnOrganization(scope, this.ownOrganizationName);
  }
}
