import type { Neo4jGateway, OperationScope } from '../../core/neo4j/neo4j-gateway';
import { notFound } from '../../core/errors/domain-error';
import {
  type AccountAssignment,
  type AccountAssignmentInput,
  AccountKind,
  AssigneeKind,
  type Team,
} from './assignment.type';

// Labels and relationship types come from these fixed maps, never from input.
const ASSIGNEE = {
  [AssigneeKind.USER]: { label: 'User', relationship: 'ASSIGNED_TO' },
  [AssigneeKind.TEAM]: { label: 'Team', relationship: 'RESPONSIBLE_FOR' },
} as const;
const ACCOUNT_LABEL = {
  [AccountKind.ORGANIZATION]: 'Organization',
  [AccountKind.PERSON]: 'Person',
} as const;

// Members must all exist: the size check refuses the whole write when one id is unknown.
const UPSERT_TEAM = `
  MERGE (t:Team {name: $name})
    ON CREATE SET t.id = randomUUID(), t.createdAt = datetime()
  SET t.updatedAt = datetime()
  WITH t
  OPTIONAL MATCH (t)<-[old:MEMBER_OF]-(:User)
  DELETE old
  WITH DISTINCT t
  OPTIONAL MATCH (u:User) WHERE u.id IN $memberIds
  WITH t, collect(u) AS members
  CALL (t, members) {
    UNWIND members AS member
    MERGE (member)-[:MEMBER_OF]->(t)
  }
  RETURN t.id AS id, t.name AS name, [m IN members | m.id] AS memberIds, size(members) AS found`;

const LIST_TEAMS = `
  MATCH (t:Team)
  RETURN t.id AS id, t.name AS name,
         COLLECT { MATCH (u:User)-[:MEMBER_OF]->(t) RETURN u.id ORDER BY u.id } AS memberIds
  ORDER BY t.name`;

export class AssignmentRepository {
  constructor(private readonly gateway: Neo4jGateway) {}

  async upsertTeam(
    scope: OperationScope,
    name: string,
    memberIds: readonly string[],
  ): Promise<Team> {
    const unique = [...new Set(memberIds)];
    return this.gateway.write(scope, async (runner) => {
      const [row] = await runner.run(UPSERT_TEAM, { name, memberIds: unique });
      if (row === undefined || Number(row.found) !== unique.length) {
        // Thrown inside the transaction: nothing of the half-known team is kept.
        throw notFound('Some member ids are not staff users', { field: 'memberIds' });
      }
      return { id: String(row.id), name: String(row.name), memberIds: row.memberIds as string[] };
    });
  }

  async listTeams(scope: OperationScope): Promise<Team[]> {
    const rows = await this.gateway.readStatement(scope, LIST_TEAMS);
    return rows.map((row) => ({
      id: String(row.id),
      name: String(row.name),
      memberIds: row.memberIds as string[],
    }));
  }

  /** Assigns or unassigns; both are idempotent. */
  async setAssignment(
    scope: OperationScope,
    input: AccountAssignmentInput,
    assigned: boolean,
  ): Promise<AccountAssignment> {
    const assignee = ASSIGNEE[input.assigneeKind];
    const account = ACCOUNT_LABEL[input.accountKind];
    const change = assigned
      ? `MERGE (a)-[r:${assignee.relationship}]->(b) ON CREATE SET r.since = datetime()`
      : `OPTIONAL MATCH (a)-[r:${assignee.relationship}]->(b) DELETE r`;
    const query = `
      MATCH (a:${assignee.label} {id: $assigneeId})
      MATCH (b:${account} {id: $accountId})
      ${change}
      RETURN count(*) AS found`;
    const rows = await this.gateway.write(scope, (runner) =>
      runner.run(query, { assigneeId: input.assigneeId, accountId: input.accountId }),
    );
    if (Number(rows[0]?.found ?? 0) === 0) {
      throw notFound('The assignee or the account does not exist', {
        fields: ['assigneeId', 'accountId'],
      });
    }
    return { ...input, assigned };
  }
}
