import type { Logger } from '../../core/logging/logger';
import type { OperationScope } from '../../core/neo4j/neo4j-gateway';
import type { ConsentPolicy } from '../consent/consent-policy';
import { ConsentPurpose } from '../consent/consent-purpose';
import type { IntroductionRepository } from './introduction.repository';
import { summarizeLink } from './introduction-link';
import type { ExpandedLink } from './introduction-subgraph';
import { type LinkIndex, LinkIndexBuilder, type LinkSummary } from './link-index';

/** Ids whose links changed, as the link journal reports them since a cursor. */
export interface LinkChanges {
  people: readonly string[];
  accounts: readonly string[];
  interactions: readonly string[];
  /** Something changed that the journal could not name: load everything again. */
  reset: boolean;
}

/** The journal the local Neo4j writes in every transaction that changes links (neo4j-local). */
export interface LinkChangeFeed<Cursor extends object> {
  /** True when this database writes the journal; otherwise the index cannot stay fresh. */
  available(scope: OperationScope): Promise<boolean>;
  /** A cursor from which every change committed after this call will be read. */
  start(scope: OperationScope): Promise<Cursor>;
  read(
    scope: OperationScope,
    cursor: Cursor,
  ): Promise<{ changes: LinkChanges; cursor: Cursor; more: boolean }>;
  prune(scope: OperationScope): Promise<void>;
}

export interface LinkIndexOptions {
  /** People, and interactions, per load query. */
  loadBatch: number;
  interactionBatch: number;
  /** More changed people or interaction pairs than this at once: load everything again. */
  maxChangedPeople: number;
  maxChangedPairs: number;
  /** How often the index reads the journal between requests, and prunes it. */
  pollMs: number;
  pruneMs: number;
}

export const LINK_INDEX_DEFAULTS: LinkIndexOptions = {
  loadBatch: 2_000,
  interactionBatch: 10_000,
  maxChangedPeople: 2_000,
  maxChangedPairs: 20_000,
  pollMs: 1_000,
  pruneMs: 10 * 60_000,
};

const SCOPE: OperationScope = { operationName: 'linkIndex', transactionTimeoutMs: 600_000 };

function summariesOf(links: readonly ExpandedLink[]): Map<string, Map<string, LinkSummary>> {
  const byPerson = new Map<string, Map<string, LinkSummary>>();
  for (const link of links) {
    const summary = summarizeLink(link);
    if (summary === null) continue;
    let row = byPerson.get(link.personId);
    if (row === undefined) {
      row = new Map();
      byPerson.set(link.personId, row);
    }
    row.set(link.otherId, summary);
  }
  return byPerson;
}

/**
 * Keeps a LinkIndex of the whole graph in step with the database: loads it once in the
 * background, then applies the link journal before every search (and every second between
 * searches). Changed people get their whole row read again; people who shared a new interaction
 * get the links between them read again. Until the index is loaded, while it loads again after a
 * bulk change, and on a database without the journal, `current` answers null and searches go to
 * the database as before.
 */
export class LinkIndexKeeper<Cursor extends object> {
  private index: LinkIndex | null = null;
  private cursor: Cursor | null = null;
  private loading: Promise<void> | null = null;
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private lastPrune = Date.now();
  private stopped = false;
  private started = false;
  private readonly loaded: Promise<boolean>;
  private settleLoaded: (serving: boolean) => void = () => undefined;

  constructor(
    private readonly repository: IntroductionRepository,
    private readonly consentPolicy: ConsentPolicy,
    private readonly feed: LinkChangeFeed<Cursor>,
    private readonly logger: Logger,
    private readonly options: LinkIndexOptions = LINK_INDEX_DEFAULTS,
  ) {
    this.loaded = new Promise((resolve) => {
      this.settleLoaded = resolve;
    });
  }

  /** Loads the index in the background (once the database is migrated). */
  start(): void {
    if (this.started) return;
    this.started = true;
    void this.begin().then(this.settleLoaded, () => this.settleLoaded(false));
  }

  /** Resolves once the first load finished (true) or the index will not be used (false). */
  whenLoaded(): Promise<boolean> {
    return this.loaded;
  }

  stop(): void {
    this.stopped = true;
    this.settleLoaded(false);
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  /**
   * The index with every change committed before this call applied, or null: not loaded, or the
   * journal could not be read (the caller asks the database instead).
   */
  async current(scope: OperationScope): Promise<LinkIndex | null> {
    if (this.index === null) return null;
    try {
      await this.catchUp(scope);
    } catch (error) {
      this.logger.warn(
        { err: error },
        'link index could not read the journal; asking the database',
      );
      return null;
    }
    return this.index;
  }

  private async begin(): Promise<boolean> {
    let available: boolean;
    try {
      available = await this.feed.available(SCOPE);
    } catch (error) {
      this.logger.warn({ err: error }, 'link journal probe failed; the link index stays off');
      return false;
    }
    if (!available) {
      this.logger.info('this database keeps no link journal; introductions read the database');
      return false;
    }
    await this.reload();
    if (this.index === null) return false;
    this.timer = setInterval(() => {
      void this.tick();
    }, this.options.pollMs);
    this.timer.unref();
    return true;
  }

  private async tick(): Promise<void> {
    if (this.index === null || this.stopped) return;
    try {
      await this.catchUp();
      if (Date.now() - this.lastPrune > this.options.pruneMs) {
        this.lastPrune = Date.now();
        await this.feed.prune(SCOPE);
      }
    } catch (error) {
      this.logger.debug({ err: error }, 'link index catch-up failed; retrying');
    }
  }

  /** One catch-up at a time; a caller arriving during one waits for the next, which sees its writes. */
  private catchUp(scope: OperationScope = SCOPE): Promise<void> {
    if (this.running === null) {
      // The round-trips count for the request that runs the catch-up (the others wait on it).
      this.running = this.applyJournal({ ...SCOPE, roundTrips: scope.roundTrips }).finally(() => {
        this.running = null;
      });
      return this.running;
    }
    this.queued ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = null;
        return this.catchUp(scope);
      });
    return this.queued;
  }

  private async applyJournal(scope: OperationScope): Promise<void> {
    const index = this.index;
    if (index === null || this.cursor === null) return;
    const people = new Set<string>();
    const accounts = new Set<string>();
    const interactions = new Set<string>();
    let cursor = this.cursor;
    let reset = false;
    for (let more = true; more; ) {
      const read = await this.feed.read(scope, cursor);
      cursor = read.cursor;
      more = read.more;
      read.changes.people.forEach((id) => people.add(id));
      read.changes.accounts.forEach((id) => accounts.add(id));
      read.changes.interactions.forEach((id) => interactions.add(id));
      reset ||= read.changes.reset;
      if (people.size + accounts.size > this.options.maxChangedPeople) reset = true;
      if (reset) break;
    }
    if (!reset) {
      if (accounts.size > 0) {
        for (const owner of await this.repository.ownersOf(scope, [...accounts])) people.add(owner);
      }
      reset = !(await this.refresh(scope, index, people, interactions));
    }
    if (reset) {
      this.logger.info('many links changed at once: loading the link index again');
      this.index = null;
      void this.reload();
      return;
    }
    this.cursor = cursor;
  }

  /** Reads again what changed; false when there is too much of it to do so piecemeal. */
  private async refresh(
    scope: OperationScope,
    index: LinkIndex,
    people: ReadonlySet<string>,
    interactions: ReadonlySet<string>,
  ): Promise<boolean> {
    const consent = this.consentPolicy.param(ConsentPurpose.SALES_PROSPECTING);
    if (people.size > 0) {
      const { links, usable } = await this.repository.linksOf(scope, [...people], consent);
      const rows = summariesOf(links);
      for (const personId of people) {
        const found = usable.get(personId);
        if (found === undefined) {
          index.removePerson(personId);
          continue;
        }
        index.setUsable(personId, found);
        index.replaceLinks(personId, rows.get(personId) ?? new Map());
      }
      for (const link of links) index.setUsable(link.otherId, link.otherUsable);
    }
    if (interactions.size === 0) return true;
    const pairs: [string, string][] = [];
    for (const group of await this.repository.participants(scope, [...interactions])) {
      for (const a of group) {
        for (const b of group) {
          if (a < b && !people.has(a) && !people.has(b)) pairs.push([a, b]);
        }
      }
    }
    if (pairs.length > this.options.maxChangedPairs) return false;
    if (pairs.length === 0) return true;
    const links = await this.repository.linksBetween(scope, pairs, consent, (id) =>
      index.degree(id),
    );
    const found = new Map(links.map((link) => [`${link.personId} ${link.otherId}`, link]));
    for (const [a, b] of pairs) {
      const link = found.get(`${a} ${b}`);
      index.setLink(a, b, link === undefined ? null : summarizeLink(link));
      if (link !== undefined) index.setUsable(b, link.otherUsable);
    }
    return true;
  }

  private reload(): Promise<void> {
    this.loading ??= this.load()
      .catch((error: unknown) => {
        this.logger.error(
          { err: error },
          'link index load failed; introductions read the database',
        );
      })
      .finally(() => {
        this.loading = null;
      });
    return this.loading;
  }

  private async load(): Promise<void> {
    const started = Date.now();
    const cursor = await this.feed.start(SCOPE);
    const consent = this.consentPolicy.param(ConsentPurpose.SALES_PROSPECTING);
    const builder = new LinkIndexBuilder();
    const { loadBatch, interactionBatch } = this.options;
    for (let after = ''; !this.stopped; ) {
      const people = await this.repository.peoplePage(SCOPE, after, loadBatch, consent);
      if (people.length === 0) break;
      after = (people[people.length - 1] as { id: string }).id;
      for (const person of people) builder.person(person.id, person.usable);
      const links = await this.repository.tiesAndFollowsFrom(
        SCOPE,
        people.map((person) => person.id),
      );
      for (const link of links) {
        if (link.strength === null) builder.addFollow(link.personId, link.otherId);
        else builder.addTie(link.personId, link.otherId, link.strength);
      }
    }
    for (let after = ''; !this.stopped; ) {
      const interactions = await this.repository.interactionsPage(SCOPE, after, interactionBatch);
      if (interactions.length === 0) break;
      after = (interactions[interactions.length - 1] as { id: string }).id;
      for (const interaction of interactions) {
        if (interaction.people.length < 2) continue;
        const at = interaction.occurredAt === null ? NaN : Date.parse(interaction.occurredAt);
        builder.addInteraction(interaction.people, at);
      }
    }
    if (this.stopped) return;
    const index = builder.build();
    this.index = index;
    this.cursor = cursor;
    this.logger.info(
      { people: index.people, links: index.links, ms: Date.now() - started },
      'link index loaded',
    );
  }
}
