// Full-text index for name search: tolerant of case, word order and partial names ("anna schm*").
CREATE FULLTEXT INDEX person_name_fulltext IF NOT EXISTS FOR (p:Person) ON EACH [p.name];
