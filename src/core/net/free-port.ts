import { createServer } from 'node:net';

/** Asks the OS for a free TCP port on the loopback interface (for tests and benchmarks). */
export function freeTcpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (typeof address === 'object' && address !== null) resolve(address.port);
        else reject(new Error('the OS did not assign a port'));
      });
    });
  });
}
