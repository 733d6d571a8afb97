import { createHash, randomUUID } from 'node:crypto';
import { badUserInput, consentRequired, notFound } from '../../core/errors/domain-error';
import type { OperationScope } from '../../core/neo4j/neo4j-gateway';
import { assertEntityId } from '../shared/entity-id';
import type { ConsentPolicy } from './consent-policy';
import { CONSENT_PURPOSES, type ConsentPurpose } from './consent-purpose';
import type { ConsentRepository } from './consent.repository';
import type { ConsentRecord, ConsentStatus, GrantConsentInput } from './consent.type';

/** In force at `now`: not withdrawn, not expired, already given. */
export function isActive(consent: ConsentRecord, now: number = Date.now()): boolean {
  return (
    consent.withdrawnAt === null &&
    Date.parse(consent.grantedAt) <= now &&
    (consent.expiresAt === null || Date.parse(consent.expiresAt) > now)
  );
}

/**
 * Consent records (append-only) and the checks every feature uses before it uses a person's data
 * for a purpose. Checks read the database each time, so a withdrawal counts from the next request.
 */
export class ConsentService {
  constructor(
    private readonly repository: ConsentRepository,
    readonly policy: ConsentPolicy,
  ) {}

  async grant(
    scope: OperationScope,
    input: GrantConsentInput,
    recordedBy: string | null,
  ): Promise<ConsentRecord> {
    assertEntityId(input.personId, 'personId');
    const grantedAt = input.grantedAt ?? null;
    const expiresAt = input.expiresAt ?? null;
    if (grantedAt !== null && Date.parse(grantedAt) > Date.now() + 5 * 60_000) {
      throw badUserInput('grantedAt lies in the future', { field: 'grantedAt' });
    }
    const given = grantedAt === null ? new Date().toISOString() : new Date(grantedAt).toISOString();
    if (expiresAt !== null && Date.parse(expiresAt) <= Date.parse(given)) {
      throw badUserInput('expiresAt must lie after grantedAt', { field: 'expiresAt' });
    }
    const record = await this.repository.grant(scope, {
      // A grant with its time is identified by what it says: sending it again records nothing new.
      id:
        grantedAt === null
          ? randomUUID()
          : `consent-${createHash('sha256')
              .update(
                JSON.stringify([input.personId, input.purpose, input.channel, given, input.source]),
              )
              .digest('hex')
              .slice(0, 32)}`,
      personId: input.personId,
      purpose: input.purpose,
      channel: input.channel,
      lawfulBasis: input.lawfulBasis,
      grantedAt: given,
      expiresAt: expiresAt === null ? null : new Date(expiresAt).toISOString(),
      source: input.source,
      evidence: input.evidence ?? null,
      noticeVersion: input.noticeVersion,
      recordedBy,
    });
    if (record === null)
      throw notFound(`No person with id ${input.personId}`, { field: 'personId' });
    return record;
  }

  async withdraw(
    scope: OperationScope,
    personId: string,
    purpose: ConsentPurpose,
    channel: string | null,
    recordedBy: string | null,
  ): Promise<number> {
    assertEntityId(personId, 'personId');
    const withdrawn = await this.repository.withdraw(
      scope,
      { personId, purpose, channel, recordedBy },
      this.policy.param(purpose),
    );
    if (withdrawn === null) throw notFound(`No person with id ${personId}`, { field: 'personId' });
    return withdrawn;
  }

  byPersonIds(scope: OperationScope, personIds: readonly string[]) {
    return this.repository.byPersonIds(scope, personIds);
  }

  /** One status per purpose, from a person's consent history. */
  summarize(history: readonly ConsentRecord[], now: number = Date.now()): ConsentStatus[] {
    return CONSENT_PURPOSES.map((purpose) => {
      const inForce = history
        .filter((consent) => consent.purpose === purpose && isActive(consent, now))
        .sort((a, b) => Date.parse(b.grantedAt) - Date.parse(a.grantedAt))[0];
      return {
        purpose,
        granted: inForce !== undefined,
        allowed: inForce !== undefined || !this.policy.requires(purpose),
        since: inForce?.grantedAt ?? null,
        expiresAt: inForce?.expiresAt ?? null,
      };
    });
  }

  /** Throws CONSENT_REQUIRED naming the people that the purpose may not use. */
  async assertAllowed(
    scope: OperationScope,
    personIds: readonly string[],
    purpose: ConsentPurpose,
  ): Promise<void> {
    const refused = await this.repository.notAllowed(
      scope,
      [...new Set(personIds)],
      this.policy.param(purpose),
    );
    if (refused.size > 0) {
      throw consentRequired(`No ${purpose} consent in force for ${[...refused].join(', ')}`, {
        purpose,
        personIds: [...refused],
      });
    }
  }
}
