// The link journal (written by the local launcher, neo4j-local/.../LinkJournal.java; read by
// src/core/neo4j/link-journal.ts). A range index: readers ask for the entries since a time,
// pruning for those before one.
CREATE INDEX link_change_at IF NOT EXISTS FOR (c:LinkChange) ON (c.at);
