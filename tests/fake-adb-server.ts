// A stand-in adb server for unit tests: it reads smart-socket requests (four hex digits of length, then the
// request) and lets the test answer each one on the socket, as adbkit and Tetherscope's own streams expect.
import { createServer, type AddressInfo, type Socket } from 'node:net';

export interface FakeAdbServer {
  port: number;
  requests: string[];
  close(): void;
}

/** `answer` returns false to stop reading requests on that socket (a service such as `shell:` now owns it). */
export async function fakeAdbServer(answer: (request: string, socket: Socket) => boolean | void): Promise<FakeAdbServer> {
  const requests: string[] = [];
  const sockets: Socket[] = [];
  const server = createServer((socket) => {
    sockets.push(socket);
    socket.on('error', () => {});
    let pending = Buffer.alloc(0);
    const onRequest = (chunk: Buffer): void => {
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= 4) {
        const length = Number.parseInt(pending.toString('latin1', 0, 4), 16);
        if (pending.length < 4 + length) return;
        const request = pending.toString('utf8', 4, 4 + length);
        pending = pending.subarray(4 + length);
        requests.push(request);
        if (answer(request, socket) === false) {
          socket.off('data', onRequest);
          return;
        }
      }
    };
    socket.on('data', onRequest);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    close: () => {
      for (const socket of sockets) socket.destroy();
      server.close();
    },
  };
}
