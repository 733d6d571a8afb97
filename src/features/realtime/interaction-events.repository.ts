import type { Neo4jGateway, OperationScope } from '../../core/neo4j/neo4j-gateway';
import type { InteractionAddedEvent } from './realtime-events';

// What subscription filters need of new interactions, for a batch of ids: the performer (the
// owner, for an account), the organizations where they hold a current role, the topics.
const INTERACTION_ADDED_EVENTS = `
  UNWIND $ids AS id
  MATCH (i:Interaction {id: id})
  WITH i, COLLECT {
    MATCH (p:Person)-[:PERFORMED]->(i) RETURN p
    UNION
    MATCH (p:Person)<-[:OWNED_BY]-(:SocialAccount)-[:PERFORMED]->(i) RETURN p
  } AS people
  RETURN i.id AS interactionId, i.kind AS kind, toString(i.occurredAt) AS occurredAt,
         i.sentiment AS sentiment, [p IN people | p.id] AS personIds,
         COLLECT {
           UNWIND people AS p
           MATCH (p)-[r:HAS_ROLE]->(o:Organization)
           WHERE (r.since IS NULL OR r.since <= date()) AND (r.until IS NULL OR r.until >= date())
           RETURN DISTINCT o.id
         } AS organizationIds,
         COLLECT { MATCH (i)-[:ABOUT]->(t:Topic) RETURN t.id } AS topicIds`;

export class InteractionEventsRepository {
  constructor(private readonly gateway: Neo4jGateway) {}

  async addedEvents(
    scope: OperationScope,
    ids: readonly string[],
  ): Promise<InteractionAddedEvent[]> {
    if (ids.length === 0) return [];
    const rows = await this.gateway.readStatement(scope, INTERACTION_ADDED_EVENTS, { ids });
    return rows.map((row) => ({
      interactionId: String(row.interactionId),
      kind: String(row.kind),
      occurredAt: new Date(String(row.occurredAt)).toISOString(),
      sentiment: typeof row.sentiment === 'number' ? row.sentiment : null,
      personIds: (row.personIds as string[] | null) ?? [],
      organizationIds: (row.organizationIds as string[] | null) ?? [],
      topicIds: (row.topicIds as string[] | null) ?? [],
    }));
  }
}
