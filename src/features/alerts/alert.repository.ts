import type {
  CypherRow,
  CypherRunner,
  Neo4jGateway,
  OperationScope,
} from '../../core/neo4j/neo4j-gateway';
import { cypherInt } from '../../core/neo4j/neo4j-values';
import type { PageRequest } from '../../core/pagination/page-request';
import { toWatchListRecord } from '../watch-lists/watch-list.repository';
import type { AlertNoteRecord, AlertRecord, AlertStatus } from './alert.type';

/** An alert to raise, with the author's facts as they are now. */
export interface NewAlert {
  watchListId: string;
  interactionId: string;
  matchedKeywords: string[];
  matchedConditions: string[];
  authorPersonId: string | null;
  authorRoles: string[];
  authorRoleOrganizationIds: string[];
  authorInfluence: number | null;
  authorFollowers: number;
}

export interface RaisedAlert {
  alertId: string;
  watchListId: string;
}

export interface AlertQuery {
  statuses: AlertStatus[] | null;
  watchListId: string | null;
  assigneeId: string | null;
  from: string | null;
  to: string | null;
}

const ALERT_FIELDS = `
  a,
  COLLECT { MATCH (a)-[:RAISED_BY]->(w:WatchList) RETURN w {.*} }[0] AS watchList,
  COLLECT { MATCH (a)-[:ASSIGNED_TO]->(u:User) RETURN u.id }[0] AS assigneeId,
  COLLECT {
    MATCH (a)-[:HAS_NOTE]->(n:AlertNote)
    RETURN n {.id, .text, .authorUserId, .createdAt} ORDER BY n.createdAt, n.id
  } AS notes`;

function toRecord(row: CypherRow): AlertRecord {
  const a = row.a as Record<string, unknown>;
  const roles = (a.authorRoles as string[] | null) ?? [];
  const organizations = (a.authorRoleOrganizationIds as string[] | null) ?? [];
  return {
    id: String(a.id),
    status: a.status as AlertStatus,
    watchListId: String(a.watchListId),
    watchList:
      row.watchList === null || row.watchList === undefined
        ? null
        : toWatchListRecord(row.watchList as Record<string, unknown>),
    interactionId: String(a.interactionId),
    matchedKeywords: (a.matchedKeywords as string[] | null) ?? [],
    matchedConditions: (a.matchedConditions as string[] | null) ?? [],
    authorPersonId: typeof a.authorPersonId === 'string' ? a.authorPersonId : null,
    authorRoles: roles.map((role, index) => ({
      role,
      organizationId: organizations[index] ?? '',
    })),
    authorInfluence: typeof a.authorInfluence === 'number' ? a.authorInfluence : null,
    authorFollowers: Number(a.authorFollowers ?? 0),
    assigneeId: typeof row.assigneeId === 'string' ? row.assigneeId : null,
    notes: ((row.notes as AlertNoteRecord[] | null) ?? []).map((note) => ({
      id: String(note.id),
      text: String(note.text),
      authorUserId: typeof note.authorUserId === 'string' ? note.authorUserId : null,
      createdAt: String(note.createdAt),
    })),
    createdAt: String(a.createdAt),
    updatedAt: String(a.updatedAt),
  };
}

// (watchListId, interactionId) is unique (migration 0009): a post raises at most one alert per
// list, however often it is ingested or evaluated, and `raising` tells the first time apart.
const RAISE = `
  UNWIND $alerts AS alert
  MATCH (w:WatchList {id: alert.watchListId})
  MATCH (i:Interaction {id: alert.interactionId})
  MERGE (a:Alert {watchListId: alert.watchListId, interactionId: alert.interactionId})
    ON CREATE SET a.id = randomUUID(), a.status = 'OPEN', a.createdAt = datetime(),
                  a.updatedAt = datetime(), a.raising = true,
                  a.matchedKeywords = alert.matchedKeywords,
                  a.matchedConditions = alert.matchedConditions,
                  a.authorPersonId = alert.authorPersonId, a.authorRoles = alert.authorRoles,
                  a.authorRoleOrganizationIds = alert.authorRoleOrganizationIds,
                  a.authorInfluence = alert.authorInfluence,
                  a.authorFollowers = alert.authorFollowers
  WITH a, w, i, coalesce(a.raising, false) AS raised
  REMOVE a.raising
  WITH a, w, i, raised WHERE raised
  CREATE (a)-[:RAISED_BY]->(w)
  CREATE (a)-[:ABOUT_POST]->(i)
  RETURN a.id AS alertId, a.watchListId AS watchListId`;

const FIND_BY_IDS = `
  UNWIND $ids AS id
  MATCH (a:Alert {id: id})
  RETURN ${ALERT_FIELDS}`;

const FILTER = `
  MATCH (a:Alert)
  WHERE ($statuses IS NULL OR a.status IN $statuses)
    AND ($watchListId IS NULL OR a.watchListId = $watchListId)
    AND ($assigneeId IS NULL OR EXISTS { MATCH (a)-[:ASSIGNED_TO]->(:User {id: $assigneeId}) })
    AND ($from IS NULL OR a.createdAt >= datetime($from))
    AND ($to IS NULL OR a.createdAt < datetime($to))`;

const PAGE = `
    AND ($afterId IS NULL OR a.createdAt < datetime($afterValue)
         OR (a.createdAt = datetime($afterValue) AND a.id > $afterId))
  WITH a ORDER BY a.createdAt DESC, a.id LIMIT $limit
  RETURN ${ALERT_FIELDS}`;

// Assigning replaces the previous assignee. `changed` is false when nothing differs, so a
// repeated request publishes no update.
const ASSIGN = `
  MATCH (a:Alert {id: $id})
  OPTIONAL MATCH (user:User {id: $userId})
  WITH a, user
  WHERE $userId IS NULL OR user IS NOT NULL
  OPTIONAL MATCH (a)-[current:ASSIGNED_TO]->(previous:User)
  WITH a, user, collect(current) AS currentLinks, collect(previous.id)[0] AS previousId
  WITH a, user, currentLinks, coalesce(previousId, '') <> coalesce($userId, '') AS changed
  CALL (a, user, currentLinks, changed) {
    WITH a, user, currentLinks WHERE changed
    FOREACH (link IN currentLinks | DELETE link)
    FOREACH (_ IN CASE WHEN user IS NULL THEN [] ELSE [1] END |
      CREATE (a)-[:ASSIGNED_TO {since: datetime()}]->(user))
    SET a.updatedAt = datetime()
  }
  RETURN a.id AS id, changed`;

const ALERT_EXISTS = `MATCH (a:Alert {id: $id}) RETURN a.id AS id`;

// The note's id is derived from alert, author and text: sending the same note again adds none.
const ADD_NOTE = `
  MATCH (a:Alert {id: $id})
  MERGE (n:AlertNote {id: $noteId})
    ON CREATE SET n.text = $text, n.authorUserId = $authorUserId, n.createdAt = datetime(),
                  n.adding = true
  WITH a, n, coalesce(n.adding, false) AS added
  REMOVE n.adding
  WITH a, n, added
  CALL (a, n, added) {
    WITH a, n WHERE added
    CREATE (a)-[:HAS_NOTE]->(n)
    SET a.updatedAt = datetime()
  }
  RETURN a.id AS id, added`;

// Forward only; the allowed previous statuses come from the service.
const SET_STATUS = `
  MATCH (a:Alert {id: $id})
  WITH a, a.status AS before
  CALL (a, before) {
    WITH a, before WHERE before IN $from
    SET a.status = $status, a.updatedAt = datetime()
  }
  RETURN a.id AS id, before`;

export class AlertRepository {
  constructor(private readonly gateway: Neo4jGateway) {}

  /** Runs inside the ingest transaction; returns only the alerts raised for the first time. */
  static async raise(runner: CypherRunner, alerts: readonly NewAlert[]): Promise<RaisedAlert[]> {
    if (alerts.length === 0) return [];
    const rows = await runner.run(RAISE, { alerts });
    return rows.map((row) => ({
      alertId: String(row.alertId),
      watchListId: String(row.watchListId),
    }));
  }

  async findByIds(
    scope: OperationScope,
    ids: readonly string[],
  ): Promise<Map<string, AlertRecord>> {
    const rows = await this.gateway.readStatement(scope, FIND_BY_IDS, { ids });
    return new Map(rows.map(toRecord).map((alert) => [alert.id, alert]));
  }

  async list(
    scope: OperationScope,
    query: AlertQuery,
    page: PageRequest,
  ): Promise<{ rows: AlertRecord[]; total: number }> {
    const params = { ...query };
    return this.gateway.read(scope, async (runner) => {
      const [count] = await runner.run(`${FILTER} RETURN count(a) AS total`, params);
      const rows = await runner.run(`${FILTER} ${PAGE}`, {
        ...params,
        afterValue: page.after?.sortValue ?? null,
        afterId: page.after?.id ?? null,
        limit: cypherInt(page.first + 1),
      });
      return { rows: rows.map(toRecord), total: Number(count?.total ?? 0) };
    });
  }

  /** null: no such alert or user (the caller tells which); else whether anything changed. */
  async assign(
    scope: OperationScope,
    id: string,
    userId: string | null,
  ): Promise<{ changed: boolean } | null> {
    const [row] = await this.gateway.write(scope, (runner) => runner.run(ASSIGN, { id, userId }));
    return row === undefined ? null : { changed: row.changed === true };
  }

  async exists(scope: OperationScope, id: string): Promise<boolean> {
    const rows = await this.gateway.readStatement(scope, ALERT_EXISTS, { id });
    return rows.length > 0;
  }

  async addNote(
    scope: OperationScope,
    id: string,
    note: { noteId: string; text: string; authorUserId: string | null },
  ): Promise<{ added: boolean } | null> {
    const [row] = await this.gateway.write(scope, (runner) =>
      runner.run(ADD_NOTE, { id, ...note }),
    );
    return row === undefined ? null : { added: row.added === true };
  }

  /** null: no such alert; else the status before (changed only when it was one of `from`). */
  async setStatus(
    scope: OperationScope,
    id: string,
    status: AlertStatus,
    from: readonly AlertStatus[],
  ): Promise<{ before: AlertStatus } | null> {
    const [row] = await this.gateway.write(scope, (runner) =>
      runner.run(SET_STATUS, { id, status, from }),
    );
    return row === undefined ? null : { before: row.before as AlertStatus };
  }
}
