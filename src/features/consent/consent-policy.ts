import { type ConsentPurpose } from './consent-purpose';

/** The Cypher parameter a consent condition reads: which purpose, and whether consent is needed. */
export interface ConsentParam {
  purpose: ConsentPurpose;
  required: boolean;
}

/**
 * Which purposes need a person's recorded consent before their data is used for it (configured by
 * CONSENT_REQUIRED_PURPOSES). A purpose that does not need consent rests on another lawful basis.
 */
export class ConsentPolicy {
  private readonly required: ReadonlySet<ConsentPurpose>;

  constructor(requiredPurposes: readonly ConsentPurpose[]) {
    this.required = new Set(requiredPurposes);
  }

  requires(purpose: ConsentPurpose): boolean {
    return this.required.has(purpose);
  }

  /** The value to pass as the parameter named in {@link consentAllows}. */
  param(purpose: ConsentPurpose): ConsentParam {
    return { purpose, required: this.requires(purpose) };
  }
}

/**
 * A Cypher predicate, true when the person bound to `personVariable` may be used for the purpose
 * in parameter `$<paramName>` (a {@link ConsentParam}): consent is not required, or the person gave
 * consent for it that is neither withdrawn nor expired. Put it inside traversals (WHERE clauses,
 * path filters) so that a person without consent is never used, not only filtered out at the end.
 * Both arguments are identifiers chosen by code, never user input.
 */
export function consentAllows(personVariable: string, paramName: string): string {
  assertIdentifier(personVariable);
  assertIdentifier(paramName);
  return (
    `(NOT $${paramName}.required OR EXISTS { ` +
    `MATCH (${personVariable})-[:GAVE]->(givenConsent:Consent) ` +
    `WHERE givenConsent.purpose = $${paramName}.purpose ` +
    `AND givenConsent.withdrawnAt IS NULL ` +
    `AND (givenConsent.expiresAt IS NULL OR givenConsent.expiresAt > datetime()) })`
  );
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

function assertIdentifier(name: string): void {
  if (!IDENTIFIER.test(name)) throw new Error(`Not a Cypher identifier: ${name}`);
}
