import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { OperationScope } from '../../src/core/neo4j/neo4j-gateway';
import type { TieImportRow } from '../../src/features/import/import-record';
import { ImportRepository } from '../../src/features/import/import.repository';
import { ImportService } from '../../src/features/import/import.service';
import { ImportFormat } from '../../src/features/import/import.type';
import { TieType } from '../../src/features/ties/tie.type';
import {
  type ImportFormat as ImportFormatName,
  ImportRecordsDocument,
  type ImportRecordType as ImportRecordTypeName,
} from '../generated/graphql';
import { dataOf } from '../support/factories';
import { projectRoot, useTestServer } from '../support/test-server';

const server = useTestServer();
const SCOPE: OperationScope = { operationName: 'importTest' };

function fixture(name: string): string {
  return readFileSync(path.join(projectRoot, 'tests', 'fixtures', 'import', name), 'utf8');
}

async function importData(format: ImportFormatName, data: string, type?: ImportRecordTypeName) {
  return server.execute(ImportRecordsDocument, { format, data, type });
}

async function imported(format: ImportFormatName, data: string, type?: ImportRecordTypeName) {
  return dataOf(await importData(format, data, type)).importRecords;
}

async function query(cypher: string, params: Record<string, unknown> = {}) {
  return server.gateway.read(SCOPE, (runner) => runner.run(cypher, params));
}

async function count(cypher: string, params: Record<string, unknown> = {}): Promise<number> {
  const [row] = await query(cypher, params);
  return Number(row?.n);
}

/** Every node and relationship with all its properties, in a stable order. */
async function graphSnapshot(): Promise<string[]> {
  const nodes = await query(
    `MATCH (n) WHERE NOT n:SchemaMigration AND NOT n:TestDatabaseMarker
     RETURN labels(n) AS labels, properties(n) AS properties`,
  );
  const relationships = await query(
    `MATCH (a)-[r]->(b)
     RETURN type(r) AS type, properties(r) AS properties,
            coalesce(a.id, a.key) AS from, coalesce(b.id, b.key) AS to`,
  );
  return [...nodes, ...relationships].map((row) => JSON.stringify(row)).sort();
}

function tieRow(line: number, fromKey: string, toKey: string, tieType: TieType): TieImportRow {
  return { line, tieType, fromKey, toKey, strength: 0.5, since: null, source: 'test' };
}

async function importPeople(system: string, count: number): Promise<void> {
  const rows = Array.from({ length: count }, (_, index) =>
    JSON.stringify({ type: 'person', system, externalId: `P-${index}`, name: `Person ${index}` }),
  );
  const report = await imported('NDJSON', rows.join('\n'));
  expect(report.rejected).toBe(0);
}

describe('import: NDJSON with every record type', () => {
  beforeAll(async () => {
    await server.gateway.write(SCOPE, (runner) =>
      runner.run("MERGE (:Product {id: 'prod-import-ebike', name: 'E-Bike'})"),
    );
  });

  it('lands every row, nodes before the relationships that need them', async () => {
    const report = await imported('NDJSON', fixture('crm.ndjson'));
    expect(report).toEqual({
      accepted: 13,
      rejected: 0,
      rejections: [],
      byKind: [
        { kind: 'PERSON', accepted: 3, rejected: 0 },
        { kind: 'ORGANIZATION', accepted: 1, rejected: 0 },
        { kind: 'ACCOUNT', accepted: 2, rejected: 0 },
        { kind: 'ROLE', accepted: 2, rejected: 0 },
        { kind: 'TIE', accepted: 2, rejected: 0 },
        { kind: 'FOLLOW', accepted: 1, rejected: 0 },
        { kind: 'INTERACTION', accepted: 2, rejected: 0 },
      ],
    });
  });

  it('writes the expected graph', async () => {
    const [anna] = await query(
      `MATCH (:ExternalKey {key: 'shop:C-1'})-[:IDENTIFIES]->(p:Person)
       RETURN p.name AS name, p.email AS email, p.locale AS locale, p.phone AS phone`,
    );
    expect(anna).toEqual({
      name: 'Anna Berg',
      email: 'anna@example.org',
      locale: 'de',
      phone: null,
    });

    const roles = await query(
      `MATCH (:ExternalKey)-[:IDENTIFIES]->(p:Person)-[r:HAS_ROLE]->(o:Organization)
       RETURN p.name AS person, r.role AS role, toString(r.since) AS since, r.source AS source,
              o.name AS organization, o.isOwnOrganization AS own
       ORDER BY person`,
    );
    expect(roles).toEqual([
      {
        person: 'Anna Berg',
        role: 'CUSTOMER',
        since: '2023-05-01',
        source: 'shop',
        organization: server.config.ownOrganizationName,
        own: true,
      },
      {
        person: 'Jo Writer',
        role: 'JOURNALIST',
        since: '2021-01-01',
        source: 'import',
        organization: 'Daily Wheels',
        own: null,
      },
    ]);

    const ties = await query(
      `MATCH (a:Person)-[t:KNOWS|COLLEAGUE_OF]->(b:Person)
       RETURN a.name AS from, type(t) AS type, t.strength AS strength, b.name AS to,
              t.id IS NOT NULL AS hasId
       ORDER BY from`,
    );
    expect(ties).toEqual([
      { from: 'Anna Berg', type: 'KNOWS', strength: 0.8, to: 'Ben Cole', hasId: true },
      { from: 'Ben Cole', type: 'COLLEAGUE_OF', strength: 0.4, to: 'Jo Writer', hasId: true },
    ]);

    const [account] = await query(
      `MATCH (a:SocialAccount {platform: 'X', handle: 'anna_berg'})-[:OWNED_BY]->(p:Person)
       MATCH (a)-[:FOLLOWS]->(followed:SocialAccount)
       RETURN a.followers AS followers, p.name AS owner, followed.handle AS follows`,
    );
    expect(account).toEqual({ followers: 1200, owner: 'Anna Berg', follows: 'dailywheels' });

    const [post] = await query(
      `MATCH (performer:SocialAccount)-[:PERFORMED]->(i:Interaction {platform: 'X', postId: '1790001'})
       RETURN performer.handle AS performer, i.kind AS kind, i.sentiment AS sentiment,
              COLLECT { MATCH (i)-[:ABOUT]->(t:Topic) RETURN t.name ORDER BY t.name } AS topics,
              COLLECT { MATCH (i)-[:ABOUT]->(p:Product) RETURN p.id } AS products,
              COLLECT { MATCH (i)-[:MENTIONS]->(m) RETURN coalesce(m.handle, m.name) ORDER BY m.name } AS mentions`,
    );
    expect(post).toEqual({
      performer: 'anna_berg',
      kind: 'POST',
      sentiment: 0.8,
      topics: ['commuting', 'e-bikes'],
      products: ['prod-import-ebike'],
      mentions: ['Jo Writer', 'dailywheels'],
    });

    const [complaint] = await query(
      `MATCH (:ExternalKey {key: 'shop:T-100'})-[:IDENTIFIES]->(i:Interaction)<-[:PERFORMED]-(p:Person)
       RETURN i.kind AS kind, i.status AS status, toString(i.occurredAt) AS occurredAt, p.name AS by`,
    );
    expect(complaint).toEqual({
      kind: 'COMPLAINT',
      status: 'OPEN',
      occurredAt: '2025-03-05T14:00:00Z',
      by: 'Ben Cole',
    });
  });

  it('changes nothing when the same file is imported again', async () => {
    const before = await graphSnapshot();
    const report = await imported('NDJSON', fixture('crm.ndjson'));
    expect(report).toMatchObject({ accepted: 13, rejected: 0 });
    expect(await graphSnapshot()).toEqual(before);
  });

  it('writes a key repeated within one batch once, the last row winning', async () => {
    const person = (name: string) =>
      JSON.stringify({ type: 'person', system: 'twice', externalId: 'T-1', name });
    const role = JSON.stringify({
      type: 'role',
      person: { system: 'twice', externalId: 'T-1' },
      role: 'PROSPECT',
    });
    const report = await imported(
      'NDJSON',
      [person('First'), role, person('Second'), role].join('\n'),
    );
    expect(report).toMatchObject({ accepted: 4, rejected: 0 });
    const rows = await query(
      `MATCH (:ExternalKey {key: 'twice:T-1'})-[:IDENTIFIES]->(p:Person)
       RETURN p.name AS name, COUNT { (p)-[:HAS_ROLE]->() } AS roles`,
    );
    expect(rows).toEqual([{ name: 'Second', roles: 1 }]);
  });

  it('updates what a later import changes, and only that', async () => {
    const [before] = await query(
      "MATCH (:ExternalKey {key: 'crm:J-7'})-[:IDENTIFIES]->(p:Person) RETURN p.updatedAt AS updatedAt",
    );
    const report = await imported(
      'NDJSON',
      '{"type":"person","system":"crm","externalId":"J-7","name":"Jo Writer-Smith"}',
    );
    expect(report.accepted).toBe(1);
    const [after] = await query(
      `MATCH (:ExternalKey {key: 'crm:J-7'})-[:IDENTIFIES]->(p:Person)
       RETURN p.name AS name, p.email AS email, p.updatedAt AS updatedAt`,
    );
    expect(after).toMatchObject({ name: 'Jo Writer-Smith', email: null });
    expect(after?.updatedAt).not.toEqual(before?.updatedAt);
  });
});

describe('import: rows that fail', () => {
  it('reports every bad row with its line and reason while the good rows land', async () => {
    const report = await imported('NDJSON', fixture('bad-rows.ndjson'));
    expect(report.rejections).toEqual([
      {
        line: 2,
        kind: 'PERSON',
        reason:
          'name must be longer than or equal to 1 characters; email must be an e-mail address',
      },
      { line: 4, kind: null, reason: 'not valid JSON' },
      { line: 5, kind: null, reason: 'unknown type "spaceship"' },
      { line: 6, kind: 'TIE', reason: 'to: no person with key bad:NOPE' },
      { line: 7, kind: 'TIE', reason: 'tieType must be a tie type such as KNOWS' },
      { line: 8, kind: 'PERSON', reason: 'unknown field nmae' },
      {
        line: 10,
        kind: 'INTERACTION',
        reason: 'an interaction needs a key: platform + postId, or system + externalId',
      },
      { line: 11, kind: 'ROLE', reason: 'since must be a real date' },
      { line: 12, kind: null, reason: 'a row must be a JSON object' },
      { line: 14, kind: 'INTERACTION', reason: 'productIds: unknown product' },
    ]);
    expect(report).toMatchObject({ accepted: 3, rejected: 10 });
    expect(
      await count(
        `MATCH (:ExternalKey {key: 'bad:B-1'})-[:IDENTIFIES]->(:Person)-[t:KNOWS]->(p:Person)
         RETURN count(t) AS n`,
      ),
    ).toBe(1);
    expect(
      await count("MATCH (k:ExternalKey) WHERE k.key STARTS WITH 'bad:' RETURN count(k) AS n"),
    ).toBe(2);
  });

  it('a batch the database refuses leaves none of its rows, also in a second query of it', async () => {
    await importPeople('atomic', 3);
    const repository = new ImportRepository(server.gateway);
    const broken = {
      ...tieRow(3, 'atomic:P-2', 'atomic:P-0', TieType.FRIEND_OF),
      since: '2024-02-30',
    };
    await expect(
      repository.upsertTies(SCOPE, [
        tieRow(1, 'atomic:P-0', 'atomic:P-1', TieType.KNOWS),
        tieRow(2, 'atomic:P-1', 'atomic:P-2', TieType.FRIEND_OF),
        broken,
      ]),
    ).rejects.toThrow();
    expect(
      await count(
        `MATCH (k:ExternalKey)-[:IDENTIFIES]->(:Person)-[t]->(:Person)
         WHERE k.key STARTS WITH 'atomic:' RETURN count(t) AS n`,
      ),
    ).toBe(0);
  });

  it('an import that crashes mid-file leaves whole batches only, and a re-run completes it', async () => {
    await importPeople('crash', 7);
    const ties = Array.from({ length: 6 }, (_, index) =>
      JSON.stringify({
        type: 'tie',
        from: { system: 'crash', externalId: `P-${index}` },
        to: { system: 'crash', externalId: `P-${index + 1}` },
        tieType: 'KNOWS',
      }),
    ).join('\n');
    const source = {
      format: ImportFormat.NDJSON,
      type: null,
      open: () => Readable.from([ties]),
    };

    /** The database refuses the last row of the second batch, after its first row was written. */
    class SecondBatchFails extends ImportRepository {
      private batches = 0;

      override upsertTies(scope: OperationScope, rows: readonly TieImportRow[]) {
        this.batches += 1;
        if (this.batches !== 2) return super.upsertTies(scope, rows);
        const last = rows.length - 1;
        return super.upsertTies(
          scope,
          rows.map((row, index) => (index === last ? { ...row, since: '2024-02-30' } : row)),
        );
      }
    }

    const crashing = new ImportService(new SecondBatchFails(server.gateway), 'Own');
    await expect(crashing.importSource(SCOPE, source, { batchSize: 2 })).rejects.toThrow();
    const crashTies = `MATCH (k:ExternalKey)-[:IDENTIFIES]->(a:Person)-[t:KNOWS]->(:Person)
                       WHERE k.key STARTS WITH 'crash:' RETURN count(t) AS n`;
    expect(await count(crashTies)).toBe(2);

    const service = new ImportService(new ImportRepository(server.gateway), 'Own');
    const report = await service.importSource(SCOPE, source, { batchSize: 2 });
    expect(report).toMatchObject({ accepted: 6, rejected: 0 });
    expect(await count(crashTies)).toBe(6);
  });
});

describe('import: CSV', () => {
  it('imports persons', async () => {
    const report = await imported('CSV', fixture('persons.csv'), 'PERSON');
    expect(report).toMatchObject({
      accepted: 3,
      rejected: 1,
      rejections: [{ line: 4, kind: 'PERSON', reason: 'email must be an e-mail address' }],
    });
    const [john] = await query(
      "MATCH (:ExternalKey {key: 'csv:P-2'})-[:IDENTIFIES]->(p:Person) RETURN p.name AS name, p.phone AS phone, p.email AS email",
    );
    expect(john).toEqual({ name: 'Doe, John', phone: '+1 555 0100', email: null });
  });

  it('imports accounts', async () => {
    const report = await imported('CSV', fixture('accounts.csv'), 'ACCOUNT');
    expect(report).toMatchObject({
      accepted: 2,
      rejected: 2,
      rejections: [
        { line: 4, kind: 'ACCOUNT', reason: 'followers must be a number' },
        { line: 5, kind: 'ACCOUNT', reason: 'owner: no person with key csv:P-404' },
      ],
    });
    const [clara] = await query(
      `MATCH (a:SocialAccount {platform: 'INSTAGRAM', handle: 'clara.rides'})-[:OWNED_BY]->(p:Person)
       RETURN a.followers AS followers, p.name AS owner`,
    );
    expect(clara).toEqual({ followers: 880, owner: 'Clara Diaz' });
    expect(
      await count("MATCH (a:SocialAccount {handle: 'nobody_owns'}) RETURN count(a) AS n"),
    ).toBe(0);
  });

  it('imports ties', async () => {
    const report = await imported('CSV', fixture('ties.csv'), 'TIE');
    expect(report).toMatchObject({
      accepted: 2,
      rejected: 2,
      rejections: [
        { line: 4, kind: 'TIE', reason: 'a tie needs two different people' },
        { line: 5, kind: 'TIE', reason: 'strength must not be greater than 1' },
      ],
    });
    const ties = await query(
      `MATCH (a:Person)-[t:FRIEND_OF|REPORTS_TO]->(b:Person)
       WHERE a.name IN ['Clara Diaz', 'Doe, John']
       RETURN a.name AS from, type(t) AS type, toString(t.since) AS since, t.source AS source, b.name AS to
       ORDER BY from`,
    );
    expect(ties).toEqual([
      {
        from: 'Clara Diaz',
        type: 'FRIEND_OF',
        since: '2018-06-01',
        source: 'import',
        to: 'Doe, John',
      },
      { from: 'Doe, John', type: 'REPORTS_TO', since: null, source: 'hr', to: 'Eva Fox' },
    ]);
  });

  it('imports interactions, quoted line breaks included', async () => {
    const report = await imported('CSV', fixture('interactions.csv'), 'INTERACTION');
    expect(report).toMatchObject({
      accepted: 3,
      rejected: 1,
      rejections: [{ line: 6, kind: 'INTERACTION', reason: 'occurredAt must be an ISO date-time' }],
    });
    const [post] = await query(
      `MATCH (a:SocialAccount)-[:PERFORMED]->(i:Interaction {platform: 'INSTAGRAM', postId: 'C9x1'})
       RETURN a.handle AS by, i.text AS text,
              COLLECT { MATCH (i)-[:ABOUT]->(t:Topic) RETURN t.name ORDER BY t.name } AS topics`,
    );
    expect(post).toEqual({
      by: 'clara.rides',
      text: 'Sunday ride,\nwith friends',
      topics: ['cycling', 'weekend trips'],
    });
    const [ticket] = await query(
      "MATCH (:ExternalKey {key: 'shop:T-2'})-[:IDENTIFIES]->(i:Interaction) RETURN i.status AS status",
    );
    expect(ticket).toEqual({ status: 'ACKNOWLEDGED' });
  });

  it('refuses a file whose header has an unknown column, before writing anything', async () => {
    const response = await importData(
      'CSV',
      'system,externalId,name,shoeSize\ncsv,Z-1,Zed,44\n',
      'PERSON',
    );
    expect(response.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.body.errors?.[0]?.message).toContain('shoeSize');
    expect(await count("MATCH (k:ExternalKey {key: 'csv:Z-1'}) RETURN count(k) AS n")).toBe(0);
  });
});

describe('import: limits and hostile input', () => {
  const tooMany = Array.from({ length: 10_001 }, () => '{}').join('\n');
  const tooBig = `${JSON.stringify({ type: 'person', system: 'big', externalId: 'X', name: 'x'.repeat(600_000) })}\n`;

  it.each([
    ['more than 10,000 rows', () => importData('NDJSON', tooMany), 'data'],
    ['more than 512 KiB', () => importData('NDJSON', tooBig), 'data'],
    ['CSV without a record type', () => importData('CSV', 'system,externalId,name\n'), 'type'],
    ['CSV of a type CSV cannot hold', () => importData('CSV', 'x\n', 'ROLE'), 'type'],
  ])('%s → BAD_USER_INPUT', async (_name, send, field) => {
    const response = await send();
    const error = response.body.errors?.[0];
    expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error?.extensions?.field).toBe(field);
  });

  it('stores injection-looking text verbatim and runs nothing of it', async () => {
    const name = "x'}) MATCH (n) DETACH DELETE n //";
    const topic = '"}]->(t) DETACH DELETE t //';
    const rows = [
      { type: 'person', system: 'inject', externalId: `a'b"c})`, name },
      {
        type: 'interaction',
        system: 'inject',
        externalId: 'I-1',
        kind: 'EMAIL',
        channel: 'EMAIL',
        occurredAt: '2025-01-01T00:00:00Z',
        text: '$rows; CALL db.clearQueryCaches()',
        performer: { system: 'inject', externalId: `a'b"c})` },
        topics: [topic],
      },
      {
        type: 'tie',
        from: { system: 'inject', externalId: 'x' },
        to: { system: 'inject', externalId: 'y' },
        tieType: 'KNOWS]->() DETACH DELETE n //',
      },
    ];
    const before = await count('MATCH (n:Person) RETURN count(n) AS n');
    const report = await imported('NDJSON', rows.map((row) => JSON.stringify(row)).join('\n'));
    expect(report).toMatchObject({ accepted: 2, rejected: 1 });
    expect(report.rejections[0]?.reason).toBe('tieType must be a tie type such as KNOWS');
    const [stored] = await query(
      `MATCH (k:ExternalKey {key: $key})-[:IDENTIFIES]->(p:Person)-[:PERFORMED]->(i:Interaction)-[:ABOUT]->(t:Topic)
       RETURN p.name AS name, i.text AS text, t.name AS topic`,
      { key: `inject:a'b"c})` },
    );
    expect(stored).toEqual({
      name,
      text: '$rows; CALL db.clearQueryCaches()',
      topic: topic.toLowerCase(),
    });
    expect(await count('MATCH (n:Person) RETURN count(n) AS n')).toBe(before + 1);
  });
});
