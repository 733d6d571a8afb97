import type { CypherRow, Neo4jGateway, OperationScope } from '../../core/neo4j/neo4j-gateway';
import { cypherInt } from '../../core/neo4j/neo4j-values';
import type { Platform } from '../social-accounts/social-account.type';
import type { AccountState, FollowerRow } from './follower-index';

/**
 * Accounts after $afterId in id order, with platform, owner and followers: one batch of the full
 * load. The id index hands them out in order and seeks to $afterId, so every batch costs the same
 * (SKIP would re-read the accounts before it: on bench-M, over a bare driver, 146k accounts and
 * 731k follows came in 1.8–1.9 s this way and in 2.5–3.1 s with SKIP, in batches of 10k–20k). An
 * account has at most one owner: every write of OWNED_BY replaces the previous one.
 */
const FOLLOWER_ROWS = `
  MATCH (a:SocialAccount) WHERE a.id > $afterId
  WITH a ORDER BY a.id LIMIT $limit
  RETURN a.id AS id, a.platform AS platform,
    COLLECT { MATCH (a)-[:OWNED_BY]->(owner:Person) RETURN owner.id }[0] AS ownerId,
    COLLECT { MATCH (a)<-[:FOLLOWS]-(follower:SocialAccount) RETURN follower.id } AS followerIds`;

/** The exact state of each account, both directions of its follows; absent ones say so. */
const ACCOUNT_STATES = `
  UNWIND $accountIds AS accountId
  OPTIONAL MATCH (a:SocialAccount {id: accountId})
  RETURN accountId AS id, a IS NOT NULL AS exists, a.platform AS platform,
    COLLECT { MATCH (a)-[:OWNED_BY]->(owner:Person) RETURN owner.id }[0] AS ownerId,
    COLLECT { MATCH (a)<-[:FOLLOWS]-(follower:SocialAccount) RETURN follower.id } AS followerIds,
    COLLECT { MATCH (a)-[:FOLLOWS]->(followee:SocialAccount) RETURN followee.id } AS followeeIds`;

function textList(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

function textOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function followerRow(row: CypherRow): FollowerRow {
  return {
    id: String(row.id),
    platform: row.platform as Platform,
    ownerId: textOrNull(row.ownerId),
    followerIds: textList(row.followerIds),
  };
}

function accountState(row: CypherRow): AccountState {
  return {
    id: String(row.id),
    exists: row.exists === true,
    platform: textOrNull(row.platform) as Platform | null,
    ownerId: textOrNull(row.ownerId),
    followerIds: textList(row.followerIds),
    followeeIds: textList(row.followeeIds),
  };
}

/** Reads the follower graph for the in-memory FollowerIndex. */
export class FollowerIndexRepository {
  constructor(private readonly gateway: Neo4jGateway) {}

  /** Up to `limit` accounts after `afterId` (in id order; '' for the first batch). */
  async accountsAfter(
    scope: OperationScope,
    afterId: string,
    limit: number,
  ): Promise<FollowerRow[]> {
    const rows = await this.gateway.readStatement(scope, FOLLOWER_ROWS, {
      afterId,
      limit: cypherInt(limit),
    });
    return rows.map(followerRow);
  }

  /** One consistent read of these accounts' states, in one transaction. */
  async accountStates(
    scope: OperationScope,
    accountIds: readonly string[],
  ): Promise<AccountState[]> {
    if (accountIds.length === 0) return [];
    const rows = await this.gateway.readStatement(scope, ACCOUNT_STATES, {
      accountIds: [...accountIds],
    });
    return rows.map(accountState);
  }
}
