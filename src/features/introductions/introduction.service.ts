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
import { collectSubgraph, type IntroductionSubgraph } from './introduction-subgraph';
import { type Introducer, type IntroductionPath, IntroductionStep } from './introduction.type';
import { bestPathsFromEach, type FoundPath, kBestPaths } from './path-search';

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

    const graph = await collectSubgraph(
      {
        sources: new Map([[sourceId, endpoints.sourceDegree]]),
        target: request.targetPersonId,
        targetDegree: endpoints.target.degree,
        maxHops,
      },
      (personIds, only) => this.repository.expand(scope, personIds, [sourceId], consent, only),
      this.clock(),
    );
    return kBestPaths(graph, sourceId, request.targetPersonId, maxHops, first).map((found) =>
      toPath(graph, found),
    );
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
    const { target, staff } = await this.repository.staffAndTarget(scope, {
      targetId: targetPersonId,
      consent,
    });
    this.assertTargetFound(target);
    this.assertTargetUsable(target);
    const starters = staff.filter((member) => member.personId !== targetPersonId);
    if (starters.length === 0) return [];

    const sources = new Map(starters.map((member) => [member.personId, member.degree]));
    const graph = await collectSubgraph(
      { sources, target: targetPersonId, targetDegree: target.degree, maxHops },
      (personIds, only) =>
        this.repository.expand(scope, personIds, [...sources.keys()], consent, only),
      this.clock(),
    );
    const best = bestPathsFromEach(graph, new Set(sources.keys()), targetPersonId, maxHops);
    const introducers: Introducer[] = [];
    for (const member of starters) {
      const found = best.get(member.personId);
      if (found === undefined) continue;
      introducers.push({
        trust: found.trust,
        path: toPath(graph, found),
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
