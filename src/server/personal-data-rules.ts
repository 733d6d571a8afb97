import type { AlertRecord } from '../features/alerts/alert.type';
import type { PersonalDataRules } from '../features/access/guard-personal-data';
import type { InteractionRecord } from '../features/interactions/interaction.type';
import type { Person } from '../features/people/person.type';
import { PUBLIC_ROLES, type Role } from '../features/roles/role.type';
import type { SocialAccountRecord } from '../features/social-accounts/social-account.type';
import type { GraphQLContext } from './context';

/** Whose personal data an interaction holds: its performer's (the owner, for an account). */
async function interactionOwner(
  interaction: InteractionRecord,
  context: GraphQLContext,
): Promise<string | null> {
  const performer = interaction.performer;
  if (performer === null) return null;
  if (performer.label === 'Person') return performer.id;
  if (performer.label === 'SocialAccount') {
    return (await context.loaders.socialAccount.load(performer.id))?.ownerId ?? null;
  }
  return null;
}

/**
 * For every GraphQL type with `@PersonalData` fields: which person the data belongs to. A type
 * missing here stops start-up, so a new type cannot expose personal data unguarded.
 */
export const PERSONAL_DATA_RULES: PersonalDataRules = {
  owners: {
    Person: (person: Person) => person.id,
    SocialAccount: (account: SocialAccountRecord) => account.ownerId,
    Interaction: interactionOwner,
    Alert: (alert: AlertRecord) => alert.authorPersonId,
  },
  masks: {
    'Person.roles': (roles) => (roles as Role[]).filter((role) => PUBLIC_ROLES.has(role.role)),
  },
};
