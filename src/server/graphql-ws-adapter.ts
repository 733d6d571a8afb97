import type { IncomingMessage } from 'node:http';
import {
  CloseCode,
  type ConnectionInitMessage,
  DEPRECATED_GRAPHQL_WS_PROTOCOL,
  handleProtocols,
  makeServer,
  MessageType,
  type ServerOptions,
} from 'graphql-ws';
import type { WebSocket, WebSocketServer } from 'ws';
import type { Logger } from '../core/logging/logger';

/**
 * What every graphql-ws context carries in `ctx.extra`: the socket and request, as graphql-ws's own
 * ws adapter does, and this adapter's `send`.
 */
export interface WebSocketExtra {
  readonly socket: WebSocket;
  readonly request: IncomingMessage;
  /**
   * Sends a ready message the way graphql-ws's own messages go out, for results that bypass its
   * per-message path (shared deliveries, see websocket-server.ts): nothing when the socket is not
   * open; no waiting while the socket holds at most `maxBufferedBytes` unsent; beyond that the
   * returned promise settles when this write is done, and the caller holds its next message until
   * then. A failed write terminates the socket.
   */
  readonly send: (message: string) => Promise<void> | undefined;
}

export interface GraphQLWsAdapterSettings {
  /** A ping goes out this often; a socket without a pong by the next one is terminated. */
  readonly keepAliveMs: number;
  /** Close reasons say "Internal server error" instead of the internal message (production). */
  readonly hideErrorDetails: boolean;
  /**
   * A socket with more than this many bytes not yet handed to the kernel waits for each write
   * again, so that a slow client is held back by its subscription's bounded queue instead of
   * growing ws's unbounded write buffer.
   */
  readonly maxBufferedBytes: number;
  readonly logger: Logger;
}

export interface GraphQLWsAdapter {
  /** Closes every socket with 1001 (going away) and stops the WebSocket server. */
  dispose(): Promise<void>;
}

/**
 * Sends graphql-ws's `next` message of operation `id` around an already serialised payload, byte
 * for byte what its stringifyMessage writes for `{ id, type: 'next', payload }`.
 */
export function nextMessageSender(
  extra: WebSocketExtra,
  id: string,
): (payload: string) => Promise<void> | undefined {
  const head = `{"id":${JSON.stringify(id)},"type":"${MessageType.Next}","payload":`;
  return (payload) => extra.send(`${head}${payload}}`);
}

/** graphql-ws's limitCloseReason: a close frame's reason must fit in 123 bytes. */
function closeReason(error: unknown, hideErrorDetails: boolean): string {
  const fallback = 'Internal server error';
  if (hideErrorDetails) return fallback;
  const reason = error instanceof Error ? error.message : String(error);
  return reason.length < 124 ? reason : fallback;
}

/**
 * graphql-ws's `useServer` for ws (graphql-ws/use/ws, 6.0), except that `send` does not wait for
 * the write to complete. One event to 10,000 subscribers is 10,000 sends; their adapter makes each
 * subscription's loop wait for its socket's write callback (a promise and a callback per socket),
 * which a broadcast does not need: ws queues writes in order. A write that fails later ends its
 * socket (terminate; the close path then returns its subscriptions); it never reaches the process.
 * Only a socket that falls behind (maxBufferedBytes) waits per write again, as theirs always does.
 * The same send is offered to the operations in `ctx.extra.send`, so that a result shared by many
 * subscriptions can be serialised once and written to each socket without graphql-ws's loop and
 * serialisation per message; graphql-ws still handles everything else (connection_init,
 * subscribe, complete, errors, close).
 * Protocol check, keep-alive, close codes and reasons, the rest of `ctx.extra` and dispose are
 * theirs; logs go to our logger instead of the console, and a failing close handler is logged, not
 * left unhandled.
 */
export function useGraphQLWsAdapter<P extends ConnectionInitMessage['payload']>(
  options: ServerOptions<P, WebSocketExtra>,
  wsServer: WebSocketServer,
  settings: GraphQLWsAdapterSettings,
): GraphQLWsAdapter {
  const { keepAliveMs, hideErrorDetails, maxBufferedBytes, logger } = settings;
  const server = makeServer(options);
  wsServer.options.handleProtocols = handleProtocols;

  wsServer.once('error', (error) => {
    logger.error({ err: error }, 'internal error emitted on the WebSocket server');
    let firstError: Error | null = null;
    for (const client of wsServer.clients) {
      try {
        client.close(CloseCode.InternalServerError, closeReason(error, hideErrorDetails));
      } catch (closeError) {
        firstError ??= closeError instanceof Error ? closeError : new Error(String(closeError));
      }
    }
    if (firstError !== null) throw firstError;
  });

  wsServer.on('connection', (socket, request) => {
    socket.once('error', (error) => {
      logger.error({ err: error }, 'internal error emitted on a WebSocket socket');
      socket.close(CloseCode.InternalServerError, closeReason(error, hideErrorDetails));
    });

    let pongWait: NodeJS.Timeout | null = null;
    const pingInterval =
      keepAliveMs > 0 && isFinite(keepAliveMs)
        ? setInterval(() => {
            if (socket.readyState !== socket.OPEN) return;
            pongWait = setTimeout(() => socket.terminate(), keepAliveMs);
            socket.once('pong', () => {
              if (pongWait === null) return;
              clearTimeout(pongWait);
              pongWait = null;
            });
            socket.ping();
          }, keepAliveMs)
        : null;

    // Node's write callback passes null (or nothing) when the write succeeded.
    const writeFailed = (error?: Error | null) => {
      if (!error) return;
      logger.warn({ err: error }, 'a WebSocket write failed; the socket is terminated');
      socket.terminate();
    };

    const send = (message: string): Promise<void> | undefined => {
      if (socket.readyState !== socket.OPEN) return undefined;
      if (socket.bufferedAmount <= maxBufferedBytes) {
        socket.send(message, writeFailed);
        return undefined;
      }
      return new Promise<void>((resolve) => {
        socket.send(message, (error) => {
          writeFailed(error);
          resolve();
        });
      });
    };

    const closed = server.opened(
      {
        protocol: socket.protocol,
        send,
        close: (code, reason) => socket.close(code, reason),
        onMessage: (handle) =>
          socket.on('message', (message) => {
            // eslint-disable-next-line @typescript-eslint/no-base-to-string -- ws hands a Buffer (or a list of them); graphql-ws's adapter decodes it the same way
            handle(String(message)).catch((error: unknown) => {
              logger.error({ err: error }, 'internal error while handling a WebSocket message');
              socket.close(CloseCode.InternalServerError, closeReason(error, hideErrorDetails));
            });
          }),
      },
      { socket, request, send },
    );

    socket.once('close', (code, reason) => {
      if (pongWait !== null) clearTimeout(pongWait);
      if (pingInterval !== null) clearInterval(pingInterval);
      if (
        !hideErrorDetails &&
        code === (CloseCode.SubprotocolNotAcceptable as number) &&
        socket.protocol === DEPRECATED_GRAPHQL_WS_PROTOCOL
      ) {
        logger.warn(
          `client offered the deprecated subprotocol "${socket.protocol}" of subscriptions-transport-ws; only graphql-transport-ws is served`,
        );
      }
      closed(code, String(reason)).catch((error: unknown) => {
        logger.error({ err: error }, 'internal error while closing a WebSocket operation');
      });
    });
  });

  return {
    async dispose() {
      for (const client of wsServer.clients) client.close(1001, 'Going away');
      wsServer.removeAllListeners();
      await new Promise<void>((resolve, reject) => {
        wsServer.close((error) => (error ? reject(error) : resolve()));
      });
    },
  };
}
