import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, getNamedType, type GraphQLSchema, isInputObjectType } from 'graphql';
import { StaffRole } from '../../src/features/staff/staff-user.type';
import {
  type ArgumentPath,
  describeTarget,
  type ArgumentValues,
  type FuzzRequest,
  type FuzzTarget,
  fuzzRequest,
  leafName,
  fuzzTargets,
  INJECTION_PAYLOADS,
} from '../support/fuzz-requests';
import {
  diffFingerprints,
  type FingerprintDiff,
  type FingerprintEntry,
  type GraphFingerprint,
  isUnchanged,
  takeFingerprint,
} from '../support/graph-fingerprint';
import { resetGraph } from '../support/test-database';
import { projectRoot, type TestServer, useTestServer } from '../support/test-server';

/**
 * Injection fuzzing: every String and ID argument of every query and mutation (read from the
 * schema, so new operations are covered without being listed) receives Cypher, full-text and
 * import injection payloads, unicode, null bytes and a 100 kB string; the other arguments get
 * ordinary values and ids of a small fixture. The whole graph is fingerprinted (every node and
 * relationship with all properties) before and after, and compared:
 *
 * - a query, and any operation that fails, changes nothing;
 * - a successful mutation changes or deletes only what the request names (ids in its arguments
 *   or its result) and what it creates; it may create nodes only attached to those, or holding the
 *   payload's own data (an upsert keyed by the payload); deletes may cascade from a named node to
 *   its neighbours (erasure), never elsewhere;
 * - sentinel nodes that no request ever names are never touched (erasure, which by design scrubs
 *   traces anywhere, is the one mutation allowed to change unnamed nodes: WRITES_BEYOND_NAMED);
 * - no response is a 5xx or an INTERNAL_SERVER_ERROR, and none shows Cypher, a Neo4j code or a
 *   stack trace.
 */

type ResponseBody = {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
};

type Fixture = Record<FixtureKind, string[]> & { sentinels: Set<string> };
type FixtureKind =
  | 'person'
  | 'organization'
  | 'account'
  | 'topic'
  | 'product'
  | 'campaign'
  | 'interaction'
  | 'role'
  | 'tie'
  | 'user';

// Order matters: the first pattern that matches an argument (or, for a bare `id`, the
// operation's name) decides which kind of existing thing it names.
const ID_KINDS: ReadonlyArray<[RegExp, FixtureKind]> = [
  [/account|follower|followed/i, 'account'],
  [/organization/i, 'organization'],
  [/person|persons|survivor|merged|mention|people/i, 'person'],
  [/subject|about|topic/i, 'topic'],
  [/product/i, 'product'],
  [/campaign/i, 'campaign'],
  [/interaction|replyto/i, 'interaction'],
  [/role/i, 'role'],
  [/tie/i, 'tie'],
  [/user|handledby|staff/i, 'user'],
];

/**
 * Mutations whose intended writes reach beyond what the request names. Their changes and new
 * nodes are not checked against the request's footprint; deletes and the sentinels still are.
 */
const WRITES_BEYOND_NAMED: Readonly<Record<string, string>> = {
  erasePerson:
    "scrubs the person's name, e-mail and handles from any node that quotes them, and leaves a pseudonymous tombstone",
};

/** Optional inputs that operations need in practice: an interaction needs a performer. */
const COMPANIONS: Readonly<Record<string, ArgumentPath[]>> = {
  recordInteraction: [['input', 'performedByPersonId']],
};

/** Enum values that make an operation reach its string arguments (CSV imports need a type). */
const ENUM_OVERRIDES: Readonly<Record<string, string>> = { 'importRecords.format': 'NDJSON' };

/** Ordinary values by argument name: dates where dates are expected, e-mails for e-mails … */
function ordinaryString(name: string): string {
  const lower = name.toLowerCase();
  if (/email/.test(lower)) return 'fuzz@example.org';
  if (/url/.test(lower)) return 'https://example.org/fuzz';
  if (/phone/.test(lower)) return '+49 30 1234567';
  if (lower === 'locale') return 'de';
  if (/(since|until|on|activefrom|activeto|date)$/.test(lower)) return '2024-01-02';
  if (/^(expires|valid)/.test(lower)) return '2099-01-02T03:04:05.000Z';
  if (/(at|^from|^to)$/.test(lower)) return '2024-01-02T03:04:05.000Z';
  if (lower === 'system') return 'fuzz';
  if (lower === 'channel') return 'EMAIL';
  if (/handle|login|externalid|postid|sku/.test(lower)) return 'fuzz_value';
  if (lower === 'domain') return 'example.org';
  return 'Fuzz value';
}

function argumentValues(fixture: Fixture): ArgumentValues {
  return {
    id(argumentName, operationName, occurrence) {
      const byArgument = ID_KINDS.find(([pattern]) => pattern.test(argumentName));
      const byOperation = ID_KINDS.find(([pattern]) => pattern.test(operationName));
      const kind = (argumentName === 'id' ? byOperation : byArgument)?.[1] ?? 'person';
      const ids = fixture[kind];
      return ids[occurrence % ids.length] ?? null;
    },
    string: ordinaryString,
    companions: (operationName) => COMPANIONS[operationName] ?? [],
    enumValue: (coordinate, values) => ENUM_OVERRIDES[coordinate] ?? values[0] ?? '',
  };
}

async function send(server: TestServer, token: string, request: FuzzRequest) {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: request.query, variables: request.variables }),
  });
  return { status: response.status, body: (await response.json()) as ResponseBody };
}

async function graphql(server: TestServer, token: string, query: string, variables = {}) {
  const { body } = await send(server, token, { query, variables, namedIds: [] });
  if (body.errors !== undefined || body.data == null) {
    throw new Error(`fixture: ${query}: ${JSON.stringify(body.errors)}`);
  }
  return body.data as Record<string, { id: string }>;
}

/** A small graph with one or more of everything an ID argument can name, plus sentinels. */
async function createFixture(server: TestServer, token: string): Promise<Fixture> {
  const run = (query: string, variables = {}) => graphql(server, token, query, variables);
  const person = async (name: string) =>
    (await run('mutation ($n: String!) { createPerson(input: { name: $n }) { id } }', { n: name }))
      .createPerson!.id;
  const organization = async (name: string) =>
    (
      await run('mutation ($n: String!) { createOrganization(input: { name: $n }) { id } }', {
        n: name,
      })
    ).createOrganization!.id;
  const [anna, ben, clara] = [await person('Anna'), await person('Ben'), await person('Clara')];
  const org = await organization('Nordlicht');
  const created = await run(
    `mutation ($anna: ID!, $ben: ID!, $org: ID!) {
      account: upsertSocialAccount(input: { platform: X, handle: "anna_fixture" }) { id }
      other: upsertSocialAccount(input: { platform: X, handle: "ben_fixture" }) { id }
      topic: upsertTopic(name: "cargo bikes fixture") { id }
      product: createProduct(input: { name: "Velora Cargo" }) { id }
      campaign: createCampaign(input: { name: "Spring" }) { id }
      role: addRole(input: { personId: $anna, organizationId: $org, role: CUSTOMER }) { id }
      # Our own company exists from the start: a role without an organization creates it in a
      # transaction of its own, even when the role itself is then refused.
      ownCompany: addRole(input: { personId: $ben, role: EMPLOYEE }) { id }
      tie: addTie(input: { fromPersonId: $anna, toPersonId: $ben, type: KNOWS, strength: 0.5 }) { id }
      user: upsertUser(input: { login: "fixture", displayName: "Fixture", staffRole: SALES_REP, personId: $anna }) { id }
    }`,
    { anna, ben, org },
  );
  const interaction = await run(
    `mutation ($anna: ID!, $ben: ID!, $topic: ID!) {
      interaction: recordInteraction(input: { kind: POST, channel: "X", occurredAt: "2024-01-02T03:04:05Z",
        performedByPersonId: $anna, aboutIds: [$topic], mentionIds: [$ben], text: "fixture" }) { id }
    }`,
    { anna, ben, topic: created.topic!.id },
  );
  // Sentinels: no request ever names them, so nothing may ever change them.
  const sentinelPerson = await person('Sentinel Person');
  const sentinelOrganization = await organization('Sentinel Organization');
  await run(
    `mutation ($p: ID!, $o: ID!) { addRole(input: { personId: $p, organizationId: $o, role: PARTNER }) { id } }`,
    { p: sentinelPerson, o: sentinelOrganization },
  );
  return {
    person: [anna, ben, clara],
    organization: [org],
    account: [created.account!.id, created.other!.id],
    topic: [created.topic!.id],
    product: [created.product!.id],
    campaign: [created.campaign!.id],
    interaction: [interaction.interaction!.id],
    role: [created.role!.id],
    tie: [created.tie!.id],
    user: [created.user!.id],
    sentinels: new Set([sentinelPerson, sentinelOrganization]),
  };
}

/** Ids anywhere in a response's data. */
function idsIn(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) idsIn(item, into);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'id' && typeof inner === 'string') into.add(inner);
      else idsIn(inner, into);
    }
  }
  return into;
}

/** The strings a payload stands for as data: itself, or the values of the JSON it holds. */
function payloadData(payload: string): string[] {
  const values = [payload];
  try {
    const parsed = JSON.parse(payload) as unknown;
    if (typeof parsed === 'object' && parsed !== null) {
      values.push(...Object.values(parsed).filter((v): v is string => typeof v === 'string'));
    }
  } catch {
    // not JSON
  }
  return values.map(normalised).filter((value) => value.length > 0);
}

function normalised(value: string): string {
  return value.trim().toLowerCase().replace(/^@/, '');
}

const LEAKS =
  /Neo\.(Client|Transient|Database)Error|\b(MATCH|MERGE|UNWIND|DETACH)\s*\(|at .+\.(js|ts):\d+|neo4j/i;

interface Sent {
  request: FuzzRequest;
  payload: string;
  response: { status: number; body: ResponseBody };
}

const failed = (sent: Sent) => sent.response.body.errors !== undefined;

/** What a client must never see: a 5xx, a masked internal error, Cypher, Neo4j codes, stacks. */
function responseProblems(sent: Sent): string[] {
  const found: string[] = [];
  if (sent.response.status >= 500) found.push(`HTTP ${sent.response.status}`);
  for (const error of sent.response.body.errors ?? []) {
    if (error.extensions?.code === 'INTERNAL_SERVER_ERROR') found.push('INTERNAL_SERVER_ERROR');
    if (LEAKS.test(error.message)) found.push(`leaky message: ${error.message.slice(0, 200)}`);
  }
  return found;
}

function closure(
  start: Set<string>,
  relationships: Iterable<FingerprintEntry>,
  admit: (elementId: string) => boolean,
): void {
  let grew = true;
  while (grew) {
    grew = false;
    for (const relationship of relationships) {
      for (const [from, to] of [
        [relationship.start, relationship.end],
        [relationship.end, relationship.start],
      ] as const) {
        if (from === undefined || to === undefined) continue;
        if (start.has(from) && !start.has(to) && admit(to)) {
          start.add(to);
          grew = true;
        }
      }
    }
  }
}

/**
 * Whether the writes of successful mutations stay within what they name (ids in their arguments
 * and results) and what they create; `sent` are the requests behind one diff.
 */
function writeProblems(
  sent: readonly Sent[],
  before: GraphFingerprint,
  diff: FingerprintDiff,
  sentinels: ReadonlySet<string>,
  operation: string,
): string[] {
  const found: string[] = [];
  const beyondNamed = operation in WRITES_BEYOND_NAMED;
  const named = new Set(
    sent.flatMap(({ request, response }) => [...request.namedIds, ...idsIn(response.body.data)]),
  );
  const data = new Set(sent.flatMap(({ payload }) => payloadData(payload)));
  const created = new Set(diff.nodes.created.map((node) => node.elementId));
  const deleted = new Set(diff.nodes.deleted.map((node) => node.elementId));
  const footprint = new Set<string>();
  for (const node of [...before.nodes.values(), ...diff.nodes.created]) {
    if (node.id !== null && named.has(node.id)) footprint.add(node.elementId);
  }
  // Deletes may cascade from a named node through its deleted neighbours (an erasure).
  closure(footprint, before.relationships.values(), (elementId) => deleted.has(elementId));
  // New nodes count when they hold the payload's data (a record keyed by it), or when created
  // relationships attach them to what the request names.
  const holdsPayload = (properties: string) =>
    (JSON.parse(properties) as Array<[string, unknown]>).some(
      ([, value]) => typeof value === 'string' && data.has(normalised(value)),
    );
  for (const node of diff.nodes.created) {
    if (holdsPayload(node.properties)) footprint.add(node.elementId);
  }
  closure(footprint, diff.relationships.created, (elementId) => created.has(elementId));

  for (const node of diff.nodes.created) {
    if (!footprint.has(node.elementId) && !beyondNamed) {
      found.push(`created an unrelated ${node.kind} node`);
    }
  }
  for (const node of diff.nodes.deleted) {
    if (!footprint.has(node.elementId)) found.push(`deleted ${node.kind} ${node.id} unnamed`);
  }
  for (const { after } of diff.nodes.changed) {
    if (!footprint.has(after.elementId) && !beyondNamed) {
      found.push(`changed ${after.kind} ${after.id} unnamed`);
    }
  }
  const relationships = [
    ...diff.relationships.created,
    ...diff.relationships.deleted,
    ...diff.relationships.changed.map((change) => change.after),
  ];
  for (const relationship of relationships) {
    const touchesFootprint = [relationship.start, relationship.end].some(
      (end) => end !== undefined && (footprint.has(end) || created.has(end)),
    );
    const namedItself = relationship.id !== null && named.has(relationship.id);
    if (!touchesFootprint && !namedItself && !beyondNamed) {
      found.push(`touched a ${relationship.kind} relationship between unnamed nodes`);
    }
  }
  for (const node of [...diff.nodes.deleted, ...diff.nodes.changed.map((c) => c.before)]) {
    if (node.id !== null && sentinels.has(node.id)) found.push(`touched sentinel ${node.kind}`);
  }
  return found;
}

const schema: GraphQLSchema = buildSchema(
  readFileSync(path.join(projectRoot, 'schema', 'schema.graphql'), 'utf8'),
);
const targets = fuzzTargets(schema);
const operations = [
  ...new Set(targets.map((target) => `${target.operation} ${target.field.name}`)),
];

describe('injection payloads in every string argument', () => {
  // No consent requirement: payloads should reach the writes that consent would otherwise stop.
  const server = useTestServer({ env: { CONSENT_REQUIRED_PURPOSES: '' } });
  let token: string;
  let fixture: Fixture;
  let current: GraphFingerprint;
  const outcomes = { requests: 0, succeeded: 0, refused: new Map<string, number>() };
  /** String (not ID) arguments of mutations, and whether some payload got through them. */
  const reachedWrites = new Map<string, boolean>();
  /** The same with an ordinary value: null when it succeeded, else its first error. */
  const controls = new Map<string, string | null>();

  /** A fresh fixture when a request removed part of it, or when the graph has grown large. */
  async function ensureFixture(): Promise<void> {
    const present = new Set([...current.nodes.values()].map((node) => node.id));
    const kinds = Object.keys(fixture).filter((kind) => kind !== 'sentinels') as FixtureKind[];
    const intact = kinds.every((kind) => fixture[kind].every((id) => present.has(id)));
    if (intact && current.nodes.size < 150) return;
    await resetGraph(server.gateway);
    fixture = await createFixture(server, token);
    current = await takeFingerprint(server.gateway);
  }

  /** Sends requests side by side; returns what changed in the graph meanwhile. */
  async function sendAll(
    requests: ReadonlyArray<{ request: FuzzRequest; payload: string }>,
  ): Promise<{ sent: Sent[]; before: GraphFingerprint; diff: FingerprintDiff }> {
    const before = current;
    const sent = await Promise.all(
      requests.map(async ({ request, payload }) => ({
        request,
        payload,
        response: await send(server, token, request),
      })),
    );
    current = await takeFingerprint(server.gateway);
    return { sent, before, diff: diffFingerprints(before, current) };
  }

  beforeAll(async () => {
    // Every staff role at once, so that no operation refuses the caller before it reads input.
    token = await server.tokenFor(Object.values(StaffRole));
    fixture = await createFixture(server, token);
    current = await takeFingerprint(server.gateway);
  });

  it('covers every operation that takes a string', () => {
    expect(operations.length).toBeGreaterThanOrEqual(40);
    expect(targets.length).toBeGreaterThanOrEqual(100);
  });

  // Per argument: all payloads side by side, then one fingerprint. Requests that failed are sent
  // again together and must change nothing; those that succeeded are sent again one at a time,
  // each checked against its own before and after.
  it.each(operations)(
    '%s',
    async (operation) => {
      const problems: string[] = [];
      const report = (target: FuzzTarget, sent: Sent, problem: string) => {
        const index = INJECTION_PAYLOADS.indexOf(sent.payload);
        problems.push(`${describeTarget(target)} with payload #${index}: ${problem}`);
      };
      for (const target of targets.filter((t) => `${t.operation} ${t.field.name}` === operation)) {
        await ensureFixture();
        if (target.operation === 'mutation' && isStringArgument(target)) {
          // A control with an ordinary value shows whether the fuzzer reaches the write at all.
          const ordinary = ordinaryString(leafName(target));
          const control = await sendAll([
            { payload: ordinary, request: fuzzRequest(target, ordinary, argumentValues(fixture)) },
          ]);
          const [sent] = control.sent;
          for (const problem of responseProblems(sent!)) report(target, sent!, problem);
          const problems = failed(sent!)
            ? isUnchanged(control.diff)
              ? []
              : ['failed but changed the graph']
            : writeProblems(
                control.sent,
                control.before,
                control.diff,
                fixture.sentinels,
                target.field.name,
              );
          for (const problem of problems) report(target, sent!, `(ordinary value) ${problem}`);
          controls.set(
            describeTarget(target),
            failed(sent!) ? (sent!.response.body.errors?.[0]?.message ?? 'failed') : null,
          );
          await ensureFixture();
        }
        const values = argumentValues(fixture);
        const requests = INJECTION_PAYLOADS.map((payload) => ({
          payload,
          request: fuzzRequest(target, payload, values),
        }));
        const all = await sendAll(requests);
        for (const sent of all.sent) {
          for (const problem of responseProblems(sent)) report(target, sent, problem);
          outcomes.requests += 1;
          const code = sent.response.body.errors?.[0]?.extensions?.code;
          if (code === undefined) outcomes.succeeded += 1;
          else outcomes.refused.set(code, (outcomes.refused.get(code) ?? 0) + 1);
        }
        const succeeded = all.sent.filter((sent) => !failed(sent));
        if (target.operation === 'mutation' && isStringArgument(target)) {
          reachedWrites.set(describeTarget(target), succeeded.length > 0);
        }
        if (target.operation === 'query' || succeeded.length === 0) {
          if (!isUnchanged(all.diff)) report(target, all.sent[0]!, 'changed the graph');
          continue;
        }
        for (const problem of writeProblems(
          all.sent,
          all.before,
          all.diff,
          fixture.sentinels,
          target.field.name,
        )) {
          report(target, succeeded[0]!, `(side by side) ${problem}`);
        }
        const again = await sendAll(all.sent.filter(failed));
        if (!isUnchanged(again.diff) && again.sent.every(failed)) {
          report(target, again.sent[0]!, 'failed requests changed the graph');
        }
        for (const one of [...succeeded, ...again.sent.filter((sent) => !failed(sent))]) {
          const alone = await sendAll([one]);
          const [sent] = alone.sent;
          const changed = failed(sent!)
            ? isUnchanged(alone.diff)
              ? []
              : ['failed but changed the graph']
            : writeProblems(
                alone.sent,
                alone.before,
                alone.diff,
                fixture.sentinels,
                target.field.name,
              );
          for (const problem of changed) report(target, sent!, problem);
        }
      }
      expect(problems).toEqual([]);
    },
    300_000,
  );

  it('reached the writes: an ordinary value gets through most string arguments of mutations', () => {
    const unreached = [...controls].filter(([, error]) => error !== null);
    const throughPayloads = [...reachedWrites].filter(([, reached]) => reached).length;
    process.stdout.write(
      `injection fuzzing: ${operations.length} operations, ${targets.length} string arguments, ` +
        `${INJECTION_PAYLOADS.length} payloads, ${outcomes.requests} payload requests: ` +
        `${outcomes.succeeded} succeeded, refused ${JSON.stringify(Object.fromEntries(outcomes.refused))}; ` +
        `${throughPayloads} of ${reachedWrites.size} string arguments of mutations took a payload ` +
        `into a write; not reached with an ordinary value: ` +
        `${unreached.map(([name, error]) => `${name} (${error})`).join('; ')}\n`,
    );
    expect(unreached.length / controls.size).toBeLessThan(0.2);
  });
});

/** True for a String (not ID) leaf: ids are checked for their shape before any query runs. */
function isStringArgument(target: FuzzTarget): boolean {
  const argument = target.field.args.find((candidate) => candidate.name === target.path[0]);
  let type = argument === undefined ? undefined : getNamedType(argument.type);
  for (const segment of target.path.slice(1)) {
    if (segment === 0 || !isInputObjectType(type)) continue;
    type = getNamedType(type.getFields()[segment]!.type);
  }
  return type?.name === 'String';
}
