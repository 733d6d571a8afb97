import { seededRandom } from '../../core/random/seeded-random';
import { Platform } from '../social-accounts/social-account.type';
import {
  type AccountState,
  FollowerIndex,
  FollowerIndexBuilder,
  type FollowerRow,
} from './follower-index';

interface Account {
  platform: Platform;
  ownerId: string | null;
}

/** The truth the index should mirror: accounts and follows ("follower>followed"). */
class FollowerGraph {
  readonly accounts = new Map<string, Account>();
  readonly follows = new Set<string>();

  add(id: string, platform: Platform, ownerId: string | null = null): this {
    this.accounts.set(id, { platform, ownerId });
    return this;
  }

  follow(follower: string, followed: string): this {
    this.follows.add(`${follower}>${followed}`);
    return this;
  }

  unfollow(follower: string, followed: string): this {
    this.follows.delete(`${follower}>${followed}`);
    return this;
  }

  remove(id: string): this {
    this.accounts.delete(id);
    for (const follow of [...this.follows]) {
      const [follower, followed] = follow.split('>');
      if (follower === id || followed === id) this.follows.delete(follow);
    }
    return this;
  }

  rows(): FollowerRow[] {
    return [...this.accounts].map(([id, account]) => ({
      id,
      ...account,
      followerIds: this.linked(id, 'followers'),
    }));
  }

  states(ids: readonly string[]): AccountState[] {
    return ids.map((id) => {
      const account = this.accounts.get(id);
      return {
        id,
        exists: account !== undefined,
        platform: account?.platform ?? null,
        ownerId: account?.ownerId ?? null,
        followerIds: account === undefined ? [] : this.linked(id, 'followers'),
        followeeIds: account === undefined ? [] : this.linked(id, 'followees'),
      };
    });
  }

  private linked(id: string, side: 'followers' | 'followees'): string[] {
    const linked: string[] = [];
    for (const follow of this.follows) {
      const [follower, followed] = follow.split('>') as [string, string];
      if (side === 'followers' && followed === id) linked.push(follower);
      if (side === 'followees' && follower === id) linked.push(followed);
    }
    return linked;
  }
}

/** The reached list in REACHED's own names, in a stable order. */
function named(
  index: FollowerIndex,
  seeds: string[],
  maxHops: number,
  subjectPeople: string[] = [],
) {
  return index
    .reached(seeds, maxHops, subjectPeople)
    .map((member) => ({ ...member, who: index.whoName(member.who) }))
    .sort((a, b) => `${a.platform} ${a.who}`.localeCompare(`${b.platform} ${b.who}`));
}

describe('FollowerIndex.reached', () => {
  const graph = new FollowerGraph()
    .add('seed', Platform.X, 'subject')
    .add('a', Platform.X, 'ann')
    .add('b', Platform.X)
    .add('c', Platform.X, 'cat')
    .add('d', Platform.X, 'dan')
    .follow('a', 'seed')
    .follow('b', 'a')
    .follow('c', 'b')
    .follow('d', 'c')
    .follow('seed', 'b');
  const index = FollowerIndex.fromRows(graph.rows());

  it('lists each follower at the level it is first reached, up to maxHops', () => {
    expect(named(index, ['seed'], 3)).toEqual([
      { platform: 'X', who: 'account:b', known: false, hops: 2 },
      { platform: 'X', who: 'person:ann', known: true, hops: 1 },
      { platform: 'X', who: 'person:cat', known: true, hops: 3 },
    ]);
    expect(named(index, ['seed'], 1)).toEqual([
      { platform: 'X', who: 'person:ann', known: true, hops: 1 },
    ]);
  });

  it('does not list the seeds, even when they follow what they reach', () => {
    expect(named(index, ['seed', 'a'], 2).map((member) => member.who)).toEqual([
      'account:b',
      'person:cat',
    ]);
  });

  it('ignores seeds it does not know', () => {
    expect(named(index, ['nobody'], 3)).toEqual([]);
  });
});

describe('a person with several accounts', () => {
  const graph = new FollowerGraph()
    .add('star-x', Platform.X, 'star')
    .add('star-ig', Platform.INSTAGRAM, 'star')
    .add('ann-x', Platform.X, 'ann')
    .add('ann-x2', Platform.X, 'ann')
    .add('ann-ig', Platform.INSTAGRAM, 'ann')
    .add('fan-x', Platform.X)
    .add('star-alt', Platform.X, 'star')
    .add('eve-x', Platform.X, 'eve')
    .follow('ann-x', 'star-x')
    .follow('fan-x', 'star-x')
    .follow('ann-x2', 'fan-x')
    .follow('ann-ig', 'star-ig')
    .follow('star-alt', 'star-x')
    .follow('eve-x', 'star-alt');
  const index = FollowerIndex.fromRows(graph.rows());

  it('counts once per platform at their nearest level, and once in total', () => {
    const seeds = ['star-x', 'star-ig'];
    expect(named(index, seeds, 2, ['star'])).toEqual([
      { platform: 'INSTAGRAM', who: 'person:ann', known: true, hops: 1 },
      { platform: 'X', who: 'account:fan-x', known: false, hops: 1 },
      { platform: 'X', who: 'person:ann', known: true, hops: 1 },
      { platform: 'X', who: 'person:eve', known: true, hops: 2 },
    ]);
    expect(index.levelCounts(seeds, 2, ['star'])).toEqual({
      perPlatform: [
        { platform: 'X', hops: 1, people: 2, identified: 1 },
        { platform: 'INSTAGRAM', hops: 1, people: 1, identified: 1 },
        { platform: 'X', hops: 2, people: 1, identified: 1 },
      ],
      totals: [
        { hops: 1, people: 2, identified: 1 },
        { hops: 2, people: 1, identified: 1 },
      ],
    });
  });

  it('passes through the subject’s own people without listing them', () => {
    // star-alt is star's but not a seed: eve, who follows it, is still reached.
    expect(named(index, ['star-x'], 2, ['star']).map((member) => member.who)).toContain(
      'person:eve',
    );
    expect(named(index, ['star-x'], 2, ['star']).map((member) => member.who)).not.toContain(
      'person:star',
    );
    expect(named(index, ['star-x'], 1, []).map((member) => member.who)).toContain('person:star');
  });

  it('groups who is reached per platform for overlaps', () => {
    const people = index
      .peopleByPlatform(['star-x', 'star-ig'], 1, ['star'])
      .map(({ platform, people: members }) => ({
        platform,
        people: members.map((who) => index.whoName(who)).sort(),
      }));
    expect(people).toEqual([
      { platform: 'X', people: ['account:fan-x', 'person:ann'] },
      { platform: 'INSTAGRAM', people: ['person:ann'] },
    ]);
  });
});

describe('FollowerIndex.replaceAccounts', () => {
  const base = () =>
    new FollowerGraph()
      .add('seed', Platform.X, 'subject')
      .add('a', Platform.X, 'ann')
      .add('b', Platform.X, 'ben')
      .add('c', Platform.X)
      .follow('a', 'seed')
      .follow('b', 'a');

  it('adds and removes follows given either end’s state, keeping the other end consistent', () => {
    const graph = base();
    const index = FollowerIndex.fromRows(graph.rows());
    graph.follow('c', 'seed');
    index.replaceAccounts(graph.states(['c']));
    expect(named(index, ['seed'], 1).map((member) => member.who)).toEqual([
      'account:c',
      'person:ann',
    ]);
    graph.unfollow('a', 'seed');
    index.replaceAccounts(graph.states(['seed']));
    expect(named(index, ['seed'], 2).map((member) => member.who)).toEqual(['account:c']);
    // a's followees no longer hold seed: replacing a again must not bring the follow back.
    index.replaceAccounts(graph.states(['a']));
    expect(named(index, ['seed'], 2).map((member) => member.who)).toEqual(['account:c']);
    expect(index.stats().follows).toBe(2);
  });

  it('removes an account everywhere', () => {
    const graph = base();
    const index = FollowerIndex.fromRows(graph.rows());
    graph.remove('a');
    index.replaceAccounts(graph.states(['a']));
    expect(named(index, ['seed'], 3)).toEqual([]);
    expect(named(index, ['a'], 1)).toEqual([]);
    expect(index.stats()).toMatchObject({ accounts: 3, follows: 0 });
    graph.add('a', Platform.X).follow('a', 'seed');
    index.replaceAccounts(graph.states(['a']));
    expect(named(index, ['seed'], 1).map((member) => member.who)).toEqual(['account:a']);
  });

  it('follows an owner change, to another person or to nobody', () => {
    const graph = base();
    const index = FollowerIndex.fromRows(graph.rows());
    graph.add('a', Platform.X, 'subject');
    index.replaceAccounts(graph.states(['a']));
    expect(named(index, ['seed'], 2, ['subject']).map((member) => member.who)).toEqual([
      'person:ben',
    ]);
    graph.add('a', Platform.X, null);
    index.replaceAccounts(graph.states(['a']));
    expect(named(index, ['seed'], 1, ['subject'])).toEqual([
      { platform: 'X', who: 'account:a', known: false, hops: 1 },
    ]);
  });

  it('takes in new accounts, and refuses states that link to accounts it has not seen', () => {
    const graph = base();
    const index = FollowerIndex.fromRows(graph.rows());
    graph.add('new', Platform.TIKTOK, 'nia').follow('new', 'seed');
    expect(index.unknownAccounts(graph.states(['seed']))).toEqual(['new']);
    expect(() => index.replaceAccounts(graph.states(['seed']))).toThrow(RangeError);
    index.replaceAccounts(graph.states(['seed', 'new']));
    expect(named(index, ['seed'], 1)).toContainEqual({
      platform: 'TIKTOK',
      who: 'person:nia',
      known: true,
      hops: 1,
    });
  });

  it('matches an index loaded afresh after random changes', () => {
    const random = seededRandom(7);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const platforms = [Platform.X, Platform.INSTAGRAM, Platform.LINKEDIN];
    const people = ['p0', 'p1', 'p2', 'p3', 'p4', 'p5'];
    const graph = new FollowerGraph();
    for (let n = 0; n < 30; n++) {
      graph.add(`a${n}`, pick(platforms), random() < 0.7 ? pick(people) : null);
    }
    for (let n = 0; n < 80; n++) graph.follow(pick([...graph.accounts.keys()]), `a${n % 30}`);
    const index = FollowerIndex.fromRows(graph.rows());
    let created = 30;
    for (let step = 0; step < 200; step++) {
      const ids = [...graph.accounts.keys()];
      const touched: string[] = [];
      const change = random();
      if (change < 0.35) {
        const [follower, followed] = [pick(ids), pick(ids)];
        graph.follow(follower, followed);
        touched.push(follower, followed);
      } else if (change < 0.6) {
        const follow = pick([...graph.follows]);
        if (follow === undefined) continue;
        const [follower, followed] = follow.split('>') as [string, string];
        graph.unfollow(follower, followed);
        touched.push(follower, followed);
      } else if (change < 0.75) {
        const id = pick(ids);
        graph.add(
          id,
          (graph.accounts.get(id) as Account).platform,
          random() < 0.5 ? pick(people) : null,
        );
        touched.push(id);
      } else if (change < 0.85) {
        const id = pick(ids);
        touched.push(
          id,
          ...graph.states([id]).flatMap((s) => [...s.followerIds, ...s.followeeIds]),
        );
        graph.remove(id);
      } else {
        const id = `a${created++}`;
        graph.add(id, pick(platforms), pick(people)).follow(id, pick(ids)).follow(pick(ids), id);
        touched.push(
          id,
          ...graph.states([id]).flatMap((s) => [...s.followerIds, ...s.followeeIds]),
        );
      }
      // A change list names both ends of each follow; here, half the time, only one end.
      const reported = random() < 0.5 ? touched : touched.slice(0, 1);
      const states = graph.states([...new Set(reported)]);
      const unknown = index.unknownAccounts(states);
      index.replaceAccounts(graph.states([...new Set([...reported, ...unknown])]));
      if (step % 20 !== 19) continue;
      const fresh = FollowerIndex.fromRows(graph.rows());
      for (const seed of [...graph.accounts.keys()].slice(0, 8)) {
        const subject = graph.accounts.get(seed)?.ownerId ?? 'none';
        for (const maxHops of [1, 2, 3]) {
          expect(named(index, [seed], maxHops, [subject])).toEqual(
            named(fresh, [seed], maxHops, [subject]),
          );
        }
      }
      expect(index.stats()).toMatchObject({
        accounts: graph.accounts.size,
        follows: graph.follows.size,
      });
    }
  });
});

describe('FollowerIndexBuilder', () => {
  it('waits for the rows of followers it has only seen as followers', () => {
    const builder = new FollowerIndexBuilder();
    builder.addAccounts([
      { id: 'seed', platform: Platform.X, ownerId: null, followerIds: ['late', 'gone'] },
    ]);
    expect(builder.missingAccountIds()).toEqual(['late', 'gone']);
    expect(() => builder.build()).toThrow(RangeError);
    builder.addAccounts([{ id: 'late', platform: Platform.X, ownerId: 'lea', followerIds: [] }]);
    builder.markAbsent(['gone']);
    const index = builder.build();
    expect(named(index, ['seed'], 1)).toEqual([
      { platform: 'X', who: 'person:lea', known: true, hops: 1 },
    ]);
    expect(index.stats()).toMatchObject({ accounts: 2, people: 1, follows: 1 });
  });
});
