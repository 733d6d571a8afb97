import { ConsentPurpose } from '../consent/consent-purpose';
import type { ConsentService } from '../consent/consent.service';
import { badUserInput, notFound } from '../../core/errors/domain-error';
import type { OperationScope } from '../../core/neo4j/neo4j-gateway';
import { type Connection, toConnection } from '../../core/pagination/connection';
import { pageRequest } from '../../core/pagination/page-request';
import type { DeletionResult } from '../shared/deletion-result.type';
import { assertEntityId } from '../shared/entity-id';
import type {
  InteractionFilter,
  RecordInteractionInput,
  UpdateInteractionInput,
} from './interaction.input';
import type { InteractionRepository } from './interaction.repository';
import type { InteractionEvents } from '../realtime/interaction-events';
import {
  type InteractionRecord,
  InteractionStatus,
  KINDS_WITH_STATUS,
  SOCIAL_KINDS,
} from './interaction.type';

/** A clock skew allowance: feeds stamp posts with their own clocks. */
const MAX_FUTURE_MS = 24 * 60 * 60 * 1000;

function assertIds(ids: readonly string[] | null | undefined, field: string): string[] {
  const list = ids ?? [];
  for (const id of list) assertEntityId(id, field);
  return [...list];
}

export class InteractionService {
  constructor(
    private readonly repository: InteractionRepository,
    private readonly consent: ConsentService,
    private readonly events: InteractionEvents,
  ) {}

  findByIds(scope: OperationScope, ids: readonly string[]) {
    return this.repository.findByIds(scope, ids);
  }

  async get(scope: OperationScope, id: string): Promise<InteractionRecord> {
    assertEntityId(id, 'id');
    const found = (await this.repository.findByIds(scope, [id])).get(id);
    if (found === undefined) throw notFound(`No interaction with id ${id}`, { id });
    return found;
  }

  async list(
    scope: OperationScope,
    filter: InteractionFilter | null | undefined,
    first?: number | null,
    after?: string | null,
  ): Promise<Connection<InteractionRecord>> {
    const page = pageRequest(first, after);
    if (filter?.personId) assertEntityId(filter.personId, 'personId');
    if (filter?.aboutId) assertEntityId(filter.aboutId, 'aboutId');
    const { rows, total } = await this.repository.list(
      scope,
      {
        kinds: filter?.kinds ?? null,
        channel: filter?.channel ?? null,
        personId: filter?.personId ?? null,
        aboutId: filter?.aboutId ?? null,
        status: filter?.status ?? null,
        from: filter?.from ?? null,
        to: filter?.to ?? null,
        minSentiment: filter?.minSentiment ?? null,
        maxSentiment: filter?.maxSentiment ?? null,
      },
      page,
    );
    return toConnection(rows, page.first, total, (interaction) => interaction.occurredAt);
  }

  /**
   * Records an interaction with its links. With platform + postId it is an idempotent upsert;
   * every referenced id must exist, or nothing is written.
   */
  async record(scope: OperationScope, input: RecordInteractionInput): Promise<InteractionRecord> {
    const byPerson = input.performedByPersonId ?? null;
    const byAccount = input.performedByAccountId ?? null;
    if ((byPerson === null) === (byAccount === null)) {
      throw badUserInput('Give exactly one of performedByPersonId and performedByAccountId', {
        field: 'performedByPersonId',
      });
    }
    if (byPerson !== null) assertEntityId(byPerson, 'performedByPersonId');
    if (byAccount !== null) assertEntityId(byAccount, 'performedByAccountId');
    if ((input.postId ?? null) !== null && (input.platform ?? null) === null) {
      throw badUserInput('postId needs its platform', { field: 'platform' });
    }
    if (input.status && !KINDS_WITH_STATUS.has(input.kind)) {
      throw badUserInput('Only tickets and complaints have a status', { field: 'status' });
    }
    if (Date.parse(input.occurredAt) > Date.now() + MAX_FUTURE_MS) {
      throw badUserInput('occurredAt lies in the future', { field: 'occurredAt' });
    }
    if (input.replyToId) assertEntityId(input.replyToId, 'replyToId');
    if (input.handledByUserId) assertEntityId(input.handledByUserId, 'handledByUserId');
    const mentionIds = assertIds(input.mentionIds, 'mentionIds');
    if (SOCIAL_KINDS.has(input.kind)) {
      // Social activity tied to a known person (as author or as someone named) needs their consent.
      await this.consent.assertAllowed(
        scope,
        [...(byPerson === null ? [] : [byPerson]), ...mentionIds],
        ConsentPurpose.SOCIAL_MONITORING,
      );
    }

    const { id, created } = await this.repository.record(scope, {
      kind: input.kind,
      channel: input.channel,
      occurredAt: new Date(input.occurredAt).toISOString(),
      text: input.text ?? null,
      sentiment: input.sentiment ?? null,
      status: input.status ?? (KINDS_WITH_STATUS.has(input.kind) ? InteractionStatus.OPEN : null),
      performedByPersonId: byPerson,
      performedByAccountId: byAccount,
      aboutIds: assertIds(input.aboutIds, 'aboutIds'),
      mentionIds,
      replyToId: input.replyToId ?? null,
      handledByUserId: input.handledByUserId ?? null,
      platform: input.platform ?? null,
      postId: input.postId ?? null,
      url: input.url ?? null,
    });
    // After the commit; subscribers hear of new interactions only, not of a repeated post.
    if (created) void this.events.added(scope.requestId, [id]);
    return this.get(scope, id);
  }

  async update(
    scope: OperationScope,
    id: string,
    input: UpdateInteractionInput,
  ): Promise<InteractionRecord> {
    assertEntityId(id, 'id');
    if (input.handledByUserId) assertEntityId(input.handledByUserId, 'handledByUserId');
    if (input.status) {
      const current = await this.get(scope, id);
      if (!KINDS_WITH_STATUS.has(current.kind)) {
        throw badUserInput('Only tickets and complaints have a status', { field: 'status' });
      }
    }
    if (!(await this.repository.update(scope, id, input)))
      throw notFound(`No interaction with id ${id}`, { id });
    return this.get(scope, id);
  }

  async delete(scope: OperationScope, id: string): Promise<DeletionResult> {
    assertEntityId(id, 'id');
    return { id, deleted: await this.repository.delete(scope, id) };
  }
}
