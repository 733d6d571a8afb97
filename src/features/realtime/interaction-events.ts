import type { Logger } from '../../core/logging/logger';
import type { InteractionEventsRepository } from './interaction-events.repository';
import { type RealtimePublisher, RealtimeTopic } from './realtime-events';

/**
 * Publishes INTERACTION_ADDED for interactions a writer has committed. It reads the filter facts
 * in one query per batch, in the background: the writer's response does not wait for it, and a
 * failure is logged, never reported to the writer (the interaction is stored either way).
 * Batches are published one after the other, so subscribers see this instance's interactions in
 * the order they were committed (reads run concurrently would overtake each other).
 */
export class InteractionEvents {
  private tail: Promise<void> = Promise.resolve();

  constructor(
    private readonly repository: InteractionEventsRepository,
    private readonly publisher: RealtimePublisher,
    private readonly logger: Logger,
  ) {}

  /** Call after the commit. Returns when the events are published (tests and benches await it). */
  added(requestId: string | undefined, interactionIds: readonly string[]): Promise<void> {
    if (interactionIds.length === 0) return Promise.resolve();
    this.tail = this.tail.then(() => this.publish(requestId, interactionIds));
    return this.tail;
  }

  private async publish(
    requestId: string | undefined,
    interactionIds: readonly string[],
  ): Promise<void> {
    try {
      const events = await this.repository.addedEvents(
        { operationName: 'realtimeInteractionAdded', requestId },
        interactionIds,
      );
      for (const event of events) this.publisher.publish(RealtimeTopic.INTERACTION_ADDED, event);
    } catch (error) {
      this.logger.error(
        { err: error, requestId, interactions: interactionIds.length },
        'INTERACTION_ADDED not published',
      );
    }
  }
}
