// A record's key in another system (shop, ERP, CRM) is its own node, so that one person or
// organization can carry keys from several systems. The constraint makes upserts by external key
// safe under concurrency: MERGE on it takes the key's lock, so racing upserts create one node.
CREATE CONSTRAINT external_key IF NOT EXISTS FOR (k:ExternalKey) REQUIRE k.key IS UNIQUE;
// Roles are queried by kind and time span ("customers in 2024", "current decision makers").
CREATE INDEX has_role_role IF NOT EXISTS FOR ()-[r:HAS_ROLE]-() ON (r.role);
CREATE INDEX has_role_id IF NOT EXISTS FOR ()-[r:HAS_ROLE]-() ON (r.id);
// Ties are found by id for updates and removals; one index per tie type.
CREATE INDEX knows_id IF NOT EXISTS FOR ()-[t:KNOWS]-() ON (t.id);
CREATE INDEX colleague_of_id IF NOT EXISTS FOR ()-[t:COLLEAGUE_OF]-() ON (t.id);
CREATE INDEX family_of_id IF NOT EXISTS FOR ()-[t:FAMILY_OF]-() ON (t.id);
CREATE INDEX friend_of_id IF NOT EXISTS FOR ()-[t:FRIEND_OF]-() ON (t.id);
CREATE INDEX referred_id IF NOT EXISTS FOR ()-[t:REFERRED]-() ON (t.id);
CREATE INDEX reports_to_id IF NOT EXISTS FOR ()-[t:REPORTS_TO]-() ON (t.id);
