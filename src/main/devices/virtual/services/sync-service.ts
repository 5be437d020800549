import { ByteQueue } from '../../wire/byte-queue.js';
import type { AdbDeviceSocket } from '../adb/device-socket.js';
import { PhoneErrno, PhoneFsError } from '../fs/errno.js';
import { dirName, normalizePath } from '../fs/path.js';
import type { PhoneCredentials, Vfs } from '../fs/vfs.js';
import type { VfsNode, VfsStat } from '../fs/vfs-node.js';
import { VfsModeType, VfsNodeKind, vfsStat } from '../fs/vfs-node.js';
import {
  ADB_SYNC_DATA_MAX,
  ADB_SYNC_PATH_MAX,
  AdbSyncDentV1,
  AdbSyncDentV2,
  AdbSyncRequestHeader,
  AdbSyncRequestId,
  AdbSyncResponseId,
  AdbSyncStatV1,
  AdbSyncStatV2,
} from './sync-protocol.js';

interface PendingSend {
  readonly path: string;
  readonly mode: number;
  readonly chunks: Buffer[];
  failure: string | undefined;
}

/**
 * The `sync:` service: many requests per stream until QUIT or close. The
 * parser is streaming: the host coalesces and splits messages freely.
 */
export class AdbSyncService {
  readonly #queue = new ByteQueue();
  #send: PendingSend | undefined;
  #quit = false;

  constructor(
    private readonly socket: AdbDeviceSocket,
    private readonly vfs: Vfs,
    private readonly credentials: PhoneCredentials,
  ) {
    socket.setDataHandler((data) => this.#handle(data));
  }

  async #handle(data: Buffer): Promise<void> {
    this.#queue.push(data);
    while (!this.#quit && !this.socket.isClosed) {
      if (this.#queue.length < AdbSyncRequestHeader.size) return;
      const header = AdbSyncRequestHeader.decode(this.#queue.peek(AdbSyncRequestHeader.size));
      if (this.#send !== undefined) {
        if (header.id === AdbSyncResponseId.Data) {
          if (this.#queue.length < AdbSyncRequestHeader.size + header.length) return;
          this.#queue.take(AdbSyncRequestHeader.size);
          const chunk = Buffer.from(this.#queue.take(header.length));
          if (this.#send.failure === undefined) this.#send.chunks.push(chunk);
          continue;
        }
        this.#queue.take(AdbSyncRequestHeader.size);
        if (header.id === AdbSyncResponseId.Done) {
          await this.#finishSend(this.#send, header.length);
          this.#send = undefined;
          continue;
        }
        await this.#fail(`unexpected ${header.id} during SEND`);
        return this.#close();
      }
      const needed = header.id === AdbSyncRequestId.Quit ? 0 : header.length;
      if (header.length > ADB_SYNC_PATH_MAX && header.id !== AdbSyncRequestId.Quit) {
        this.#queue.take(AdbSyncRequestHeader.size);
        await this.#fail('path too long');
        return this.#close();
      }
      if (this.#queue.length < AdbSyncRequestHeader.size + needed) return;
      this.#queue.take(AdbSyncRequestHeader.size);
      const path = this.#queue.take(needed).toString('utf8');
      await this.#request(header.id, path);
    }
  }

  async #request(id: string, path: string): Promise<void> {
    switch (id) {
      case AdbSyncRequestId.Stat:
        return this.#statV1(path);
      case AdbSyncRequestId.Stat2:
      case AdbSyncRequestId.Lstat2:
        return this.#statV2(id, path, id === AdbSyncRequestId.Stat2);
      case AdbSyncRequestId.List:
        return this.#list(path, false);
      case AdbSyncRequestId.List2:
        return this.#list(path, true);
      case AdbSyncRequestId.Receive:
        return this.#receive(path);
      case AdbSyncRequestId.Send: {
        const comma = path.lastIndexOf(',');
        const target = comma < 0 ? path : path.slice(0, comma);
        const mode = comma < 0 ? 0o644 : Number.parseInt(path.slice(comma + 1), 10) || 0o644;
        this.#send = { path: target, mode, chunks: [], failure: undefined };
        return;
      }
      case AdbSyncRequestId.Quit:
        this.#quit = true;
        return this.#close();
      default:
        await this.#fail(`unknown command ${Buffer.from(id, 'latin1').readUInt32LE(0).toString(16).padStart(8, '0')}`);
        return this.#close();
    }
  }

  #lookup(path: string, follow: boolean): { node: VfsNode } | { errno: number } {
    try {
      return { node: this.vfs.lookup(path, { cred: this.credentials, follow }) };
    } catch (error) {
      if (error instanceof PhoneFsError) return { errno: error.errno };
      throw error;
    }
  }

  async #statV1(path: string): Promise<void> {
    const found = this.#lookup(path, false);
    const st = 'node' in found ? vfsStat(found.node) : undefined;
    await this.socket.write(
      AdbSyncStatV1.encode({
        id: AdbSyncRequestId.Stat,
        mode: st?.mode ?? 0,
        size: st?.size ?? 0,
        mtime: st === undefined ? 0 : Math.floor(st.mtimeMs / 1000),
      }),
    );
  }

  async #statV2(id: string, path: string, follow: boolean): Promise<void> {
    const found = this.#lookup(path, follow);
    if ('errno' in found) {
      await this.socket.write(AdbSyncStatV2.encode({ ...emptyStatV2(id), error: found.errno }));
      return;
    }
    await this.socket.write(AdbSyncStatV2.encode({ ...statV2(vfsStat(found.node)), id }));
  }

  async #list(path: string, v2: boolean): Promise<void> {
    const found = this.#lookup(path, true);
    const parts: Buffer[] = [];
    if ('node' in found && found.node.kind === VfsNodeKind.Directory) {
      let entries: [string, VfsNode][] = [];
      try {
        entries = this.vfs.readdir(path, { cred: this.credentials });
      } catch (error) {
        if (!(error instanceof PhoneFsError)) throw error;
      }
      const parent = this.vfs.tryLookup(normalizePath(path, '..')) ?? found.node;
      const all: [string, VfsNode][] = entries.length === 0 && !this.vfs.access(found.node, this.credentials, 4) ? [] : [['.', found.node], ['..', parent], ...entries];
      for (const [name, node] of all) {
        const nameBytes = Buffer.from(name, 'utf8');
        const st = vfsStat(node);
        const head = v2
          ? AdbSyncDentV2.encode({ ...statV2(st), id: AdbSyncResponseId.Dent2, nameLength: nameBytes.length })
          : AdbSyncDentV1.encode({
              id: AdbSyncResponseId.Dent,
              mode: st.mode,
              size: st.size,
              mtime: Math.floor(st.mtimeMs / 1000),
              nameLength: nameBytes.length,
            });
        parts.push(head, nameBytes);
      }
    }
    const done = Buffer.alloc(v2 ? AdbSyncDentV2.size : AdbSyncDentV1.size);
    done.write(AdbSyncResponseId.Done, 0, 'latin1');
    parts.push(done);
    await this.socket.write(Buffer.concat(parts));
  }

  async #receive(path: string): Promise<void> {
    let data: Buffer;
    try {
      const node = this.vfs.lookup(path, { cred: this.credentials });
      if (node.kind === VfsNodeKind.Directory) throw new PhoneFsError('EISDIR', path);
      data = this.vfs.readFile(path, { cred: this.credentials });
    } catch (error) {
      if (error instanceof PhoneFsError) {
        await this.#fail(`open failed: ${error.reason}`);
        return;
      }
      throw error;
    }
    const header = Buffer.alloc(AdbSyncRequestHeader.size);
    for (let at = 0; at < data.length; at += ADB_SYNC_DATA_MAX) {
      const chunk = data.subarray(at, at + ADB_SYNC_DATA_MAX);
      await this.socket.write(Buffer.concat([AdbSyncRequestHeader.encode({ id: AdbSyncResponseId.Data, length: chunk.length }, header), chunk]));
    }
    await this.socket.write(AdbSyncRequestHeader.encode({ id: AdbSyncResponseId.Done, length: 0 }));
  }

  async #finishSend(send: PendingSend, mtime: number): Promise<void> {
    if (send.failure === undefined) {
      try {
        const parent = dirName(send.path);
        // fixed_push_mkdir: adbd creates missing parent directories.
        if (this.vfs.tryLookup(parent, { cred: this.credentials }) === undefined) {
          this.vfs.mkdir(parent, { cred: this.credentials, parents: true, mode: 0o771 });
        }
        const existing = this.vfs.tryLookup(send.path, { cred: this.credentials });
        if (existing?.kind === VfsNodeKind.Directory) throw new PhoneFsError('EISDIR', send.path);
        if (existing !== undefined && existing.kind !== VfsNodeKind.File) this.vfs.unlink(send.path, { cred: this.credentials });
        this.vfs.writeFile(send.path, Buffer.concat(send.chunks), {
          cred: this.credentials,
          mode: (send.mode & 0o170000) === VfsModeType.File || (send.mode & 0o170000) === 0 ? send.mode & 0o777 : 0o644,
          mtimeMs: mtime * 1000,
        });
      } catch (error) {
        if (!(error instanceof PhoneFsError)) throw error;
        send.failure = `couldn't create file: ${error.reason}`;
      }
    }
    if (send.failure !== undefined) {
      await this.#fail(send.failure);
      return;
    }
    await this.socket.write(AdbSyncRequestHeader.encode({ id: AdbSyncResponseId.Okay, length: 0 }));
  }

  async #fail(message: string): Promise<void> {
    const text = Buffer.from(message, 'utf8');
    await this.socket
      .write(Buffer.concat([AdbSyncRequestHeader.encode({ id: AdbSyncResponseId.Fail, length: text.length }), text]))
      .catch(() => undefined);
  }

  #close(): Promise<void> {
    this.#quit = true;
    return this.socket.close();
  }
}

function statV2(st: VfsStat): Omit<AdbSyncStatV2, 'id'> {
  return {
    error: 0,
    dev: 0xfd00,
    ino: st.ino,
    mode: st.mode,
    nlink: st.nlink,
    uid: st.uid,
    gid: st.gid,
    size: st.size,
    atime: Math.floor(st.atimeMs / 1000),
    mtime: Math.floor(st.mtimeMs / 1000),
    ctime: Math.floor(st.ctimeMs / 1000),
  };
}

function emptyStatV2(id: string): AdbSyncStatV2 {
  return { id, error: PhoneErrno.ENOENT, dev: 0, ino: 0, mode: 0, nlink: 0, uid: 0, gid: 0, size: 0, atime: 0, mtime: 0, ctime: 0 };
}
