import type { CypherRow, Neo4jGateway, OperationScope } from '../../core/neo4j/neo4j-gateway';
import { cypherInt } from '../../core/neo4j/neo4j-values';
import { type ConsentParam, consentAllows } from '../consent/consent-policy';
import { InteractionKind } from '../interactions/interaction.type';
import { MEMBER_ROLES } from '../reach/reach.repository';
import type { RoleType } from '../roles/role.type';
import { ANY_TIE } from '../ties/tie.type';
import {
  featuresOf,
  isCurrent,
  isCurrentCustomer,
  isStaff,
  prospectParams,
} from './prospect.cypher';

/**
 * Customers (or customer organizations) taken as the model, at most: beyond a few thousand the
 * profile hardly changes, and the network part stays bounded.
 */
export const MAX_SEEDS = 2_000;
/** How a look-alike's score weighs being like the customers against being near them. */
export const LOOKALIKE_WEIGHTS = { profile: 0.7, network: 0.3 } as const;

const CUSTOMER_FILTER = `
  ${consentAllows('customer', 'consent')}
  AND ($productId IS NULL OR EXISTS {
    MATCH (customer)<-[:OWNED_BY*0..1]-()-[:PERFORMED]->(:Interaction {kind: $orderKind})
      -[:ABOUT]->(:Product {id: $productId}) })
  AND ($segmentRole IS NULL OR EXISTS {
    MATCH (customer)-[segment:HAS_ROLE {role: $segmentRole}]->() WHERE ${isCurrent('segment')} })`;

const CURRENT_CUSTOMERS = `
  MATCH (:Organization {id: $ownOrganizationId})<-[customerRole:HAS_ROLE {role: $customerRole}]
    -(customer:Person)
  WHERE ${isCurrent('customerRole')}
  WITH DISTINCT customer
  WHERE ${CUSTOMER_FILTER}`;

/** Current members of an organization: who it is made of. */
function membersOf(organization: string, member: string, membership: string): string {
  return `(${organization})<-[${membership}:HAS_ROLE]-(${member}:Person)
    WHERE ${membership}.role IN $memberRoles AND ${isCurrent(membership)}`;
}

/** An organization's features: its kind and what its (consenting) members are interested in. */
function organizationFeaturesOf(organization: string): string {
  return `COLLECT {
      RETURN 'kind:' + ${organization}.kind AS feature
      UNION MATCH ${membersOf(organization, 'member', 'membership')}
        AND ${consentAllows('member', 'consent')}
      MATCH (member)-[:INTERESTED_IN]->(subject)
      RETURN CASE WHEN subject:Product THEN 'product:' ELSE 'topic:' END + subject.id AS feature
    }`;
}

// Aggregations over a collected list run in CALL, not COLLECT { }: a COLLECT subquery would group
// by the imported list, hashing it for every row.
const PERSON_PROFILE = `
  CALL () {
    ${CURRENT_CUSTOMERS}
    RETURN customer ORDER BY customer.id LIMIT $maxSeeds
  }
  WITH collect(customer) AS customers
  CALL (customers) {
    UNWIND customers AS customer
    UNWIND ${featuresOf('customer')} AS feature
    WITH feature, count(*) AS seeds
    RETURN collect({feature: feature, seeds: seeds}) AS features
  }
  RETURN [customer IN customers | customer.id] AS seedIds, features`;

const ORGANIZATION_PROFILE = `
  CALL () {
    ${CURRENT_CUSTOMERS}
    MATCH (customer)-[membership:HAS_ROLE]->(organization:Organization)
    WHERE membership.role IN $memberRoles AND ${isCurrent('membership')}
      AND organization.id <> $ownOrganizationId
    RETURN DISTINCT organization ORDER BY organization.id LIMIT $maxSeeds
  }
  WITH collect(organization) AS organizations
  CALL (organizations) {
    UNWIND organizations AS organization
    UNWIND ${organizationFeaturesOf('organization')} AS feature
    WITH feature, count(*) AS seeds
    RETURN collect({feature: feature, seeds: seeds}) AS features
  }
  RETURN [organization IN organizations | organization.id] AS seedIds, features`;

/**
 * The score's two parts: weighted Jaccard of the features against the profile (Σmin/Σmax, each
 * feature weighted by its share of the customers) and the Adamic-Adar index to the customers.
 */
const SCORE = `
  WITH candidate, adamicAdar, commonNeighbours, features,
    reduce(shared = 0.0, feature IN features | shared + coalesce($profile[feature], 0.0)) AS shared
  WITH candidate, adamicAdar, commonNeighbours, features,
    CASE WHEN size(features) + $profileMass - shared <= 0 THEN 0.0
      ELSE shared / (size(features) + $profileMass - shared) END AS profileSimilarity
  WITH candidate, adamicAdar, commonNeighbours, features, profileSimilarity,
    $profileWeight * profileSimilarity + $networkWeight * adamicAdar / (1 + adamicAdar) AS score
  WHERE score > 0
  ORDER BY score DESC, candidate.id
  LIMIT $first
  RETURN candidate.id AS id, score, profileSimilarity, adamicAdar AS networkScore, commonNeighbours,
    [feature IN features WHERE $profile[feature] IS NOT NULL] AS sharedFeatures`;

/**
 * People near the customers (Adamic-Adar over ties: each shared neighbour counts the customers it
 * is tied to over the log of its ties) or sharing their interests; not customers, not staff, with
 * consent.
 */
const PERSON_CANDIDATES = `
  CALL () {
    UNWIND $seedIds AS seedId
    MATCH (seed:Person {id: seedId})-[:${ANY_TIE}]-(middle:Person)
    WITH middle, count(DISTINCT seed) AS seedNeighbours
    WITH middle, seedNeighbours, COUNT { (middle)-[:${ANY_TIE}]-() } AS degree
    MATCH (middle)-[:${ANY_TIE}]-(candidate:Person)
    WITH DISTINCT candidate, middle, seedNeighbours, degree
    RETURN candidate, sum(seedNeighbours / log(CASE WHEN degree < 2 THEN 2 ELSE degree END))
      AS adamicAdar, count(middle) AS commonNeighbours
    UNION ALL
    UNWIND $interestIds AS interestId
    CALL (interestId) {
      MATCH (subject:Topic {id: interestId}) RETURN subject
      UNION MATCH (subject:Product {id: interestId}) RETURN subject
    }
    MATCH (subject)<-[:INTERESTED_IN]-(candidate:Person)
    RETURN DISTINCT candidate, 0.0 AS adamicAdar, 0 AS commonNeighbours
  }
  WITH candidate, sum(adamicAdar) AS adamicAdar, sum(commonNeighbours) AS commonNeighbours
  WHERE NOT candidate.id IN $seedIds AND NOT ${isCurrentCustomer('candidate')}
    AND NOT ${isStaff('candidate')} AND ${consentAllows('candidate', 'consent')}
  WITH candidate, adamicAdar, commonNeighbours, ${featuresOf('candidate')} AS features
  ${SCORE}`;

/** The same for organizations: their members' ties and interests, and their kind. */
const ORGANIZATION_CANDIDATES = `
  CALL () {
    UNWIND $seedIds AS seedId
    MATCH (seedOrganization:Organization {id: seedId})
    MATCH ${membersOf('seedOrganization', 'seedMember', 'seedMembership')}
    WITH DISTINCT seedMember
    MATCH (seedMember)-[:${ANY_TIE}]-(middle:Person)
    WITH middle, count(DISTINCT seedMember) AS seedNeighbours
    WITH middle, seedNeighbours, COUNT { (middle)-[:${ANY_TIE}]-() } AS degree
    MATCH (middle)-[:${ANY_TIE}]-(:Person)-[membership:HAS_ROLE]->(candidate:Organization)
    WHERE membership.role IN $memberRoles AND ${isCurrent('membership')}
    WITH DISTINCT candidate, middle, seedNeighbours, degree
    RETURN candidate, sum(seedNeighbours / log(CASE WHEN degree < 2 THEN 2 ELSE degree END))
      AS adamicAdar, count(middle) AS commonNeighbours
    UNION ALL
    MATCH (candidate:Organization)
    RETURN candidate, 0.0 AS adamicAdar, 0 AS commonNeighbours
  }
  WITH candidate, sum(adamicAdar) AS adamicAdar, sum(commonNeighbours) AS commonNeighbours
  WHERE NOT candidate.id IN $seedIds AND candidate.id <> $ownOrganizationId
  WITH candidate, adamicAdar, commonNeighbours, ${organizationFeaturesOf('candidate')} AS features
  ${SCORE}`;

export interface CustomerProfile {
  seedIds: string[];
  /** Feature → share of the customers that have it. */
  shares: Map<string, number>;
}

export interface LookalikeRow {
  id: string;
  score: number;
  profileSimilarity: number;
  networkScore: number;
  commonNeighbours: number;
  sharedFeatures: string[];
}

export interface LookalikeQuery {
  organizations: boolean;
  productId: string | null;
  segmentRole: RoleType | null;
  consent: ConsentParam;
}

function baseParams(query: LookalikeQuery) {
  return {
    ...prospectParams(),
    productId: query.productId,
    segmentRole: query.segmentRole,
    consent: query.consent,
    orderKind: InteractionKind.ORDER,
    memberRoles: [...MEMBER_ROLES],
  };
}

function toRow(row: CypherRow): LookalikeRow {
  return {
    id: String(row.id),
    score: Number(row.score),
    profileSimilarity: Number(row.profileSimilarity),
    networkScore: Number(row.networkScore),
    commonNeighbours: Number(row.commonNeighbours),
    sharedFeatures: Array.isArray(row.sharedFeatures) ? row.sharedFeatures.map(String) : [],
  };
}

export class LookalikeRepository {
  constructor(private readonly gateway: Neo4jGateway) {}

  async productExists(scope: OperationScope, productId: string): Promise<boolean> {
    const rows = await this.gateway.readStatement(
      scope,
      'RETURN EXISTS { MATCH (:Product {id: $productId}) } AS found',
      { productId },
    );
    return rows[0]?.found === true;
  }

  async profile(scope: OperationScope, query: LookalikeQuery): Promise<CustomerProfile> {
    const rows = await this.gateway.readStatement(
      scope,
      query.organizations ? ORGANIZATION_PROFILE : PERSON_PROFILE,
      {
        ...baseParams(query),
        maxSeeds: cypherInt(MAX_SEEDS),
      },
    );
    const row = rows[0];
    const seedIds = Array.isArray(row?.seedIds) ? row.seedIds.map(String) : [];
    const features = Array.isArray(row?.features)
      ? (row.features as Record<string, unknown>[])
      : [];
    const shares = new Map(
      features.map((entry) => [String(entry.feature), Number(entry.seeds) / seedIds.length]),
    );
    return { seedIds, shares };
  }

  async candidates(
    scope: OperationScope,
    query: LookalikeQuery,
    profile: CustomerProfile,
    first: number,
  ): Promise<LookalikeRow[]> {
    const interestIds = [...profile.shares.keys()]
      .filter((feature) => feature.startsWith('topic:') || feature.startsWith('product:'))
      .map((feature) => feature.slice(feature.indexOf(':') + 1));
    let profileMass = 0;
    for (const share of profile.shares.values()) profileMass += share;
    const rows = await this.gateway.readStatement(
      scope,
      query.organizations ? ORGANIZATION_CANDIDATES : PERSON_CANDIDATES,
      {
        ...baseParams(query),
        seedIds: profile.seedIds,
        interestIds,
        profile: Object.fromEntries(profile.shares),
        profileMass,
        profileWeight: LOOKALIKE_WEIGHTS.profile,
        networkWeight: LOOKALIKE_WEIGHTS.network,
        first: cypherInt(first),
      },
    );
    return rows.map(toRow);
  }
}
