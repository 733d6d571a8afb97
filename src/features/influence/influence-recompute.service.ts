import { randomUUID } from 'node:crypto';
import type { Logger } from '../../core/logging/logger';
import type { Neo4jGateway, OperationScope } from '../../core/neo4j/neo4j-gateway';
import type { ConsentPolicy } from '../consent/consent-policy';
import { ConsentPurpose } from '../consent/consent-purpose';
import { GdsInfluenceEngine } from './gds-influence-engine';
import { InProcessInfluenceEngine } from './in-process-influence-engine';
import { type InfluenceEngine, InfluenceEngineKind } from './influence-engine';
import type {
  EngineMeasures,
  InfluenceActor,
  InfluenceProjection,
  InfluenceSubject,
  ScopedMeasures,
} from './influence-graph';
import { InfluenceGraphRepository } from './influence-graph.repository';
import { INFLUENCE_SETTINGS, pageRankFloor, type InfluenceSettings } from './influence-settings';
import { type InfluenceMeasures, scorePopulation } from './influence-scoring';
import {
  InfluenceStoreRepository,
  LEASE_SECONDS,
  type RecomputeRecord,
  type StoredCommunity,
  type StoredPersonInfluence,
  type StoredSubjectInfluence,
} from './influence-store.repository';
import { gdsNotAvailable, recomputeAlreadyRunning } from './influence.errors';

export interface RecomputeOptions {
  /** Null: GDS where the database has it, else in-process. */
  engine?: InfluenceEngineKind | null;
  /** When recency is measured from; now by default. */
  asOf?: Date;
}

/** What a recompute did, with the time each phase took. */
export interface RecomputeSummary extends RecomputeRecord {
  removedScores: number;
  phasesMs: { load: number; measure: number; score: number; write: number };
}

/** The projection and what one engine made of it, before anything is scored or written. */
export interface MeasuredNetwork {
  engine: InfluenceEngineKind;
  projection: InfluenceProjection;
  measures: EngineMeasures;
}

function measuresOf(actor: InfluenceActor, scoped: ScopedMeasures, measures: EngineMeasures) {
  const index = actor.index;
  return {
    pageRank: scoped.pageRank[index] ?? 0,
    reportedFollowers: actor.reportedFollowers,
    knownFollowers: measures.knownFollowers[index] ?? 0,
    followEdges: measures.followEdges[index] ?? 0,
    accounts: actor.accounts,
    amplification: scoped.amplification[index] ?? 0,
    amplifiedCount: scoped.amplifiedCount[index] ?? 0,
  } satisfies InfluenceMeasures;
}

/** Runs the tasks, at most `lanes` at a time, in their order. */
async function inLanes(lanes: number, tasks: readonly (() => Promise<void>)[]): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < tasks.length) {
      const task = tasks[next];
      next += 1;
      await task?.();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, lanes) }, lane));
}

function elapsed(since: number): number {
  return Math.round(performance.now() - since);
}

/**
 * Recomputes influence for everyone who may be profiled and writes it to the graph with a
 * timestamp: overall scores on Person, scores per topic and product on INFLUENTIAL_ON, communities
 * as Community nodes. Queries only read what the last run stored. One run at a time: in this
 * process a second call is refused, across instances a lease in the graph does the same.
 */
export class InfluenceRecomputeService {
  private running = false;

  constructor(
    private readonly graph: InfluenceGraphRepository,
    private readonly store: InfluenceStoreRepository,
    private readonly consentPolicy: ConsentPolicy,
    private readonly settings: InfluenceSettings,
    private readonly preferredEngine: InfluenceEngineKind | null,
    private readonly logger?: Logger,
  ) {}

  async recompute(
    requestScope: OperationScope,
    options: RecomputeOptions = {},
  ): Promise<RecomputeSummary> {
    const scope = this.jobScope(requestScope);
    if (this.running) throw recomputeAlreadyRunning();
    this.running = true;
    const token = randomUUID();
    try {
      if (!(await this.store.acquireLease(scope, token))) throw recomputeAlreadyRunning();
      const renewal = setInterval(
        () => {
          this.store.renewLease(scope, token).catch((error: unknown) => {
            this.logger?.warn({ err: error }, 'could not renew the influence recompute lease');
          });
        },
        (LEASE_SECONDS * 1000) / 4,
      );
      try {
        const summary = await this.run(scope, options);
        await this.store.recordRun(scope, token, summary);
        this.logger?.info({ influenceRecompute: summary }, 'influence recomputed');
        return summary;
      } finally {
        clearInterval(renewal);
        await this.store.releaseLease(scope, token);
      }
    } finally {
      this.running = false;
    }
  }

  /** Projects the network and runs one engine on it; for the recompute and to compare engines. */
  async measure(
    requestScope: OperationScope,
    options: RecomputeOptions = {},
  ): Promise<MeasuredNetwork> {
    const scope = this.jobScope(requestScope);
    const engine = await this.chooseEngine(scope, options.engine ?? this.preferredEngine);
    const projection = await this.project(scope, options.asOf ?? new Date());
    return { engine: engine.kind, projection, measures: await engine.measure(scope, projection) };
  }

  async chooseEngine(
    scope: OperationScope,
    requested: InfluenceEngineKind | null,
  ): Promise<InfluenceEngine> {
    if (requested === InfluenceEngineKind.IN_PROCESS) {
      return new InProcessInfluenceEngine(this.graph, this.settings);
    }
    const available = await this.graph.gdsAvailable(scope);
    if (available) return new GdsInfluenceEngine(this.graph, this.settings);
    if (requested === InfluenceEngineKind.GDS) throw gdsNotAvailable();
    return new InProcessInfluenceEngine(this.graph, this.settings);
  }

  /** Request scope with the recompute's longer transaction limit. */
  private jobScope(scope: OperationScope): OperationScope {
    return {
      ...scope,
      transactionTimeoutMs: Math.max(
        scope.transactionTimeoutMs ?? 0,
        this.settings.transactionTimeoutMs,
      ),
    };
  }

  private async project(scope: OperationScope, asOf: Date): Promise<InfluenceProjection> {
    const subjects = await this.graph.subjects(scope);
    const consent = this.consentPolicy.param(ConsentPurpose.PROFILING);
    const actors = await this.graph.actors(scope, consent, subjects);
    return { actors, subjects, asOfSeconds: Math.floor(asOf.getTime() / 1000) };
  }

  private async run(scope: OperationScope, options: RecomputeOptions): Promise<RecomputeSummary> {
    const started = performance.now();
    const computedAt = new Date().toISOString();
    const asOf = options.asOf ?? new Date(computedAt);

    const engine = await this.chooseEngine(scope, options.engine ?? this.preferredEngine);
    const projection = await this.project(scope, asOf);
    const load = elapsed(started);

    const measuring = performance.now();
    const measures = await engine.measure(scope, projection);
    const measure = elapsed(measuring);

    const scoring = performance.now();
    const people = projection.actors.filter((actor) => actor.kind === 'Person');
    const communities = this.communities(people, projection.subjects, measures);
    const overall = this.overallScores(people, measures, communities.byActor);
    const bySubject = projection.subjects.map((subject) =>
      this.subjectScores(people, subject, measures),
    );
    const score = elapsed(scoring);

    const writing = performance.now();
    // Rows go in the same order (by person id) on every lane, so the lanes never deadlock.
    let removedScores = 0;
    const writes = [
      async () => {
        removedScores = await this.store.writePeople(scope, computedAt, overall);
      },
      ...projection.subjects.map(
        (subject) => () =>
          this.store.writeSubjectScores(scope, computedAt, subject, bySubject[subject.index] ?? []),
      ),
    ];
    await inLanes(this.settings.writeLanes, writes);
    await this.store.removeStaleSubjectScores(scope, computedAt);
    await this.store.writeCommunities(scope, computedAt, communities.stored);
    const write = elapsed(writing);

    return {
      computedAt,
      engine: engine.kind,
      peopleScored: overall.length,
      subjectScores: bySubject.reduce((sum, scores) => sum + scores.length, 0),
      communities: communities.stored.length,
      modularity: measures.modularity,
      nodeCount: measures.nodeCount,
      relationshipCount: measures.relationshipCount,
      durationMs: elapsed(started),
      removedScores,
      phasesMs: { load, measure, score, write },
    };
  }

  private overallScores(
    people: readonly InfluenceActor[],
    measures: EngineMeasures,
    communityOf: ReadonlyMap<number, string>,
  ): StoredPersonInfluence[] {
    const scored = scorePopulation(
      people,
      (actor) => measuresOf(actor, measures.overall, measures),
      this.settings,
    );
    return scored.map(({ item: actor, score, components }) => ({
      personId: actor.id,
      score,
      components,
      communityId: communityOf.get(actor.index) ?? null,
    }));
  }

  /**
   * Scores about one subject for the people engaged with it: who spoke about it in public, or
   * whom others mentioned, answered or shared about it. Everyone else has no score about it.
   */
  private subjectScores(
    people: readonly InfluenceActor[],
    subject: InfluenceSubject,
    measures: EngineMeasures,
  ): StoredSubjectInfluence[] {
    const scoped = measures.bySubject[subject.index];
    if (scoped === undefined) return [];
    const floor = pageRankFloor(this.settings);
    const engaged = people.filter(
      (actor) =>
        (actor.activity.get(subject.index) ?? 0) > 0 ||
        (scoped.pageRank[actor.index] ?? floor) > floor + 1e-12 ||
        (scoped.amplification[actor.index] ?? 0) > 0,
    );
    const scored = scorePopulation(
      engaged,
      (actor) => measuresOf(actor, scoped, measures),
      this.settings,
    );
    return scored.map(({ item: actor, score, components }) => ({
      personId: actor.id,
      score,
      components,
    }));
  }

  /**
   * Communities of at least the minimum size in people, largest first (`community-1`), with the
   * subjects their members speak about most.
   */
  private communities(
    people: readonly InfluenceActor[],
    subjects: readonly InfluenceSubject[],
    measures: EngineMeasures,
  ): { stored: StoredCommunity[]; byActor: Map<number, string> } {
    const members = new Map<number, InfluenceActor[]>();
    for (const actor of people) {
      const community = measures.community[actor.index] ?? -1;
      if (community < 0) continue;
      const group = members.get(community);
      if (group === undefined) members.set(community, [actor]);
      else group.push(actor);
    }
    const groups = [...members.values()]
      .filter((group) => group.length >= this.settings.minCommunitySize)
      .sort((a, b) => b.length - a.length || (a[0]?.id ?? '').localeCompare(b[0]?.id ?? ''));
    const byActor = new Map<number, string>();
    const stored = groups.map((group, position): StoredCommunity => {
      const id = `community-${position + 1}`;
      const activity = new Map<number, number>();
      for (const actor of group) {
        byActor.set(actor.index, id);
        for (const [subject, count] of actor.activity) {
          activity.set(subject, (activity.get(subject) ?? 0) + count);
        }
      }
      const total = [...activity.values()].reduce((sum, count) => sum + count, 0);
      const dominant = [...activity]
        .sort((a, b) => b[1] - a[1] || a[0] - b[0])
        .slice(0, this.settings.dominantSubjectsPerCommunity)
        .flatMap(([subject, interactions]) => {
          const found = subjects[subject];
          return found === undefined
            ? []
            : [{ subject: found, interactions, share: interactions / total }];
        });
      return { id, rank: position + 1, size: group.length, subjects: dominant };
    });
    return { stored, byActor };
  }
}

/** The engine the configuration asks for; null lets the recompute choose GDS when it can. */
export function engineFromConfig(
  engine: 'auto' | 'gds' | 'in-process',
): InfluenceEngineKind | null {
  if (engine === 'gds') return InfluenceEngineKind.GDS;
  if (engine === 'in-process') return InfluenceEngineKind.IN_PROCESS;
  return null;
}

/** A recompute service wired to the database; for the service, the CLI and benchmarks. */
export function createInfluenceRecompute(
  gateway: Neo4jGateway,
  options: {
    consentPolicy: ConsentPolicy;
    engine: InfluenceEngineKind | null;
    logger?: Logger;
    settings?: InfluenceSettings;
  },
): InfluenceRecomputeService {
  const settings = options.settings ?? INFLUENCE_SETTINGS;
  return new InfluenceRecomputeService(
    new InfluenceGraphRepository(gateway, settings),
    new InfluenceStoreRepository(gateway),
    options.consentPolicy,
    settings,
    options.engine,
    options.logger,
  );
}
