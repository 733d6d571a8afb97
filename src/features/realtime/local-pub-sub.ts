import { Repeater, SlidingBuffer } from '@graphql-yoga/subscription';
import type { PubSub } from 'type-graphql';

/**
 * Events a subscriber has not consumed yet; beyond this the oldest are dropped, so that one slow
 * socket cannot make the process hold every event for it, nor throw in the publisher's path.
 */
const SUBSCRIBER_BUFFER = 1_024;

/**
 * In-process publish/subscribe in the shape type-graphql's `buildSchema({ pubSub })` takes.
 * Like @graphql-yoga/subscription's createPubSub, but every subscriber gets a buffer of its own
 * (createPubSub shares the one buffer it is given among all of them) and a publish is a plain
 * loop over the topic's listeners.
 */
export class LocalPubSub implements PubSub {
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();

  publish(topic: string, payload: unknown): void {
    const listeners = this.listeners.get(topic);
    if (listeners === undefined) return;
    for (const listener of listeners) listener(payload);
  }

  subscribe(topic: string): AsyncIterable<unknown> {
    return new Repeater<unknown>(async (push, stop) => {
      const listener = (payload: unknown) => {
        push(payload).catch(() => undefined);
      };
      let listeners = this.listeners.get(topic);
      if (listeners === undefined) {
        listeners = new Set();
        this.listeners.set(topic, listeners);
      }
      listeners.add(listener);
      await stop;
      listeners.delete(listener);
      if (listeners.size === 0) this.listeners.delete(topic);
    }, new SlidingBuffer(SUBSCRIBER_BUFFER));
  }

  /** Subscriptions currently listening, for tests and the bench. */
  subscriberCount(topic: string): number {
    return this.listeners.get(topic)?.size ?? 0;
  }
}
