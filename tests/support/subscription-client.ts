import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';

export interface SubscriptionResult<TData> {
  data?: TData | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

/** How a subscription ended: completed, with GraphQL errors, or with the socket's close code. */
export type SubscriptionEnd =
  | { kind: 'complete' }
  | { kind: 'errors'; errors: SubscriptionResult<unknown>['errors'] }
  | { kind: 'closed'; code: number; reason: string };

/**
 * One graphql-ws client with one subscription, collecting what arrives so that a test can await
 * the next result or the end.
 */
export class SubscriptionProbe<TData> {
  private readonly received: Array<SubscriptionResult<TData>> = [];
  private waiting: Array<(result: SubscriptionResult<TData>) => void> = [];
  readonly ended: Promise<SubscriptionEnd>;

  private constructor(
    private readonly client: Client,
    document: TypedDocumentNode<TData, Record<string, unknown>>,
    variables: Record<string, unknown> | undefined,
  ) {
    this.ended = new Promise((resolve) => {
      client.subscribe(
        { query: print(document), variables },
        {
          next: (value) => this.push(value as SubscriptionResult<TData>),
          error: (error: unknown) => {
            if (Array.isArray(error)) {
              resolve({ kind: 'errors', errors: error as SubscriptionResult<unknown>['errors'] });
            } else {
              const event = error as { code?: number; reason?: string };
              resolve({ kind: 'closed', code: event.code ?? 0, reason: event.reason ?? '' });
            }
          },
          complete: () => resolve({ kind: 'complete' }),
        },
      );
    });
  }

  static open<TData, TVariables>(
    wsUrl: string,
    document: TypedDocumentNode<TData, TVariables>,
    variables: TVariables | undefined,
    authorization: string,
  ): SubscriptionProbe<TData> {
    const client = createClient({
      url: wsUrl,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: false,
      connectionParams: authorization === '' ? {} : { authorization },
      // The tests watch one socket's fate; a failed connect must not be retried silently.
      shouldRetry: () => false,
      // The probe reports a refused connection through `ended`; no console noise.
      onNonLazyError: () => undefined,
    });
    return new SubscriptionProbe(
      client,
      document as unknown as TypedDocumentNode<TData, Record<string, unknown>>,
      variables as Record<string, unknown> | undefined,
    );
  }

  /** Everything received so far. */
  get results(): ReadonlyArray<SubscriptionResult<TData>> {
    return this.received;
  }

  /** The next result not yet taken by an earlier `next()`. */
  next(): Promise<SubscriptionResult<TData>> {
    const taken = this.taken;
    this.taken += 1;
    const result = this.received[taken];
    if (result !== undefined) return Promise.resolve(result);
    return new Promise((resolve) => {
      this.waiting.push(resolve);
    });
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }

  private taken = 0;

  private push(result: SubscriptionResult<TData>): void {
    this.received.push(result);
    const waiter = this.waiting.shift();
    waiter?.(result);
  }
}

/** Polls a condition of the server's state (e.g. subscriber counts) until it holds. */
export async function waitUntil(condition: () => boolean, what: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * One graphql-transport-ws socket with one subscription (id "1"), speaking the protocol by hand,
 * so that a test sees each message exactly as it came over the wire.
 */
export class RawSubscription {
  private readonly frames: string[] = [];
  private waiting: Array<(frame: string) => void> = [];
  private taken = 0;

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      // eslint-disable-next-line @typescript-eslint/no-base-to-string -- ws hands a Buffer
      const frame = String(data);
      this.frames.push(frame);
      this.waiting.shift()?.(frame);
    });
  }

  /** Resolves once the server acknowledged the connection and received the subscribe message. */
  static async open(
    wsUrl: string,
    query: string,
    variables: Record<string, unknown>,
    authorization: string,
  ): Promise<RawSubscription> {
    const socket = new WebSocket(wsUrl, 'graphql-transport-ws');
    const raw = new RawSubscription(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization } }));
    const ack = await raw.nextFrame();
    const { type } = JSON.parse(ack) as { type?: string };
    if (type !== 'connection_ack') throw new Error(`not acknowledged: ${ack}`);
    socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query, variables } }));
    return raw;
  }

  /** The next message not yet taken, as it came over the wire. */
  nextFrame(): Promise<string> {
    const frame = this.frames[this.taken];
    this.taken += 1;
    if (frame !== undefined) return Promise.resolve(frame);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  close(): void {
    this.socket.close();
  }
}
