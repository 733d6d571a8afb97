import { createHash } from 'node:crypto';
import { badUserInput, notFound } from '../../core/errors/domain-error';
import type { OperationScope } from '../../core/neo4j/neo4j-gateway';
import { type Connection, toConnection } from '../../core/pagination/connection';
import { pageRequest } from '../../core/pagination/page-request';
import { RealtimeTopic, type RealtimePublisher } from '../realtime/realtime-events';
import { assertEntityId } from '../shared/entity-id';
import type { AlertFilter } from './alert.input';
import type { AlertRepository } from './alert.repository';
import { type AlertRecord, AlertStatus, STATUS_ORDER } from './alert.type';

export const MAX_NOTE_LENGTH = 5_000;

/** Alerts as tasks: assign, annotate, move forward. Every change publishes ALERT_UPDATED. */
export class AlertService {
  constructor(
    private readonly repository: AlertRepository,
    private readonly realtime: RealtimePublisher,
  ) {}

  async get(scope: OperationScope, id: string): Promise<AlertRecord> {
    assertEntityId(id, 'id');
    const found = (await this.repository.findByIds(scope, [id])).get(id);
    if (found === undefined) throw notFound(`No alert with id ${id}`, { id });
    return found;
  }

  findByIds(scope: OperationScope, ids: readonly string[]) {
    return this.repository.findByIds(scope, ids);
  }

  async list(
    scope: OperationScope,
    filter: AlertFilter | null | undefined,
    first?: number | null,
    after?: string | null,
  ): Promise<Connection<AlertRecord>> {
    const page = pageRequest(first, after);
    if (filter?.watchListId) assertEntityId(filter.watchListId, 'watchListId');
    if (filter?.assigneeId) assertEntityId(filter.assigneeId, 'assigneeId');
    const { rows, total } = await this.repository.list(
      scope,
      {
        statuses: filter?.statuses ?? null,
        watchListId: filter?.watchListId ?? null,
        assigneeId: filter?.assigneeId ?? null,
        from: filter?.from ?? null,
        to: filter?.to ?? null,
      },
      page,
    );
    return toConnection(rows, page.first, total, (alert) => alert.createdAt);
  }

  /** Assigns to a staff user, or unassigns with null. Assigning again changes nothing. */
  async assign(scope: OperationScope, id: string, userId: string | null): Promise<AlertRecord> {
    assertEntityId(id, 'id');
    if (userId !== null) assertEntityId(userId, 'userId');
    const outcome = await this.repository.assign(scope, id, userId);
    if (outcome === null) {
      if (!(await this.repository.exists(scope, id))) {
        throw notFound(`No alert with id ${id}`, { id });
      }
      throw notFound(`No staff user with id ${userId ?? ''}`, { field: 'userId' });
    }
    return this.afterChange(scope, id, outcome.changed);
  }

  /** The same author adding the same text again adds no second note (a retried request). */
  async addNote(
    scope: OperationScope,
    id: string,
    text: string,
    authorUserId: string | null,
  ): Promise<AlertRecord> {
    assertEntityId(id, 'id');
    const trimmed = text.trim();
    if (trimmed.length === 0 || trimmed.length > MAX_NOTE_LENGTH) {
      throw badUserInput(`text must have 1–${MAX_NOTE_LENGTH} characters`, { field: 'text' });
    }
    const noteId = `note-${createHash('sha256')
      .update(JSON.stringify([id, authorUserId, trimmed]))
      .digest('hex')
      .slice(0, 32)}`;
    const outcome = await this.repository.addNote(scope, id, {
      noteId,
      text: trimmed,
      authorUserId,
    });
    if (outcome === null) throw notFound(`No alert with id ${id}`, { id });
    return this.afterChange(scope, id, outcome.added);
  }

  /**
   * Moves the alert forward (OPEN → ACKNOWLEDGED → RESOLVED, skipping allowed). The current status
   * again is a no-op; going back is BAD_USER_INPUT.
   */
  async setStatus(scope: OperationScope, id: string, status: AlertStatus): Promise<AlertRecord> {
    assertEntityId(id, 'id');
    const from = Object.values(AlertStatus).filter(
      (candidate) => STATUS_ORDER[candidate] < STATUS_ORDER[status],
    );
    const outcome = await this.repository.setStatus(scope, id, status, from);
    if (outcome === null) throw notFound(`No alert with id ${id}`, { id });
    if (STATUS_ORDER[outcome.before] > STATUS_ORDER[status]) {
      throw badUserInput(`An alert in status ${outcome.before} cannot go back to ${status}`, {
        field: 'status',
      });
    }
    return this.afterChange(scope, id, outcome.before !== status);
  }

  private async afterChange(
    scope: OperationScope,
    id: string,
    changed: boolean,
  ): Promise<AlertRecord> {
    const alert = await this.get(scope, id);
    if (changed) {
      this.realtime.publish(RealtimeTopic.ALERT_UPDATED, {
        alertId: alert.id,
        watchListId: alert.watchListId,
        assigneeId: alert.assigneeId,
        status: alert.status,
      });
    }
    return alert;
  }
}
