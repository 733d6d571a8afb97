/**
 * The interactions a 360° view covers, as Cypher. Views are about a person or an organization; the
 * label reaches Cypher text only through {@link SUBJECT_LABELS}.
 */
export type ViewSubject = 'Person' | 'Organization';

export const SUBJECT_LABELS: Readonly<Record<ViewSubject, string>> = {
  Person: 'Person',
  Organization: 'Organization',
};

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

function identifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`Not a Cypher identifier: ${name}`);
  return name;
}

/** Binds `subject` for each id in `$subjectIds`; the batch of one DataLoader tick. */
export function matchSubjects(subject: ViewSubject): string {
  return `
  UNWIND $subjectIds AS subjectId
  MATCH (subject:${SUBJECT_LABELS[subject]} {id: subjectId})`;
}

/**
 * A subquery that returns, as `i`, every interaction a person performed: classic ones themselves,
 * social ones through the accounts they own. The variable is chosen by code, never by input.
 */
export function interactionsOfPerson(person: string): string {
  const p = identifier(person);
  return `
  CALL (${p}) {
    MATCH (${p})-[:PERFORMED]->(i:Interaction) RETURN i
    UNION
    MATCH (${p})<-[:OWNED_BY]-(:SocialAccount)-[:PERFORMED]->(i:Interaction) RETURN i
  }`;
}

/**
 * An organization's interactions are those of its people while they held a role there: what a
 * contact posted before joining or after leaving is not the organization's.
 */
const ORGANIZATION_INTERACTIONS = `
  CALL (subject) {
    MATCH (subject)<-[r:HAS_ROLE]-(member:Person)
    ${interactionsOfPerson('member')}
    WITH i, r
    WHERE (r.since IS NULL OR date(i.occurredAt) >= r.since)
      AND (r.until IS NULL OR date(i.occurredAt) <= r.until)
    RETURN DISTINCT i
  }`;

/** A subquery over `subject` returning its interactions as `i`. */
export const INTERACTIONS_OF: Readonly<Record<ViewSubject, string>> = {
  Person: interactionsOfPerson('subject'),
  Organization: ORGANIZATION_INTERACTIONS,
};

/** The people who hold a role at `subject` today, as `member`. */
export const CURRENT_MEMBERS = `
  CALL (subject) {
    MATCH (subject)<-[r:HAS_ROLE]-(member:Person)
    WHERE (r.since IS NULL OR r.since <= date()) AND (r.until IS NULL OR r.until >= date())
    RETURN DISTINCT member
  }`;
