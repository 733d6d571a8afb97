// Range indexes for the filters the API offers most: time ranges on interactions, kinds, names.
CREATE INDEX interaction_occurred_at IF NOT EXISTS FOR (i:Interaction) ON (i.occurredAt);
CREATE INDEX interaction_kind IF NOT EXISTS FOR (i:Interaction) ON (i.kind);
CREATE INDEX organization_name IF NOT EXISTS FOR (o:Organization) ON (o.name);
CREATE INDEX topic_name IF NOT EXISTS FOR (t:Topic) ON (t.name);
CREATE INDEX person_email IF NOT EXISTS FOR (p:Person) ON (p.email);
