import 'reflect-metadata';
import { type GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchema, type PubSub } from 'type-graphql';
import {
  CampaignResolver,
  ProductResolver,
  TopicResolver,
} from '../features/catalog/catalog.resolver';
import { authorizeByStaffRole } from '../features/access/auth-checker';
import { guardPersonalData } from '../features/access/guard-personal-data';
import { AssignmentResolver } from '../features/assignments/assignment.resolver';
import { DataProtectionResolver } from '../features/data-protection/data-protection.resolver';
import { AuditResolver } from '../features/audit/audit.resolver';
import { ConsentResolver } from '../features/consent/consent.resolver';
import { IdentityResolver } from '../features/identity/identity.resolver';
import { ImportResolver } from '../features/import/import.resolver';
import { InteractionResolver } from '../features/interactions/interaction.resolver';
import { INTRODUCTION_RESOLVERS } from '../features/introductions/introduction.resolver';
import { InterestResolver } from '../features/interests/interest.resolver';
import { OrganizationResolver } from '../features/organizations/organization.resolver';
import { PersonResolver } from '../features/people/person.resolver';
import { ReachResolver } from '../features/reach/reach.resolver';
import { PROSPECTING_RESOLVERS } from '../features/prospecting/prospecting.resolver';
import { RoleResolver } from '../features/roles/role.resolver';
import { ServerInfoResolver } from '../features/server-info/server-info.resolver';
import { SocialAccountResolver } from '../features/social-accounts/social-account.resolver';
import { StaffUserResolver } from '../features/staff/staff-user.resolver';
import { TieResolver } from '../features/ties/tie.resolver';
import { VIEW360_RESOLVERS } from '../features/view360/view360.resolvers';
import { prefetchPersonViews } from '../features/view360/prefetch-person-view';
import { COMMUNITY_RESOLVERS } from '../features/communities/community.resolver';
import { INFLUENCE_RESOLVERS } from '../features/influence/influence.resolver';
import { LocalPubSub } from '../features/realtime/local-pub-sub';
import { REALTIME_RESOLVERS } from '../features/realtime/realtime.resolvers';
import { ALERT_RESOLVERS } from '../features/alerts/alert.resolver';
import { ListeningResolver } from '../features/listening/listening.resolver';
import { WatchListResolver } from '../features/watch-lists/watch-list.resolver';
import { PERSONAL_DATA_RULES } from './personal-data-rules';

export const RESOLVERS = [
  ServerInfoResolver,
  OrganizationResolver,
  PersonResolver,
  RoleResolver,
  TieResolver,
  SocialAccountResolver,
  TopicResolver,
  ProductResolver,
  CampaignResolver,
  InterestResolver,
  StaffUserResolver,
  InteractionResolver,
  IdentityResolver,
  ImportResolver,
  AssignmentResolver,
  ConsentResolver,
  AuditResolver,
  DataProtectionResolver,
  ...VIEW360_RESOLVERS,
  ...INTRODUCTION_RESOLVERS,
  ReachResolver,
  ...PROSPECTING_RESOLVERS,
  ...INFLUENCE_RESOLVERS,
  ...COMMUNITY_RESOLVERS,
  ...REALTIME_RESOLVERS,
  ListeningResolver,
  WatchListResolver,
  ...ALERT_RESOLVERS,
] as const;

/**
 * `pubSub`: the app's event bus (services.realtime.pubSub). Subscriptions listen through the bus of
 * the context's services, so a schema built without one (schema emit, tests) has the same shape.
 */
export async function buildGraphQLSchema(
  pubSub: PubSub = new LocalPubSub(),
): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: RESOLVERS,
    pubSub,
    validate: { forbidUnknownValues: true },
    authChecker: authorizeByStaffRole,
  });
  return prefetchPersonViews(guardPersonalData(schema, PERSONAL_DATA_RULES));
}

/** The committed artifact schema/schema.graphql: sorted so that diffs show real changes only. */
export function printSortedSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
