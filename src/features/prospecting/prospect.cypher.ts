/**
 * Cypher fragments shared by referrals, look-alikes and reference customers. Each takes the name
 * of a bound variable (chosen by code, never by input) and reads parameters that
 * {@link prospectParams} fills in.
 */
import { InteractionKind, InteractionStatus } from '../interactions/interaction.type';
import { OWN_ORGANIZATION_ID } from '../organizations/organization.repository';
import { RoleType } from '../roles/role.type';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

function variable(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`Not a Cypher identifier: ${name}`);
  return name;
}

/** A role relationship that holds today. */
export function isCurrent(role: string): string {
  const r = variable(role);
  return `((${r}.since IS NULL OR ${r}.since <= date()) AND (${r}.until IS NULL OR ${r}.until >= date()))`;
}

/** A current customer of ours: a CUSTOMER role at our own organization that holds today. */
export function isCurrentCustomer(person: string): string {
  const p = variable(person);
  return `EXISTS { MATCH (${p})-[customerRole:HAS_ROLE {role: $customerRole}]->(:Organization {id: $ownOrganizationId})
    WHERE ${isCurrent('customerRole')} }`;
}

/** A member of our staff (their person is linked to a staff user). */
export function isStaff(person: string): string {
  return `EXISTS { (${variable(person)})<-[:IS_PERSON]-(:User) }`;
}

/** A complaint by the person (or one of their accounts) that is not resolved yet. */
export function hasOpenComplaint(person: string): string {
  return `EXISTS { MATCH (${variable(person)})<-[:OWNED_BY*0..1]-()-[:PERFORMED]->(complaint:Interaction {kind: $complaintKind})
    WHERE coalesce(complaint.status, $openStatus) IN $openStatuses }`;
}

/**
 * The mean sentiment of the person's interactions (their own and their accounts'), about
 * $productId when it is set; null when none is rated.
 */
export function meanSentiment(person: string): string {
  return `COLLECT { MATCH (${variable(person)})<-[:OWNED_BY*0..1]-()-[:PERFORMED]->(rated:Interaction)
      WHERE rated.sentiment IS NOT NULL
        AND ($productId IS NULL OR EXISTS { (rated)-[:ABOUT]->(:Product {id: $productId}) })
      RETURN rated.sentiment }`;
}

/**
 * What a person is like, as feature keys: interests (topic:…, product:…), current roles other than
 * being our customer (role:…), and the kinds of organization those roles are at (kind:…).
 */
export function featuresOf(person: string): string {
  const p = variable(person);
  return `COLLECT {
      MATCH (${p})-[:INTERESTED_IN]->(topic:Topic) RETURN 'topic:' + topic.id AS feature
      UNION MATCH (${p})-[:INTERESTED_IN]->(product:Product) RETURN 'product:' + product.id AS feature
      UNION MATCH (${p})-[featureRole:HAS_ROLE]->(:Organization)
        WHERE featureRole.role <> $customerRole AND ${isCurrent('featureRole')}
        RETURN 'role:' + featureRole.role AS feature
      UNION MATCH (${p})-[featureRole:HAS_ROLE]->(organization:Organization)
        WHERE organization.id <> $ownOrganizationId AND ${isCurrent('featureRole')}
        RETURN 'kind:' + organization.kind AS feature
    }`;
}

/** The parameters the fragments read. */
export function prospectParams(): Record<string, unknown> {
  return {
    customerRole: RoleType.CUSTOMER,
    ownOrganizationId: OWN_ORGANIZATION_ID,
    complaintKind: InteractionKind.COMPLAINT,
    openStatus: InteractionStatus.OPEN,
    openStatuses: [InteractionStatus.OPEN, InteractionStatus.ACKNOWLEDGED],
  };
}
