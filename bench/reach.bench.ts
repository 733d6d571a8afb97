import neo4j, { type Driver } from 'neo4j-driver';
import { signToken } from '../src/features/access/token-verifier';
import { StaffRole } from '../src/features/staff/staff-user.type';
import type { OperationScope } from '../src/core/neo4j/neo4j-gateway';
import type { FollowerIndex } from '../src/features/reach/follower-index';
import {
  FollowerIndexKeeper,
  type FollowerIndexSource,
  JournaledFollowerIndex,
} from '../src/features/reach/follower-index-keeper';
import { FollowerIndexRepository } from '../src/features/reach/follower-index.repository';
import { createLogger } from '../src/core/logging/logger';
import { LinkJournalFeed } from '../src/core/neo4j/link-journal-follower';
import { ReachRepository } from '../src/features/reach/reach.repository';
import { ReachService } from '../src/features/reach/reach.service';
import {
  type BenchMApp,
  loadNote,
  millis,
  postGraphQL,
  readQuery,
  seeded,
  startBenchMApp,
  warmPageCache,
} from './support/bench-m-app';
import { percentile, printTable, type ResultRow } from './support/measurements';

/**
 * Network reach in 1, 2 and 3 follower hops on bench-M: the GraphQL operation over HTTP, once over
 * Cypher and once from the in-memory follower index (loaded before measuring; load time and memory
 * are printed), the index-backed service called in-process, and the floor, one Cypher statement
 * through neo4j-driver that answers the same question with APOC's breadth-first expander (each
 * account at the level it is first reached), for random people with accounts, the heavy tail (the
 * most followed people) and our brand's handle.
 */

const RANDOM_SUBJECTS = Number(process.env.BENCH_REACH_RANDOM ?? 150);
const HEAVY_SUBJECTS = Number(process.env.BENCH_REACH_HEAVY ?? 30);
const WARMUP = Number(process.env.BENCH_REACH_WARMUP ?? 30);
const BRAND_HANDLE = process.env.BENCH_REACH_BRAND ?? 'velorabikes';
const MAX_HOPS = 3;
const SEED = 11;

const REACH_QUERY = `
query Reach($subject: ReachSubjectInput!, $maxHops: Int) {
  networkReach(subject: $subject, maxHops: $maxHops) {
    subjectAccounts
    total { hops people identifiedPeople }
    byPlatform { platform levels { hops people } }
  }
}`;

// The floor: the same counts in one statement, written for this question only. It lives here,
// not in a repository, because it exists to be measured.
const FLOOR_REACH = `
  CALL () {
    MATCH (:Person {id: $personId})<-[:OWNED_BY]-(a:SocialAccount) RETURN a
    UNION
    UNWIND $platforms AS platform
    MATCH (a:SocialAccount {platform: platform, handle: $handle}) RETURN a
  }
  WITH collect(a) AS seeds
  WITH seeds,
    COLLECT { UNWIND seeds AS seed MATCH (seed)-[:OWNED_BY]->(owner:Person) RETURN owner.id }
      AS subjectPeople
  CALL apoc.path.expandConfig(seeds, {relationshipFilter: '<FOLLOWS', minLevel: 1,
    maxLevel: $maxHops, uniqueness: 'NODE_GLOBAL', bfs: true}) YIELD path
  WITH subjectPeople, last(nodes(path)) AS account, length(path) AS hops
  OPTIONAL MATCH (account)-[:OWNED_BY]->(owner:Person)
  WITH subjectPeople, account, owner, hops
  WHERE owner IS NULL OR NOT owner.id IN subjectPeople
  WITH account.platform AS platform, coalesce(owner.id, account.id) AS who,
    owner IS NOT NULL AS known, min(hops) AS hops
  WITH collect({platform: platform, who: who, known: known, hops: hops}) AS reached
  CALL (reached) {
    UNWIND reached AS r
    WITH r.platform AS platform, r.hops AS hops, count(*) AS people
    RETURN collect({platform: platform, hops: hops, people: people}) AS perPlatform
  }
  CALL (reached) {
    UNWIND reached AS r
    WITH r.who AS who, min(r.hops) AS hops
    WITH hops, count(*) AS people
    RETURN collect({hops: hops, people: people}) AS totals
  }
  RETURN perPlatform, totals`;

interface Subject {
  personId: string | null;
  handle: string | null;
  group: 'random' | 'heavy' | 'brand';
}

const FOLLOWERS = `COUNT { (p)<-[:OWNED_BY]-(:SocialAccount)<-[:FOLLOWS]-() }`;

async function sampleSubjects(driver: Driver): Promise<{ subjects: Subject[]; describe: string }> {
  const owners = (
    await readQuery(
      driver,
      'MATCH (p:Person) WHERE EXISTS { (p)<-[:OWNED_BY]-(:SocialAccount) } RETURN p.id AS id ORDER BY id',
      {},
    )
  ).map((row) => String(row.id));
  const heavy = (
    await readQuery(
      driver,
      `MATCH (p:Person) WITH p, ${FOLLOWERS} AS followers
       ORDER BY followers DESC, p.id LIMIT $limit RETURN p.id AS id`,
      { limit: neo4j.int(HEAVY_SUBJECTS) },
    )
  ).map((row) => String(row.id));
  const random = seeded(SEED);
  const picked = new Set<string>();
  while (picked.size < Math.min(RANDOM_SUBJECTS, owners.length)) {
    const id = owners[Math.floor(random() * owners.length)] ?? '';
    if (!heavy.includes(id)) picked.add(id);
  }
  const subjects: Subject[] = [
    ...[...picked].map((personId) => ({ personId, handle: null, group: 'random' as const })),
    ...heavy.map((personId) => ({ personId, handle: null, group: 'heavy' as const })),
  ];
  for (let index = subjects.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [subjects[index], subjects[other]] = [subjects[other] as Subject, subjects[index] as Subject];
  }
  for (let n = 0; n < 10; n++)
    subjects.push({ personId: null, handle: BRAND_HANDLE, group: 'brand' });
  const stats = await readQuery(
    driver,
    `UNWIND $ids AS id MATCH (p:Person {id: id}) WITH p.id IN $heavy AS heavy, ${FOLLOWERS} AS followers
     RETURN heavy, count(*) AS people, percentileDisc(followers, 0.5) AS median, max(followers) AS max
     ORDER BY heavy`,
    { ids: [...picked, ...heavy], heavy },
  );
  const describe = stats
    .map(
      (row) =>
        `${row.heavy === true ? 'heavy tail' : 'random'} (${String(row.people)}): follower ` +
        `edges into their accounts median ${String(row.median)} / max ${String(row.max)}`,
    )
    .join('\n  ');
  return { subjects, describe };
}

function totalsOf(rows: Record<string, unknown>[]): number[] {
  const totals = (rows[0]?.totals ?? []) as { hops: unknown; people: unknown }[];
  const counts = [0, 0, 0];
  for (const level of totals) counts[Number(level.hops) - 1] = Number(level.people);
  return [counts[0] ?? 0, (counts[0] ?? 0) + (counts[1] ?? 0), counts.reduce((a, b) => a + b, 0)];
}

/**
 * The app's follower index, switched per request: the same app answers over Cypher (off) and from
 * the index (on), so both rows share one server, its connections and the page cache.
 */
class SwitchedFollowerIndex implements FollowerIndexSource {
  keeper: FollowerIndexSource | null = null;
  on = false;

  current(scope: OperationScope): Promise<FollowerIndex | null> {
    return this.on && this.keeper !== null ? this.keeper.current(scope) : Promise.resolve(null);
  }
}

const MIB = 1024 * 1024;

/**
 * Loads the index in this process (the app's), kept current by the link journal as the service
 * keeps it (each question first reads the journal), and prints its load time and memory.
 */
async function loadFollowerIndex(bench: BenchMApp): Promise<FollowerIndexSource> {
  const keeper = new FollowerIndexKeeper(new FollowerIndexRepository(bench.gateway));
  const journaled = new JournaledFollowerIndex(
    keeper,
    new LinkJournalFeed(bench.gateway),
    createLogger('warn'),
  );
  // With node --expose-gc, the growth below is what the index keeps; without, garbage too.
  const collect = (globalThis as { gc?: () => void }).gc;
  collect?.();
  const before = process.memoryUsage();
  const loadMs = await millis(async () => {
    journaled.start();
    if (!(await journaled.whenLoaded())) throw new Error('the follower index did not load');
  });
  collect?.();
  const after = process.memoryUsage();
  const stats = (await keeper.current({ operationName: 'benchFollowerIndexStats' }))?.stats();
  const grown = (after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers) / MIB;
  process.stdout.write(
    `reach: follower index loaded in ${(loadMs / 1000).toFixed(1)} s: ${stats?.accounts} accounts, ` +
      `${stats?.follows} follows, ${stats?.people} owners; typed arrays ` +
      `${((stats?.typedArrayBytes ?? 0) / MIB).toFixed(1)} MiB; heap + array buffers grew by ` +
      `${grown.toFixed(1)} MiB${collect === undefined ? ' (without --expose-gc: garbage of the load included)' : ''}\n`,
  );
  return journaled;
}

type Path = 'graphql' | 'index' | 'inProcess' | 'floor';

export async function runReachBenchmark(): Promise<void> {
  const switched = new SwitchedFollowerIndex();
  const bench = await startBenchMApp('reach', {}, switched);
  try {
    process.stdout.write('reach: warming the page cache (reads the whole graph once)\n');
    await warmPageCache(bench.driver);
    const { subjects, describe } = await sampleSubjects(bench.driver);
    process.stdout.write(`reach: ${subjects.length} subjects\n  ${describe}\n`);
    const keeper = await loadFollowerIndex(bench);
    switched.keeper = keeper;
    const inProcessService = new ReachService(new ReachRepository(bench.gateway), keeper);
    const token = await signToken(bench.config.auth, {
      userId: 'bench-analyst',
      roles: [StaffRole.ANALYST],
      expiresInSeconds: 24 * 3600,
    });
    const subjectInput = (subject: Subject) =>
      subject.personId === null ? { handle: subject.handle } : { personId: subject.personId };
    const overGraphQL = (subject: Subject) =>
      postGraphQL<{ networkReach: { total: { people: number }[] } }>(
        bench.url,
        token,
        REACH_QUERY,
        { subject: subjectInput(subject), maxHops: MAX_HOPS },
      );
    const overGraphQLFromIndex = async (subject: Subject) => {
      switched.on = true;
      try {
        return await overGraphQL(subject);
      } finally {
        switched.on = false;
      }
    };
    const inProcess = (subject: Subject) =>
      inProcessService.networkReach(
        { operationName: 'benchReach' },
        subjectInput(subject),
        MAX_HOPS,
      );
    const floor = (subject: Subject) =>
      readQuery(bench.driver, FLOOR_REACH, {
        personId: subject.personId,
        handle: subject.handle,
        platforms:
          subject.handle === null
            ? []
            : [
                'X',
                'FACEBOOK',
                'LINKEDIN',
                'XING',
                'INSTAGRAM',
                'YOUTUBE',
                'TIKTOK',
                'BLOG',
                'FORUM',
                'OTHER',
              ],
        maxHops: neo4j.int(MAX_HOPS),
      });

    // Each path's answer as people within 1, 2 and 3 hops.
    const paths: Record<Path, (subject: Subject) => Promise<number[]>> = {
      graphql: async (subject) =>
        (await overGraphQL(subject)).networkReach.total.map((level) => level.people),
      index: async (subject) =>
        (await overGraphQLFromIndex(subject)).networkReach.total.map((level) => level.people),
      inProcess: async (subject) => (await inProcess(subject)).total.map((level) => level.people),
      floor: async (subject) => totalsOf(await floor(subject)),
    };
    const order = Object.keys(paths) as Path[];

    process.stdout.write(`reach: warming up (${WARMUP} subjects each way)\n`);
    for (const subject of subjects.slice(0, WARMUP)) {
      for (const path of order) await paths[path](subject);
    }
    const samples: Record<Subject['group'], Record<Path, number[]>> = {
      random: { graphql: [], index: [], inProcess: [], floor: [] },
      heavy: { graphql: [], index: [], inProcess: [], floor: [] },
      brand: { graphql: [], index: [], inProcess: [], floor: [] },
    };
    let agreeing = 0;
    let indexAgreeing = 0;
    let largest = 0;
    for (const [index, subject] of subjects.entries()) {
      const answers: Partial<Record<Path, number[]>> = {};
      // A different path goes first for each subject, so that none always runs on a warmer cache.
      for (let turn = 0; turn < order.length; turn++) {
        const path = order[(index + turn) % order.length] as Path;
        samples[subject.group][path].push(
          await millis(async () => {
            answers[path] = await paths[path](subject);
          }),
        );
      }
      const product = JSON.stringify(answers.graphql);
      if (product === JSON.stringify(answers.floor)) agreeing += 1;
      if (
        product === JSON.stringify(answers.index) &&
        product === JSON.stringify(answers.inProcess)
      ) {
        indexAgreeing += 1;
      }
      largest = Math.max(largest, answers.graphql?.[2] ?? 0);
    }
    const all = (path: Path) => Object.values(samples).flatMap((group) => group[path]);
    const rows: ResultRow[] = [
      { name: 'GraphQL networkReach 3 hops, random people', samples: samples.random.graphql },
      { name: 'GraphQL networkReach 3 hops, heavy tail', samples: samples.heavy.graphql },
      {
        name: `GraphQL networkReach 3 hops, brand @${BRAND_HANDLE}`,
        samples: samples.brand.graphql,
      },
      { name: 'GraphQL networkReach 3 hops, all', samples: all('graphql') },
      { name: 'GraphQL, follower index, random people', samples: samples.random.index },
      { name: 'GraphQL, follower index, heavy tail', samples: samples.heavy.index },
      { name: `GraphQL, follower index, brand @${BRAND_HANDLE}`, samples: samples.brand.index },
      { name: 'GraphQL, follower index, all', samples: all('index') },
      { name: 'in-process service, follower index, random', samples: samples.random.inProcess },
      { name: 'in-process service, follower index, heavy', samples: samples.heavy.inProcess },
      { name: 'in-process service, follower index, brand', samples: samples.brand.inProcess },
      { name: 'in-process service, follower index, all', samples: all('inProcess') },
      { name: 'floor (APOC BFS, one statement), random people', samples: samples.random.floor },
      { name: 'floor, heavy tail', samples: samples.heavy.floor },
      { name: `floor, brand @${BRAND_HANDLE}`, samples: samples.brand.floor },
      { name: 'floor, all', samples: all('floor') },
    ];
    printTable(`Network reach on bench-M (1 client; ${loadNote()})`, rows);
    const ratio = (path: Path, p: number) => percentile(all(path), p) / percentile(all('floor'), p);
    process.stdout.write(
      `\nGraphQL / floor: p50 ${ratio('graphql', 50).toFixed(2)}×, p99 ${ratio('graphql', 99).toFixed(2)}×; ` +
        `with the follower index p50 ${ratio('index', 50).toFixed(2)}×, p99 ${ratio('index', 99).toFixed(2)}× ` +
        `(goal: GraphQL p99 ≤ 200 ms)\n` +
        `product and floor agree on the totals for ${agreeing} of ${subjects.length} subjects; ` +
        `the follower index (GraphQL and in-process) agrees with the Cypher path for ${indexAgreeing}; ` +
        `the largest 3-hop reach is ${largest} people\n`,
    );
  } finally {
    await bench.stop();
  }
}
