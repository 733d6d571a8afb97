import { AssignmentRepository } from '../features/assignments/assignment.repository';
import { ConsentRepository } from '../features/consent/consent.repository';
import { ConsentService } from '../features/consent/consent.service';
import { AuditRepository } from '../features/audit/audit.repository';
import { AuditWriteBatcher } from '../features/audit/audit-write-batcher';
import { ErasureRepository } from '../features/data-protection/erasure.repository';
import { ErasureService } from '../features/data-protection/erasure.service';
import { PersonalDataExportRepository } from '../features/data-protection/personal-data-export.repository';
import { PersonalDataExportService } from '../features/data-protection/personal-data-export.service';
import { NeedToKnowRepository } from '../features/access/need-to-know.repository';
import type { Neo4jGateway } from '../core/neo4j/neo4j-gateway';
import type { Logger } from '../core/logging/logger';
import { InteractionEvents } from '../features/realtime/interaction-events';
import { InteractionEventsRepository } from '../features/realtime/interaction-events.repository';
import { RealtimeBus } from '../features/realtime/realtime-bus';
import { AlertRepository } from '../features/alerts/alert.repository';
import { AlertService } from '../features/alerts/alert.service';
import { IngestRepository } from '../features/listening/ingest.repository';
import { IngestService } from '../features/listening/ingest.service';
import { WatchListRepository } from '../features/watch-lists/watch-list.repository';
import { WatchListService } from '../features/watch-lists/watch-list.service';
import { CatalogRepository } from '../features/catalog/catalog.repository';
import { type ConsentPolicy } from '../features/consent/consent-policy';
import { ConsentPurpose } from '../features/consent/consent-purpose';
import { CatalogService } from '../features/catalog/catalog.service';
import { IdentityRepository } from '../features/identity/identity.repository';
import { IdentityService } from '../features/identity/identity.service';
import { ImportRepository } from '../features/import/import.repository';
import { ImportService } from '../features/import/import.service';
import { InteractionRepository } from '../features/interactions/interaction.repository';
import { InteractionService } from '../features/interactions/interaction.service';
import { IntroductionRepository } from '../features/introductions/introduction.repository';
import { IntroductionService } from '../features/introductions/introduction.service';
import { LinkIndexKeeper } from '../features/introductions/link-index-keeper';
import { LinkJournalFeed } from '../core/neo4j/link-journal-follower';
import { InterestRepository } from '../features/interests/interest.repository';
import { InterestService } from '../features/interests/interest.service';
import { OrganizationRepository } from '../features/organizations/organization.repository';
import { OrganizationService } from '../features/organizations/organization.service';
import { PersonRepository } from '../features/people/person.repository';
import { PersonService } from '../features/people/person.service';
import { ReachRepository } from '../features/reach/reach.repository';
import { ReachService } from '../features/reach/reach.service';
import {
  FollowerIndexKeeper,
  type FollowerIndexSource,
  JournaledFollowerIndex,
} from '../features/reach/follower-index-keeper';
import { FollowerIndexRepository } from '../features/reach/follower-index.repository';
import { LookalikeRepository } from '../features/prospecting/lookalike.repository';
import { LookalikeService } from '../features/prospecting/lookalike.service';
import { ReferenceCustomerRepository } from '../features/prospecting/reference-customer.repository';
import { ReferenceCustomerService } from '../features/prospecting/reference-customer.service';
import { ReferralRepository } from '../features/prospecting/referral.repository';
import { ReferralService } from '../features/prospecting/referral.service';
import { RoleRepository } from '../features/roles/role.repository';
import { RoleService } from '../features/roles/role.service';
import { ServerInfoRepository } from '../features/server-info/server-info.repository';
import { ServerInfoService } from '../features/server-info/server-info.service';
import { SocialAccountRepository } from '../features/social-accounts/social-account.repository';
import { SocialAccountService } from '../features/social-accounts/social-account.service';
import { StaffUserRepository } from '../features/staff/staff-user.repository';
import { StaffUserService } from '../features/staff/staff-user.service';
import { TieRepository } from '../features/ties/tie.repository';
import { TieService } from '../features/ties/tie.service';
import { CommunityRepository } from '../features/communities/community.repository';
import { CommunityService } from '../features/communities/community.service';
import { type InfluenceEngineKind } from '../features/influence/influence-engine';
import { createInfluenceRecompute } from '../features/influence/influence-recompute.service';
import { INFLUENCE_SETTINGS } from '../features/influence/influence-settings';
import { FORGET_STORED_INFLUENCE } from '../features/influence/influence-store.repository';
import { InfluenceRepository } from '../features/influence/influence.repository';
import { InfluenceService } from '../features/influence/influence.service';
import { OrganizationViewRepository } from '../features/view360/organization-view.repository';
import { OrganizationViewService } from '../features/view360/organization-view.service';
import { PersonViewRepository } from '../features/view360/person-view.repository';
import { PersonViewPrefetchRepository } from '../features/view360/person-view-prefetch.repository';
import { PersonViewService } from '../features/view360/person-view.service';
import { TimelineRepository } from '../features/view360/timeline.repository';
import { TimelineService } from '../features/view360/timeline.service';

export interface ServiceSettings {
  serviceVersion: string;
  ownOrganizationName: string;
  consentPolicy: ConsentPolicy;
  /** INFLUENCE_ENGINE: null lets each recompute use GDS where the database has it. */
  influenceEngine?: InfluenceEngineKind | null;
  /**
   * Whether introductions and reach may answer from in-memory indexes of the graph (LINK_INDEX):
   * on a database that keeps the link journal when 'auto'; never when 'off' or omitted.
   */
  linkIndex?: 'auto' | 'off';
  /** The event bus of subscriptions; in-process when omitted. The caller closes it. */
  realtime?: RealtimeBus;
  logger: Logger;
  /**
   * Network reach from this follower index instead of the one LINK_INDEX=auto keeps (tests and
   * benchmarks that switch it); without either, reach runs in Cypher.
   */
  followerIndex?: FollowerIndexSource | undefined;
}

/** The composition root for feature services; resolvers reach them through the context. */
export function createServices(gateway: Neo4jGateway, settings: ServiceSettings) {
  const organizations = new OrganizationService(
    new OrganizationRepository(gateway),
    settings.ownOrganizationName,
  );
  const people = new PersonService(new PersonRepository(gateway));
  const consent = new ConsentService(
    new ConsentRepository(gateway, { [ConsentPurpose.PROFILING]: FORGET_STORED_INFLUENCE }),
    settings.consentPolicy,
  );
  const realtime = settings.realtime ?? new RealtimeBus();
  const audit = new AuditRepository(gateway);
  const watchLists = new WatchListService(new WatchListRepository(gateway));
  const introductionLinks = new IntroductionRepository(gateway);
  const linkIndex =
    settings.linkIndex === 'auto'
      ? new LinkIndexKeeper(
          introductionLinks,
          settings.consentPolicy,
          new LinkJournalFeed(gateway),
          settings.logger,
        )
      : null;
  const followerIndex =
    settings.linkIndex === 'auto' && settings.followerIndex === undefined
      ? new JournaledFollowerIndex(
          new FollowerIndexKeeper(new FollowerIndexRepository(gateway)),
          new LinkJournalFeed(gateway),
          settings.logger,
        )
      : null;
  const interactionEvents = new InteractionEvents(
    new InteractionEventsRepository(gateway),
    realtime,
    settings.logger,
  );
  return {
    realtime,
    interactionEvents,
    consentPolicy: settings.consentPolicy,
    needToKnow: new NeedToKnowRepository(gateway),
    audit,
    /**
     * Audit writes of requests and subscription deliveries, group-committed: one transaction per
     * event (not per subscriber) and per batch of concurrent requests.
     */
    auditWrites: new AuditWriteBatcher(audit),
    personalDataExport: new PersonalDataExportService(new PersonalDataExportRepository(gateway)),
    erasure: new ErasureService(new ErasureRepository(gateway)),
    consent,
    assignments: new AssignmentRepository(gateway),
    serverInfo: new ServerInfoService(new ServerInfoRepository(gateway), settings.serviceVersion),
    organizations,
    people,
    roles: new RoleService(new RoleRepository(gateway), organizations),
    ties: new TieService(new TieRepository(gateway)),
    socialAccounts: new SocialAccountService(
      new SocialAccountRepository(gateway),
      settings.consentPolicy,
    ),
    /** The in-memory follower graph behind reach; the app starts and stops it. */
    followerIndex,
    reach: new ReachService(
      new ReachRepository(gateway),
      settings.followerIndex ?? followerIndex ?? undefined,
    ),
    catalog: new CatalogService(new CatalogRepository(gateway)),
    interests: new InterestService(new InterestRepository(gateway)),
    staffUsers: new StaffUserService(new StaffUserRepository(gateway)),
    interactions: new InteractionService(
      new InteractionRepository(gateway),
      consent,
      interactionEvents,
    ),
    /** The in-memory link index behind introductions; the app starts and stops it. */
    linkIndex,
    introductions: new IntroductionService(
      introductionLinks,
      settings.consentPolicy,
      Date.now,
      linkIndex,
    ),
    referrals: new ReferralService(new ReferralRepository(gateway), settings.consentPolicy),
    lookalikes: new LookalikeService(new LookalikeRepository(gateway), settings.consentPolicy),
    referenceCustomers: new ReferenceCustomerService(
      new ReferenceCustomerRepository(gateway),
      introductionLinks,
      settings.consentPolicy,
    ),
    imports: new ImportService(new ImportRepository(gateway), settings.ownOrganizationName),
    identity: new IdentityService(new IdentityRepository(gateway), people),
    personView: new PersonViewService(
      new PersonViewRepository(gateway),
      new PersonViewPrefetchRepository(gateway),
    ),
    organizationView: new OrganizationViewService(new OrganizationViewRepository(gateway)),
    timeline: new TimelineService(new TimelineRepository(gateway)),
    influence: new InfluenceService(
      new InfluenceRepository(gateway),
      createInfluenceRecompute(gateway, {
        consentPolicy: settings.consentPolicy,
        engine: settings.influenceEngine ?? null,
      }),
      settings.consentPolicy,
      INFLUENCE_SETTINGS,
    ),
    communities: new CommunityService(new CommunityRepository(gateway), settings.consentPolicy),
    watchLists,
    ingest: new IngestService(
      new IngestRepository(gateway),
      watchLists,
      settings.consentPolicy,
      realtime,
      interactionEvents,
    ),
    alerts: new AlertService(new AlertRepository(gateway), realtime),
  };
}

export type Services = ReturnType<typeof createServices>;
