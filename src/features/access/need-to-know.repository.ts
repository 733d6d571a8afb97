import type { Neo4jGateway, OperationScope } from '../../core/neo4j/neo4j-gateway';

/**
 * Which of the given people each member of staff needs to know: their own record, people assigned
 * to them or their team, people holding a current role at an organization assigned to them or
 * their team, and (support) people whose interactions they handled. Several requests at once (one
 * subscription event, many viewers); a single request is the same query with one.
 */
const ASSIGNED_PEOPLE_OF_MANY = `
UNWIND $requests AS request
MATCH (u:User {id: request.userId})
UNWIND request.personIds AS personId
MATCH (p:Person {id: personId})
WITH request, u, p
WHERE EXISTS { (u)-[:IS_PERSON]->(p) }
   OR EXISTS { (u)-[:ASSIGNED_TO]->(p) }
   OR EXISTS { (u)-[:MEMBER_OF]->(:Team)-[:RESPONSIBLE_FOR]->(p) }
   OR EXISTS {
        MATCH (p)-[r:HAS_ROLE]->(o:Organization)
        WHERE (r.until IS NULL OR r.until >= date())
          AND (EXISTS { (u)-[:ASSIGNED_TO]->(o) }
               OR EXISTS { (u)-[:MEMBER_OF]->(:Team)-[:RESPONSIBLE_FOR]->(o) })
      }
   OR (request.handledCounts AND EXISTS { (u)-[:HANDLED]->(:Interaction)<-[:PERFORMED]-(p) })
RETURN request.key AS key, p.id AS personId`;

export interface NeedToKnowRequest {
  /** Names the request in the answer. */
  key: string;
  userId: string;
  personIds: readonly string[];
  handledCounts: boolean;
}

export class NeedToKnowRepository {
  constructor(private readonly gateway: Neo4jGateway) {}

  async assignedPeople(
    scope: OperationScope,
    userId: string,
    personIds: readonly string[],
    handledCounts: boolean,
  ): Promise<Set<string>> {
    const answers = await this.assignedPeopleOfMany(scope, [
      { key: userId, userId, personIds, handledCounts },
    ]);
    return answers.get(userId) ?? new Set();
  }

  /** assignedPeople for several requests in one query: the people each request's user may see. */
  async assignedPeopleOfMany(
    scope: OperationScope,
    requests: readonly NeedToKnowRequest[],
  ): Promise<Map<string, Set<string>>> {
    const rows = await this.gateway.readStatement(scope, ASSIGNED_PEOPLE_OF_MANY, { requests });
    const answers = new Map<string, Set<string>>(requests.map(({ key }) => [key, new Set()]));
    for (const row of rows) answers.get(String(row.key))?.add(String(row.personId));
    return answers;
  }
}
