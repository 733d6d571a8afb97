import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';

/**
 * The subscribers of the fan-out benchmark, in a child process of their own so that parsing
 * thousands of incoming messages does not run on the server's event loop. Speaks
 * graphql-transport-ws directly over `ws` (a graphql-ws client per socket would measure the client
 * library), or plain `ws` for the floor.
 *
 * Parent → child: {type:'open', url, mode, count, tokens, query} | {type:'expect', count} |
 *   {type:'close'}
 * Child → parent: {type:'opened'} | {type:'expecting'} | {type:'received', at: number[]} (once
 *   `count` messages arrived; wall-clock ms, high resolution) | {type:'closed'}
 */
type Command =
  | {
      type: 'open';
      url: string;
      mode: 'graphql' | 'raw';
      count: number;
      tokens: string[];
      query: string;
    }
  | { type: 'expect'; count: number }
  | { type: 'close' };

const CONNECT_CONCURRENCY = 200;
const sockets: WebSocket[] = [];
let receivedAt: number[] = [];
let expected = Number.POSITIVE_INFINITY;

function note(): void {
  receivedAt.push(now());
  if (receivedAt.length === expected) {
    process.send?.({ type: 'received', at: receivedAt });
    receivedAt = [];
    expected = Number.POSITIVE_INFINITY;
  }
}

function now(): number {
  return performance.timeOrigin + performance.now();
}

function openOne(url: string, mode: 'graphql' | 'raw', token: string, query: string) {
  return new Promise<WebSocket>((resolve, reject) => {
    const socket = new WebSocket(url, mode === 'graphql' ? 'graphql-transport-ws' : undefined);
    socket.once('error', reject);
    socket.on('message', (data: Buffer) => {
      if (mode === 'raw') {
        note();
        return;
      }
      const message = JSON.parse(data.toString()) as { type: string; payload?: unknown };
      if (message.type === 'next') {
        note();
      } else if (message.type === 'connection_ack') {
        socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query } }));
        resolve(socket);
      } else if (message.type === 'error') {
        process.stderr.write(`subscription error: ${JSON.stringify(message.payload)}\n`);
      } else if (message.type === 'ping') {
        socket.send(JSON.stringify({ type: 'pong' }));
      }
    });
    socket.once('open', () => {
      if (mode === 'raw') resolve(socket);
      else {
        socket.send(
          JSON.stringify({
            type: 'connection_init',
            payload: { authorization: `Bearer ${token}` },
          }),
        );
      }
    });
  });
}

async function open(command: Extract<Command, { type: 'open' }>) {
  for (let start = 0; start < command.count; start += CONNECT_CONCURRENCY) {
    const batch = [];
    for (let index = start; index < Math.min(command.count, start + CONNECT_CONCURRENCY); index++) {
      const token = command.tokens[index % command.tokens.length] ?? '';
      batch.push(openOne(command.url, command.mode, token, command.query));
    }
    sockets.push(...(await Promise.all(batch)));
  }
}

process.on('message', (command: Command) => {
  if (command.type === 'open') {
    open(command).then(
      () => process.send?.({ type: 'opened' }),
      (error: unknown) => {
        process.stderr.write(`connect failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  } else if (command.type === 'expect') {
    receivedAt = [];
    expected = command.count;
    process.send?.({ type: 'expecting' });
  } else {
    for (const socket of sockets) socket.terminate();
    sockets.length = 0;
    process.send?.({ type: 'closed' });
  }
});
