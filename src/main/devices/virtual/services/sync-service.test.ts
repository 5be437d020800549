import { describe, expect, it } from 'vitest';
import { AdbDeviceSocket } from '../adb/device-socket.js';
import type { AdbSocketSink } from '../adb/device-socket.js';
import { VirtualPhone, SHELL_CREDENTIALS } from '../phone/phone.js';
import { getVirtualPhoneProfile } from '../phone/profiles.js';
import { AdbSyncDentV2, AdbSyncRequestHeader, AdbSyncStatV1, AdbSyncStatV2 } from './sync-protocol.js';
import { AdbSyncService } from './sync-service.js';

/** A socket whose host acknowledges every WRTE at once and records the bytes. */
function fakeSocket(): { socket: AdbDeviceSocket; received: () => Buffer; closed: () => boolean } {
  const chunks: Buffer[] = [];
  let closed = false;
  const holder: { socket?: AdbDeviceSocket } = {};
  const sink: AdbSocketSink = {
    maxPayload: 4096,
    sendWrite: (_l, _r, data) => {
      chunks.push(Buffer.from(data));
      queueMicrotask(() => holder.socket?.handleOkay());
    },
    sendClose: () => {
      closed = true;
    },
    forget: () => undefined,
  };
  const socket = new AdbDeviceSocket(sink, 1, 0x3c, 'sync:');
  holder.socket = socket;
  return { socket, received: () => Buffer.concat(chunks), closed: () => closed };
}

function request(id: string, path: string): Buffer {
  const body = Buffer.from(path);
  return Buffer.concat([AdbSyncRequestHeader.encode({ id, length: body.length }), body]);
}

async function feedByteByByte(socket: AdbDeviceSocket, bytes: Buffer): Promise<void> {
  for (const byte of bytes) await socket.handleWrite(Buffer.from([byte]));
}

describe('AdbSyncService', () => {
  const phone = new VirtualPhone(getVirtualPhoneProfile('flagship'), 'sync-test');

  it('handles SEND/DATA/DONE, STAT, STA2 and LIS2 fed one byte at a time', async () => {
    const { socket, received, closed } = fakeSocket();
    new AdbSyncService(socket, phone.vfs, SHELL_CREDENTIALS);
    const content = Buffer.from('hello sync');
    const data = Buffer.concat([AdbSyncRequestHeader.encode({ id: 'DATA', length: content.length }), content]);
    await feedByteByByte(
      socket,
      Buffer.concat([
        request('SEND', '/data/local/tmp/new/dir/f.txt,33188'),
        data,
        AdbSyncRequestHeader.encode({ id: 'DONE', length: 1_700_000_000 }),
        request('STAT', '/data/local/tmp/new/dir/f.txt'),
        request('STAT', '/nope'),
        request('STA2', '/nope'),
        request('LIS2', '/data/local/tmp/new/dir'),
        request('QUIT', ''),
      ]),
    );
    const out = received();
    let at = 0;
    expect(out.toString('latin1', at, at + 8)).toBe('OKAY\0\0\0\0');
    at += 8;
    expect(AdbSyncStatV1.decode(out, at)).toEqual({ id: 'STAT', mode: 0o100644, size: content.length, mtime: 1_700_000_000 });
    at += AdbSyncStatV1.size;
    expect(AdbSyncStatV1.decode(out, at)).toEqual({ id: 'STAT', mode: 0, size: 0, mtime: 0 });
    at += AdbSyncStatV1.size;
    expect(AdbSyncStatV2.decode(out, at)).toMatchObject({ id: 'STA2', error: 2 });
    at += AdbSyncStatV2.size;
    const names: string[] = [];
    for (;;) {
      const dent = AdbSyncDentV2.decode(out, at);
      at += AdbSyncDentV2.size;
      if (dent.id === 'DONE') break;
      expect(dent.id).toBe('DNT2');
      names.push(out.toString('utf8', at, at + dent.nameLength));
      at += dent.nameLength;
    }
    expect(names).toEqual(['.', '..', 'f.txt']);
    expect(at).toBe(out.length);
    expect(closed()).toBe(true);
    expect(phone.vfs.readFile('/data/local/tmp/new/dir/f.txt').toString()).toBe('hello sync');
  });

  it('answers RECV with DATA/DONE, and FAIL for a missing file', async () => {
    const { socket, received } = fakeSocket();
    new AdbSyncService(socket, phone.vfs, SHELL_CREDENTIALS);
    phone.vfs.writeFile('/data/local/tmp/r.bin', Buffer.alloc(70_000, 7));
    await socket.handleWrite(Buffer.concat([request('RECV', '/data/local/tmp/r.bin'), request('RECV', '/data/local/tmp/missing')]));
    const out = received();
    expect(out.toString('latin1', 0, 4)).toBe('DATA');
    expect(out.readUInt32LE(4)).toBe(65536);
    const second = 8 + 65536;
    expect(out.readUInt32LE(second + 4)).toBe(70_000 - 65536);
    const done = second + 8 + 70_000 - 65536;
    expect(out.toString('latin1', done, done + 8)).toBe('DONE\0\0\0\0');
    const fail = out.subarray(done + 8);
    expect(fail.toString('latin1', 0, 4)).toBe('FAIL');
    expect(fail.toString('utf8', 8)).toBe('open failed: No such file or directory');
  });

  it('refuses to write where the shell user may not', async () => {
    const { socket, received } = fakeSocket();
    new AdbSyncService(socket, phone.vfs, SHELL_CREDENTIALS);
    await socket.handleWrite(Buffer.concat([request('SEND', '/system/x,33188'), AdbSyncRequestHeader.encode({ id: 'DONE', length: 0 })]));
    expect(received().toString('utf8', 8)).toBe("couldn't create file: Read-only file system");
  });
});
