// Need-to-know: teams of staff, found and merged by name; accounts are assigned to users and teams
// with (:User|Team)-[:ASSIGNED_TO|RESPONSIBLE_FOR]->(:Organization|Person).
CREATE CONSTRAINT team_id IF NOT EXISTS FOR (t:Team) REQUIRE t.id IS UNIQUE;
CREATE CONSTRAINT team_name IF NOT EXISTS FOR (t:Team) REQUIRE t.name IS UNIQUE;
// The audit log: one entry per operation that read or changed personal data, read by person and time.
CREATE CONSTRAINT audit_entry_id IF NOT EXISTS FOR (a:AuditEntry) REQUIRE a.id IS UNIQUE;
CREATE INDEX audit_entry_at IF NOT EXISTS FOR (a:AuditEntry) ON (a.at);
CREATE INDEX consent_purpose IF NOT EXISTS FOR (c:Consent) ON (c.purpose);
