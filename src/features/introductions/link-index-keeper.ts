import type { Logger } from '../../core/logging/logger';
import {
  JournaledIndex,
  type LinkChangeFeed,
  type LinkChanges,
} from '../../core/neo4j/link-journal-follower';
import type { OperationScope } from '../../core/neo4j/neo4j-gateway';
import type { ConsentPolicy } from '../consent/consent-policy';
import { ConsentPurpose } from '../consent/consent-purpose';
import type { IntroductionRepository } from './introduction.repository';
import { summarizeLink } from './introduction-link';
import type { LinkIndexSource } from './introduction.service';
import type { ExpandedLink } from './introduction-subgraph';
import { type LinkIndex, LinkIndexBuilder, type LinkSummary } from './link-index';

export interface LinkIndexOptions {
  /** People, and interactions, per load query. */
  loadBatch: number;
  interactionBatch: number;
  /** More changed people or interaction pairs than this at once: load everything again. */
  maxChangedPeople: number;
  maxChangedPairs: number;
}

export const LINK_INDEX_DEFAULTS: LinkIndexOptions = {
  loadBatch: 2_000,
  interactionBatch: 10_000,
  maxChangedPeople: 2_000,
  maxChangedPairs: 20_000,
};

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
 * Keeps a LinkIndex of the whole graph in step with the database, through the link journal
 * (LinkJournalFollower): loads it by reading every link once, then, before every search, reads
 * again what changed. Changed people get their whole row read again; people who shared a new
 * interaction get the links between them read again; an account stands for its owner. Until the
 * index is loaded, while it loads again after a bulk change, and on a database without the
 * journal, `current` answers null and searches go to the database.
 */
export class LinkIndexKeeper extends JournaledIndex implements LinkIndexSource {
  readonly name = 'link index';
  private index: LinkIndex | null = null;

  constructor(
    private readonly repository: IntroductionRepository,
    private readonly consentPolicy: ConsentPolicy,
    feed: LinkChangeFeed<object>,
    logger: Logger,
    private readonly options: LinkIndexOptions = LINK_INDEX_DEFAULTS,
  ) {
    super(feed, logger);
  }

  /** The index with every change committed before this call applied, or null (ask the database). */
  async current(scope: OperationScope): Promise<LinkIndex | null> {
    return (await this.caughtUp(scope)) ? this.index : null;
  }

  async apply(scope: OperationScope, changes: LinkChanges): Promise<boolean> {
    const index = this.index;
    if (index === null) return false;
    const people = new Set(changes.people);
    if (people.size + changes.accounts.length > this.options.maxChangedPeople) return false;
    if (changes.accounts.length > 0) {
      for (const owner of await this.repository.ownersOf(scope, changes.accounts)) {
        people.add(owner);
      }
    }
    return this.refresh(scope, index, people, new Set(changes.interactions));
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
    const { links } = await this.repository.linksBetween(scope, pairs, consent, (id) =>
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

  async load(scope: OperationScope): Promise<void> {
    const consent = this.consentPolicy.param(ConsentPurpose.SALES_PROSPECTING);
    const builder = new LinkIndexBuilder();
    const { loadBatch, interactionBatch } = this.options;
    for (let after = ''; ; ) {
      const people = await this.repository.peoplePage(scope, after, loadBatch, consent);
      if (people.length === 0) break;
      after = (people[people.length - 1] as { id: string }).id;
      for (const person of people) builder.person(person.id, person.usable);
      const links = await this.repository.tiesAndFollowsFrom(
        scope,
        people.map((person) => person.id),
      );
      for (const link of links) {
        if (link.strength === null) builder.addFollow(link.personId, link.otherId);
        else builder.addTie(link.personId, link.otherId, link.strength);
      }
    }
    for (let after = ''; ; ) {
      const interactions = await this.repository.interactionsPage(scope, after, interactionBatch);
      if (interactions.length === 0) break;
      after = (interactions[interactions.length - 1] as { id: string }).id;
      for (const interaction of interactions) {
        if (interaction.people.length < 2) continue;
        const at = interaction.occurredAt === null ? NaN : Date.parse(interaction.occurredAt);
        builder.addInteraction(interaction.people, at);
      }
    }
    this.index = builder.build();
  }
}
