import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeAdbServer as startFakeAdbServer, type FakeAdbServer } from '../../../../tests/fake-adb-server.js';
import { encodeAdbHostRequest, openAdbHostStream, readAdbHostReply } from './adb-host-stream.js';

describe('smart-socket wire', () => {
  it('prefixes a request with its length in four hex digits', () => {
    expect(encodeAdbHostRequest('host:transport:emulator-5554').toString('latin1')).toBe('001chost:transport:emulator-5554');
    expect(() => encodeAdbHostRequest('x'.repeat(0x10000))).toThrow(/65535/);
  });

  it('reads OKAY, FAIL with its message, and waits for more where the answer is cut', () => {
    expect(readAdbHostReply(Buffer.from('OKAYrest'))).toEqual({ ok: true, used: 4 });
    expect(readAdbHostReply(Buffer.from('OK'))).toBeNull();
    expect(readAdbHostReply(Buffer.from('FAIL0012device offline'))).toBeNull();
    expect(readAdbHostReply(Buffer.from("FAIL0014device 'x' not found"))).toEqual({ ok: false, message: "device 'x' not found" });
    expect(readAdbHostReply(Buffer.from('FAIL000edevice offline'))).toEqual({ ok: false, message: 'device offline' });
    expect(readAdbHostReply(Buffer.from('FAILzz'))).toBeNull();
    expect(readAdbHostReply(Buffer.from('FAILzzzz'))).toEqual({ ok: false, message: 'a refusal without a readable length' });
    expect(readAdbHostReply(Buffer.from('HTTP/1.1'))).toMatchObject({ ok: false, message: expect.stringMatching(/neither OKAY nor FAIL/) });
  });
});

const servers: FakeAdbServer[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

async function fakeAdbServer(answer: (request: string, socket: Socket) => void): Promise<FakeAdbServer> {
  const server = await startFakeAdbServer(answer);
  servers.push(server);
  return server;
}

const ignore = { onData: () => {}, onClose: () => {} };

describe('openAdbHostStream', () => {
  it('selects the phone, opens the service and hands over every byte after OKAY, even in the same packet', async () => {
    const server = await fakeAdbServer((request, socket) => {
      if (request.startsWith('host:transport:')) socket.write('OKAY');
      else socket.end('OKAYhello ✓\nworld');
    });
    let text = '';
    const closed = new Promise<Error | null>((resolve) => {
      void openAdbHostStream({ host: '127.0.0.1', port: server.port }, 'serial-1', 'shell:echo hi', { onData: (bytes) => (text += bytes.toString('utf8')), onClose: resolve }, 2000);
    });
    expect(await closed).toBeNull();
    expect(text).toBe('hello ✓\nworld');
    expect(server.requests).toEqual(['host:transport:serial-1', 'shell:echo hi']);
  });

  it('rejects with the server’s own words when it refuses the phone', async () => {
    const server = await fakeAdbServer((_request, socket) => socket.write("FAIL0014device 'x' not found"));
    await expect(openAdbHostStream({ host: '127.0.0.1', port: server.port }, 'x', 'shell:true', ignore, 2000)).rejects.toThrow(/refused to open a stream on the phone x: device 'x' not found/);
  });

  it('rejects once the time is up when the server never answers, and when it hangs up halfway', async () => {
    const silent = await fakeAdbServer(() => {});
    await expect(openAdbHostStream({ host: '127.0.0.1', port: silent.port }, 'x', 'shell:true', ignore, 200)).rejects.toThrow(/did not finish opening a stream within 0\.2 s/);
    const rude = await fakeAdbServer((_request, socket) => socket.end('OK'));
    await expect(openAdbHostStream({ host: '127.0.0.1', port: rude.port }, 'x', 'shell:true', ignore, 2000)).rejects.toThrow(/closed the connection before/);
  });

  it('names the port when no server listens there', async () => {
    const gone = await fakeAdbServer(() => {});
    servers.splice(0).forEach((server) => server.close());
    await new Promise((resolve) => setTimeout(resolve, 20));
    await expect(openAdbHostStream({ host: '127.0.0.1', port: gone.port }, 'x', 'shell:true', ignore, 2000)).rejects.toThrow(new RegExp(`adb server on port ${gone.port}`));
  });

  it('stops on request and reports the close once', async () => {
    const server = await fakeAdbServer((_request, socket) => socket.write('OKAY'));
    let closes = 0;
    const stream = await openAdbHostStream({ host: '127.0.0.1', port: server.port }, 'x', 'shell:sleep 100', { onData: () => {}, onClose: () => closes++ }, 2000);
    stream.stop();
    stream.stop();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(closes).toBe(1);
  });

  it('ends the stream with the error when its reader throws, rather than letting it escape', async () => {
    const server = await fakeAdbServer((request, socket) => {
      if (request.startsWith('host:transport:')) socket.write('OKAY');
      else socket.write('OKAYbad bytes');
    });
    const closed = new Promise<Error | null>((resolve) => {
      void openAdbHostStream({ host: '127.0.0.1', port: server.port }, 'x', 'shell:true', { onData: () => { throw new Error('unreadable'); }, onClose: resolve }, 2000);
    });
    expect((await closed)?.message).toBe('unreadable');
  });
});
