import {
  badUserInput,
  consentRequired,
  notFound,
  unauthenticated,
} from '../../core/errors/domain-error';
import type { OperationScope } from '../../core/neo4j/neo4j-gateway';
import type { Viewer } from '../access/viewer';
import type { ConsentPolicy } from '../consent/consent-policy';
import { ConsentPurpose } from '../consent/consent-purpose';
import { assertEntityId } from '../shared/entity-id';
import type { IntroductionRepository, TargetFacts } from './introduction.repository';
import { collectSubgraph, type ExpandPeople, IntroductionSubgraph } from './introduction-subgraph';
import { IndexedNeighbourhood, type LinkIndex } from './link-index';
import { type Introducer, type IntroductionPath, IntroductionStep } from './introduction.type';
import { bestPathsFromEach, type FoundPath, kBestPaths } from './path-search';
import { summarizeLink } from './introduction-link';
import type { ConsentParam } from '../consent/consent-policy';

export const DEFAULT_MAX_HOPS = 4;
/**
 * Six hops reach most of any social graph ("six degrees"); an introduction chain that long is
 * already impractical, and each further hop multiplies the neighbourhood to load.
 */
export const MAX_HOPS = 6;
export const DEFAULT_PATH_COUNT = 3;
export const MAX_PATH_COUNT = 20;

export interface IntroductionPathsRequest {
  targetPersonId: string;
  fromUserId?: string | null;
  fromPersonId?: string | null;
  maxHops?: number | null;
  first?: number | null;
}

function hopLimit(maxHops: number | null | undefined): number {
  const hops = maxHops ?? DEFAULT_MAX_HOPS;
  if (!Number.isInteger(hops) || hops < 1 || hops > MAX_HOPS) {
    throw badUserInput(`maxHops must be between 1 and ${MAX_HOPS}`, {
      field: 'maxHops',
      max: MAX_HOPS,
    });
  }
  return hops;
}

function pathCount(first: number | null | undefined): number {
  const count = first ?? DEFAULT_PATH_COUNT;
  if (!Number.isInteger(count) || count < 1 || count > MAX_PATH_COUNT) {
    throw badUserInput(`first must be between 1 and ${MAX_PATH_COUNT}`, {
      field: 'first',
      max: MAX_PATH_COUNT,
    });
  }
  return count;
}

function toPath(graph: IntroductionSubgraph, found: FoundPath): IntroductionPath {
  const steps: IntroductionStep[] = [];
  for (let index = 1; index < found.personIds.length; index++) {
    const fromPersonId = found.personIds[index - 1] as string;
    const toPersonId = found.personIds[index] as string;
    const link = graph.step(fromPersonId, toPersonId);
    if (link === null) throw new Error('A found path uses a link the search did not load');
    steps.push(Object.assign(new IntroductionStep(), { ...link, fromPersonId, toPersonId }));
  }
  return { trust: found.trust, length: steps.length, steps, personIds: found.personIds };
}

/** Where searches may read links from memory: the kept link index, or null (then the database). */
export interface LinkIndexSource {
  /** Never rejects: null when the index cannot be brought up to date. */
  current(scope: OperationScope): Promise<LinkIndex | null>;
}

/**
 * How often a search on the link index runs again after the database showed the index behind
 * on a found path (the index is corrected each time), before the search asks the database.
 */
const INDEX_ATTEMPTS = 3;

/** The index keeps the same doubles; only a different clock reading could tell them apart. */
const WEIGHT_TOLERANCE = 1e-9;

interface SearchPlan {
  request: SubgraphRequestOf;
  endpointIds: readonly string[];
  consent: ConsentParam;
  /** The paths, found on a neighbourhood that can weigh links (not necessarily explain them). */
  find(graph: IndexedNeighbourhood | IntroductionSubgraph): FoundPath[];
  /**
   * Whether the check also reads the records of the paths' people and latest interactions
   * (see IntroductionPath.prefetched): worth it for a few paths, not for one per member of staff.
   */
  withRecords: boolean;
}

type SubgraphRequestOf = Parameters<typeof collectSubgraph>[0];

const ZERO_LENGTH = (personId: string): IntroductionPath => ({
  trust: 1,
  length: 0,
  steps: [],
  personIds: [personId],
});

/**
 * Warm introductions: the most trusted paths from a member of our staff to a person, over ties,
 * follows and shared interactions, never through anyone whose consent does not allow
 * SALES_PROSPECTING (where the consent policy requires it). Staff at the start of a path are the
 * ones asking, and need no prospecting consent for that.
 */
export class IntroductionService {
  constructor(
    private readonly repository: IntroductionRepository,
    private readonly consentPolicy: ConsentPolicy,
    private readonly clock: () => number = Date.now,
    private readonly linkIndex: LinkIndexSource | null = null,
  ) {}

  async paths(
    scope: OperationScope,
    viewer: Viewer | null,
    request: IntroductionPathsRequest,
  ): Promise<IntroductionPath[]> {
    assertEntityId(request.targetPersonId, 'targetPersonId');
    const fromPersonId = request.fromPersonId ?? null;
    const fromUserId = request.fromUserId ?? null;
    if (fromPersonId !== null) assertEntityId(fromPersonId, 'fromPersonId');
    if (fromUserId !== null) assertEntityId(fromUserId, 'fromUserId');
    if (fromPersonId !== null && fromUserId !== null) {
      throw badUserInput('Give fromUserId or fromPersonId, not both', { field: 'fromPersonId' });
    }
    const maxHops = hopLimit(request.maxHops);
    const first = pathCount(request.first);
    const userId = fromPersonId === null ? (fromUserId ?? viewer?.userId ?? null) : null;
    if (fromPersonId === null && userId === null) {
      throw unauthenticated('Sign in, or say whose paths to find with fromUserId or fromPersonId');
    }

    const consent = this.consentPolicy.param(ConsentPurpose.SALES_PROSPECTING);
    const index = this.currentIndex(scope);
    const endpoints = await this.repository.endpoints(scope, {
      targetId: request.targetPersonId,
      userId,
      personId: fromPersonId,
      consent,
    });
    this.assertTargetFound(endpoints.target);
    if (fromPersonId !== null) {
      if (!endpoints.personFound) {
        throw notFound('No person with the id given as fromPersonId', { field: 'fromPersonId' });
      }
      if (!endpoints.personIsStaff) {
        throw badUserInput('fromPersonId must be the person of a member of our staff', {
          field: 'fromPersonId',
        });
      }
    } else if (!endpoints.userFound || endpoints.sourceId === null) {
      const field = fromUserId === null ? 'viewer' : 'fromUserId';
      throw notFound(
        endpoints.userFound
          ? 'The staff user is not linked to a person; link one or give fromPersonId'
          : 'No staff user with this id',
        { field },
      );
    }
    const sourceId = endpoints.sourceId as string;
    if (sourceId === request.targetPersonId) return [ZERO_LENGTH(sourceId)];
    this.assertTargetUsable(endpoints.target);

    return this.search(scope, await index, {
      request: {
        sources: new Map([[sourceId, endpoints.sourceDegree]]),
        target: request.targetPersonId,
        targetDegree: endpoints.target.degree,
        maxHops,
      },
      endpointIds: [sourceId],
      consent,
      find: (graph) => kBestPaths(graph, sourceId, request.targetPersonId, maxHops, first),
      withRecords: true,
    });
  }

  /** Every member of staff who can reach the person within the hop limit, most trusted first. */
  async introducers(
    scope: OperationScope,
    targetPersonId: string,
    maxHopsRequested: number | null | undefined,
  ): Promise<Introducer[]> {
    assertEntityId(targetPersonId, 'targetPersonId');
    const maxHops = hopLimit(maxHopsRequested);
    const consent = this.consentPolicy.param(ConsentPurpose.SALES_PROSPECTING);
    const index = this.currentIndex(scope);
    const { target, staff } = await this.repository.staffAndTarget(scope, {
      targetId: targetPersonId,
      consent,
    });
    this.assertTargetFound(target);
    this.assertTargetUsable(target);
    const starters = staff.filter((member) => member.personId !== targetPersonId);
    if (starters.length === 0) return [];

    const sources = new Map(starters.map((member) => [member.personId, member.degree]));
    const found = await this.search(scope, await index, {
      request: { sources, target: targetPersonId, targetDegree: target.degree, maxHops },
      endpointIds: [...sources.keys()],
      consent,
      find: (graph) => [
        ...bestPathsFromEach(graph, new Set(sources.keys()), targetPersonId, maxHops).values(),
      ],
      withRecords: false,
    });
    const best = new Map(found.map((path) => [path.personIds[0] as string, path]));
    const introducers: Introducer[] = [];
    for (const member of starters) {
      const path = best.get(member.personId);
      if (path === undefined) continue;
      introducers.push({
        trust: path.trust,
        path,
        userId: member.userId,
        personId: member.personId,
      });
    }
    return introducers.sort(
      (a, b) =>
        b.trust - a.trust ||
        a.path.length - b.path.length ||
        (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0),
    );
  }

  /**
   * The link index brought up to date (or null), asked for before the search's first query so
   * that reading the journal and that query overlap. It never rejects: see LinkIndexSource.
   */
  private currentIndex(scope: OperationScope): Promise<LinkIndex | null> {
    return this.linkIndex === null ? Promise.resolve(null) : this.linkIndex.current(scope);
  }

  /**
   * Runs a search on the link index when there is one, checking what it found against the
   * database; otherwise (or when the index keeps being behind) on links read from the database.
   */
  private async search(
    scope: OperationScope,
    index: LinkIndex | null,
    plan: SearchPlan,
  ): Promise<IntroductionPath[]> {
    if (index !== null) {
      for (let attempt = 0; attempt < INDEX_ATTEMPTS; attempt++) {
        const paths = await this.searchIndex(scope, plan, index);
        if (paths !== null) return paths;
      }
    }
    const expand: ExpandPeople = (personIds, only) =>
      this.repository.expand(scope, personIds, plan.endpointIds, plan.consent, only);
    const graph = await collectSubgraph(
      plan.request,
      expand,
      new IntroductionSubgraph(
        new Set(plan.request.sources.keys()),
        plan.request.target,
        this.clock(),
      ),
    );
    return plan.find(graph).map((found) => toPath(graph, found));
  }

  /**
   * The search on the index, and one database round-trip that reads every step of the found
   * paths as it is now. When a step no longer exists, weighs differently or passes through
   * someone whose consent changed, the index learns the truth and the answer is null (search
   * again). So a removed tie or a withdrawn consent never shows, even before the journal says so.
   */
  private async searchIndex(
    scope: OperationScope,
    plan: SearchPlan,
    index: LinkIndex,
  ): Promise<IntroductionPath[] | null> {
    const now = this.clock();
    const sources = new Set(plan.request.sources.keys());
    const ends = new Set(plan.endpointIds);
    const indexed = await collectSubgraph(
      plan.request,
      (personIds, only) => Promise.resolve(index.expand(personIds, only, ends)),
      new IndexedNeighbourhood(sources, plan.request.target, now),
    );
    const found = plan.find(indexed);
    const steps = new Map<string, [string, string]>();
    for (const path of found) {
      for (let at = 1; at < path.personIds.length; at++) {
        const pair = [path.personIds[at - 1], path.personIds[at]] as [string, string];
        steps.set(pair.join(' '), pair);
      }
    }
    const checked = new IntroductionSubgraph(sources, plan.request.target, now);
    const read =
      steps.size === 0
        ? null
        : await this.repository.linksBetween(
            scope,
            [...steps.values()],
            plan.consent,
            (id) => index.degree(id),
            plan.withRecords,
          );
    for (const link of read?.links ?? []) checked.add(link);
    let behind = false;
    for (const [from, to] of steps.values()) {
      const weight = checked.weightOf(from, to);
      const expected = indexed.weightOf(from, to);
      const usable = checked.isUsable(to) || sources.has(to);
      if (
        weight === null ||
        expected === null ||
        Math.abs(weight - expected) > WEIGHT_TOLERANCE ||
        !usable
      ) {
        behind = true;
        const link = checked.link(from, to);
        index.setLink(from, to, link === undefined ? null : summarizeLink(link));
        if (link !== undefined) index.setUsable(to, link.otherUsable);
      }
    }
    if (behind) return null;
    return found.map((each) => {
      const path = toPath(checked, each);
      if (read !== null && plan.withRecords) {
        path.prefetched = {
          people: path.personIds.flatMap((id) => read.people.get(id) ?? []),
          interactions: path.steps.flatMap((step) =>
            step.latestInteractionId === null
              ? []
              : (read.interactions.get(step.latestInteractionId) ?? []),
          ),
        };
      }
      return path;
    });
  }

  private assertTargetFound(target: TargetFacts): void {
    if (!target.found) {
      throw notFound('No person with the id given as targetPersonId', { field: 'targetPersonId' });
    }
  }

  private assertTargetUsable(target: TargetFacts): void {
    if (!target.usable) {
      throw consentRequired('The person has not consented to sales prospecting', {
        field: 'targetPersonId',
        purpose: ConsentPurpose.SALES_PROSPECTING,
      });
    }
  }
}
