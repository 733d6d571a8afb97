import type { OperationScope } from '../core/neo4j/neo4j-gateway';
import { createConsentsByPersonLoader } from '../features/consent/consent.loaders';
import { createCatalogLoader } from '../features/catalog/catalog.loaders';
import {
  createCommunityMembersLoaders,
  createCommunitySubjectsLoader,
} from '../features/communities/community.loaders';
import { createSameAsByPersonLoader } from '../features/identity/identity.loaders';
import { createInteractionLoader } from '../features/interactions/interaction.loaders';
import { createInterestsByPersonLoader } from '../features/interests/interest.loaders';
import { createOrganizationLoader } from '../features/organizations/organization.loaders';
import { createPersonLoader } from '../features/people/person.loaders';
import { createRolesByPersonLoader } from '../features/roles/role.loaders';
import {
  createSocialAccountLoader,
  createSocialAccountsByOwnerLoader,
} from '../features/social-accounts/social-account.loaders';
import { createStaffUserLoader } from '../features/staff/staff-user.loaders';
import { createTiesByPersonLoaders } from '../features/ties/tie.loaders';
import { createOrganizationViewLoaders } from '../features/view360/organization-view.loaders';
import { createPersonViewLoaders } from '../features/view360/person-view.loaders';
import type { Services } from './services';

/** Per-operation DataLoaders: relationship fields batch through these, never query per parent. */
export function createLoaders(services: Services, scope: OperationScope) {
  return {
    person: createPersonLoader(services.people, scope),
    consentsByPerson: createConsentsByPersonLoader(services.consent, scope),
    organization: createOrganizationLoader(services.organizations, scope),
    rolesByPerson: createRolesByPersonLoader(services.roles, scope),
    tiesByPerson: createTiesByPersonLoaders(services.ties, scope),
    socialAccount: createSocialAccountLoader(services.socialAccounts, scope),
    interestsByPerson: createInterestsByPersonLoader(services.interests, scope),
    staffUser: createStaffUserLoader(services.staffUsers, scope),
    interaction: createInteractionLoader(services.interactions, scope),
    sameAsByPerson: createSameAsByPersonLoader(services.identity, scope),
    catalogItem: createCatalogLoader(services.catalog, scope),
    socialAccountsByOwner: createSocialAccountsByOwnerLoader(services.socialAccounts, scope),
    communityMembers: createCommunityMembersLoaders(services.communities, scope),
    communitySubjects: createCommunitySubjectsLoader(services.communities, scope),
    personView: createPersonViewLoaders(services.personView, services.timeline, scope),
    organizationView: createOrganizationViewLoaders(
      services.organizationView,
      services.timeline,
      scope,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
