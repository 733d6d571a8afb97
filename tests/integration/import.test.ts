import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { OperationScope } from '../../src/core/neo4j/neo4j-gateway';
import type { TieImportRow } from '../../src/features/import/import-record';
import { ImportRepository } from '../../src/features/import/import.repository';
import { ImportService } from '../../src/features/import/import.service';
import { ImportFormat, ImportRecordType } from '../../src/features/import/import.type';
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

/** Every node and relationship with all its properties, in a stable order (bookkeeping aside). */
async function graphSnapshot(): Promise<string[]> {
  const nodes = await query(
    `MATCH (n) WHERE NOT n:SchemaMigration AND NOT n:TestDatabaseMarker AND NOT n:LinkChange
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
      { line: 11, kind: 'ROLE', reason: 'since must be a real date YYYY-MM-DD' },
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
    await expect(
      crashing.importSource(SCOPE, source, { batchSize: 2, lanes: 1 }),
    ).rejects.toThrow();
    const crashTies = `MATCH (k:ExternalKey)-[:IDENTIFIES]->(a:Person)-[t:KNOWS]->(:Person)
                       WHERE k.key STARTS WITH 'crash:' RETURN count(t) AS n`;
    expect(await count(crashTies)).toBe(2);

    const service = new ImportService(new ImportRepository(server.gateway), 'Own');
    const report = await service.importSource(SCOPE, source, { batchSize: 2, lanes: 1 });
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

describe('import: concurrent lanes', () => {
  const ndjson = (rows: readonly object[]) => ({
    format: ImportFormat.NDJSON,
    type: null,
    open: () => Readable.from([rows.map((row) => JSON.stringify(row)).join('\n')]),
  });
  const key = (system: string, index: number) => ({ system, externalId: `P-${index}` });
  const service = () => new ImportService(new ImportRepository(server.gateway), 'Own');

  /**
   * Every key three times, each time with other values, in an order that spreads the copies of a
   * key over several batches: with small batches and four lanes, only the per-key order of the
   * lanes makes the last copy win.
   */
  function repeatedRows(system: string, people: number, rounds = 3) {
    const rows: object[] = [];
    for (let round = 1; round <= rounds; round += 1) {
      for (let index = 0; index < people; index += 1) {
        rows.push({ type: 'person', ...key(system, index), name: `Person ${index} v${round}` });
        rows.push({
          type: 'tie',
          from: key(system, index),
          to: key(system, (index + 1) % people),
          tieType: 'KNOWS',
          strength: round / 10,
        });
        rows.push({
          type: 'interaction',
          system,
          externalId: `I-${index}`,
          kind: 'CALL',
          channel: 'PHONE',
          occurredAt: '2025-01-01T10:00:00Z',
          text: `call ${index} v${round}`,
          // The performer changes between copies: the last one must be the only one left.
          performer: key(system, (index + round) % people),
        });
      }
    }
    return rows;
  }

  async function keyedState(system: string) {
    return query(
      `CALL () {
         MATCH (k:ExternalKey)-[:IDENTIFIES]->(p:Person) WHERE k.key STARTS WITH $prefix
         RETURN k.key AS key, p.name AS name,
                [(p)-[t:KNOWS]->(b) | [b.name, t.strength]] AS ties,
                COUNT { (k)-[:IDENTIFIES]->() } AS nodesPerKey
         UNION ALL
         MATCH (k:ExternalKey)-[:IDENTIFIES]->(i:Interaction) WHERE k.key STARTS WITH $prefix
         RETURN k.key AS key, i.text AS name,
                [(p)-[:PERFORMED]->(i) | [p.name, 0]] AS ties,
                COUNT { (k)-[:IDENTIFIES]->() } AS nodesPerKey
       }
       RETURN key, name, ties, nodesPerKey ORDER BY key`,
      { prefix: `${system}:` },
    );
  }

  it('keeps the order of the rows of each key: the last row wins with any lane count', async () => {
    const people = 40;
    const oneLane = await service().importSource(SCOPE, ndjson(repeatedRows('lane1', people)), {
      batchSize: 7,
      lanes: 1,
    });
    const fourLanes = await service().importSource(SCOPE, ndjson(repeatedRows('lane4', people)), {
      batchSize: 7,
      lanes: 4,
    });
    expect(oneLane).toMatchObject({ accepted: 9 * people, rejected: 0 });
    expect(fourLanes).toEqual(oneLane);

    const state = await keyedState('lane4');
    expect(state).toHaveLength(2 * people);
    for (const row of state) expect(row.nodesPerKey).toBe(1);
    const byKey = new Map(state.map((row) => [row.key, row]));
    for (let index = 0; index < people; index += 1) {
      expect(byKey.get(`lane4:P-${index}`)).toMatchObject({
        name: `Person ${index} v3`,
        ties: [[`Person ${(index + 1) % people} v3`, 0.3]],
      });
      expect(byKey.get(`lane4:I-${index}`)).toMatchObject({
        name: `call ${index} v3`,
        ties: [[`Person ${(index + 3) % people} v3`, 0]],
      });
    }
    const normalised = (rows: typeof state) =>
      JSON.stringify(rows).replaceAll('lane1:', 'laneN:').replaceAll('lane4:', 'laneN:');
    expect(normalised(state)).toEqual(normalised(await keyedState('lane1')));
  });

  it('changes nothing when the same file is imported again with four lanes', async () => {
    // Each key twice with the same values: a file that changes a key within itself would move
    // its updatedAt on every import, with one lane as with four.
    const once = repeatedRows('rerun', 30, 1);
    const rows = [...once, ...once];
    await service().importSource(SCOPE, ndjson(rows), { batchSize: 5, lanes: 4 });
    const before = await graphSnapshot();
    const report = await service().importSource(SCOPE, ndjson(rows), { batchSize: 5, lanes: 4 });
    expect(report).toMatchObject({ accepted: rows.length, rejected: 0 });
    expect(await graphSnapshot()).toEqual(before);
  });

  it('neither loses nor doubles rows when lanes lock the same people and topics', async () => {
    // Ten people, every ordered pair tied three ways, and interactions all performed by the same
    // three people about the same two topics: the lanes' transactions keep meeting on these nodes.
    const people = 10;
    const rows: object[] = [];
    for (let index = 0; index < people; index += 1) {
      rows.push({ type: 'person', ...key('busy', index), name: `Busy ${index}` });
    }
    for (const tieType of ['KNOWS', 'FRIEND_OF', 'COLLEAGUE_OF']) {
      for (let from = 0; from < people; from += 1) {
        for (let to = 0; to < people; to += 1) {
          if (from === to) continue;
          rows.push({ type: 'tie', from: key('busy', from), to: key('busy', to), tieType });
        }
      }
    }
    const interactions = 300;
    for (let index = 0; index < interactions; index += 1) {
      rows.push({
        type: 'interaction',
        platform: 'X',
        postId: `busy-${index}`,
        kind: 'POST',
        channel: 'X',
        occurredAt: '2025-02-01T08:00:00Z',
        performer: key('busy', index % 3),
        topics: ['busy topic a', 'busy topic b'],
      });
    }
    const report = await service().importSource(SCOPE, ndjson(rows), { batchSize: 10, lanes: 4 });
    expect(report).toMatchObject({ accepted: rows.length, rejected: 0 });

    const [ties] = await query(
      `MATCH (k:ExternalKey)-[:IDENTIFIES]->(a:Person)-[t]->(b:Person)
       WHERE k.key STARTS WITH 'busy:'
       RETURN count(t) AS total, count(DISTINCT [a, b, type(t)]) AS distinct`,
    );
    expect(ties).toEqual({ total: 3 * people * (people - 1), distinct: 3 * people * (people - 1) });
    const [posts] = await query(
      `MATCH (i:Interaction) WHERE i.postId STARTS WITH 'busy-'
       RETURN count(i) AS total,
              sum(COUNT { (i)<-[:PERFORMED]-() }) AS performed,
              sum(COUNT { (i)-[:ABOUT]->(:Topic) }) AS about`,
    );
    expect(posts).toEqual({
      total: interactions,
      performed: interactions,
      about: 2 * interactions,
    });
    expect(
      await count("MATCH (t:Topic) WHERE t.name STARTS WITH 'busy topic' RETURN count(t) AS n"),
    ).toBe(2);
  });

  it('reports bad rows with their lines while the good rows land, and counts progress', async () => {
    const rows: object[] = [];
    const badLines: number[] = [];
    for (let index = 0; index < 60; index += 1) {
      const bad = index % 7 === 3;
      if (bad) badLines.push(rows.length + 1);
      rows.push({
        type: 'person',
        ...key('lanebad', index),
        name: `Person ${index}`,
        email: bad ? 'not an e-mail' : null,
      });
    }
    const tieLine = rows.length + 1;
    rows.push({ type: 'tie', from: key('lanebad', 0), to: key('lanebad', 999), tieType: 'KNOWS' });
    const progress: number[] = [];
    const report = await service().importSource(SCOPE, ndjson(rows), {
      batchSize: 4,
      lanes: 4,
      onBatch: ({ processed }) => progress.push(processed),
    });
    expect(report.rejections).toEqual([
      ...badLines.map((line) => ({
        line,
        kind: ImportRecordType.PERSON,
        reason: 'email must be an e-mail address',
      })),
      { line: tieLine, kind: ImportRecordType.TIE, reason: 'to: no person with key lanebad:P-999' },
    ]);
    expect(report).toMatchObject({ accepted: 60 - badLines.length, rejected: badLines.length + 1 });
    expect(
      await count(
        "MATCH (k:ExternalKey)-[:IDENTIFIES]->(:Person) WHERE k.key STARTS WITH 'lanebad:' RETURN count(k) AS n",
      ),
    ).toBe(60 - badLines.length);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBe(rows.length);
  });

  it('a batch that fails in one lane leaves no row of it; the other batches land whole', async () => {
    await importPeople('lanecrash', 40);
    const rows = Array.from({ length: 40 }, (_, index) => ({
      type: 'tie',
      from: key('lanecrash', index),
      to: key('lanecrash', (index * 7 + 1) % 40),
      tieType: 'REFERRED',
    }));
    const tiesWritten = `MATCH (k:ExternalKey)-[:IDENTIFIES]->(a:Person)-[t:REFERRED]->(b:Person)
                         WHERE k.key STARTS WITH 'lanecrash:'
                         RETURN a.name + ' > ' + b.name AS tie ORDER BY tie`;

    /** The database refuses the last row of the third batch; records which batches landed. */
    class ThirdBatchFails extends ImportRepository {
      private batches = 0;
      readonly landed: TieImportRow[][] = [];
      readonly failed: TieImportRow[][] = [];

      override async upsertTies(scope: OperationScope, rows: readonly TieImportRow[]) {
        this.batches += 1;
        const fails = this.batches === 3;
        const sent = fails
          ? rows.map((row, index) =>
              index === rows.length - 1 ? { ...row, since: '2024-02-30' } : row,
            )
          : rows;
        try {
          const unplaced = await super.upsertTies(scope, sent);
          this.landed.push([...rows]);
          return unplaced;
        } catch (error) {
          this.failed.push([...rows]);
          throw error;
        }
      }
    }

    const repository = new ThirdBatchFails(server.gateway);
    const crashing = new ImportService(repository, 'Own');
    await expect(
      crashing.importSource(SCOPE, ndjson(rows), { batchSize: 3, lanes: 4 }),
    ).rejects.toThrow();
    expect(repository.failed).toHaveLength(1);
    const name = (tieKey: string) => `Person ${tieKey.slice('lanecrash:P-'.length)}`;
    const expected = repository.landed
      .flat()
      .map((row) => `${name(row.fromKey)} > ${name(row.toKey)}`)
      .sort();
    expect((await query(tiesWritten)).map((row) => row.tie)).toEqual(expected);
    expect(expected.length).toBeLessThan(rows.length);

    const report = await service().importSource(SCOPE, ndjson(rows), { batchSize: 3, lanes: 4 });
    expect(report).toMatchObject({ accepted: 40, rejected: 0 });
    expect(await query(tiesWritten)).toHaveLength(40);
  });

  it.each([0, 17, 1.5])('refuses %p lanes', async (lanes) => {
    await expect(service().importSource(SCOPE, ndjson([]), { lanes })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
  });
});
