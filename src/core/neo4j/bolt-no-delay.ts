import net from 'node:net';
import tls from 'node:tls';

// Marks the wrapped functions: the module may be loaded more than once in a process (test runners
// load it per test file), but the sockets must be wrapped once.
const WRAPPED = Symbol.for('social-crm-graph.bolt-no-delay');

/**
 * Turns Nagle's algorithm off for the sockets neo4j-driver opens. The driver never calls
 * `setNoDelay`, and a transaction's BEGIN + RUN + PULL leave in several writes: once a query's text
 * passes about one TCP segment (~1.4 KB), the last write waits for the server's delayed ACK, 40 ms
 * on Linux, on every such query. Measured on bench-M: a 2.5 KB query took 50 ms, 3 ms without the
 * wait. Neither Node nor the driver has a setting for it, so the connect functions the driver
 * calls (`net.connect` for bolt://, `tls.connect` for bolt+s://) set it on each new socket. Other
 * connections of the process get it too, which only lowers their latency. Idempotent.
 */
export function disableNagleForBolt(): void {
  net.connect = withoutDelay(net.connect);
  tls.connect = withoutDelay(tls.connect);
}

function withoutDelay<F extends (...args: never[]) => net.Socket>(connect: F): F {
  if (WRAPPED in connect) return connect;
  const wrapped = function connectWithoutDelay(this: unknown, ...args: Parameters<F>) {
    const socket = connect.apply(this, args);
    socket.setNoDelay(true);
    return socket;
  };
  return Object.assign(wrapped, { [WRAPPED]: true }) as unknown as F;
}
