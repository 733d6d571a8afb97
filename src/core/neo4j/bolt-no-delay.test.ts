import net from 'node:net';
import { disableNagleForBolt } from './bolt-no-delay';

describe('disableNagleForBolt', () => {
  it('sets TCP_NODELAY on every socket opened through net.connect, once installed', async () => {
    const server = net.createServer((socket) => socket.end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    const setNoDelay = jest.spyOn(net.Socket.prototype, 'setNoDelay');
    try {
      disableNagleForBolt();
      disableNagleForBolt();
      const socket = net.connect(port, '127.0.0.1');
      await new Promise((resolve) => socket.once('close', resolve));
      const onThisSocket = setNoDelay.mock.calls.filter(
        (_call, index) => setNoDelay.mock.contexts[index] === socket,
      );
      expect(onThisSocket).toEqual([[true]]);
    } finally {
      setNoDelay.mockRestore();
      server.close();
    }
  });
});
