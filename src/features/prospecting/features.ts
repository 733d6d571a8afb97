import { OrganizationKind } from '../organizations/organization.type';
import { RoleType } from '../roles/role.type';

/** Feature keys (see featuresOf in prospect.cypher.ts), sorted out by what they name. */
export interface SharedFeatures {
  interestIds: string[];
  roles: RoleType[];
  organizationKinds: OrganizationKind[];
}

const ROLES = new Set<string>(Object.values(RoleType));
const KINDS = new Set<string>(Object.values(OrganizationKind));

export function splitFeatures(features: readonly string[]): SharedFeatures {
  const shared: SharedFeatures = { interestIds: [], roles: [], organizationKinds: [] };
  for (const feature of features) {
    const separator = feature.indexOf(':');
    const kind = feature.slice(0, separator);
    const value = feature.slice(separator + 1);
    if (kind === 'topic' || kind === 'product') shared.interestIds.push(value);
    else if (kind === 'role' && ROLES.has(value)) shared.roles.push(value as RoleType);
    else if (kind === 'kind' && KINDS.has(value)) {
      shared.organizationKinds.push(value as OrganizationKind);
    }
  }
  return shared;
}
