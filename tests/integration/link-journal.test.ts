import { randomUUID } from 'node:crypto';
import { readEnvironment } from '../../src/core/config/config';
import {
  LinkJournal,
  type LinkChangeBatch,
  type LinkJournalCursor,
  probeLinkJournal,
} from '../../src/core/neo4j/link-journal';
import type { CypherParams, Neo4jGateway } from '../../src/core/neo4j/neo4j-gateway';
import { cypherInt } from '../../src/core/neo4j/neo4j-values';
import { resetGraph } from '../support/test-database';
import { connectTestGateway, projectRoot } from '../support/test-server';

const scope = { operationName: 'linkJournalTest' };
const HOUR_MS = 60 * 60 * 1000;

// Only the project's launcher runs the journal; a stock Neo4j (a testcontainer, or NEO4J_URI)
// answers the probe with false and has no entries to check.
const journaled = readEnvironment(projectRoot).TEST_NEO4J_KIND === 'local';
const describeJournaled = journaled ? describe : describe.skip;

let gateway: Neo4jGateway;

/** Unique ids for this run: the names the tests use, and the ids the graph holds. */
const run = randomUUID().slice(0, 8);
const id = (name: string) => `${name}-${run}`;
const ids = (...names: string[]) => names.map(id).sort();

async function write(cypher: string, params: CypherParams = {}): Promise<void> {
  await gateway.write(scope, (runner) => runner.run(cypher, { ...params, run }));
}

interface Entry {
  people: string[];
  accounts: string[];
  interactions: string[];
  organizations: string[];
  reset: boolean;
}

async function journal(): Promise<Entry[]> {
  const rows = await gateway.read(scope, (runner) =>
    runner.run(
      `MATCH (c:LinkChange)
       RETURN c {.people, .accounts, .interactions, .organizations, .reset} AS entry
       ORDER BY c.at`,
    ),
  );
  return rows.map((row) => row.entry as Entry);
}

/** Deleting entries records none: LinkChange is no link. */
async function clearJournal(): Promise<void> {
  await write('MATCH (c:LinkChange) DELETE c');
}

/** The entries one transaction leaves behind. */
async function entriesOf(cypher: string): Promise<Entry[]> {
  await clearJournal();
  await write(cypher);
  return journal();
}

function entry(expected: Partial<Entry>): Entry {
  return {
    people: [],
    accounts: [],
    interactions: [],
    organizations: [],
    reset: false,
    ...expected,
  };
}

// Cypher fragments: the node with a test name, e.g. person('ann') matches (ann:Person {id: 'ann-…'}).
const node = (label: string) => (name: string) => `(${name}:${label} {id: '${name}-' + $run})`;
const person = node('Person');
const account = node('SocialAccount');
const interaction = node('Interaction');
const organization = node('Organization');

beforeAll(async () => {
  gateway = connectTestGateway();
  await resetGraph(gateway);
  await write(
    `CREATE ${person('ann')}, ${person('ben')}, ${person('cid')}, ${organization('acme')},
            ${account('annX')}, ${account('benX')}, ${interaction('post')},
            (:User {id: 'agent-' + $run}),
            (ann)-[:GAVE]->(:Consent {id: 'annConsent-' + $run, purpose: 'NEWSLETTER'})
     SET post.occurredAt = datetime('2026-01-05T10:00:00Z')`,
  );
});

afterAll(async () => {
  await resetGraph(gateway);
  await gateway.close();
});

describe('probeLinkJournal', () => {
  it(`says whether the database runs the journal (${journaled ? 'the launcher' : 'a stock Neo4j'})`, async () => {
    expect(await probeLinkJournal(gateway, scope)).toBe(journaled);
  });

  it('leaves no probe behind', async () => {
    await probeLinkJournal(gateway, scope);
    const rows = await gateway.read(scope, (runner) =>
      runner.run('MATCH (p:LinkJournalProbe) RETURN count(p) AS probes'),
    );
    expect(rows).toEqual([{ probes: 0 }]);
  });
});

interface JournalCase {
  name: string;
  /** Run first, in its own transaction, when the case needs something to change or delete. */
  given?: string;
  when: string;
  expected: Entry[];
}

const tieTypes = ['KNOWS', 'COLLEAGUE_OF', 'FAMILY_OF', 'FRIEND_OF', 'REFERRED', 'REPORTS_TO'];

const cases: JournalCase[] = [
  ...tieTypes.map((type) => ({
    name: `creating a ${type} tie names both people`,
    when: `MATCH ${person('ann')}, ${person('ben')} CREATE (ann)-[:${type} {strength: 0.5}]->(ben)`,
    expected: [entry({ people: ids('ann', 'ben') })],
  })),
  {
    name: "changing a tie's strength names both people",
    given: `MATCH ${person('ann')}, ${person('cid')} MERGE (ann)-[t:KNOWS]->(cid) SET t.strength = 0.5`,
    when: `MATCH ${person('ann')}-[t:KNOWS]->${person('cid')} SET t.strength = 0.9`,
    expected: [entry({ people: ids('ann', 'cid') })],
  },
  {
    name: "setting a tie's strength to the value it has records nothing",
    given: `MATCH ${person('ann')}, ${person('cid')} MERGE (ann)-[t:KNOWS]->(cid) SET t.strength = 0.5`,
    when: `MATCH ${person('ann')}-[t:KNOWS]->${person('cid')} SET t.strength = 0.5`,
    expected: [],
  },
  {
    name: "removing a tie's property names both people",
    given: `MATCH ${person('ann')}, ${person('cid')} MERGE (ann)-[t:KNOWS]->(cid) SET t.source = 'x'`,
    when: `MATCH ${person('ann')}-[t:KNOWS]->${person('cid')} REMOVE t.source`,
    expected: [entry({ people: ids('ann', 'cid') })],
  },
  {
    name: 'deleting a tie names both people',
    given: `MATCH ${person('ben')}, ${person('cid')} MERGE (ben)-[:FRIEND_OF]->(cid)`,
    when: `MATCH ${person('ben')}-[t:FRIEND_OF]->${person('cid')} DELETE t`,
    expected: [entry({ people: ids('ben', 'cid') })],
  },
  {
    name: 'a new follow names both accounts',
    when: `MATCH ${account('annX')}, ${account('benX')} CREATE (annX)-[:FOLLOWS]->(benX)`,
    expected: [entry({ accounts: ids('annX', 'benX') })],
  },
  {
    name: "a follow's changed date names both accounts",
    given: `MATCH ${account('benX')}, ${account('annX')} MERGE (benX)-[:FOLLOWS]->(annX)`,
    when: `MATCH ${account('benX')}-[f:FOLLOWS]->${account('annX')} SET f.since = date('2026-01-01')`,
    expected: [entry({ accounts: ids('annX', 'benX') })],
  },
  {
    name: 'an ended follow names both accounts',
    given: `MATCH ${account('benX')}, ${account('annX')} MERGE (benX)-[:FOLLOWS]->(annX)`,
    when: `MATCH ${account('benX')}-[f:FOLLOWS]->${account('annX')} DELETE f`,
    expected: [entry({ accounts: ids('annX', 'benX') })],
  },
  {
    name: 'an account linked to its owner names both',
    when: `MATCH ${account('annX')}, ${person('ann')} CREATE (annX)-[:OWNED_BY]->(ann)`,
    expected: [entry({ people: ids('ann'), accounts: ids('annX') })],
  },
  {
    name: 'an account unlinked from its owner names both',
    given: `MATCH ${account('benX')}, ${person('ben')} MERGE (benX)-[:OWNED_BY]->(ben)`,
    when: `MATCH ${account('benX')}-[o:OWNED_BY]->(:Person) DELETE o`,
    expected: [entry({ people: ids('ben'), accounts: ids('benX') })],
  },
  {
    name: 'a reply performed by a person, mentioning another, names both interactions',
    when: `MATCH ${person('ben')}, ${person('cid')}, ${interaction('post')}
           CREATE (ben)-[:PERFORMED]->(reply:Interaction {id: 'reply-' + $run, kind: 'REPLY'})
                  -[:REPLY_TO]->(post),
                  (reply)-[:MENTIONS]->(cid)`,
    expected: [entry({ interactions: ids('post', 'reply') })],
  },
  {
    name: 'a post handled by staff names the post',
    when: `MATCH (agent:User {id: 'agent-' + $run}), ${interaction('post')} CREATE (agent)-[:HANDLED]->(post)`,
    expected: [entry({ interactions: ids('post') })],
  },
  {
    name: "a post's new time names the post",
    when: `MATCH ${interaction('post')} SET post.occurredAt = datetime('2026-01-06T10:00:00Z')`,
    expected: [entry({ interactions: ids('post') })],
  },
  {
    name: "a post's other properties record nothing",
    when: `MATCH ${interaction('post')} SET post.sentiment = 0.4`,
    expected: [],
  },
  {
    name: 'a changed consent names the person who gave it',
    when: `MATCH (c:Consent {id: 'annConsent-' + $run}) SET c.withdrawnAt = datetime()`,
    expected: [entry({ people: ids('ann') })],
  },
  {
    name: "a consent's removed property names the person who gave it",
    given: `MATCH (c:Consent {id: 'annConsent-' + $run}) SET c.expiresAt = datetime()`,
    when: `MATCH (c:Consent {id: 'annConsent-' + $run}) REMOVE c.expiresAt`,
    expected: [entry({ people: ids('ann') })],
  },
  {
    name: 'a consent nobody gave records nothing',
    when: `CREATE (:Consent {id: 'stray-' + $run, purpose: 'NEWSLETTER'})`,
    expected: [],
  },
  {
    name: 'a new consent names the person who gave it',
    when: `MATCH ${person('ben')} CREATE (ben)-[:GAVE]->(:Consent {id: 'benConsent-' + $run})`,
    expected: [entry({ people: ids('ben') })],
  },
  {
    name: 'a login linked to a person names the person',
    when: `MATCH (agent:User {id: 'agent-' + $run}), ${person('cid')} CREATE (agent)-[:IS_PERSON]->(cid)`,
    expected: [entry({ people: ids('cid') })],
  },
  {
    name: 'a new role names the person and the organization',
    when: `MATCH ${person('ann')}, ${organization('acme')}
           CREATE (ann)-[:HAS_ROLE {id: 'annRole-' + $run, role: 'CUSTOMER'}]->(acme)`,
    expected: [entry({ people: ids('ann'), organizations: ids('acme') })],
  },
  {
    name: 'an ended role names the person and the organization',
    given: `MATCH ${person('ben')}, ${organization('acme')}
            MERGE (ben)-[:HAS_ROLE {id: 'benRole-' + $run, role: 'EMPLOYEE'}]->(acme)`,
    when: `MATCH ()-[r:HAS_ROLE {id: 'benRole-' + $run}]->() SET r.until = date('2026-01-31')`,
    expected: [entry({ people: ids('ben'), organizations: ids('acme') })],
  },
  {
    name: 'a deleted role names the person and the organization',
    given: `MATCH ${person('cid')}, ${organization('acme')}
            MERGE (cid)-[:HAS_ROLE {id: 'cidRole-' + $run, role: 'PROSPECT'}]->(acme)`,
    when: `MATCH ()-[r:HAS_ROLE {id: 'cidRole-' + $run}]->() DELETE r`,
    expected: [entry({ people: ids('cid'), organizations: ids('acme') })],
  },
  {
    name: 'DETACH DELETE of a person names it and everything it was linked to',
    given: `MATCH ${person('ben')}, ${organization('acme')}, ${interaction('post')}, ${account('benX')}
            CREATE (dan:Person {id: 'dan-' + $run})-[:KNOWS]->(ben),
                   (danX:SocialAccount {id: 'danX-' + $run})-[:OWNED_BY]->(dan),
                   (danX)-[:FOLLOWS]->(benX),
                   (dan)-[:PERFORMED]->(:Interaction {id: 'danPost-' + $run})-[:REPLY_TO]->(post),
                   (dan)-[:HAS_ROLE {role: 'CUSTOMER'}]->(acme),
                   (dan)-[:GAVE]->(:Consent {id: 'danConsent-' + $run})`,
    when: `MATCH ${person('dan')} DETACH DELETE dan`,
    expected: [
      entry({
        people: ids('ben', 'dan'),
        accounts: ids('danX'),
        interactions: ids('danPost'),
        organizations: ids('acme'),
      }),
    ],
  },
  {
    name: 'deleting a person without links names the person',
    given: `CREATE (:Person {id: 'eve-' + $run})`,
    when: `MATCH ${person('eve')} DELETE eve`,
    expected: [entry({ people: ids('eve') })],
  },
  {
    name: 'DETACH DELETE of an account names it, its owner and the accounts it followed',
    given: `MATCH ${person('cid')}, ${account('annX')}
            CREATE (cid)<-[:OWNED_BY]-(:SocialAccount {id: 'cidX-' + $run})-[:FOLLOWS]->(annX)`,
    when: `MATCH ${account('cidX')} DETACH DELETE cidX`,
    expected: [entry({ people: ids('cid'), accounts: ids('annX', 'cidX') })],
  },
  {
    name: 'DETACH DELETE of an interaction names it and the ones it replied to',
    given: `MATCH ${interaction('post')}, ${person('ann')}
            CREATE (ann)-[:PERFORMED]->(:Interaction {id: 'share-' + $run})-[:REPLY_TO]->(post)`,
    when: `MATCH ${interaction('share')} DETACH DELETE share`,
    expected: [entry({ interactions: ids('post', 'share') })],
  },
  {
    name: 'writes that touch no link record nothing',
    when: `MATCH ${person('ann')}, ${interaction('post')}
           SET ann.name = 'Ann ' + $run
           CREATE (topic:Topic {id: 'topic-' + $run, name: 'Bikes ' + $run}),
                  (post)-[:ABOUT]->(topic), (ann)-[:INTERESTED_IN {weight: 0.5}]->(topic),
                  (:AuditEntry {id: 'audit-' + $run})`,
    expected: [],
  },
  {
    name: 'a link to an entity without an id asks for a reset',
    when: `MATCH ${person('ann')} CREATE (:Person {name: 'nameless'})-[:KNOWS]->(ann)`,
    expected: [entry({ people: ids('ann'), reset: true })],
  },
];

describeJournaled('the launcher journals link changes in the same transaction', () => {
  it.each(cases)('$name', async ({ given, when, expected }) => {
    if (given !== undefined) await write(given);
    expect(await entriesOf(when)).toEqual(expected);
  });

  it('a rolled-back transaction leaves no entry', async () => {
    await clearJournal();
    const failure = new Error('rolled back on purpose');
    await expect(
      gateway.write(scope, async (runner) => {
        await runner.run(
          `MATCH ${person('ann')}, ${person('ben')} CREATE (ann)-[:REFERRED]->(ben)`,
          { run },
        );
        throw failure;
      }),
    ).rejects.toThrow();
    expect(await journal()).toEqual([]);
  });

  it('one transaction is one entry, however many links it changes', async () => {
    const entries = await entriesOf(
      `MATCH ${person('ann')}, ${person('ben')}, ${person('cid')}, ${account('annX')}
       CREATE (ann)-[:COLLEAGUE_OF]->(ben), (ben)-[:COLLEAGUE_OF]->(cid),
              (annX)-[:OWNED_BY]->(ann)`,
    );
    expect(entries).toEqual([entry({ people: ids('ann', 'ben', 'cid'), accounts: ids('annX') })]);
  });
});

describeJournaled('LinkJournal reads and prunes the journal', () => {
  const options = { overlapMs: 10_000, batchSize: 3, pruneBatchSize: 2 };

  /** An entry as the launcher would write it, `at` relative to the server's clock. */
  async function addEntry(offsetMs: number, people: string[], reset = false): Promise<void> {
    await write(
      `CREATE (:LinkChange {at: timestamp() + $offset, people: $people, accounts: [],
                            interactions: [], organizations: [], reset: $reset})`,
      { offset: cypherInt(offsetMs), people, reset },
    );
  }

  async function readAll(
    reader: LinkJournal,
    start: LinkJournalCursor,
  ): Promise<{ batches: LinkChangeBatch[]; cursor: LinkJournalCursor }> {
    const batches: LinkChangeBatch[] = [];
    let cursor = start;
    for (let read = 0; read < 10; read++) {
      const batch = await reader.readSince(scope, cursor);
      batches.push(batch);
      cursor = batch.cursor;
      if (!batch.more) break;
    }
    return { batches, cursor };
  }

  beforeEach(clearJournal);

  it('returns each entry once across overlapping reads', async () => {
    const reader = new LinkJournal(gateway, options);
    const start = await reader.openCursor(scope);
    await write(`MATCH ${person('ann')}, ${person('ben')} CREATE (ann)-[:KNOWS]->(ben)`);
    await write(`MATCH ${account('annX')}, ${account('benX')} CREATE (benX)-[:FOLLOWS]->(annX)`);

    const first = await reader.readSince(scope, start);
    expect(first).toMatchObject({
      people: ids('ann', 'ben'),
      accounts: ids('annX', 'benX'),
      interactions: [],
      organizations: [],
      reset: false,
      more: false,
      entries: 2,
    });

    // The next read reaches back over the same entries and skips them.
    const second = await reader.readSince(scope, first.cursor);
    expect(second).toMatchObject({ people: [], accounts: [], entries: 0, more: false });

    await write(`MATCH ${person('cid')}, ${person('ben')} CREATE (cid)-[:KNOWS]->(ben)`);
    const third = await reader.readSince(scope, second.cursor);
    expect(third).toMatchObject({ people: ids('ben', 'cid'), accounts: [], entries: 1 });
  });

  it('returns an entry that committed after a later one, within the overlap', async () => {
    const reader = new LinkJournal(gateway, options);
    const start = await reader.openCursor(scope);
    await addEntry(0, ['on-time']);
    const first = await reader.readSince(scope, start);
    expect(first.people).toEqual(['on-time']);

    // Its `at` lies before everything read so far: it was taken before a slow commit.
    await addEntry(-5_000, ['late']);
    const second = await reader.readSince(scope, first.cursor);
    expect(second).toMatchObject({ people: ['late'], entries: 1 });
  });

  it('reads at most a batch at a time and says when there is more', async () => {
    const reader = new LinkJournal(gateway, options);
    const start = await reader.openCursor(scope);
    const names = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7'];
    for (const name of names) await addEntry(0, [name]);

    const { batches } = await readAll(reader, start);
    expect(batches.map((batch) => [batch.entries, batch.more])).toEqual([
      [3, true],
      [3, true],
      [1, false],
    ]);
    const returned = batches.flatMap((batch) => batch.people);
    expect(returned.sort()).toEqual(names);
  });

  it('passes a reset on', async () => {
    const reader = new LinkJournal(gateway, options);
    const start = await reader.openCursor(scope);
    await addEntry(0, ['p1']);
    await addEntry(0, [], true);
    const batch = await reader.readSince(scope, start);
    expect(batch).toMatchObject({ people: ['p1'], reset: true, entries: 2 });
    expect((await reader.readSince(scope, batch.cursor)).reset).toBe(false);
  });

  it('asks for a reset when the cursor is older than the retention', async () => {
    const reader = new LinkJournal(gateway, options);
    const now = await reader.openCursor(scope);
    const stale = { watermark: now.watermark - 2 * HOUR_MS, seen: new Map<string, number>() };
    expect((await reader.readSince(scope, stale)).reset).toBe(true);
  });

  it('prunes only entries older than the given age, in batches', async () => {
    const reader = new LinkJournal(gateway, options);
    for (const name of ['old1', 'old2', 'old3']) await addEntry(-2 * HOUR_MS, [name]);
    await addEntry(-30 * 60 * 1000, ['recent']);

    expect(await reader.pruneOlderThan(scope, HOUR_MS)).toBe(3);
    expect((await journal()).map((left) => left.people)).toEqual([['recent']]);
    expect(await reader.pruneOlderThan(scope, HOUR_MS)).toBe(0);
  });
});
