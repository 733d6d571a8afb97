import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from '../../core/logging/logger';
import { RealtimeTopic } from './realtime-events';

/** One Redis channel for all topics: messages keep their order across topics. */
export const REDIS_CHANNEL = 'social-crm-graph:realtime';
/** Reconnect backoff: fast at first, then every 2 s for as long as Redis stays away. */
const MAX_RECONNECT_DELAY_MS = 2_000;
/** Shutdown does not wait longer than this for Redis to acknowledge QUIT. */
const CLOSE_TIMEOUT_MS = 1_000;

interface Envelope {
  origin: string;
  topic: RealtimeTopic;
  payload: unknown;
}

const TOPICS = new Set<string>(Object.values(RealtimeTopic));

function parseEnvelope(message: string): Envelope | null {
  try {
    const parsed = JSON.parse(message) as Partial<Envelope>;
    if (typeof parsed.origin !== 'string' || typeof parsed.topic !== 'string') return null;
    if (!TOPICS.has(parsed.topic) || typeof parsed.payload !== 'object') return null;
    return parsed as Envelope;
  } catch {
    return null;
  }
}

export type RelayState = 'up' | 'down';

/**
 * Carries events between instances through Redis pub/sub. Two connections, because a connection
 * in subscriber mode can issue no other command. Both reconnect by themselves (ioredis), and the
 * subscriber re-subscribes on reconnect. Publishing never waits and never queues: while Redis is
 * away, events still reach this instance's subscribers (the bus delivers them first) but not the
 * other instances' — pub/sub has no replay, so a queue would only deliver them late and out of
 * order.
 */
export class RedisRelay {
  /** Tells this instance's messages apart, so that its own echoes are ignored. */
  readonly instanceId = randomUUID();
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private lastState: RelayState = 'down';

  constructor(
    url: string,
    private readonly deliver: (topic: RealtimeTopic, payload: unknown) => void,
    private readonly logger: Logger,
  ) {
    const common = {
      retryStrategy: (attempt: number) => Math.min(attempt * 100, MAX_RECONNECT_DELAY_MS),
      // Fail a command at once while disconnected instead of retrying it 20 times.
      maxRetriesPerRequest: 0,
      connectionName: `social-crm-graph:${this.instanceId}`,
    };
    this.publisher = new Redis(url, { ...common, enableOfflineQueue: false });
    // The subscriber keeps its offline queue: SUBSCRIBE, sent before the first connect, waits for it.
    this.subscriber = new Redis(url, { ...common, maxRetriesPerRequest: null });
    for (const connection of [this.publisher, this.subscriber]) {
      connection.on('error', () => this.noteState());
      connection.on('ready', () => this.noteState());
      connection.on('end', () => this.noteState());
      connection.on('close', () => this.noteState());
    }
    this.subscriber.on('message', (channel: string, message: string) => {
      if (channel !== REDIS_CHANNEL) return;
      const envelope = parseEnvelope(message);
      if (envelope === null) {
        this.logger.warn({ channel }, 'ignored a malformed realtime message from Redis');
        return;
      }
      if (envelope.origin === this.instanceId) return;
      this.deliver(envelope.topic, envelope.payload);
    });
    this.subscriber.subscribe(REDIS_CHANNEL).catch((error: unknown) => {
      this.logger.error({ err: error }, 'could not subscribe to the realtime channel in Redis');
    });
  }

  /** Up when both connections are ready; readiness reports `realtime: down` otherwise. */
  get state(): RelayState {
    return this.publisher.status === 'ready' && this.subscriber.status === 'ready' ? 'up' : 'down';
  }

  send(topic: RealtimeTopic, payload: unknown): void {
    if (this.publisher.status !== 'ready') return;
    const message = JSON.stringify({ origin: this.instanceId, topic, payload });
    this.publisher.publish(REDIS_CHANNEL, message).catch((error: unknown) => {
      this.logger.warn({ err: error, topic }, 'realtime event not sent to Redis');
    });
  }

  /** QUIT where connected (bounded: Redis may vanish meanwhile), then drop the connections. */
  async close(): Promise<void> {
    const quits = [this.publisher, this.subscriber]
      .filter((connection) => connection.status === 'ready')
      .map((connection) => connection.quit().catch(() => undefined));
    await Promise.race([
      Promise.all(quits),
      new Promise((resolve) => setTimeout(resolve, CLOSE_TIMEOUT_MS).unref()),
    ]);
    this.publisher.disconnect();
    this.subscriber.disconnect();
  }

  /** Logs transitions only: a Redis outage would otherwise log every reconnect attempt. */
  private noteState(): void {
    const state = this.state;
    if (state === this.lastState) return;
    this.lastState = state;
    if (state === 'up') this.logger.info('realtime relay connected to Redis');
    else this.logger.warn('realtime relay lost Redis; events reach this instance only');
  }
}
