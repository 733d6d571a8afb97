import type { CypherRow, Neo4jGateway, OperationScope } from '../../core/neo4j/neo4j-gateway';
import { type ConsentParam, consentAllows } from './consent-policy';
import type { ConsentPurpose } from './consent-purpose';
import type { ConsentRecord, LawfulBasis } from './consent.type';

const CONSENT_FIELDS = `p.id AS personId, c.id AS id, c.purpose AS purpose, c.channel AS channel,
  c.lawfulBasis AS lawfulBasis, c.grantedAt AS grantedAt, c.withdrawnAt AS withdrawnAt,
  c.expiresAt AS expiresAt, c.source AS source, c.evidence AS evidence,
  c.noticeVersion AS noticeVersion, c.recordedBy AS recordedByUserId`;

// Append-only: an existing record (same deterministic id, i.e. a retried grant) is left as it was.
const GRANT = `
  MATCH (p:Person {id: $personId})
  MERGE (c:Consent {id: $id})
    ON CREATE SET c.purpose = $purpose, c.channel = $channel, c.lawfulBasis = $lawfulBasis,
      c.grantedAt = datetime($grantedAt), c.expiresAt = datetime($expiresAt), c.source = $source,
      c.evidence = $evidence, c.noticeVersion = $noticeVersion, c.recordedBy = $recordedBy,
      c.createdAt = datetime(), c.updatedAt = datetime()
  MERGE (p)-[:GAVE]->(c)
  RETURN ${CONSENT_FIELDS}`;

// Withdrawal stamps every consent for the purpose that is still in force; again = no change.
const WITHDRAW = `
  MATCH (p:Person {id: $personId})
  OPTIONAL CALL (p) {
    MATCH (p)-[:GAVE]->(c:Consent {purpose: $purpose})
    WHERE c.withdrawnAt IS NULL AND ($channel IS NULL OR c.channel = $channel)
    SET c.withdrawnAt = datetime(), c.updatedAt = datetime(), c.withdrawnBy = $recordedBy
    RETURN count(c) AS withdrawn
  }
  RETURN withdrawn`;

const BY_PERSON_IDS = `
  UNWIND $personIds AS personId
  MATCH (p:Person {id: personId})-[:GAVE]->(c:Consent)
  RETURN ${CONSENT_FIELDS}
  ORDER BY c.grantedAt DESC, c.id`;

const NOT_ALLOWED = `
  UNWIND $personIds AS personId
  MATCH (p:Person {id: personId})
  WHERE NOT ${consentAllows('p', 'consent')}
  RETURN p.id AS personId`;

function toRecord(row: CypherRow): ConsentRecord {
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  return {
    id: String(row.id),
    personId: String(row.personId),
    purpose: row.purpose as ConsentPurpose,
    channel: String(row.channel),
    lawfulBasis: row.lawfulBasis as LawfulBasis,
    grantedAt: String(row.grantedAt),
    withdrawnAt: text(row.withdrawnAt),
    expiresAt: text(row.expiresAt),
    source: String(row.source),
    evidence: text(row.evidence),
    noticeVersion: String(row.noticeVersion),
    recordedByUserId: text(row.recordedByUserId),
  };
}

export interface NewConsent {
  id: string;
  personId: string;
  purpose: ConsentPurpose;
  channel: string;
  lawfulBasis: LawfulBasis;
  grantedAt: string;
  expiresAt: string | null;
  source: string;
  evidence: string | null;
  noticeVersion: string;
  recordedBy: string | null;
}

/**
 * What a withdrawal erases besides stamping the consent, per purpose: Cypher run in the same
 * transaction with `$personId` and `$consent` (the purpose's ConsentParam), so that data kept
 * only under that consent never outlives it.
 */
export type WithdrawalErasures = Partial<Readonly<Record<ConsentPurpose, string>>>;

export class ConsentRepository {
  constructor(
    private readonly gateway: Neo4jGateway,
    private readonly erasures: WithdrawalErasures = {},
  ) {}

  /** Null when the person does not exist. */
  async grant(scope: OperationScope, consent: NewConsent): Promise<ConsentRecord | null> {
    const rows = await this.gateway.write(scope, (runner) => runner.run(GRANT, { ...consent }));
    return rows[0] === undefined ? null : toRecord(rows[0]);
  }

  /** How many consents were withdrawn; null when the person does not exist. */
  async withdraw(
    scope: OperationScope,
    change: {
      personId: string;
      purpose: ConsentPurpose;
      channel: string | null;
      recordedBy: string | null;
    },
    consent: ConsentParam,
  ): Promise<number | null> {
    const erasure = this.erasures[change.purpose];
    const rows = await this.gateway.write(scope, async (runner) => {
      const withdrawn = await runner.run(WITHDRAW, { ...change });
      if (erasure !== undefined && withdrawn[0] !== undefined) {
        await runner.run(erasure, { personId: change.personId, consent });
      }
      return withdrawn;
    });
    return rows[0] === undefined ? null : Number(rows[0].withdrawn);
  }

  async byPersonIds(
    scope: OperationScope,
    personIds: readonly string[],
  ): Promise<Map<string, ConsentRecord[]>> {
    const rows = await this.gateway.readStatement(scope, BY_PERSON_IDS, { personIds });
    const byPerson = new Map<string, ConsentRecord[]>();
    for (const record of rows.map(toRecord)) {
      const list = byPerson.get(record.personId) ?? [];
      list.push(record);
      byPerson.set(record.personId, list);
    }
    return byPerson;
  }

  /** Which of the people may not be used for the purpose (no consent in force where one is needed). */
  async notAllowed(
    scope: OperationScope,
    personIds: readonly string[],
    consent: ConsentParam,
  ): Promise<Set<string>> {
    if (!consent.required || personIds.length === 0) return new Set();
    const rows = await this.gateway.readStatement(scope, NOT_ALLOWED, { personIds, consent });
    return new Set(rows.map((row) => String(row.personId)));
  }
}
