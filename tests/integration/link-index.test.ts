import { ConsentPolicy } from '../../src/features/consent/consent-policy';
import { ConsentPurpose } from '../../src/features/consent/consent-purpose';
import { IntroductionRepository } from '../../src/features/introductions/introduction.repository';
import { IntroductionService } from '../../src/features/introductions/introduction.service';
import { createLogger } from '../../src/core/logging/logger';
import { summarizeLink } from '../../src/features/introductions/introduction-link';
import { LinkIndex } from '../../src/features/introductions/link-index';
import { LinkIndexKeeper } from '../../src/features/introductions/link-index-keeper';
import { LinkJournalFeed } from '../../src/core/neo4j/link-journal-follower';
import { TieType } from '../../src/features/ties/tie.type';
import {
  AddTieDocument,
  FollowDocument,
  GrantConsentDocument,
  IntroducersDocument,
  IntroductionPathsDocument,
  NetworkReachDocument,
  RecordInteractionDocument,
  RemoveTieDocument,
  UnfollowDocument,
  UpdateTieDocument,
  WithdrawConsentDocument,
} from '../generated/graphql';
import { dataOf } from '../support/factories';
import { randomWorld } from '../support/random-social-world';
import { writeGraph } from '../support/social-graph-builder';
import { startTestServer, type TestServer, useTestServer } from '../support/test-server';

/**
 * Introductions searched on the in-memory link index (LINK_INDEX=auto on the local Neo4j, which
 * keeps the link journal): the same answers as the database-backed search, and every kind of
 * write, by any writer, visible on the next request.
 */
const server = useTestServer({ env: { LINK_INDEX: 'auto' } });
// Social monitoring too: posts that mention people are recorded only with it.
const PROSPECTING = ['SALES_PROSPECTING', 'SOCIAL_MONITORING'];
const id = (name: string) => `li-${name}`;

async function names(target: string, from = 'anna', first = 3): Promise<string[][]> {
  const found = dataOf(
    await server.execute(IntroductionPathsDocument, {
      targetPersonId: id(target),
      fromPersonId: id(from),
      first,
    }),
  ).introductionPaths;
  return found.map((path) => path.people.map((person) => person.id.replace('li-', '')));
}

beforeAll(async () => {
  expect(await server.app.linkIndexLoaded()).toBe(true);
  // anna (staff) ─0.9─ bert ─0.9─ carl ─0.9─ dora;   anna ─0.2─ emil ─0.2─ dora
  await writeGraph(server.gateway, {
    persons: ['anna', 'bert', 'carl', 'dora', 'emil', 'finn', 'gina'].map((name) => ({
      id: id(name),
      name,
      consents: PROSPECTING,
    })),
    users: [{ id: id('user-anna'), personId: id('anna'), login: 'anna-li' }],
    ties: [
      { id: id('ab'), from: id('anna'), to: id('bert'), type: TieType.KNOWS, strength: 0.9 },
      { id: id('bc'), from: id('bert'), to: id('carl'), type: TieType.KNOWS, strength: 0.9 },
      { id: id('cd'), from: id('carl'), to: id('dora'), type: TieType.KNOWS, strength: 0.9 },
      { id: id('ae'), from: id('anna'), to: id('emil'), type: TieType.KNOWS, strength: 0.2 },
      { id: id('ed'), from: id('emil'), to: id('dora'), type: TieType.KNOWS, strength: 0.2 },
    ],
    accounts: [
      { id: id('anna-x'), platform: 'X', ownerId: id('anna') },
      { id: id('gina-x'), platform: 'X', ownerId: id('gina') },
    ],
  });
});

describe('introductions on the link index', () => {
  it('finds the paths the journal told it about, most trusted first', async () => {
    expect(await names('dora')).toEqual([
      ['anna', 'bert', 'carl', 'dora'],
      ['anna', 'emil', 'dora'],
    ]);
  });

  it('sees a new tie, a stronger and a weaker one on the next request', async () => {
    const tie = dataOf(
      await server.execute(AddTieDocument, {
        input: {
          fromPersonId: id('emil'),
          toPersonId: id('finn'),
          type: TieType.FRIEND_OF,
          strength: 0.8,
        },
      }),
    ).addTie;
    expect(await names('finn')).toEqual([['anna', 'emil', 'finn']]);
    dataOf(await server.execute(UpdateTieDocument, { id: id('ae'), input: { strength: 1 } }));
    dataOf(await server.execute(UpdateTieDocument, { id: id('ed'), input: { strength: 1 } }));
    expect((await names('dora'))[0]).toEqual(['anna', 'emil', 'dora']);
    dataOf(await server.execute(UpdateTieDocument, { id: id('ed'), input: { strength: 0.1 } }));
    expect((await names('dora'))[0]).toEqual(['anna', 'bert', 'carl', 'dora']);
    dataOf(await server.execute(RemoveTieDocument, { id: tie.id }));
    expect(await names('finn')).toEqual([]);
  });

  it('stops passing through a person who withdrew consent, and starts again when given', async () => {
    dataOf(
      await server.execute(WithdrawConsentDocument, {
        personId: id('bert'),
        purpose: 'SALES_PROSPECTING',
      }),
    );
    expect((await names('dora')).some((path) => path.includes('bert'))).toBe(false);
    dataOf(
      await server.execute(GrantConsentDocument, {
        input: {
          personId: id('bert'),
          purpose: 'SALES_PROSPECTING',
          channel: 'WEB_FORM',
          source: 'test',
          noticeVersion: 'test',
        },
      }),
    );
    expect((await names('dora')).some((path) => path.includes('bert'))).toBe(true);
  });

  it('links people who share a new interaction, and accounts that follow each other', async () => {
    expect(await names('gina')).toEqual([]);
    dataOf(
      await server.execute(FollowDocument, { followerId: id('anna-x'), followedId: id('gina-x') }),
    );
    expect(await names('gina')).toEqual([['anna', 'gina']]);
    dataOf(
      await server.execute(UnfollowDocument, {
        followerId: id('anna-x'),
        followedId: id('gina-x'),
      }),
    );
    expect(await names('gina')).toEqual([]);
    dataOf(
      await server.execute(RecordInteractionDocument, {
        input: {
          kind: 'POST',
          channel: 'X',
          occurredAt: new Date().toISOString(),
          performedByPersonId: id('carl'),
          mentionIds: [id('gina')],
        },
      }),
    );
    expect((await names('gina'))[0]).toEqual(['anna', 'bert', 'carl', 'gina']);
  });

  it('sees writes that did not go through this service', async () => {
    await server.gateway.write({ operationName: 'test' }, (runner) =>
      runner.run(
        `MATCH (a:Person {id: $a}), (b:Person {id: $b})
         CREATE (a)-[:COLLEAGUE_OF {id: $tie, strength: 0.95, createdAt: datetime()}]->(b)`,
        { a: id('anna'), b: id('dora'), tie: id('ad') },
      ),
    );
    expect((await names('dora'))[0]).toEqual(['anna', 'dora']);
    await server.gateway.write({ operationName: 'test' }, (runner) =>
      runner.run('MATCH ()-[t:COLLEAGUE_OF {id: $tie}]->() DELETE t', { tie: id('ad') }),
    );
    expect((await names('dora'))[0]).toEqual(['anna', 'bert', 'carl', 'dora']);
  });

  it('reads the journal, the ends and the check, and nothing more to show the paths', async () => {
    await names('dora'); // applies whatever the journal still holds from earlier writes
    const response = await server.execute(IntroductionPathsDocument, {
      targetPersonId: id('dora'),
      fromPersonId: id('anna'),
      first: 5,
    });
    const paths = dataOf(response).introductionPaths;
    expect(paths.length).toBeGreaterThan(1);
    expect(paths.flatMap((path) => path.people.map((person) => person.name))).toContain('carl');
    // The people and the latest interactions come with the check: no loader round-trips.
    expect(response.body.extensions?.diagnostics?.dbRoundTrips).toBe(3);
  });

  it('lists introducers from the index', async () => {
    const introducers = dataOf(
      await server.execute(IntroducersDocument, { targetPersonId: id('dora') }),
    ).introducers;
    expect(introducers.map((each) => each.user?.login)).toContain('anna-li');
  });
});

/**
 * An answer with trust and weights to 6 digits: a recent interaction's boost fades between the
 * two requests' clocks, in the last digits.
 */
function comparable(data: unknown): unknown {
  return JSON.parse(JSON.stringify(data), (key, value: unknown) =>
    (key === 'trust' || key === 'weight') && typeof value === 'number'
      ? Number(value.toPrecision(6))
      : value,
  );
}

describe('network reach on the follower index', () => {
  const reach = async (name: string) =>
    dataOf(
      await server.execute(NetworkReachDocument, { subject: { personId: id(name) }, maxHops: 1 }),
    ).networkReach.total[0]?.people;

  it('counts a new follower on the next request, and stops counting one who left', async () => {
    const before = (await reach('gina')) ?? 0;
    dataOf(
      await server.execute(FollowDocument, { followerId: id('anna-x'), followedId: id('gina-x') }),
    );
    expect(await reach('gina')).toBe(before + 1);
    dataOf(
      await server.execute(UnfollowDocument, {
        followerId: id('anna-x'),
        followedId: id('gina-x'),
      }),
    );
    expect(await reach('gina')).toBe(before);
  });

  it('counts a follower written by another client', async () => {
    const before = (await reach('anna')) ?? 0;
    await server.gateway.write({ operationName: 'test' }, (runner) =>
      runner.run(
        `MATCH (gina:SocialAccount {id: $gina}), (anna:SocialAccount {id: $anna})
         CREATE (gina)-[:FOLLOWS {since: date()}]->(anna)`,
        { gina: id('gina-x'), anna: id('anna-x') },
      ),
    );
    expect(await reach('anna')).toBe(before + 1);
    await server.gateway.write({ operationName: 'test' }, (runner) =>
      runner.run('MATCH (:SocialAccount {id: $gina})-[f:FOLLOWS]->() DELETE f', {
        gina: id('gina-x'),
      }),
    );
    expect(await reach('anna')).toBe(before);
  });
});

describe('the same answers as the database-backed search', () => {
  let direct: TestServer;
  beforeAll(async () => {
    direct = await startTestServer({ env: { LINK_INDEX: 'off' }, reset: false });
    await direct.bootstrap.whenSettled();
    expect(await direct.app.linkIndexLoaded()).toBe(false);
  });
  afterAll(async () => {
    await direct.stop();
  });

  it.each(['dora', 'finn', 'gina', 'carl'])(
    'paths to %s, with every explanation',
    async (target) => {
      const variables = {
        targetPersonId: id(target),
        fromPersonId: id('anna'),
        maxHops: 5,
        first: 5,
      };
      const fromIndex = await server.execute(IntroductionPathsDocument, variables);
      const fromDatabase = await direct.execute(IntroductionPathsDocument, variables);
      expect(comparable(dataOf(fromIndex))).toEqual(comparable(dataOf(fromDatabase)));
    },
  );
});

describe('an index that is behind', () => {
  it('never returns a path through a link that is gone, and learns it is gone', async () => {
    const repository = new IntroductionRepository(server.gateway);
    const stale = new LinkIndex();
    for (const name of ['anna', 'bert', 'carl', 'dora', 'emil', 'finn', 'gina']) {
      stale.setUsable(id(name), true);
    }
    // A link the database never had, stronger than any real path.
    stale.setLink(id('anna'), id('finn'), { strength: 1, latestAtMs: NaN });
    stale.setLink(id('finn'), id('dora'), { strength: 1, latestAtMs: NaN });
    stale.setLink(id('anna'), id('bert'), { strength: 0.9, latestAtMs: NaN });
    stale.setLink(id('bert'), id('carl'), { strength: 0.9, latestAtMs: NaN });
    stale.setLink(id('carl'), id('dora'), { strength: 0.9, latestAtMs: NaN });
    const service = new IntroductionService(
      repository,
      new ConsentPolicy([ConsentPurpose.SALES_PROSPECTING]),
      Date.now,
      { current: () => Promise.resolve(stale) },
    );
    const found = await service.paths({ operationName: 'test' }, null, {
      targetPersonId: id('dora'),
      fromPersonId: id('anna'),
      first: 1,
    });
    expect(found.map((path) => path.personIds)).toEqual([
      [id('anna'), id('bert'), id('carl'), id('dora')],
    ]);
    expect(stale.linkBetween(id('anna'), id('finn'))).toBeNull();
  });
});

describe('loading the index', () => {
  it('reads every link once, with the same summaries as reading each person', async () => {
    const world = randomWorld(21, 60);
    await writeGraph(server.gateway, world.spec);
    const scope = { operationName: 'test' };
    const repository = new IntroductionRepository(server.gateway);
    const policy = new ConsentPolicy([ConsentPurpose.SALES_PROSPECTING]);
    const keeper = new LinkIndexKeeper(
      repository,
      policy,
      new LinkJournalFeed(server.gateway),
      createLogger('warn'),
    );
    keeper.start();
    expect(await keeper.whenLoaded()).toBe(true);
    const index = await keeper.current(scope);
    keeper.stop();
    const consent = policy.param(ConsentPurpose.SALES_PROSPECTING);
    const { links, usable } = await repository.linksOf(scope, world.people, consent);
    const expected = new Map(links.map((link) => [`${link.personId} ${link.otherId}`, link]));
    let linked = 0;
    for (const a of world.people) {
      expect(index?.isUsable(a)).toBe(usable.get(a));
      for (const b of world.people) {
        const facts = expected.get(`${a} ${b}`);
        expect(index?.linkBetween(a, b)).toEqual(facts === undefined ? null : summarizeLink(facts));
        if (facts !== undefined) linked += 1;
      }
    }
    expect(linked).toBeGreaterThan(world.people.length);
  });
});
