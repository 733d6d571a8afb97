import {
  LinkJournal,
  type LinkJournalCursor,
  probeLinkJournal,
} from '../../core/neo4j/link-journal';
import type { Neo4jGateway, OperationScope } from '../../core/neo4j/neo4j-gateway';
import type { LinkChangeFeed, LinkChanges } from './link-index-keeper';

/** The link index's view of the link journal the local Neo4j keeps (src/core/neo4j/link-journal). */
export class LinkJournalFeed implements LinkChangeFeed<LinkJournalCursor> {
  private readonly journal: LinkJournal;

  constructor(private readonly gateway: Neo4jGateway) {
    this.journal = new LinkJournal(gateway);
  }

  available(scope: OperationScope): Promise<boolean> {
    return probeLinkJournal(this.gateway, scope);
  }

  start(scope: OperationScope): Promise<LinkJournalCursor> {
    return this.journal.openCursor(scope);
  }

  async read(
    scope: OperationScope,
    cursor: LinkJournalCursor,
  ): Promise<{ changes: LinkChanges; cursor: LinkJournalCursor; more: boolean }> {
    const batch = await this.journal.readSince(scope, cursor);
    return { changes: batch, cursor: batch.cursor, more: batch.more };
  }

  async prune(scope: OperationScope): Promise<void> {
    await this.journal.pruneOlderThan(scope);
  }
}
