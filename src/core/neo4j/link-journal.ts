import { randomUUID } from 'node:crypto';
import type { CypherRow, Neo4jGateway, OperationScope } from './neo4j-gateway';
import { cypherInt } from './neo4j-values';

/**
 * The link journal: the local launcher (neo4j-local/.../LinkJournal.java) writes, inside every
 * transaction that changes links, one `(:LinkChange {at, people, accounts, interactions,
 * organizations, reset})` node with the ids of the entities whose links changed. Other servers
 * write nothing; `probeLinkJournal` tells them apart. Both labels are bookkeeping, not CRM data.
 */
export const LINK_JOURNAL_LABELS = ['LinkChange', 'LinkJournalProbe'] as const;

/** How long entries are kept; a reader that fell further behind must reload everything. */
export const LINK_JOURNAL_RETENTION_MS = 60 * 60 * 1000;

const CREATE_PROBE = 'CREATE (:LinkJournalProbe {id: $id})';
// The launcher sets `journaled` while the creating transaction commits; nothing else ever does.
const READ_PROBE =
  'MATCH (p:LinkJournalProbe {id: $id}) RETURN coalesce(p.journaled, false) AS journaled';
const DELETE_PROBE = 'MATCH (p:LinkJournalProbe {id: $id}) DELETE p';

/**
 * Whether this database runs the link journal: creates a probe node, reads it back and deletes it,
 * whatever happens in between. The read-back runs as a write so that it reaches the server that
 * committed the probe (a cluster routes reads elsewhere).
 */
export async function probeLinkJournal(
  gateway: Neo4jGateway,
  scope: OperationScope,
): Promise<boolean> {
  const id = randomUUID();
  try {
    await gateway.write(scope, (runner) => runner.run(CREATE_PROBE, { id }));
    const [row] = await gateway.write(scope, (runner) => runner.run(READ_PROBE, { id }));
    return row?.journaled === true;
  } finally {
    await gateway.write(scope, (runner) => runner.run(DELETE_PROBE, { id }));
  }
}

/**
 * Where a reader stands. `at` is taken just before its transaction commits, so an entry can become
 * visible after one with a later `at`: reads reach back `overlapMs` before the watermark, and the
 * entries already returned from that window are remembered to be skipped.
 */
export interface LinkJournalCursor {
  /** Server time (ms): every entry with an earlier `at` was returned, save late ones in the overlap. */
  readonly watermark: number;
  /** Entries returned whose `at` is still inside the overlap: `elementId@at` → `at`. */
  readonly seen: ReadonlyMap<string, number>;
}

/** The union of the entries committed since a cursor. */
export interface LinkChangeBatch {
  people: string[];
  accounts: string[];
  interactions: string[];
  organizations: string[];
  /** An entry asked for a full reload, or the cursor is so old that entries may be pruned. */
  reset: boolean;
  /** The batch bound was reached: read again with the new cursor for the rest. */
  more: boolean;
  entries: number;
  cursor: LinkJournalCursor;
}

export interface LinkJournalEntry {
  elementId: string;
  at: number;
  people: string[];
  accounts: string[];
  interactions: string[];
  organizations: string[];
  reset: boolean;
}

export interface LinkJournalOptions {
  /** How long after its `at` an entry may still commit. */
  overlapMs?: number;
  /** Entries per read; a large import writes one per transaction. */
  batchSize?: number;
  /** Entries per deleting transaction when pruning. */
  pruneBatchSize?: number;
  retentionMs?: number;
}

const NOW = 'RETURN timestamp() AS now';

// timestamp() is the server's clock, the one `at` comes from. The seen filter is a parameter list,
// which Cypher turns into a hash lookup.
const READ_SINCE = `
  CALL () {
    MATCH (c:LinkChange)
    WHERE c.at >= $from AND NOT elementId(c) + '@' + toString(c.at) IN $seen
    WITH c ORDER BY c.at LIMIT $limit
    RETURN collect(c {.at, .people, .accounts, .interactions, .organizations, .reset,
                      elementId: elementId(c)}) AS entries
  }
  RETURN timestamp() AS now, entries`;

const PRUNE = `
  MATCH (c:LinkChange) WHERE c.at < timestamp() - $ageMs
  WITH c LIMIT $limit
  DELETE c
  RETURN count(c) AS deleted`;

function seenKey(entry: Pick<LinkJournalEntry, 'elementId' | 'at'>): string {
  return `${entry.elementId}@${entry.at}`;
}

function texts(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : [];
}

function toEntry(row: CypherRow): LinkJournalEntry {
  return {
    elementId: String(row.elementId),
    at: Number(row.at),
    people: texts(row.people),
    accounts: texts(row.accounts),
    interactions: texts(row.interactions),
    organizations: texts(row.organizations),
    reset: row.reset === true,
  };
}

/**
 * The cursor after a read at server time `now` that returned `entries` (ordered by `at`). Caught
 * up, the watermark moves to `now`: whatever commits later has an `at` after `now - overlap`. With
 * more to come it stops at the last entry returned (or `now`, if earlier), where the rest begins.
 */
export function advanceCursor(
  cursor: LinkJournalCursor,
  entries: readonly LinkJournalEntry[],
  now: number,
  more: boolean,
  overlapMs: number,
): LinkJournalCursor {
  const last = entries[entries.length - 1];
  const reached = more && last !== undefined ? Math.min(last.at, now) : now;
  const watermark = Math.max(cursor.watermark, reached);
  const seen = new Map<string, number>();
  for (const [key, at] of cursor.seen) {
    if (at >= watermark - overlapMs) seen.set(key, at);
  }
  for (const entry of entries) {
    if (entry.at >= watermark - overlapMs) seen.set(seenKey(entry), entry.at);
  }
  return { watermark, seen };
}

function union(entries: readonly LinkJournalEntry[], ids: (entry: LinkJournalEntry) => string[]) {
  const all = new Set<string>();
  for (const entry of entries) for (const id of ids(entry)) all.add(id);
  return [...all].sort();
}

/** Reads and prunes the link journal; see LINK_JOURNAL_LABELS. */
export class LinkJournal {
  private readonly overlapMs: number;
  private readonly batchSize: number;
  private readonly pruneBatchSize: number;
  private readonly retentionMs: number;

  constructor(
    private readonly gateway: Neo4jGateway,
    options: LinkJournalOptions = {},
  ) {
    this.overlapMs = options.overlapMs ?? 10_000;
    this.batchSize = options.batchSize ?? 10_000;
    this.pruneBatchSize = options.pruneBatchSize ?? 10_000;
    this.retentionMs = options.retentionMs ?? LINK_JOURNAL_RETENTION_MS;
  }

  /** A cursor at the server's present: take it before loading the index the journal keeps fresh. */
  async openCursor(scope: OperationScope): Promise<LinkJournalCursor> {
    const [row] = await this.gateway.readStatement(scope, NOW);
    return { watermark: Number(row?.now), seen: new Map() };
  }

  async readSince(scope: OperationScope, cursor: LinkJournalCursor): Promise<LinkChangeBatch> {
    const [row] = await this.gateway.readStatement(scope, READ_SINCE, {
      from: cypherInt(cursor.watermark - this.overlapMs),
      seen: [...cursor.seen.keys()],
      limit: cypherInt(this.batchSize + 1),
    });
    const now = Number(row?.now);
    const found = ((row?.entries as CypherRow[] | undefined) ?? []).map(toEntry);
    const more = found.length > this.batchSize;
    const entries = found.slice(0, this.batchSize);
    const pruned = cursor.watermark - this.overlapMs < now - this.retentionMs;
    return {
      people: union(entries, (entry) => entry.people),
      accounts: union(entries, (entry) => entry.accounts),
      interactions: union(entries, (entry) => entry.interactions),
      organizations: union(entries, (entry) => entry.organizations),
      reset: pruned || entries.some((entry) => entry.reset),
      more,
      entries: entries.length,
      cursor: advanceCursor(cursor, entries, now, more, this.overlapMs),
    };
  }

  /** Deletes entries older than `ageMs` (server clock), a bounded batch per transaction. */
  async pruneOlderThan(scope: OperationScope, ageMs: number = this.retentionMs): Promise<number> {
    const params = { ageMs: cypherInt(ageMs), limit: cypherInt(this.pruneBatchSize) };
    let total = 0;
    let deleted: number;
    do {
      const [row] = await this.gateway.write(scope, (runner) => runner.run(PRUNE, params));
      deleted = Number(row?.deleted ?? 0);
      total += deleted;
    } while (deleted === this.pruneBatchSize);
    return total;
  }
}
