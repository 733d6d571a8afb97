import { badUserInput, notFound } from '../../core/errors/domain-error';
import type { OperationScope } from '../../core/neo4j/neo4j-gateway';
import { assertEntityId } from '../shared/entity-id';
import { normalizeHandle } from '../social-accounts/social-account.input';
import { type Platform } from '../social-accounts/social-account.type';
import { cumulativeLevels, overlapOf } from './reach-levels';
import type { ReachSubjectInput } from './reach.input';
import type { FollowerIndex } from './follower-index';
import type { FollowerIndexSource } from './follower-index-keeper';
import type { ReachCounts, ReachRepository, ReachSubject, SubjectSeeds } from './reach.repository';
import type { AudienceOverlap, NetworkReach, PlatformOverlap } from './reach.type';

/** "1, 2 and 3 hops": beyond three, follower reach covers most of a platform. */
export const MAX_REACH_HOPS = 3;
export const DEFAULT_OVERLAP_HOPS = 1;

function hopsWithin(hops: number | null | undefined, fallback: number, field: string): number {
  const value = hops ?? fallback;
  if (!Number.isInteger(value) || value < 1 || value > MAX_REACH_HOPS) {
    throw badUserInput(`${field} must be between 1 and ${MAX_REACH_HOPS}`, {
      field,
      max: MAX_REACH_HOPS,
    });
  }
  return value;
}

/** Exactly one way of naming the subject, with valid ids. */
export function reachSubject(input: ReachSubjectInput, field: string): ReachSubject {
  const given = [
    input.personId,
    input.organizationId,
    input.campaignId,
    input.accountIds,
    input.handle,
  ].filter((value) => value !== null && value !== undefined);
  if (given.length !== 1) {
    throw badUserInput(
      `${field} needs exactly one of personId, organizationId, campaignId, accountIds, handle`,
      { field },
    );
  }
  const id = (value: string | null | undefined, name: string) =>
    value === null || value === undefined ? null : assertEntityId(value, `${field}.${name}`);
  const accountIds =
    input.accountIds === null || input.accountIds === undefined
      ? null
      : [...new Set(input.accountIds.map((accountId) => id(accountId, 'accountIds') as string))];
  if (accountIds?.length === 0) {
    throw badUserInput(`${field}.accountIds must name at least one account`, {
      field: `${field}.accountIds`,
    });
  }
  return {
    personId: id(input.personId, 'personId'),
    organizationId: id(input.organizationId, 'organizationId'),
    campaignId: id(input.campaignId, 'campaignId'),
    accountIds,
    handle:
      input.handle === null || input.handle === undefined ? null : normalizeHandle(input.handle),
  };
}

function subjectNotFound(field: string) {
  return notFound(
    `The ${field} names nothing we know (no such person, organization, campaign or account)`,
    {
      field,
    },
  );
}

/** Both audiences' members per platform, in one kind of member name. */
interface Audience<Member> {
  found: boolean;
  perPlatform: { platform: Platform; people: readonly Member[] }[];
}

function overlapOfAudiences<Member>(
  hops: number,
  first: Audience<Member>,
  second: Audience<Member>,
): AudienceOverlap {
  const all = (audience: Audience<Member>) =>
    new Set(audience.perPlatform.flatMap((entry) => entry.people));
  const onPlatform = (audience: Audience<Member>, platform: Platform) =>
    new Set(audience.perPlatform.find((entry) => entry.platform === platform)?.people ?? []);
  const platforms = [
    ...new Set([...first.perPlatform, ...second.perPlatform].map((entry) => entry.platform)),
  ].sort();
  const byPlatform: PlatformOverlap[] = platforms.map((platform) => {
    const overlap = overlapOf(onPlatform(first, platform), onPlatform(second, platform));
    return { platform, ...overlap };
  });
  return { hops, ...overlapOf(all(first), all(second)), byPlatform };
}

/**
 * Network reach over the follower graph and the overlap of two audiences. Counts only, no
 * personal data: analysts may see them. With a follower index that is loaded and current, the
 * subject's accounts come from Neo4j (one round trip) and the breadth-first search runs in
 * memory; otherwise one Cypher statement does both. The answers are the same.
 */
export class ReachService {
  constructor(
    private readonly repository: ReachRepository,
    private readonly followerIndex?: FollowerIndexSource,
  ) {}

  async networkReach(
    scope: OperationScope,
    input: ReachSubjectInput,
    maxHopsRequested: number | null | undefined,
  ): Promise<NetworkReach> {
    const subject = reachSubject(input, 'subject');
    const maxHops = hopsWithin(maxHopsRequested, MAX_REACH_HOPS, 'maxHops');
    const counts = await this.counts(scope, subject, maxHops);
    if (!counts.found) throw subjectNotFound('subject');
    const platforms = [...new Set(counts.subjectPlatforms)].sort();
    return {
      maxHops,
      subjectAccounts: counts.subjectPlatforms.length,
      total: cumulativeLevels(counts.totals, maxHops),
      byPlatform: platforms.map((platform) => ({
        platform,
        subjectAccounts: counts.subjectPlatforms.filter((each) => each === platform).length,
        levels: cumulativeLevels(
          counts.perPlatform.filter((count) => count.platform === platform),
          maxHops,
        ),
      })),
    };
  }

  async audienceOverlap(
    scope: OperationScope,
    a: ReachSubjectInput,
    b: ReachSubjectInput,
    hopsRequested: number | null | undefined,
  ): Promise<AudienceOverlap> {
    const subjects = [reachSubject(a, 'a'), reachSubject(b, 'b')] as const;
    const hops = hopsWithin(hopsRequested, DEFAULT_OVERLAP_HOPS, 'hops');
    const index = await this.currentIndex(scope);
    if (index === null) {
      const [first, second] = await Promise.all([
        this.repository.people(scope, subjects[0], hops),
        this.repository.people(scope, subjects[1], hops),
      ]);
      return overlapOfAudiences(hops, checkedFound(first, 'a'), checkedFound(second, 'b'));
    }
    const [firstSeeds, secondSeeds] = await Promise.all([
      this.repository.seeds(scope, subjects[0]),
      this.repository.seeds(scope, subjects[1]),
    ]);
    const audience = (seeds: SubjectSeeds): Audience<number> => ({
      found: seeds.found,
      perPlatform: seeds.found
        ? index.peopleByPlatform(seedIds(seeds), hops, seeds.subjectPeople)
        : [],
    });
    return overlapOfAudiences(
      hops,
      checkedFound(audience(firstSeeds), 'a'),
      checkedFound(audience(secondSeeds), 'b'),
    );
  }

  private async counts(
    scope: OperationScope,
    subject: ReachSubject,
    maxHops: number,
  ): Promise<ReachCounts> {
    const index = await this.currentIndex(scope);
    if (index === null) return this.repository.counts(scope, subject, maxHops);
    // Read after the index answered for its freshness: the seeds are at least as new as it.
    const seeds = await this.repository.seeds(scope, subject);
    const levels = seeds.found
      ? index.levelCounts(seedIds(seeds), maxHops, seeds.subjectPeople)
      : { perPlatform: [], totals: [] };
    return {
      found: seeds.found,
      subjectPlatforms: seeds.seeds.map((seed) => seed.platform),
      ...levels,
    };
  }

  private async currentIndex(scope: OperationScope): Promise<FollowerIndex | null> {
    if (this.followerIndex === undefined) return null;
    return this.followerIndex.current(scope);
  }
}

function seedIds(seeds: SubjectSeeds): string[] {
  return seeds.seeds.map((seed) => seed.id);
}

function checkedFound<Member>(audience: Audience<Member>, field: string): Audience<Member> {
  if (!audience.found) throw subjectNotFound(field);
  return audience;
}
