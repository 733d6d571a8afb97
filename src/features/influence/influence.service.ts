import { badUserInput, notFound } from '../../core/errors/domain-error';
import type { OperationScope } from '../../core/neo4j/neo4j-gateway';
import { type Connection, toConnection } from '../../core/pagination/connection';
import { pageRequest } from '../../core/pagination/page-request';
import type { ConsentPolicy } from '../consent/consent-policy';
import { ConsentPurpose } from '../consent/consent-purpose';
import { assertEntityId } from '../shared/entity-id';
import type { InfluenceEngineKind } from './influence-engine';
import { explainInfluence } from './influence-explanation';
import type { InfluenceRecomputeService } from './influence-recompute.service';
import type { InfluenceSettings } from './influence-settings';
import type { FansAndCriticsInput, MultiplierFilter } from './influence.input';
import type { InfluenceRepository, MultiplierPage } from './influence.repository';
import {
  type InfluenceRecord,
  type InfluenceRunRecord,
  InfluenceSubjectKind,
  type StanceTarget,
} from './influence.type';
import { type RankedStances, rankStances } from './stance-ranking';

const DEFAULT_WINDOW_DAYS = 90;

/** A page of multipliers; the total is counted only when a client asks for it. */
export interface MultiplierConnectionRecord extends Connection<InfluenceRecord> {
  countTotal: () => Promise<number>;
}

export interface FansAndCriticsRecord extends RankedStances {
  target: StanceTarget;
  from: string;
  to: string;
}

function subjectOf(filter: MultiplierFilter | undefined): MultiplierPage['subject'] {
  const topicId = filter?.topicId ?? null;
  const productId = filter?.productId ?? null;
  if (topicId !== null && productId !== null) {
    throw badUserInput('Give topicId or productId, not both', { field: 'productId' });
  }
  if (topicId !== null) {
    assertEntityId(topicId, 'topicId');
    return { kind: InfluenceSubjectKind.TOPIC, id: topicId };
  }
  if (productId !== null) {
    assertEntityId(productId, 'productId');
    return { kind: InfluenceSubjectKind.PRODUCT, id: productId };
  }
  return null;
}

/**
 * Influence as the last recompute stored it: multipliers, single scores with their explanation,
 * fans and critics. People whose consent no longer covers profiling are left out of every answer,
 * even before the next recompute removes their stored score.
 */
export class InfluenceService {
  constructor(
    private readonly repository: InfluenceRepository,
    private readonly recomputeJob: InfluenceRecomputeService,
    private readonly consentPolicy: ConsentPolicy,
    private readonly settings: InfluenceSettings,
  ) {}

  private get consent() {
    return this.consentPolicy.param(ConsentPurpose.PROFILING);
  }

  explain(record: InfluenceRecord): string[] {
    return explainInfluence(
      record.score,
      record.components,
      record.subject?.name ?? null,
      this.settings,
    );
  }

  async multipliers(
    scope: OperationScope,
    filter: MultiplierFilter | undefined,
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<MultiplierConnectionRecord> {
    const page = pageRequest(first, after);
    const subject = subjectOf(filter);
    const organizationId = filter?.organizationId ?? null;
    if (organizationId !== null) assertEntityId(organizationId, 'organizationId');
    if (page.after !== null && typeof page.after.sortValue !== 'number') {
      throw badUserInput('The cursor is not valid; use a cursor from a previous page', {
        field: 'after',
      });
    }
    if (subject !== null) {
      const name = await this.repository.subjectName(scope, subject.kind, subject.id);
      if (name === null) {
        const field = subject.kind === InfluenceSubjectKind.TOPIC ? 'topicId' : 'productId';
        throw notFound(`No ${subject.kind.toLowerCase()} with the id given as ${field}`, { field });
      }
    }
    const conditions = {
      role: filter?.role ?? null,
      organizationId,
      platform: filter?.platform ?? null,
      minReach: filter?.minReach ?? null,
      excludeCustomers: filter?.excludeCustomers ?? false,
    };
    const rows = await this.repository.multipliers(scope, {
      subject,
      conditions,
      consent: this.consent,
      after:
        page.after === null
          ? null
          : { score: Number(page.after.sortValue), personId: page.after.id },
      limit: page.first + 1,
    });
    const connection = toConnection(
      rows.map((row) => ({ ...row, id: row.personId })),
      page.first,
      0,
      (row) => row.score,
    );
    return {
      ...connection,
      countTotal: () =>
        this.repository.countMultipliers(scope, { subject, conditions, consent: this.consent }),
    };
  }

  /** A person's stored influence, overall or about one topic or product; null when there is none. */
  async influenceOf(
    scope: OperationScope,
    personId: string,
    subjectId: string | null | undefined,
  ): Promise<InfluenceRecord | null> {
    assertEntityId(personId, 'personId');
    if (subjectId !== null && subjectId !== undefined) assertEntityId(subjectId, 'subjectId');
    const record = await this.repository.influenceOf(
      scope,
      personId,
      subjectId ?? null,
      this.consent,
    );
    if (record === null && !(await this.repository.personExists(scope, personId))) {
      throw notFound(`No person with id ${personId}`, { field: 'personId' });
    }
    return record;
  }

  lastRun(scope: OperationScope): Promise<InfluenceRunRecord | null> {
    return this.repository.lastRun(scope);
  }

  async recompute(
    scope: OperationScope,
    engine: InfluenceEngineKind | null | undefined,
  ): Promise<InfluenceRunRecord> {
    return this.recomputeJob.recompute(scope, { engine: engine ?? null });
  }

  async fansAndCritics(
    scope: OperationScope,
    input: FansAndCriticsInput,
  ): Promise<FansAndCriticsRecord> {
    assertEntityId(input.targetId, 'targetId');
    const to = input.to === null || input.to === undefined ? new Date() : new Date(input.to);
    const from =
      input.from === null || input.from === undefined
        ? new Date(to.getTime() - DEFAULT_WINDOW_DAYS * 86_400_000)
        : new Date(input.from);
    if (from.getTime() > to.getTime()) {
      throw badUserInput('from must not lie after to', { field: 'from' });
    }
    const target = await this.repository.stanceTarget(scope, input.targetId);
    if (target === null) {
      throw notFound('No organization, product or topic with the id given as targetId', {
        field: 'targetId',
      });
    }
    const rows = await this.repository.stances(scope, {
      targetId: input.targetId,
      from: from.toISOString(),
      to: to.toISOString(),
      minInteractions: input.minInteractions,
      consent: this.consent,
    });
    return {
      target,
      from: from.toISOString(),
      to: to.toISOString(),
      ...rankStances(rows, input.first, input.criticalMinInfluence),
    };
  }
}
