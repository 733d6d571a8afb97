import type { Logger } from '../../core/logging/logger';
import { DeliveredEvent } from './delivered-event';
import { LocalPubSub } from './local-pub-sub';
import type { RealtimePayloads, RealtimePublisher, RealtimeTopic } from './realtime-events';
import { RedisRelay } from './redis-relay';

/** `in-process`: no REDIS_URL; `up`/`down`: the state of the Redis relay. */
export type RealtimeState = 'in-process' | 'up' | 'down';

export interface RealtimeSettings {
  /** REDIS_URL; null keeps events on this instance. */
  redisUrl: string | null;
  logger: Logger;
}

/**
 * The event bus: writers publish (RealtimePublisher); subscriptions listen through `pubSub`,
 * which type-graphql's `buildSchema({ pubSub })` takes, and receive a DeliveredEvent. An event
 * reaches this instance's subscribers at once, without waiting for Redis, and with REDIS_URL
 * is relayed to the other instances.
 */
export class RealtimeBus implements RealtimePublisher {
  readonly pubSub = new LocalPubSub();
  private readonly relay: RedisRelay | null;

  constructor(settings: RealtimeSettings | null = null) {
    this.relay =
      settings === null || settings.redisUrl === null
        ? null
        : new RedisRelay(
            settings.redisUrl,
            (topic, payload) => this.deliverLocally(topic, payload),
            settings.logger,
          );
  }

  get state(): RealtimeState {
    return this.relay === null ? 'in-process' : this.relay.state;
  }

  publish<T extends RealtimeTopic>(topic: T, payload: RealtimePayloads[T]): void {
    this.deliverLocally(topic, payload);
    this.relay?.send(topic, payload);
  }

  /** This instance's deliveries of one topic that match `predicate`, for a subscription. */
  subscribe<T extends RealtimeTopic>(
    topic: T,
    predicate: (event: RealtimePayloads[T]) => boolean,
  ): AsyncIterableIterator<DeliveredEvent<RealtimePayloads[T]>, undefined, undefined> {
    return this.pubSub.listen<DeliveredEvent<RealtimePayloads[T]>>(topic, (delivered) =>
      predicate(delivered.event),
    );
  }

  async close(): Promise<void> {
    await this.relay?.close();
  }

  private deliverLocally(topic: RealtimeTopic, payload: unknown): void {
    this.pubSub.publish(topic, new DeliveredEvent(payload));
  }
}
