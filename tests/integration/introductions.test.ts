import { StaffRole } from '../../src/features/staff/staff-user.type';
import { seededRandom as randomFrom } from '../../src/core/random/seeded-random';
import { TieType } from '../../src/features/ties/tie.type';
import {
  IntroducersDocument,
  IntroductionPathsDocument,
  type IntroductionPathsQuery,
  RemoveTieDocument,
} from '../generated/graphql';
import { dataOf } from '../support/factories';
import { type RandomWorld, randomWorld } from '../support/random-social-world';
import { writeGraph } from '../support/social-graph-builder';
import { startTestServer, useTestServer } from '../support/test-server';

const PROSPECTING = ['SALES_PROSPECTING'];

/** Breadth-first search over people who may be passed through: the hop distance, or null. */
function bfsDistance(world: RandomWorld, source: string, target: string): number | null {
  const distance = new Map([[source, 0]]);
  const queue = [source];
  while (queue.length > 0) {
    const current = queue.shift() as string;
    if (current === target) return distance.get(current) ?? null;
    if (current !== source && !world.consented.has(current)) continue;
    for (const next of world.links.get(current) ?? []) {
      if (distance.has(next)) continue;
      distance.set(next, (distance.get(current) ?? 0) + 1);
      queue.push(next);
    }
  }
  return null;
}

function countSimplePaths(
  world: RandomWorld,
  source: string,
  target: string,
  maxHops: number,
  enough: number,
): number {
  let count = 0;
  const walk = (path: string[]) => {
    if (count >= enough) return;
    const last = path[path.length - 1] as string;
    if (last === target) {
      count += 1;
      return;
    }
    if (path.length - 1 === maxHops) return;
    if (last !== source && !world.consented.has(last)) return;
    for (const next of world.links.get(last) ?? []) if (!path.includes(next)) walk([...path, next]);
  };
  walk([source]);
  return count;
}

type Path = IntroductionPathsQuery['introductionPaths'][number];

function expectValidPath(world: RandomWorld, path: Path, source: string, target: string) {
  const ids = path.people.map((person) => person.id);
  expect(ids[0]).toBe(source);
  expect(ids.at(-1)).toBe(target);
  expect(path.length).toBe(ids.length - 1);
  expect(new Set(ids).size).toBe(ids.length);
  for (let index = 1; index < ids.length; index++) {
    expect(world.links.get(ids[index - 1] as string)?.has(ids[index] as string)).toBe(true);
    expect(path.steps[index - 1]?.from.id).toBe(ids[index - 1]);
    expect(path.steps[index - 1]?.to.id).toBe(ids[index]);
  }
  for (const inner of ids.slice(1, -1)) expect(world.consented.has(inner)).toBe(true);
}

/**
 * Every test runs twice: searched on the in-memory link index (LINK_INDEX=auto, the default on
 * the local Neo4j, which keeps the link journal), and with links read from the database per
 * search (LINK_INDEX=off, as on any other Neo4j).
 */
describe.each([
  ['on the link index', 'auto'],
  ['reading links from the database', 'off'],
])('introductions %s', (_mode, linkIndex) => {
  const server = useTestServer({ env: { LINK_INDEX: linkIndex } });

  beforeAll(async () => {
    expect(await server.app.linkIndexLoaded()).toBe(linkIndex === 'auto');
  });

  async function paths(variables: {
    targetPersonId: string;
    fromPersonId?: string;
    maxHops?: number;
    first?: number;
  }) {
    return dataOf(await server.execute(IntroductionPathsDocument, variables)).introductionPaths;
  }

  describe('introduction paths against an independent breadth-first search', () => {
    const seeds = [11, 12, 13, 14, 15, 16];

    it.each(seeds)(
      'random world %i',
      async (seed) => {
        const world = randomWorld(seed, 36);
        await writeGraph(server.gateway, world.spec);
        const random = randomFrom(seed * 31);
        let reachable = 0;
        for (let query = 0; query < 10; query++) {
          const source = world.staff[query % world.staff.length] as string;
          const target = world.people[
            3 + Math.floor(random() * (world.people.length - 3))
          ] as string;
          if (!world.consented.has(target)) continue;
          const maxHops = 1 + (query % 5);
          const first = 1 + (query % 4);
          const found = await paths({
            targetPersonId: target,
            fromPersonId: source,
            maxHops,
            first,
          });
          const distance = bfsDistance(world, source, target);
          if (distance === null || distance > maxHops) {
            expect(found).toEqual([]);
            continue;
          }
          reachable += 1;
          expect(found.length).toBe(
            Math.min(first, countSimplePaths(world, source, target, maxHops, first)),
          );
          for (const path of found) {
            expectValidPath(world, path, source, target);
            expect(path.length).toBeGreaterThanOrEqual(distance);
            expect(path.length).toBeLessThanOrEqual(maxHops);
          }
          const trusts = found.map((path) => path.trust);
          expect(trusts).toEqual([...trusts].sort((a, b) => b - a));
          const keys = found.map((path) => path.people.map((person) => person.id).join('>'));
          expect(new Set(keys).size).toBe(keys.length);
        }
        expect(reachable).toBeGreaterThan(0);
        // The first world pays for planning the queries while the graph's statistics settle.
      },
      180_000,
    );
  });

  describe('introduction paths on a hand-made graph', () => {
    const id = (name: string) => `hand-${name}`;
    const staffUser = 'hand-user-anna';

    beforeAll(async () => {
      // anna (staff) ─knows→ bert ─friend→ carl ─colleague→ dora ─knows→ emil ─family→ finn
      //   └─follows (accounts)→ gina ─shared interaction─ dora;  hugo: no consent, anna→hugo→dora
      // ivan: no consent; jana: nobody knows her
      const people = [
        'anna',
        'bert',
        'carl',
        'dora',
        'emil',
        'finn',
        'gina',
        'hugo',
        'ivan',
        'jana',
      ];
      await writeGraph(server.gateway, {
        persons: people.map((name) => ({
          id: id(name),
          name,
          consents: name === 'hugo' || name === 'ivan' ? [] : PROSPECTING,
        })),
        users: [{ id: staffUser, personId: id('anna'), login: 'anna' }],
        ties: [
          {
            from: id('anna'),
            to: id('bert'),
            type: TieType.KNOWS,
            strength: 0.9,
            since: '2020-02-01',
          },
          { from: id('carl'), to: id('bert'), type: TieType.FRIEND_OF, strength: 0.8 },
          { from: id('carl'), to: id('dora'), type: TieType.COLLEAGUE_OF, strength: 0.7 },
          { from: id('dora'), to: id('emil'), type: TieType.KNOWS, strength: 0.6 },
          { from: id('emil'), to: id('finn'), type: TieType.FAMILY_OF, strength: 0.9 },
          { from: id('anna'), to: id('hugo'), type: TieType.KNOWS, strength: 1 },
          { from: id('hugo'), to: id('dora'), type: TieType.KNOWS, strength: 1 },
        ],
        accounts: [
          { id: id('anna-x'), platform: 'X', ownerId: id('anna') },
          { id: id('gina-x'), platform: 'X', ownerId: id('gina') },
        ],
        follows: [{ from: id('anna-x'), to: id('gina-x'), since: '2023-03-03' }],
        interactions: [
          {
            id: id('old-post'),
            kind: 'POST',
            occurredAt: '2024-01-01T10:00:00Z',
            performerPersonId: id('gina'),
            mentionPersonIds: [id('dora')],
          },
          {
            id: id('new-reply'),
            kind: 'REPLY',
            occurredAt: new Date(Date.now() - 86_400_000).toISOString(),
            performerPersonId: id('dora'),
            replyToId: id('old-post'),
          },
        ],
      });
    });

    it('ranks paths by trust, not length, and explains every step', async () => {
      const found = await paths({ targetPersonId: id('dora'), fromPersonId: id('anna'), first: 5 });
      expect(found.map((path) => path.people.map((person) => person.name))).toEqual([
        ['anna', 'bert', 'carl', 'dora'],
        ['anna', 'gina', 'dora'],
      ]);
      const [viaBert, viaGina] = found;
      expect(viaBert?.trust).toBeCloseTo(0.9 * 0.8 * 0.7, 10);
      expect(viaBert?.steps[0]).toMatchObject({
        kind: 'KNOWS',
        kinds: ['KNOWS'],
        strength: 0.9,
        weight: 0.9,
        since: '2020-02-01',
        direction: 'FORWARD',
        sharedInteractions: 0,
        latestInteraction: null,
      });
      expect(viaBert?.steps[1]).toMatchObject({ kind: 'FRIEND_OF', direction: 'BACKWARD' });
      expect(viaGina?.steps.map((step) => [step.kind, step.direction])).toEqual([
        ['FOLLOWS', 'FORWARD'],
        ['SHARED_INTERACTION', 'MUTUAL'],
      ]);
      expect(viaGina?.steps[0]).toMatchObject({ since: '2023-03-03', weight: 0.2 });
      const shared = viaGina?.steps[1];
      expect(shared).toMatchObject({ sharedInteractions: 2, since: '2024-01-01T10:00:00.000Z' });
      expect(shared?.latestInteraction).toMatchObject({ id: id('new-reply'), kind: 'REPLY' });
      // The latest shared interaction is a day old: it raises the link's weight above its strength.
      expect(shared?.weight).toBeGreaterThan((shared?.strength ?? 1) + 0.2);
    });

    it('never passes through a person without consent, however strong the ties', async () => {
      const found = await paths({
        targetPersonId: id('dora'),
        fromPersonId: id('anna'),
        first: 20,
      });
      const everyone = found.flatMap((path) => path.people.map((person) => person.name));
      expect(everyone).not.toContain('hugo');
    });

    it('uses such a person when the consent policy does not require prospecting consent', async () => {
      const lenient = await startTestServer({
        env: { CONSENT_REQUIRED_PURPOSES: 'MARKETING' },
        reset: false,
      });
      try {
        const response = await lenient.execute(IntroductionPathsDocument, {
          targetPersonId: id('dora'),
          fromPersonId: id('anna'),
        });
        const [best] = dataOf(response).introductionPaths;
        expect(best?.people.map((person) => person.name)).toEqual(['anna', 'hugo', 'dora']);
      } finally {
        await lenient.stop();
      }
    });

    it('keeps to the hop limit; out of reach is an empty answer, not an error', async () => {
      const from = { targetPersonId: id('finn'), fromPersonId: id('anna'), first: 5 };
      expect(await paths({ ...from, maxHops: 3 })).toEqual([]);
      const four = await paths({ ...from, maxHops: 4 });
      expect(four.map((path) => path.people.map((person) => person.name))).toEqual([
        ['anna', 'gina', 'dora', 'emil', 'finn'],
      ]);
      // With one hop more, a longer but more trusted path comes first.
      const five = await paths({ ...from, maxHops: 5 });
      expect(five.map((path) => path.length)).toEqual([5, 4]);
      expect(
        await paths({ targetPersonId: id('jana'), fromPersonId: id('anna'), maxHops: 6 }),
      ).toEqual([]);
    });

    it('starts from the caller when no start is given', async () => {
      const token = await server.tokenFor([StaffRole.SALES_REP], staffUser);
      const response = await server.execute(
        IntroductionPathsDocument,
        { targetPersonId: id('carl') },
        { authorization: `Bearer ${token}` },
      );
      const [best] = dataOf(response).introductionPaths;
      expect(best?.people.map((person) => person.name)).toEqual(['anna', 'bert', 'carl']);
    });

    it('answers a path to oneself with zero length', async () => {
      const found = await paths({ targetPersonId: id('anna'), fromPersonId: id('anna') });
      expect(found).toEqual([
        { trust: 1, length: 0, steps: [], people: [{ id: id('anna'), name: 'anna' }] },
      ]);
    });

    it('changes its answer on the next request when a tie is removed', async () => {
      await writeGraph(server.gateway, {
        persons: ['kai', 'lea', 'max'].map((name) => ({
          id: id(name),
          name,
          consents: PROSPECTING,
        })),
        users: [{ id: 'hand-user-kai', personId: id('kai') }],
        ties: [
          { id: id('kai-lea'), from: id('kai'), to: id('lea'), type: TieType.KNOWS, strength: 0.9 },
          { id: id('lea-max'), from: id('lea'), to: id('max'), type: TieType.KNOWS, strength: 0.9 },
          { id: id('kai-max'), from: id('kai'), to: id('max'), type: TieType.KNOWS, strength: 0.1 },
        ],
      });
      const before = await paths({ targetPersonId: id('max'), fromPersonId: id('kai') });
      expect(before[0]?.people.map((person) => person.name)).toEqual(['kai', 'lea', 'max']);
      dataOf(await server.execute(RemoveTieDocument, { id: id('lea-max') }));
      const after = await paths({ targetPersonId: id('max'), fromPersonId: id('kai') });
      expect(after.map((path) => path.people.map((person) => person.name))).toEqual([
        ['kai', 'max'],
      ]);
    });

    it('costs a fixed number of database round-trips, however many paths and steps', async () => {
      const trips = async (first: number) => {
        const response = await server.execute(IntroductionPathsDocument, {
          targetPersonId: id('finn'),
          fromPersonId: id('anna'),
          maxHops: 5,
          first,
        });
        expect(dataOf(response).introductionPaths.length).toBe(Math.min(first, 2));
        return response.body.extensions?.diagnostics?.dbRoundTrips ?? Infinity;
      };
      // Where the path starts and ends, at most one expansion per hop, then people and interactions
      // in one batch each.
      expect(await trips(1)).toBeLessThanOrEqual(1 + 5 + 2);
      expect(await trips(20)).toBeLessThanOrEqual(1 + 5 + 2);
    });

    it.each([
      ['an unknown target', { targetPersonId: 'hand-nobody' }, 'NOT_FOUND', 'targetPersonId'],
      [
        'an unknown start',
        { targetPersonId: id('dora'), fromPersonId: 'hand-nobody' },
        'NOT_FOUND',
        'fromPersonId',
      ],
      [
        'an unknown staff user',
        { targetPersonId: id('dora'), fromUserId: 'hand-no-user' },
        'NOT_FOUND',
        'fromUserId',
      ],
      ['0 hops', { targetPersonId: id('dora'), maxHops: 0 }, 'BAD_USER_INPUT', 'maxHops'],
      ['7 hops', { targetPersonId: id('dora'), maxHops: 7 }, 'BAD_USER_INPUT', 'maxHops'],
      ['0 paths', { targetPersonId: id('dora'), first: 0 }, 'BAD_USER_INPUT', 'first'],
      [
        'a start who is not staff',
        { targetPersonId: id('dora'), fromPersonId: id('bert') },
        'BAD_USER_INPUT',
        'fromPersonId',
      ],
      [
        'two starts',
        { targetPersonId: id('dora'), fromPersonId: id('anna'), fromUserId: staffUser },
        'BAD_USER_INPUT',
        'fromPersonId',
      ],
      [
        'a malformed id',
        { targetPersonId: 'no spaces please' },
        'BAD_USER_INPUT',
        'targetPersonId',
      ],
      [
        'a target without consent',
        { targetPersonId: id('ivan'), fromPersonId: id('anna') },
        'CONSENT_REQUIRED',
        'targetPersonId',
      ],
      [
        'a caller without a person (the test token names no staff user)',
        { targetPersonId: id('dora') },
        'NOT_FOUND',
        'viewer',
      ],
    ])('%s → %s', async (_case, variables, code, field) => {
      const response = await server.execute(IntroductionPathsDocument, variables);
      expect(response.body.errors?.[0]?.extensions).toMatchObject({ code, field });
    });

    it('is for staff who prospect: an analyst is refused', async () => {
      const token = await server.tokenFor([StaffRole.ANALYST]);
      const response = await server.execute(
        IntroductionPathsDocument,
        { targetPersonId: id('dora'), fromPersonId: id('anna') },
        { authorization: `Bearer ${token}` },
      );
      expect(response.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });
  });

  describe('who in our company can introduce me', () => {
    const id = (name: string) => `who-${name}`;

    it('lists every member of staff with a path, most trusted first, more than five', async () => {
      const staff = Array.from({ length: 7 }, (_, index) => `s${index}`);
      await writeGraph(server.gateway, {
        persons: [
          ...staff.map((name) => ({ id: id(name), name })),
          ...['hub', 'target', 'far'].map((name) => ({
            id: id(name),
            name,
            consents: PROSPECTING,
          })),
        ],
        users: staff.map((name) => ({ id: id(`user-${name}`), personId: id(name) })),
        ties: [
          ...staff.map((name, index) => ({
            from: id(name),
            to: id('hub'),
            type: TieType.KNOWS,
            strength: 0.9 - index * 0.1,
          })),
          { from: id('hub'), to: id('target'), type: TieType.FRIEND_OF, strength: 1 },
          { from: id('s0'), to: id('s1'), type: TieType.COLLEAGUE_OF, strength: 1 },
          { from: id('far'), to: id('target'), type: TieType.KNOWS, strength: 1 },
        ],
      });
      const { introducers } = dataOf(
        await server.execute(IntroducersDocument, { targetPersonId: id('target') }),
      );
      const mine = introducers.filter((introducer) => introducer.person.id.startsWith('who-'));
      expect(mine.map((introducer) => introducer.person.id)).toEqual(staff.map(id));
      expect(mine.map((introducer) => introducer.trust)).toEqual(
        staff.map((_, index) => expect.closeTo(0.9 - index * 0.1, 10) as unknown as number),
      );
      expect(mine[0]?.user?.id).toBe(id('user-s0'));
      expect(mine[1]?.path.people.map((person) => person.id)).toEqual([
        id('s1'),
        id('hub'),
        id('target'),
      ]);
      const one = dataOf(
        await server.execute(IntroducersDocument, { targetPersonId: id('target'), maxHops: 1 }),
      );
      expect(
        one.introducers.filter((introducer) => introducer.person.id.startsWith('who-')),
      ).toEqual([]);
    });

    it('is NOT_FOUND for an unknown person and BAD_USER_INPUT for 7 hops', async () => {
      const unknown = await server.execute(IntroducersDocument, { targetPersonId: 'who-nobody' });
      expect(unknown.body.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
      const tooFar = await server.execute(IntroducersDocument, {
        targetPersonId: id('target'),
        maxHops: 7,
      });
      expect(tooFar.body.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'maxHops',
      });
    });
  });
});
