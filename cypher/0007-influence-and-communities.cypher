// Influence (src/features/influence): multipliers are read in score order from this index (and the
// recompute finds earlier scores through it), members of a community by its id.
CREATE INDEX person_influence_score IF NOT EXISTS FOR (p:Person) ON (p.influenceScore);
CREATE INDEX person_community_id IF NOT EXISTS FOR (p:Person) ON (p.communityId);
// Multipliers about a topic or product, in score order: equality on the subject, order on the score.
CREATE INDEX influential_on_subject_score IF NOT EXISTS FOR ()-[r:INFLUENTIAL_ON]-() ON (r.subjectId, r.score);
CREATE CONSTRAINT community_id IF NOT EXISTS FOR (c:Community) REQUIRE c.id IS UNIQUE;
CREATE INDEX community_rank IF NOT EXISTS FOR (c:Community) ON (c.rank);
// One node holds the recompute's lease and the record of its last run.
CREATE CONSTRAINT influence_computation_id IF NOT EXISTS FOR (j:InfluenceComputation) REQUIRE j.id IS UNIQUE;
