// Erasure: what remains of an erased person is a pseudonym that keeps their orders, and a record
// that the erasure happened (no personal data in either).
CREATE CONSTRAINT erased_person_id IF NOT EXISTS FOR (x:ErasedPerson) REQUIRE x.id IS UNIQUE;
CREATE CONSTRAINT erasure_record_pseudonym IF NOT EXISTS FOR (e:ErasureRecord) REQUIRE e.pseudonym IS UNIQUE;
