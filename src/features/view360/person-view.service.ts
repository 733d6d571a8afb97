import { isEmail } from 'class-validator';
import { badUserInput, DomainError, notFound } from '../../core/errors/domain-error';
import { ErrorCode } from '../../core/errors/error-code';
import type { OperationScope } from '../../core/neo4j/neo4j-gateway';
import { type Connection, toConnection } from '../../core/pagination/connection';
import { pageRequest } from '../../core/pagination/page-request';
import type { Person } from '../people/person.type';
import { type ExternalKeyInput, externalKeyString } from '../shared/external-key.input';
import { HANDLE, normalizeHandle } from '../social-accounts/social-account.input';
import type { Platform } from '../social-accounts/social-account.type';
import type { InteractionRecord } from '../interactions/interaction.type';
import type { TieRecord, TieType } from '../ties/tie.type';
import type { SubjectPage } from './paged-rows';
import type {
  PersonViewPrefetchRepository,
  PersonViewRows,
} from './person-view-prefetch.repository';
import type { PersonViewPlan } from './person-view-plan';
import { timelineConnection, type TimelineRequest } from './timeline.service';
import type {
  PersonInsightsRecord,
  PersonViewRepository,
  TiePosition,
} from './person-view.repository';
import { type PersonTieConnectionRecord, TieDirection } from './person-view.type';
import {
  byScore,
  staffCloseness,
  type StaffClosenessRecord,
  type StaffEvidence,
} from './staff-closeness';

/** Insights as of one moment, so that every score of one operation uses the same clock. */
export interface PersonInsights extends PersonInsightsRecord {
  asOf: Date;
}

/** A checked request for a page of ties. */
export interface TieRequest {
  types: TieType[];
  first: number;
  after: TiePosition | null;
}

/** The person view: lookups by other keys, ties paged, insights, and our staff closest to them. */
export class PersonViewService {
  constructor(
    private readonly repository: PersonViewRepository,
    private readonly prefetchRepository: PersonViewPrefetchRepository,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  now(): Date {
    return this.clock();
  }

  /**
   * By e-mail, any case. Several records with one address (before identity resolution merged
   * them) are a CONFLICT naming their ids: a lookup must not pick one silently.
   */
  async byEmail(scope: OperationScope, email: string): Promise<Person> {
    const address = email.trim();
    if (!isEmail(address))
      throw badUserInput('email must be an e-mail address', { field: 'email' });
    const found = await this.repository.findByEmail(scope, [
      ...new Set([address, address.toLowerCase()]),
    ]);
    const [only, ...others] = found;
    if (only === undefined)
      throw notFound('No person with this e-mail address', { field: 'email' });
    if (others.length > 0) {
      throw new DomainError(
        ErrorCode.Conflict,
        'Several person records have this e-mail address; choose one by id or merge them',
        { field: 'email', personIds: found.map((person) => person.id) },
      );
    }
    return only;
  }

  /** By platform and handle (with or without @, any case): the account's known owner. */
  async bySocialAccount(
    scope: OperationScope,
    platform: Platform,
    handle: string,
  ): Promise<Person> {
    if (!HANDLE.test(handle))
      throw badUserInput('handle is not a valid handle', { field: 'handle' });
    const { accountFound, person } = await this.repository.findBySocialAccount(
      scope,
      platform,
      normalizeHandle(handle),
    );
    if (!accountFound)
      throw notFound(`No ${platform} account with this handle`, { field: 'handle' });
    if (person === null) {
      throw notFound('We do not know who owns this account', { field: 'handle' });
    }
    return person;
  }

  async byExternalKey(scope: OperationScope, key: ExternalKeyInput): Promise<Person> {
    const person = await this.repository.findByExternalKey(scope, externalKeyString(key));
    if (person === null) throw notFound('No person with this external key', { field: 'key' });
    return person;
  }

  tieRequest(
    types: readonly TieType[] | null | undefined,
    first: number | null | undefined,
    after: string | null | undefined,
  ): TieRequest {
    const page = pageRequest(first, after);
    let position: TiePosition | null = null;
    if (page.after !== null) {
      if (typeof page.after.sortValue !== 'number') {
        throw badUserInput('The cursor is not a tie cursor', { field: 'after' });
      }
      position = { strength: page.after.sortValue, id: page.after.id };
    }
    return { types: [...new Set(types ?? [])].sort(), first: page.first, after: position };
  }

  async tiePages(
    scope: OperationScope,
    personIds: readonly string[],
    request: TieRequest,
  ): Promise<Map<string, PersonTieConnectionRecord>> {
    const pages = await this.repository.tiePages(
      scope,
      personIds,
      request.types,
      request.after,
      request.first + 1,
    );
    const connections = new Map<string, PersonTieConnectionRecord>();
    for (const personId of personIds) {
      const page = pages.get(personId) ?? { rows: [], total: 0 };
      connections.set(personId, tieConnection(personId, page, request));
    }
    return connections;
  }

  async insights(
    scope: OperationScope,
    personIds: readonly string[],
  ): Promise<Map<string, PersonInsights>> {
    const asOf = this.clock();
    const found = await this.repository.insights(scope, personIds, asOf);
    return new Map([...found].map(([id, record]) => [id, { ...record, asOf }]));
  }

  /** Every member of staff with any evidence, closest first. */
  async closestStaff(
    scope: OperationScope,
    personIds: readonly string[],
  ): Promise<Map<string, StaffClosenessRecord[]>> {
    const now = this.clock();
    const evidence = await this.repository.staffEvidence(scope, personIds);
    return new Map([...evidence].map(([personId, staff]) => [personId, rankStaff(staff, now)]));
  }

  /**
   * The parts of the view a plan asks for, for several people, in one query: what the separate
   * loaders would return, plus the records their nested fields load (see prefetch-person-view.ts).
   */
  async prefetch(
    scope: OperationScope,
    personIds: readonly string[],
    plan: PersonViewPlan,
  ): Promise<Map<string, PersonViewPrefetch>> {
    const asOf = this.clock();
    const found = await this.prefetchRepository.prefetch(scope, personIds, plan, asOf);
    const result = new Map<string, PersonViewPrefetch>();
    for (const [personId, rows] of found) {
      result.set(personId, {
        rows,
        tiePages: plan.ties.map((request, index) => ({
          request,
          connection: tieConnection(personId, rows.tiePages[index] ?? EMPTY_PAGE, request),
        })),
        timelines: plan.timelines.map((request, index) => ({
          request,
          connection: timelineConnection(rows.timelines[index] ?? EMPTY_PAGE, request),
        })),
        insights: rows.insights === null ? null : { ...rows.insights, asOf },
        closestStaff: rows.staffEvidence === null ? null : rankStaff(rows.staffEvidence, asOf),
      });
    }
    return result;
  }
}

/** The view's data for one person from one prefetch query; see {@link PersonViewService.prefetch}. */
export interface PersonViewPrefetch {
  rows: PersonViewRows;
  tiePages: { request: TieRequest; connection: PersonTieConnectionRecord }[];
  timelines: { request: TimelineRequest; connection: Connection<InteractionRecord> }[];
  insights: PersonInsights | null;
  closestStaff: StaffClosenessRecord[] | null;
}

const EMPTY_PAGE = { rows: [], total: 0 };

function rankStaff(evidence: readonly StaffEvidence[], now: Date): StaffClosenessRecord[] {
  return evidence.map((entry) => staffCloseness(entry, now)).sort(byScore);
}

/** A page of ties fetched with `first + 1` rows, seen from the person whose ties they are. */
export function tieConnection(
  personId: string,
  page: SubjectPage<TieRecord>,
  request: TieRequest,
): PersonTieConnectionRecord {
  const connection = toConnection(page.rows, request.first, page.total, (tie) => tie.strength);
  return {
    ...connection,
    edges: connection.edges.map((edge) => {
      const outgoing = edge.node.fromPersonId === personId;
      return {
        ...edge,
        otherPersonId: outgoing ? edge.node.toPersonId : edge.node.fromPersonId,
        direction: outgoing ? TieDirection.OUTGOING : TieDirection.INCOMING,
      };
    }),
  };
}
