import { type ConsentParam, consentAllows } from '../consent/consent-policy';
import { groupBy } from '../../core/collections/group-by';
import type { CypherRow, Neo4jGateway, OperationScope } from '../../core/neo4j/neo4j-gateway';
import { cypherInt } from '../../core/neo4j/neo4j-values';
import type { PageRequest } from '../../core/pagination/page-request';
import type { Platform, SocialAccountRecord } from './social-account.type';

export interface AccountUpsert {
  platform: Platform;
  handle: string;
  displayName: string | null;
  followers: number | null;
  url: string | null;
}

export interface AccountListFilter {
  platform: Platform | null;
  minFollowers: number | null;
  withoutOwner: boolean;
}

export const ACCOUNT_FIELDS = `a.id AS id, a.platform AS platform, a.handle AS handle,
  a.displayName AS displayName, a.followers AS followers, a.url AS url, owner.id AS ownerId`;

export function toRecord(row: CypherRow): SocialAccountRecord {
  return {
    id: String(row.id),
    platform: row.platform as Platform,
    handle: String(row.handle),
    displayName: typeof row.displayName === 'string' ? row.displayName : null,
    followers: Number(row.followers ?? 0),
    url: typeof row.url === 'string' ? row.url : null,
    ownerId: typeof row.ownerId === 'string' ? row.ownerId : null,
  };
}

const FIND_BY_IDS = `
  UNWIND $ids AS id
  MATCH (a:SocialAccount {id: id})
  OPTIONAL MATCH (a)-[:OWNED_BY]->(owner:Person)
  RETURN ${ACCOUNT_FIELDS}`;

const FIND_BY_HANDLE = `
  MATCH (a:SocialAccount {platform: $platform, handle: $handle})
  OPTIONAL MATCH (a)-[:OWNED_BY]->(owner:Person)
  RETURN ${ACCOUNT_FIELDS}`;

const BY_OWNER_IDS = `
  UNWIND $personIds AS personId
  MATCH (owner:Person {id: personId})<-[:OWNED_BY]-(a:SocialAccount)
  RETURN ${ACCOUNT_FIELDS}
  ORDER BY a.followers DESC, a.id`;

// MERGE on the (platform, handle) uniqueness constraint: racing upserts of one handle serialise on
// its lock and leave exactly one account. Given values overwrite; missing ones stay.
const UPSERT = `
  MERGE (a:SocialAccount {platform: $platform, handle: $handle})
    ON CREATE SET a.id = randomUUID(), a.createdAt = datetime(), a.followers = 0
  SET a.displayName = coalesce($displayName, a.displayName),
      a.followers = coalesce($followers, a.followers),
      a.url = coalesce($url, a.url),
      a.updatedAt = datetime()
  WITH a
  OPTIONAL MATCH (a)-[:OWNED_BY]->(owner:Person)
  RETURN ${ACCOUNT_FIELDS}`;

// An account has at most one owner: linking replaces the previous link.
// Linking an account makes its social activity the person's: it needs SOCIAL_MONITORING consent,
// checked in the same transaction as the write.
const LINK = `
  OPTIONAL MATCH (a:SocialAccount {id: $accountId})
  OPTIONAL MATCH (owner:Person {id: $personId})
  WITH a, owner, owner IS NOT NULL AND ${consentAllows('owner', 'monitoring')} AS consentGiven
  OPTIONAL CALL (a, owner, consentGiven) {
    WITH a, owner WHERE a IS NOT NULL AND owner IS NOT NULL AND consentGiven
    OPTIONAL MATCH (a)-[previous:OWNED_BY]->(:Person)
    DELETE previous
    WITH DISTINCT a, owner
    CREATE (a)-[:OWNED_BY {since: datetime(), confidence: $confidence, source: $source}]->(owner)
    RETURN true AS linked
  }
  RETURN a IS NOT NULL AS accountFound, owner IS NOT NULL AS personFound, consentGiven,
    ${ACCOUNT_FIELDS}`;

const UNLINK = `
  MATCH (a:SocialAccount {id: $accountId})
  OPTIONAL MATCH (a)-[link:OWNED_BY]->(:Person)
  DELETE link
  WITH DISTINCT a
  WITH a, null AS owner
  RETURN ${ACCOUNT_FIELDS}`;

const DELETE = `
  MATCH (a:SocialAccount {id: $id})
  DETACH DELETE a
  RETURN count(*) AS deleted`;

const FOLLOW = `
  OPTIONAL MATCH (follower:SocialAccount {id: $followerId})
  OPTIONAL MATCH (followed:SocialAccount {id: $followedId})
  OPTIONAL CALL (follower, followed) {
    WITH follower, followed WHERE follower IS NOT NULL AND followed IS NOT NULL
    MERGE (follower)-[f:FOLLOWS]->(followed) ON CREATE SET f.since = datetime()
    RETURN true AS done
  }
  RETURN follower IS NOT NULL AS followerFound, followed IS NOT NULL AS followedFound`;

const UNFOLLOW = `
  MATCH (:SocialAccount {id: $followerId})-[f:FOLLOWS]->(:SocialAccount {id: $followedId})
  DELETE f
  RETURN count(*) AS removed`;

const FILTER = `
  MATCH (a:SocialAccount)
  WHERE ($platform IS NULL OR a.platform = $platform)
    AND ($minFollowers IS NULL OR a.followers >= $minFollowers)
    AND (NOT $withoutOwner OR NOT EXISTS { (a)-[:OWNED_BY]->(:Person) })`;

const PAGE = `${FILTER}
    AND ($afterId IS NULL OR a.followers < $afterValue
         OR (a.followers = $afterValue AND a.id > $afterId))
  WITH a ORDER BY a.followers DESC, a.id LIMIT $limit
  OPTIONAL MATCH (a)-[:OWNED_BY]->(owner:Person)
  RETURN ${ACCOUNT_FIELDS}`;

export class SocialAccountRepository {
  constructor(private readonly gateway: Neo4jGateway) {}

  async findByIds(
    scope: OperationScope,
    ids: readonly string[],
  ): Promise<Map<string, SocialAccountRecord>> {
    const rows = await this.gateway.readStatement(scope, FIND_BY_IDS, { ids });
    return new Map(rows.map(toRecord).map((account) => [account.id, account]));
  }

  async findByHandle(
    scope: OperationScope,
    platform: Platform,
    handle: string,
  ): Promise<SocialAccountRecord | null> {
    const rows = await this.gateway.readStatement(scope, FIND_BY_HANDLE, { platform, handle });
    return rows[0] === undefined ? null : toRecord(rows[0]);
  }

  async byOwnerIds(
    scope: OperationScope,
    personIds: readonly string[],
  ): Promise<Map<string, SocialAccountRecord[]>> {
    const rows = await this.gateway.readStatement(scope, BY_OWNER_IDS, { personIds });
    return groupBy(rows.map(toRecord), (account) => account.ownerId);
  }

  async upsert(scope: OperationScope, account: AccountUpsert): Promise<SocialAccountRecord> {
    const rows = await this.gateway.write(scope, (runner) =>
      runner.run(UPSERT, {
        ...account,
        followers: account.followers === null ? null : cypherInt(account.followers),
      }),
    );
    return toRecord(rows[0] ?? {});
  }

  async link(
    scope: OperationScope,
    link: {
      accountId: string;
      personId: string;
      confidence: number;
      source: string | null;
      monitoring: ConsentParam;
    },
  ): Promise<SocialAccountRecord | { missing: 'accountId' | 'personId' } | { consent: false }> {
    const rows = await this.gateway.write(scope, (runner) => runner.run(LINK, { ...link }));
    const row = rows[0] ?? {};
    if (row.accountFound !== true) return { missing: 'accountId' };
    if (row.personFound !== true) return { missing: 'personId' };
    if (row.consentGiven !== true) return { consent: false };
    return toRecord(row);
  }

  async unlink(scope: OperationScope, accountId: string): Promise<SocialAccountRecord | null> {
    const rows = await this.gateway.write(scope, (runner) => runner.run(UNLINK, { accountId }));
    return rows[0] === undefined ? null : toRecord(rows[0]);
  }

  async delete(scope: OperationScope, id: string): Promise<boolean> {
    const rows = await this.gateway.write(scope, (runner) => runner.run(DELETE, { id }));
    return Number(rows[0]?.deleted ?? 0) > 0;
  }

  async follow(
    scope: OperationScope,
    followerId: string,
    followedId: string,
  ): Promise<'followed' | 'followerId' | 'followedId'> {
    const rows = await this.gateway.write(scope, (runner) =>
      runner.run(FOLLOW, { followerId, followedId }),
    );
    const row = rows[0] ?? {};
    if (row.followerFound !== true) return 'followerId';
    if (row.followedFound !== true) return 'followedId';
    return 'followed';
  }

  async unfollow(scope: OperationScope, followerId: string, followedId: string): Promise<boolean> {
    const rows = await this.gateway.write(scope, (runner) =>
      runner.run(UNFOLLOW, { followerId, followedId }),
    );
    return Number(rows[0]?.removed ?? 0) > 0;
  }

  async list(
    scope: OperationScope,
    filter: AccountListFilter,
    page: PageRequest,
  ): Promise<{ rows: SocialAccountRecord[]; total: number }> {
    const params = {
      platform: filter.platform,
      minFollowers: filter.minFollowers === null ? null : cypherInt(filter.minFollowers),
      withoutOwner: filter.withoutOwner,
    };
    return this.gateway.read(scope, async (runner) => {
      const [count] = await runner.run(`${FILTER} RETURN count(a) AS total`, params);
      const afterValue = page.after?.sortValue;
      const rows = await runner.run(PAGE, {
        ...params,
        afterValue: typeof afterValue === 'number' ? cypherInt(afterValue) : null,
        afterId: page.after?.id ?? null,
        limit: cypherInt(page.first + 1),
      });
      return { rows: rows.map(toRecord), total: Number(count?.total ?? 0) };
    });
  }
}
