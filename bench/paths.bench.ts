import neo4j, { type Driver } from 'neo4j-driver';
import { consentAllows } from '../src/features/consent/consent-policy';
import { ConsentPolicy } from '../src/features/consent/consent-policy';
import { ConsentPurpose } from '../src/features/consent/consent-purpose';
import { IntroductionRepository } from '../src/features/introductions/introduction.repository';
import { IntroductionService } from '../src/features/introductions/introduction.service';
import { signToken } from '../src/features/access/token-verifier';
import { StaffRole } from '../src/features/staff/staff-user.type';
import { ANY_TIE } from '../src/features/ties/tie.type';
import {
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
 * Warm introduction paths on bench-M, 4 hops, 3 paths: the GraphQL operation over HTTP (the
 * caller's token names a member of staff, whose person is the start), searched on the in-memory
 * link index; the same service called in-process without the index (links read from the
 * database per search, as on a server without the link journal); and the floor: the best single Cypher statement for the same
 * question through neo4j-driver. Targets: random people who consented to prospecting, and the
 * heavy tail (the consenting people with the most relationships).
 */

const RANDOM_TARGETS = Number(process.env.BENCH_PATHS_RANDOM ?? 150);
const HEAVY_TARGETS = Number(process.env.BENCH_PATHS_HEAVY ?? 30);
const WARMUP = Number(process.env.BENCH_PATHS_WARMUP ?? 30);
const INTRODUCER_TARGETS = Number(process.env.BENCH_PATHS_INTRODUCERS ?? 10);
const MAX_HOPS = 4;
const PATHS = 3;
const SEED = 7;

const PATHS_QUERY = `
query Paths($target: ID!, $maxHops: Int, $first: Int) {
  introductionPaths(targetPersonId: $target, maxHops: $maxHops, first: $first) {
    trust length
    people { id name }
    steps { kind strength weight since direction latestInteraction { id occurredAt } }
  }
}`;

const INTRODUCERS_QUERY = `
query Introducers($target: ID!) {
  introducers(targetPersonId: $target) { trust user { login } path { length } }
}`;

// The floor. One statement for the same question: links are ties, follows and shared
// interactions, weighted the same way, consent checked on every person met; two hops from each
// end, joined in the middle (APOC's groupByMulti as the hash join). It lives here, not in a
// repository, because it exists to be measured.

const PARTICIPATIONS = `
      CALL (x) {
        MATCH (x)-[:PERFORMED|HANDLED]->(i:Interaction) RETURN i
        UNION MATCH (x)<-[:MENTIONS]-(i:Interaction) RETURN i
        UNION MATCH (x)-[:PERFORMED]->(:Interaction)<-[:REPLY_TO]-(i:Interaction) RETURN i
      }
      WITH DISTINCT i
      CALL (i) {
        MATCH (i)<-[:PERFORMED|HANDLED]-(y) RETURN y
        UNION MATCH (i)-[:MENTIONS]->(y) RETURN y
        UNION MATCH (i)-[:REPLY_TO]->(:Interaction)<-[:PERFORMED]-(y) RETURN y
      }
      MATCH (y)-[:OWNED_BY|IS_PERSON*0..1]->(other:Person)`;

function links(from: string, to: string, weight: string): string {
  return `
  CALL (${from}) {
    CALL (${from}) {
      MATCH (${from})-[tie:${ANY_TIE}]-(other:Person)
      RETURN other, tie.strength AS strength, null AS outgoing, null AS at
      UNION ALL
      MATCH (${from})<-[:OWNED_BY]-(own:SocialAccount)-[f:FOLLOWS]-(:SocialAccount)
        -[:OWNED_BY]->(other:Person)
      RETURN other, null AS strength, startNode(f) = own AS outgoing, null AS at
      UNION ALL
      MATCH (${from})<-[:OWNED_BY|IS_PERSON*0..1]-(x)
      ${PARTICIPATIONS}
      WITH DISTINCT other, i
      RETURN other, null AS strength, null AS outgoing, i.occurredAt AS at
    }
    WITH other, max(strength) AS tie, collect(outgoing) AS follows, count(at) AS shared,
      max(at) AS latest
    WHERE other <> ${from} AND (other.id IN $ends OR ${consentAllows('other', 'consent')})
    WITH other, latest, [coalesce(tie, 0.0),
      CASE WHEN true IN follows AND false IN follows THEN 0.3
        WHEN size(follows) > 0 THEN 0.2 ELSE 0.0 END,
      CASE WHEN shared = 0 THEN 0.0 WHEN shared >= 5 THEN 0.6 ELSE 0.1 + 0.1 * shared END] AS bases
    WITH other, latest, reduce(best = 0.0, b IN bases | CASE WHEN b > best THEN b ELSE best END)
      AS base
    WITH other, base + (1 - base) * CASE WHEN latest IS NULL THEN 0.0
      ELSE 0.5 * exp(-(duration.inSeconds(latest, datetime()).seconds / 86400.0) / 90.0) END AS w
    RETURN other AS ${to}, CASE WHEN w < 0.01 THEN 0.01 ELSE w END AS ${weight}
  }`;
}

const FLOOR_PATHS = `
  MATCH (s:Person {id: $sourceId})
  MATCH (t:Person {id: $targetId})
  CALL (s) {
    ${links('s', 'a', 'wa')}
    RETURN collect({node: a, w: wa}) AS firstFromS
  }
  CALL (t) {
    ${links('t', 'b', 'wb')}
    RETURN collect({node: b, w: wb}) AS firstFromT
  }
  CALL (s, t, firstFromS) {
    UNWIND firstFromS AS hop
    WITH s, t, hop.node AS a, hop.w AS wa
    WHERE NOT a.id IN $ends
    ${links('a', 'm', 'wm')}
    WITH a, wa, m, wm WHERE m <> s
    RETURN collect({meet: elementId(m), nodes: [a, m], trust: wa * wm, len: 2}) AS secondFromS
  }
  CALL (s, t, firstFromT) {
    UNWIND firstFromT AS hop
    WITH s, t, hop.node AS b, hop.w AS wb
    WHERE NOT b.id IN $ends
    ${links('b', 'n', 'wn')}
    WITH b, wb, n, wn WHERE n <> t
    RETURN collect({meet: elementId(n), nodes: [b, n], trust: wb * wn, len: 2}) AS secondFromT
  }
  WITH s, t, firstFromS, secondFromS,
    apoc.map.groupByMulti(
      [h IN firstFromT | {meet: elementId(h.node), nodes: [h.node], trust: h.w, len: 1}]
        + secondFromT, 'meet') AS backward
  UNWIND [h IN firstFromS | {meet: elementId(h.node), nodes: [h.node], trust: h.w, len: 1}]
    + secondFromS AS f
  WITH s, t, f, CASE
      WHEN last(f.nodes) = t THEN CASE WHEN f.len = 1 THEN [{nodes: [], trust: 1.0, len: 0}]
        ELSE [] END
      ELSE coalesce(backward[f.meet], []) END AS halves
  UNWIND halves AS b
  WITH s, t, f, b WHERE f.len - b.len IN [0, 1]
  WITH [s] + f.nodes + CASE b.len WHEN 0 THEN [] WHEN 1 THEN [t] ELSE [b.nodes[0], t] END AS path,
    f.trust * b.trust AS trust
  WHERE size(apoc.coll.toSet(path)) = size(path)
    AND all(n IN path[1..-1] WHERE NOT n.id IN $ends)
  RETURN [n IN path | n.id] AS ids, trust
  ORDER BY trust DESC, size(path)
  LIMIT $paths`;

interface Pair {
  userId: string;
  sourceId: string;
  targetId: string;
  heavy: boolean;
}

const DEGREE = `(COUNT { (p)--() } + reduce(total = 0, d IN
  [(p)<-[:OWNED_BY|IS_PERSON]-(own) | COUNT { (own)--() }] | total + d))`;

const PROSPECTING_CONSENT = `EXISTS { MATCH (p)-[:GAVE]->(c:Consent {purpose: 'SALES_PROSPECTING'})
  WHERE c.withdrawnAt IS NULL AND (c.expiresAt IS NULL OR c.expiresAt > datetime()) }`;

async function samplePairs(driver: Driver): Promise<{ pairs: Pair[]; describe: string }> {
  const staff = await readQuery(
    driver,
    'MATCH (u:User)-[:IS_PERSON]->(p:Person) RETURN u.id AS userId, p.id AS personId ORDER BY u.id',
    {},
  );
  const consenting = (
    await readQuery(
      driver,
      `MATCH (p:Person) WHERE ${PROSPECTING_CONSENT} AND NOT EXISTS { (p)<-[:IS_PERSON]-(:User) }
       RETURN p.id AS id ORDER BY id`,
      {},
    )
  ).map((row) => String(row.id));
  const heavy = (
    await readQuery(
      driver,
      `UNWIND $ids AS id MATCH (p:Person {id: id}) WITH p, ${DEGREE} AS degree
       ORDER BY degree DESC, p.id LIMIT $limit RETURN p.id AS id, degree`,
      { ids: consenting, limit: neo4j.int(HEAVY_TARGETS) },
    )
  ).map((row) => String(row.id));
  const random = seeded(SEED);
  const targets = new Set<string>();
  while (targets.size < Math.min(RANDOM_TARGETS, consenting.length)) {
    const id = consenting[Math.floor(random() * consenting.length)] ?? '';
    if (!heavy.includes(id)) targets.add(id);
  }
  const pick = () => staff[Math.floor(random() * staff.length)] as Record<string, unknown>;
  const pairs: Pair[] = [...targets, ...heavy].map((targetId) => {
    const member = pick();
    return {
      userId: String(member.userId),
      sourceId: String(member.personId),
      targetId,
      heavy: heavy.includes(targetId),
    };
  });
  for (let index = pairs.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [pairs[index], pairs[other]] = [pairs[other] as Pair, pairs[index] as Pair];
  }
  const degrees = await readQuery(
    driver,
    `UNWIND $ids AS id MATCH (p:Person {id: id})
     WITH p.id IN $heavy AS heavy, ${DEGREE} AS degree
     RETURN heavy, count(*) AS people, percentileDisc(degree, 0.5) AS median, max(degree) AS max
     ORDER BY heavy`,
    { ids: pairs.map((pair) => pair.targetId), heavy },
  );
  const describe = degrees
    .map(
      (row) =>
        `${row.heavy === true ? 'heavy tail' : 'random'} targets (${String(row.people)}): ` +
        `relationships around them median ${String(row.median)} / max ${String(row.max)}`,
    )
    .join('\n  ');
  return {
    pairs,
    describe: `${describe}\n  ${consenting.length} people consented to prospecting; ${staff.length} staff`,
  };
}

function row(name: string, samples: number[]): ResultRow {
  return { name, samples };
}

export async function runPathsBenchmark(): Promise<void> {
  const bench = await startBenchMApp('paths', { LINK_INDEX: 'auto' });
  try {
    process.stdout.write('paths: warming the page cache (reads the whole graph once)\n');
    await warmPageCache(bench.driver);
    process.stdout.write('paths: loading the link index (reads every link once)\n');
    const loadMs = await millis(async () => {
      if (!(await bench.app.linkIndexLoaded())) throw new Error('the link index did not load');
    });
    const memory = process.memoryUsage();
    const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
    process.stdout.write(
      `paths: link index ready ${(loadMs / 1000).toFixed(1)} s after the page cache was warm ` +
        `(it loads from start-up on); process heap ${mib(memory.heapUsed)} MiB, typed arrays ` +
        `${mib(memory.arrayBuffers)} MiB, RSS ${mib(memory.rss)} MiB\n`,
    );
    const { pairs, describe } = await samplePairs(bench.driver);
    process.stdout.write(`paths: ${pairs.length} pairs\n  ${describe}\n`);
    const service = new IntroductionService(
      new IntroductionRepository(bench.gateway),
      new ConsentPolicy(bench.config.consentRequiredPurposes),
    );
    const consent = new ConsentPolicy(bench.config.consentRequiredPurposes).param(
      ConsentPurpose.SALES_PROSPECTING,
    );
    const tokens = new Map<string, string>();
    const tokenOf = async (userId: string) => {
      let token = tokens.get(userId);
      if (token === undefined) {
        token = await signToken(bench.config.auth, {
          userId,
          roles: [StaffRole.SALES_REP],
          expiresInSeconds: 24 * 3600,
        });
        tokens.set(userId, token);
      }
      return token;
    };
    const overGraphQL = async (pair: Pair) =>
      postGraphQL<{ introductionPaths: { trust: number }[] }>(
        bench.url,
        await tokenOf(pair.userId),
        PATHS_QUERY,
        { target: pair.targetId, maxHops: MAX_HOPS, first: PATHS },
      );
    const inProcess = (pair: Pair) =>
      service.paths({ operationName: 'bench' }, null, {
        targetPersonId: pair.targetId,
        fromPersonId: pair.sourceId,
        maxHops: MAX_HOPS,
        first: PATHS,
      });
    const floor = (pair: Pair) =>
      readQuery(bench.driver, FLOOR_PATHS, {
        sourceId: pair.sourceId,
        targetId: pair.targetId,
        ends: [pair.sourceId, pair.targetId],
        consent,
        paths: neo4j.int(PATHS),
      });

    process.stdout.write(`paths: warming up (${WARMUP} pairs each way)\n`);
    for (const pair of pairs.slice(0, WARMUP)) {
      await overGraphQL(pair);
      await inProcess(pair);
      await floor(pair);
    }

    const samples = {
      graphql: { random: [] as number[], heavy: [] as number[] },
      service: { random: [] as number[], heavy: [] as number[] },
      floor: { random: [] as number[], heavy: [] as number[] },
    };
    let found = 0;
    let agreeing = 0;
    for (const [index, pair] of pairs.entries()) {
      const group = pair.heavy ? 'heavy' : 'random';
      // Alternate the order, so that neither side always runs on the other's warm caches.
      const order =
        index % 2 === 0 ? ['graphql', 'service', 'floor'] : ['floor', 'service', 'graphql'];
      let product: number | null = null;
      let lowest: number | null = null;
      for (const side of order) {
        if (side === 'graphql') {
          let best: number | null = null;
          samples.graphql[group].push(
            await millis(async () => {
              best = (await overGraphQL(pair)).introductionPaths[0]?.trust ?? null;
            }),
          );
          product = best;
        } else if (side === 'service') {
          samples.service[group].push(await millis(() => inProcess(pair)));
        } else {
          let best: number | null = null;
          samples.floor[group].push(
            await millis(async () => {
              const rows = await floor(pair);
              best = rows[0] === undefined ? null : Number(rows[0].trust);
            }),
          );
          lowest = best;
        }
      }
      if (product !== null) found += 1;
      // Relative tolerance: recent interactions' weight fades by the second between the calls.
      if (
        (product === null && lowest === null) ||
        (product !== null && lowest !== null && Math.abs(product - lowest) <= 1e-6 * product)
      ) {
        agreeing += 1;
      }
    }
    const all = (side: keyof typeof samples) => [...samples[side].random, ...samples[side].heavy];
    const rows: ResultRow[] = [
      row('GraphQL introductionPaths, random targets', samples.graphql.random),
      row('GraphQL introductionPaths, heavy-tail targets', samples.graphql.heavy),
      row('GraphQL introductionPaths, all', all('graphql')),
      row('service in-process, links from the database (no index), all', all('service')),
      row('floor: one Cypher statement, random targets', samples.floor.random),
      row('floor: one Cypher statement, heavy-tail targets', samples.floor.heavy),
      row('floor: one Cypher statement, all', all('floor')),
    ];

    const introducerSamples: number[] = [];
    for (const pair of pairs.slice(0, INTRODUCER_TARGETS)) {
      introducerSamples.push(
        await millis(() =>
          postGraphQL(bench.url, tokens.get(pair.userId) ?? '', INTRODUCERS_QUERY, {
            target: pair.targetId,
          }),
        ),
      );
    }
    rows.push(row('GraphQL introducers (whole staff), 4 hops', introducerSamples));

    printTable(
      `Introduction paths on bench-M (${MAX_HOPS} hops, ${PATHS} paths, 1 client; ` +
        `${loadNote()})`,
      rows,
    );
    const ratio = (p: number) => percentile(all('graphql'), p) / percentile(all('floor'), p);
    process.stdout.write(
      `\nGraphQL / floor: p50 ${ratio(50).toFixed(2)}×, p99 ${ratio(99).toFixed(2)}× ` +
        `(goal: GraphQL p99 ≤ 50 ms)\n` +
        `${found} of ${pairs.length} pairs have a path; product and floor agree on the best ` +
        `trust for ${agreeing}\n`,
    );
  } finally {
    await bench.stop();
  }
}
