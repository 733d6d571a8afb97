import type { PubSub } from 'type-graphql';
import { SubscriberQueue } from './subscriber-queue';

/**
 * Events not yet sent to a subscriber (here, and in its DeliveryQueue); beyond this the oldest are
 * dropped, so that one slow socket cannot make the process hold every event for it, nor throw in
 * the publisher's path.
 */
export const SUBSCRIBER_BUFFER = 1_024;

/**
 * In-process publish/subscribe in the shape type-graphql's `buildSchema({ pubSub })` takes.
 * Every subscriber gets a queue of its own (@graphql-yoga/subscription's createPubSub shares the
 * one buffer it is given among all of them), and a publish is a plain loop over the topic's
 * listeners that filters and enqueues in place.
 */
export class LocalPubSub implements PubSub {
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();

  publish(topic: string, payload: unknown): void {
    const listeners = this.listeners.get(topic);
    if (listeners === undefined) return;
    for (const listener of listeners) listener(payload);
  }

  subscribe(topic: string): SubscriberQueue<unknown> {
    return this.listen(topic, () => true);
  }

  /**
   * The events of a topic that `accepts`. The predicate runs in the publish loop, so an event a
   * subscriber does not want never wakes it; a predicate that throws ends that subscriber's
   * iteration with the error and leaves the others alone.
   */
  listen<T>(topic: string, accepts: (payload: T) => boolean): SubscriberQueue<T> {
    let listeners = this.listeners.get(topic);
    if (listeners === undefined) {
      listeners = new Set();
      this.listeners.set(topic, listeners);
    }
    const topicListeners = listeners;
    const queue = new SubscriberQueue<T>(SUBSCRIBER_BUFFER, () => {
      topicListeners.delete(listener);
      if (topicListeners.size === 0 && this.listeners.get(topic) === topicListeners) {
        this.listeners.delete(topic);
      }
    });
    const listener = (payload: unknown) => {
      let accepted: boolean;
      try {
        accepted = accepts(payload as T);
      } catch (error) {
        queue.fail(error);
        return;
      }
      if (accepted) queue.push(payload as T);
    };
    topicListeners.add(listener);
    return queue;
  }

  /** Subscriptions currently listening, for tests and the bench. */
  subscriberCount(topic: string): number {
    return this.listeners.get(topic)?.size ?? 0;
  }
}
