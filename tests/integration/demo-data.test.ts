import { createLogger } from '../../src/core/logging/logger';
import type { Neo4jGateway } from '../../src/core/neo4j/neo4j-gateway';
import {
  DemoDataRepository,
  SEEDED_LABELS,
  type SeededLabel,
} from '../../src/features/demo-data/demo-data.repository';
import { DemoDataService } from '../../src/features/demo-data/demo-data.service';
import { DEFAULT_SEED, generateSeedData } from '../../seeds/generator/generate-seed-data';
import type { SeedRecordKind } from '../../seeds/generator/seed-records';
import { resetGraph } from '../support/test-database';
import { connectTestGateway } from '../support/test-server';

const scope = { operationName: 'demoDataTest' };
let gateway: Neo4jGateway;
let repository: DemoDataRepository;
let service: DemoDataService;

const LABEL_OF_KIND: Partial<Record<SeedRecordKind, SeededLabel>> = {
  organization: 'Organization',
  topic: 'Topic',
  product: 'Product',
  person: 'Person',
  user: 'User',
  socialAccount: 'SocialAccount',
  consent: 'Consent',
  interaction: 'Interaction',
  team: 'Team',
};

const TYPE_OF_KIND: Partial<Record<SeedRecordKind, string>> = {
  role: 'HAS_ROLE',
  userIsPerson: 'IS_PERSON',
  knows: 'KNOWS',
  colleagueOf: 'COLLEAGUE_OF',
  familyOf: 'FAMILY_OF',
  friendOf: 'FRIEND_OF',
  referred: 'REFERRED',
  reportsTo: 'REPORTS_TO',
  ownedBy: 'OWNED_BY',
  follows: 'FOLLOWS',
  interestedInTopic: 'INTERESTED_IN',
  interestedInProduct: 'INTERESTED_IN',
  gaveConsent: 'GAVE',
  performedByPerson: 'PERFORMED',
  performedByAccount: 'PERFORMED',
  handled: 'HANDLED',
  aboutTopic: 'ABOUT',
  aboutProduct: 'ABOUT',
  aboutOrganization: 'ABOUT',
  mentionsAccount: 'MENTIONS',
  mentionsPerson: 'MENTIONS',
  mentionsOrganization: 'MENTIONS',
  replyTo: 'REPLY_TO',
  memberOf: 'MEMBER_OF',
  assignedTo: 'ASSIGNED_TO',
  responsibleFor: 'RESPONSIBLE_FOR',
};

/** What the generator yields for the demo size, counted per label and relationship type. */
function generatedDemoCounts(): {
  nodes: Record<string, number>;
  relationships: Record<string, number>;
} {
  const nodes: Record<string, number> = {};
  const relationships: Record<string, number> = {};
  for (const batch of generateSeedData({ size: 'demo', seed: DEFAULT_SEED })) {
    const label = LABEL_OF_KIND[batch.kind];
    const type = TYPE_OF_KIND[batch.kind];
    if (label !== undefined) nodes[label] = (nodes[label] ?? 0) + batch.rows.length;
    if (type !== undefined) relationships[type] = (relationships[type] ?? 0) + batch.rows.length;
  }
  return { nodes, relationships };
}

async function relationshipCounts(): Promise<Record<string, number>> {
  const rows = await gateway.read(scope, (runner) =>
    runner.run('MATCH ()-[r]->() RETURN type(r) AS type, count(r) AS n'),
  );
  return Object.fromEntries(rows.map((row) => [String(row.type), Number(row.n)]));
}

async function single(query: string): Promise<unknown> {
  const [row] = await gateway.read(scope, (runner) => runner.run(query));
  return row?.value;
}

// Loading the demo world takes seconds on an idle machine, longer on a busy 2-core CI runner.
const LOAD_TIMEOUT_MS = 180_000;

function expectedNodeCounts(expected: ReturnType<typeof generatedDemoCounts>) {
  return Object.fromEntries(SEEDED_LABELS.map((label) => [label, expected.nodes[label] ?? 0]));
}

beforeAll(() => {
  gateway = connectTestGateway();
  repository = new DemoDataRepository(gateway);
  service = new DemoDataService(repository, createLogger('silent'));
});

afterAll(async () => {
  await gateway.close();
});

describe('demo data, loaded once into an empty database', () => {
  const expected = generatedDemoCounts();

  beforeAll(async () => {
    await resetGraph(gateway);
    expect(await service.loadIfEmpty()).toBe(true);
  }, LOAD_TIMEOUT_MS);

  it('holds exactly what the generator yields, and a second start loads nothing', async () => {
    expect(await repository.countNodes()).toEqual(expectedNodeCounts(expected));
    // Every relationship row found both endpoints and none was folded into another.
    expect(await relationshipCounts()).toEqual(expected.relationships);
    expect(await service.loadIfEmpty()).toBe(false);
    expect(await repository.countNodes()).toEqual(expectedNodeCounts(expected));
  });

  it('stores the model types: datetimes, dates, integer follower counts, our own company', async () => {
    expect(
      await single(
        'MATCH (i:Interaction) WHERE NOT i.occurredAt IS :: ZONED DATETIME RETURN count(i) AS value',
      ),
    ).toBe(0);
    expect(
      await single(
        'MATCH ()-[r:HAS_ROLE]->() WHERE NOT r.since IS :: DATE RETURN count(r) AS value',
      ),
    ).toBe(0);
    expect(
      await single(
        'MATCH (a:SocialAccount) WHERE NOT a.followers IS :: INTEGER RETURN count(a) AS value',
      ),
    ).toBe(0);
    expect(
      await single(
        "MATCH (o:Organization {id: 'own-organization', isOwnOrganization: true}) RETURN o.name AS value",
      ),
    ).toBe('Velora Bikes');
    expect(
      await single(
        'MATCH (n) WHERE NOT n:SchemaMigration AND NOT n:TestDatabaseMarker AND NOT n:DemoDataLoad AND NOT n:LinkChange AND (n.createdAt IS NULL OR n.updatedAt IS NULL) RETURN count(n) AS value',
      ),
    ).toBe(0);
  });

  it(
    'changes nothing when the same world is seeded again',
    async () => {
      const nodes = await repository.countNodes();
      const relationships = await relationshipCounts();
      const fingerprint = () =>
        single(
          'MATCH (i:Interaction) RETURN sum(i.sentiment) + count(i.text) + sum(size(i.url)) AS value',
        );
      const before = await fingerprint();

      await service.seed({ size: 'demo' });

      expect(await repository.countNodes()).toEqual(nodes);
      expect(await relationshipCounts()).toEqual(relationships);
      expect(await fingerprint()).toBe(before);
    },
    LOAD_TIMEOUT_MS,
  );
});

describe('demo data on other databases', () => {
  beforeEach(async () => {
    await resetGraph(gateway);
  });

  it(
    'completes a demo load that a crash cut short',
    async () => {
      const expected = generatedDemoCounts();
      await repository.markDemoLoad(false);
      let batches = 0;
      const crashed = service.seed({
        size: 'demo',
        onBatch: () => {
          batches += 1;
          if (batches === 5) throw new Error('simulated crash');
        },
      });
      await expect(crashed).rejects.toThrow('simulated crash');
      expect(await repository.demoLoadState()).toBe('incomplete');

      expect(await service.loadIfEmpty()).toBe(true);
      expect(await repository.demoLoadState()).toBe('complete');
      expect(await repository.countNodes()).toEqual(expectedNodeCounts(expected));
      expect(await relationshipCounts()).toEqual({ ...expected.relationships });
    },
    LOAD_TIMEOUT_MS,
  );

  it('never touches a database that already holds data', async () => {
    await gateway.write(scope, (runner) =>
      runner.run("CREATE (:Organization {id: 'real-customer-data'})"),
    );
    expect(await service.loadIfEmpty()).toBe(false);
    expect(await repository.countNodes()).toMatchObject({ Organization: 1, Person: 0 });
  });
});
