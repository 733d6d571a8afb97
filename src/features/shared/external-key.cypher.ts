/** Node labels that external keys identify through the upsert below. */
export type KeyedLabel = 'Person' | 'Organization';

/**
 * Upsert by external key, returning the node as `alias`. MERGE on the constrained key comes first:
 * concurrent upserts of one key serialise on its lock, so exactly one node is created and the
 * others update it. Parameters: $key, $system, $externalId, $properties.
 */
export function upsertByExternalKeyQuery(label: KeyedLabel, alias: string): string {
  return `
  MERGE (k:ExternalKey {key: $key})
    ON CREATE SET k.system = $system, k.externalId = $externalId
  WITH k
  OPTIONAL MATCH (k)-[:IDENTIFIES]->(existing:${label})
  CALL (k, existing) {
    WITH k, existing WHERE existing IS NULL
    CREATE (n:${label} {id: randomUUID(), createdAt: datetime()})
    MERGE (k)-[:IDENTIFIES]->(n)
    RETURN n
    UNION
    WITH existing WHERE existing IS NOT NULL
    RETURN existing AS n
  }
  SET n += $properties, n.updatedAt = datetime()
  RETURN n AS ${alias}`;
}
