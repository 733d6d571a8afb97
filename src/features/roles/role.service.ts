import { badUserInput, notFound } from '../../core/errors/domain-error';
import type { OperationScope } from '../../core/neo4j/neo4j-gateway';
import type { OrganizationService } from '../organizations/organization.service';
import type { DeletionResult } from '../shared/deletion-result.type';
import { assertEntityId } from '../shared/entity-id';
import type { AddRoleInput, UpdateRoleInput } from './role.input';
import type { RoleRepository } from './role.repository';
import { type Role, type RoleRecord, toRole } from './role.type';

function assertSpan(since: string | null | undefined, until: string | null | undefined): void {
  if (since && until && until < since) {
    throw badUserInput('until must not be before since', { field: 'until' });
  }
}

export class RoleService {
  constructor(
    private readonly repository: RoleRepository,
    private readonly organizations: OrganizationService,
  ) {}

  byPersonIds(
    scope: OperationScope,
    personIds: readonly string[],
  ): Promise<Map<string, RoleRecord[]>> {
    return this.repository.byPersonIds(scope, personIds);
  }

  /**
   * Adds a role; idempotent for the same person, organization, role and start day. Without an
   * organization the role is held at our own company.
   */
  async add(scope: OperationScope, input: AddRoleInput): Promise<Role> {
    assertEntityId(input.personId, 'personId');
    if (input.organizationId) assertEntityId(input.organizationId, 'organizationId');
    assertSpan(input.since, input.until);
    const organizationId =
      input.organizationId ?? (await this.organizations.ownOrganization(scope)).id;
    const outcome = await this.repository.add(scope, {
      personId: input.personId,
      organizationId,
      role: input.role,
      since: input.since ?? null,
      until: input.until ?? null,
      source: input.source ?? null,
    });
    if (outcome.kind === 'missing') {
      const field = outcome.person ? 'personId' : 'organizationId';
      throw notFound(`No ${outcome.person ? 'person' : 'organization'} with that id`, { field });
    }
    return toRole(outcome.role);
  }

  async update(scope: OperationScope, id: string, input: UpdateRoleInput): Promise<Role> {
    assertEntityId(id, 'id');
    assertSpan(input.since, input.until);
    const updated = await this.repository.update(scope, id, input);
    if (updated === null) throw notFound(`No role with id ${id}`, { id });
    if (updated === 'invalid-span') {
      throw badUserInput('until must not be before since', { field: 'until' });
    }
    return toRole(updated);
  }

  async remove(scope: OperationScope, id: string): Promise<DeletionResult> {
    assertEntityId(id, 'id');
    return { id, deleted: await this.repository.remove(scope, id) };
  }
}
