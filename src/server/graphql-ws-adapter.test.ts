import { EventEmitter, on, once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { GraphQLBoolean, GraphQLInt, GraphQLObjectType, GraphQLSchema } from 'graphql';
import { MessageType, stringifyMessage } from 'graphql-ws';
import { WebSocket, WebSocketServer } from 'ws';
import { createLogger } from '../core/logging/logger';
import {
  type GraphQLWsAdapter,
  nextMessageSender,
  useGraphQLWsAdapter,
  type WebSocketExtra,
} from './graphql-ws-adapter';

const ticks = new EventEmitter();

const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: { ok: { type: GraphQLBoolean, resolve: () => true } },
  }),
  subscription: new GraphQLObjectType({
    name: 'Subscription',
    fields: {
      tick: {
        type: GraphQLInt,
        // `on` stops listening when graphql-ws returns the subscription: listenerCount shows it.
        subscribe: () => on(ticks, 'tick'),
        resolve: (args: [number]) => args[0],
      },
    },
  }),
});

type Send = (data: string, callback?: (error?: Error) => void) => void;

interface Started {
  url: string;
  adapter: GraphQLWsAdapter;
  /** The server side of each accepted socket, in order of connection. */
  sockets: WebSocket[];
}

const running: Started[] = [];

/** What the operations' contexts were given: `ctx.extra` and the operation id, in order. */
const operations: Array<{ extra: WebSocketExtra; id: string }> = [];

async function start(settings: { keepAliveMs?: number; maxBufferedBytes?: number } = {}) {
  const wsServer = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await once(wsServer, 'listening');
  const sockets: WebSocket[] = [];
  wsServer.on('connection', (socket) => sockets.push(socket));
  const context = (ctx: { extra: WebSocketExtra }, id: string) => {
    operations.push({ extra: ctx.extra, id });
    return {};
  };
  const adapter = useGraphQLWsAdapter({ schema, context }, wsServer, {
    keepAliveMs: settings.keepAliveMs ?? 12_000,
    hideErrorDetails: false,
    maxBufferedBytes: settings.maxBufferedBytes ?? 16 * 1024,
    logger: createLogger('silent'),
  });
  const started = {
    url: `ws://127.0.0.1:${(wsServer.address() as AddressInfo).port}`,
    adapter,
    sockets,
  };
  running.push(started);
  return started;
}

afterEach(async () => {
  for (const started of running.splice(0)) await started.adapter.dispose();
  ticks.removeAllListeners();
  operations.length = 0;
});

/** A raw graphql-transport-ws client subscribed to `tick`; collects the ticks it receives. */
async function subscriber(url: string, options: { autoPong?: boolean } = {}) {
  const socket = new WebSocket(url, 'graphql-transport-ws', options);
  const received: number[] = [];
  /** Every message as it came over the wire. */
  const frames: string[] = [];
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.once('close', (code, reason) => resolve({ code, reason: String(reason) })),
  );
  const acknowledged = new Promise<void>((resolve) => {
    socket.on('message', (data) => {
      frames.push((data as Buffer).toString());
      const message = JSON.parse((data as Buffer).toString()) as {
        type: string;
        payload?: { data?: { tick?: number } };
      };
      if (message.type === 'connection_ack') resolve();
      const tick = message.payload?.data?.tick;
      if (message.type === 'next' && tick !== undefined) received.push(tick);
    });
  });
  await once(socket, 'open');
  socket.send(JSON.stringify({ type: 'connection_init' }));
  await acknowledged;
  const listening = ticks.listenerCount('tick');
  socket.send(
    JSON.stringify({ id: '1', type: 'subscribe', payload: { query: 'subscription { tick }' } }),
  );
  await until(() => ticks.listenerCount('tick') > listening);
  return { socket, received, frames, closed };
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

/** The `ctx.extra` and id of the one operation started so far. */
function onlyOperation(): { extra: WebSocketExtra; id: string } {
  const [operation] = operations;
  if (operation === undefined || operations.length !== 1) throw new Error('expected one operation');
  return operation;
}

/** Replaces a server socket's send: `write` gets the message, ws's own send and the callback. */
function interceptSends(
  socket: WebSocket,
  write: (data: string, send: (data: string) => void, callback?: (error?: Error) => void) => void,
) {
  const original = socket.send.bind(socket) as (data: string) => void;
  (socket as unknown as { send: Send }).send = (data, callback) => write(data, original, callback);
}

describe('useGraphQLWsAdapter', () => {
  it('closes a socket without the graphql-transport-ws subprotocol with 4406', async () => {
    const { url } = await start();
    const socket = new WebSocket(url);
    const [code, reason] = (await once(socket, 'close')) as [number, Buffer];
    expect({ code, reason: String(reason) }).toEqual({
      code: 4406,
      reason: 'Subprotocol not acceptable',
    });
  });

  it('sends the next event without waiting for the previous write to complete', async () => {
    const { url, sockets } = await start();
    const client = await subscriber(url);
    const [server] = sockets;
    if (server === undefined) throw new Error('no server socket');
    // Writes go out, but their callbacks never come.
    interceptSends(server, (data, send) => send(data));
    ticks.emit('tick', 1);
    ticks.emit('tick', 2);
    await until(() => client.received.length === 2);
    expect(client.received).toEqual([1, 2]);
  });

  it('waits for each write while a socket holds more unsent data than the limit', async () => {
    const { url, sockets } = await start({ maxBufferedBytes: 1024 });
    const client = await subscriber(url);
    const [server] = sockets;
    if (server === undefined) throw new Error('no server socket');
    Object.defineProperty(server, 'bufferedAmount', { get: () => 4096 });
    const completions: Array<((error?: Error) => void) | undefined> = [];
    interceptSends(server, (data, send, callback) => {
      send(data);
      completions.push(callback);
    });
    ticks.emit('tick', 1);
    ticks.emit('tick', 2);
    await until(() => client.received.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(client.received).toEqual([1]);
    completions.shift()?.();
    await until(() => client.received.length === 2);
    expect(client.received).toEqual([1, 2]);
  });

  it('terminates a socket whose write fails and stops its subscription; others go on', async () => {
    const { url, sockets } = await start();
    const failing = await subscriber(url);
    const healthy = await subscriber(url);
    const [server] = sockets;
    if (server === undefined) throw new Error('no server socket');
    interceptSends(server, (_data, _send, callback) =>
      setImmediate(() => callback?.(new Error('write EPIPE'))),
    );
    expect(ticks.listenerCount('tick')).toBe(2);
    ticks.emit('tick', 1);
    expect((await failing.closed).code).toBe(1006);
    await until(() => ticks.listenerCount('tick') === 1);
    await until(() => healthy.received.length === 1);
    ticks.emit('tick', 2);
    await until(() => healthy.received.length === 2);
    expect(healthy.received).toEqual([1, 2]);
    expect(failing.received).toEqual([]);
  });

  it("sends a serialised payload as graphql-ws's own next message, byte for byte", async () => {
    const { url } = await start();
    const client = await subscriber(url);
    const { extra, id } = onlyOperation();
    const payload = { data: { tick: 7 }, errors: [{ message: 'a "quoted" \\ message' }] };
    expect(nextMessageSender(extra, id)(JSON.stringify(payload))).toBeUndefined();
    await until(() => client.received.length === 1);
    expect(client.frames.at(-1)).toBe(stringifyMessage({ id, type: MessageType.Next, payload }));
  });

  it("offers the operations graphql-ws's send: it waits per write while the socket is behind, and a failed write terminates it", async () => {
    const { url, sockets } = await start({ maxBufferedBytes: 1024 });
    const client = await subscriber(url);
    const { extra } = onlyOperation();
    const [server] = sockets;
    if (server === undefined) throw new Error('no server socket');
    let behind = false;
    Object.defineProperty(server, 'bufferedAmount', { get: () => (behind ? 4096 : 0) });
    const completions: Array<((error?: Error) => void) | undefined> = [];
    interceptSends(server, (data, send, callback) => {
      send(data);
      completions.push(callback);
    });

    expect(extra.send('{"type":"pong"}')).toBeUndefined();
    behind = true;
    let written = false;
    void extra.send('{"type":"pong"}')?.then(() => (written = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(written).toBe(false);
    completions.pop()?.();
    await until(() => written);

    void extra.send('{"type":"pong"}');
    completions.pop()?.(new Error('write EPIPE'));
    expect((await client.closed).code).toBe(1006);
    expect(extra.send('{"type":"pong"}')).toBeUndefined();
  });

  it('pings every keepAliveMs and terminates a socket that does not answer by the next ping', async () => {
    const { url } = await start({ keepAliveMs: 40 });
    const answering = await subscriber(url);
    const silent = await subscriber(url, { autoPong: false });
    let pings = 0;
    answering.socket.on('ping', () => (pings += 1));
    expect((await silent.closed).code).toBe(1006);
    await until(() => pings >= 3);
    expect(answering.socket.readyState).toBe(WebSocket.OPEN);
  });

  it('closes every socket with 1001 Going away on dispose', async () => {
    const started = await start();
    const client = await subscriber(started.url);
    await started.adapter.dispose();
    running.splice(running.indexOf(started), 1);
    expect(await client.closed).toEqual({ code: 1001, reason: 'Going away' });
    await until(() => ticks.listenerCount('tick') === 0);
  });
});
