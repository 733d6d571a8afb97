import type { CypherRow, Neo4jGateway, OperationScope } from '../../core/neo4j/neo4j-gateway';
import { cypherInt } from '../../core/neo4j/neo4j-values';
import type { StaffRole } from '../staff/staff-user.type';
import type { AuditAction, AuditRecord } from './audit.type';

// MERGE on the entry's unique id: written again after a failure that hid whether the first write
// committed, an entry still exists once.
const RECORD = `
  UNWIND $entries AS entry
  MERGE (a:AuditEntry {id: entry.id})
  ON CREATE SET a = entry, a.at = datetime(entry.at)`;

const LIST = `
  MATCH (a:AuditEntry)
  WHERE ($subjectId IS NULL OR $subjectId IN a.subjectIds)
    AND ($userId IS NULL OR a.userId = $userId)
    AND ($before IS NULL OR a.at < datetime($before))
  RETURN a.id AS id, a.at AS at, a.userId AS userId, a.login AS login, a.roles AS roles,
         a.operation AS operation, a.requestId AS requestId, a.action AS action,
         a.subjectIds AS subjectIds
  ORDER BY a.at DESC, a.id DESC
  LIMIT $limit`;

const PSEUDONYMIZE = `
  MATCH (a:AuditEntry) WHERE $subjectId IN a.subjectIds
  SET a.subjectIds = [id IN a.subjectIds | CASE id WHEN $subjectId THEN $pseudonym ELSE id END]
  RETURN count(a) AS changed`;

function toRecord(row: CypherRow): AuditRecord {
  return {
    id: String(row.id),
    at: String(row.at),
    userId: String(row.userId),
    login: String(row.login),
    roles: row.roles as StaffRole[],
    operation: String(row.operation),
    requestId: String(row.requestId),
    action: row.action as AuditAction,
    subjectIds: row.subjectIds as string[],
  };
}

export class AuditRepository {
  constructor(private readonly gateway: Neo4jGateway) {}

  async record(scope: OperationScope, entries: readonly AuditRecord[]): Promise<void> {
    if (entries.length === 0) return;
    await this.gateway.writeIdempotentStatement(scope, RECORD, { entries });
  }

  async list(
    scope: OperationScope,
    filter: { subjectId: string | null; userId: string | null; before: string | null },
    limit: number,
  ): Promise<AuditRecord[]> {
    const rows = await this.gateway.readStatement(scope, LIST, {
      ...filter,
      limit: cypherInt(limit),
    });
    return rows.map(toRecord);
  }

  /** Replaces a person's id by a pseudonym in every entry; used by erasure, inside its transaction. */
  static readonly PSEUDONYMIZE = PSEUDONYMIZE;
}
