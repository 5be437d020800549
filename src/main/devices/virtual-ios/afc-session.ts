// One AFC connection: reads packets, answers them against a store (or a subtree of one).
import type { Duplex } from 'node:stream';
import { ByteQueue } from '../wire/byte-queue.js';
import { AfcProtocolError } from './errors.js';
import {
  AFC_HEADER_BYTES,
  AFC_MAGIC,
  AFC_MAX_PACKET_BYTES,
  AfcFileMode,
  AfcOperation,
  AfcPacketHeader,
  AfcStatus,
  afcString,
  afcStringList,
  afcU64,
  encodeAfcPacket,
  type AfcPacket,
} from './afc-protocol.js';
import { AfcStore, type AfcFileNode } from './afc-store.js';
import type { VirtualIphoneLog } from './virtual-iphone-log.js';

export interface AfcSessionOptions {
  readonly store: AfcStore;
  /** The client's `/` inside the store (`/` for a whole container, `/Documents` for VendDocuments). */
  readonly root: string;
  readonly model: string;
  readonly log: VirtualIphoneLog;
  readonly stalledMessageMs: number;
}

/** One FileRead returns at most this much, as a real phone caps reads. */
const AFC_MAX_READ_BYTES = 4 * 1024 * 1024;
const MAX_OPEN_FILES = 256;
const DISK_BYTES = 116 * 1000 * 1000 * 1000;
const BLOCK_SIZE = 4096;
const Whence = { Set: 0, Current: 1, End: 2 } as const;

interface OpenFile {
  readonly file: AfcFileNode;
  readonly path: string;
  readonly readable: boolean;
  readonly writable: boolean;
  readonly append: boolean;
  position: number;
}

type AfcReply = { readonly operation: number; readonly headerPayload?: Buffer; readonly data?: Buffer };

export function serveAfc(stream: Duplex, options: AfcSessionOptions): void {
  const session = new AfcSession(options);
  const queue = new ByteQueue();
  let stallTimer: NodeJS.Timeout | undefined;
  const fail = (message: string): void => {
    options.log({ kind: 'protocol-error', protocol: 'afc', message });
    clearTimeout(stallTimer);
    stream.removeListener('data', onData);
    stream.destroy();
  };
  const onData = (chunk: Buffer): void => {
    queue.push(chunk);
    while (!stream.destroyed) {
      if (queue.length < AFC_HEADER_BYTES) break;
      const headerBytes = queue.peek(AFC_HEADER_BYTES);
      if (!headerBytes.subarray(0, AFC_MAGIC.length).equals(AFC_MAGIC)) {
        fail(new AfcProtocolError('bad AFC magic').message);
        return;
      }
      const header = AfcPacketHeader.decode(headerBytes, AFC_MAGIC.length);
      if (header.thisLength < AFC_HEADER_BYTES || header.entireLength < header.thisLength || header.entireLength > AFC_MAX_PACKET_BYTES) {
        fail(new AfcProtocolError(`AFC lengths out of range (this ${header.thisLength}, entire ${header.entireLength})`).message);
        return;
      }
      if (queue.length < header.entireLength) break;
      const packet = queue.take(header.entireLength);
      let bytes: Buffer;
      try {
        const reply = session.handle({
          packetNumber: header.packetNumber,
          operation: header.operation,
          headerPayload: packet.subarray(AFC_HEADER_BYTES, header.thisLength),
          data: packet.subarray(header.thisLength),
        });
        bytes = encodeAfcPacket({
          packetNumber: header.packetNumber,
          operation: reply.operation,
          headerPayload: reply.headerPayload ?? Buffer.alloc(0),
          data: reply.data ?? Buffer.alloc(0),
        });
      } catch (error) {
        fail(`AFC request failed: ${error instanceof Error ? error.message : String(error)}`);
        return;
      }
      stream.write(bytes);
    }
    clearTimeout(stallTimer);
    if (queue.length > 0) stallTimer = setTimeout(() => fail('AFC packet stalled part-way'), options.stalledMessageMs);
  };
  stream.on('data', onData);
  stream.on('error', () => stream.destroy());
  stream.on('close', () => clearTimeout(stallTimer));
}

class AfcSession {
  private readonly open = new Map<number, OpenFile>();
  private nextHandle = 1;

  constructor(private readonly options: AfcSessionOptions) {}

  handle(packet: AfcPacket): AfcReply {
    const reply = this.dispatch(packet);
    if (reply.operation === AfcOperation.Status) {
      const status = Number((reply.headerPayload ?? afcU64(0)).readBigUInt64LE(0));
      this.options.log({ kind: 'afc', operation: operationName(packet.operation), status });
    }
    return reply;
  }

  private dispatch(packet: AfcPacket): AfcReply {
    const { store } = this.options;
    const path = (): string | null => this.storePath(afcString(packet.headerPayload));
    switch (packet.operation) {
      case AfcOperation.GetDeviceInfo:
        return data(
          afcStringList([
            'Model',
            this.options.model,
            'FSTotalBytes',
            String(DISK_BYTES),
            'FSFreeBytes',
            String(DISK_BYTES - store.usedBytes),
            'FSBlockSize',
            String(BLOCK_SIZE),
          ]),
        );
      case AfcOperation.ReadDir: {
        const p = path();
        if (p === null) return status(AfcStatus.PermDenied);
        const names = store.list(p);
        return typeof names === 'number' ? status(names) : data(afcStringList(names));
      }
      case AfcOperation.GetFileInfo: {
        const p = path();
        if (p === null) return status(AfcStatus.PermDenied);
        const node = store.lookup(p);
        if (node === undefined) return status(AfcStatus.ObjectNotFound);
        const size = node.kind === 'file' ? node.size : 64;
        return data(
          afcStringList([
            'st_size',
            String(size),
            'st_blocks',
            String(Math.ceil(size / 512)),
            'st_nlink',
            node.kind === 'dir' ? '2' : '1',
            'st_ifmt',
            node.kind === 'dir' ? 'S_IFDIR' : 'S_IFREG',
            'st_mtime',
            String(node.mtimeNs),
            'st_birthtime',
            String(node.birthNs),
          ]),
        );
      }
      case AfcOperation.MakeDir: {
        const p = path();
        return status(p === null ? AfcStatus.PermDenied : store.makeDir(p));
      }
      case AfcOperation.RemovePath:
      case AfcOperation.RemovePathAndContents: {
        const p = path();
        if (p === null) return status(AfcStatus.PermDenied);
        if (p === this.storePath('/')) return status(AfcStatus.PermDenied);
        return status(store.remove(p, packet.operation === AfcOperation.RemovePathAndContents));
      }
      case AfcOperation.RenamePath: {
        const parts = packet.headerPayload.toString('utf8').split('\0');
        const from = this.storePath(parts[0] ?? '');
        const to = this.storePath(parts[1] ?? '');
        if (from === null || to === null) return status(AfcStatus.PermDenied);
        return status(store.rename(from, to));
      }
      case AfcOperation.FileOpen:
        return this.openFile(packet.headerPayload);
      case AfcOperation.FileRead:
        return this.read(packet.headerPayload);
      case AfcOperation.FileWrite:
        return this.write(packet.headerPayload, packet.data);
      case AfcOperation.FileSeek:
        return this.seek(packet.headerPayload);
      case AfcOperation.FileTell: {
        const open = this.handleOf(packet.headerPayload);
        return open === undefined ? status(AfcStatus.InvalidArg) : { operation: AfcOperation.FileTellResult, headerPayload: afcU64(open.position) };
      }
      case AfcOperation.FileSetSize: {
        const open = this.handleOf(packet.headerPayload);
        if (open === undefined || packet.headerPayload.length < 16) return status(AfcStatus.InvalidArg);
        if (!open.writable) return status(AfcStatus.PermDenied);
        return status(store.resize(open.file, Number(packet.headerPayload.readBigUInt64LE(8))));
      }
      case AfcOperation.FileClose: {
        const open = this.handleOf(packet.headerPayload);
        if (open === undefined) return status(AfcStatus.InvalidArg);
        this.open.delete(Number(packet.headerPayload.readBigUInt64LE(0)));
        return status(AfcStatus.Success);
      }
      default:
        return status(AfcStatus.UnknownPacketType);
    }
  }

  /** The store path for a client path, or null when it tries to leave the root. */
  private storePath(clientPath: string): string | null {
    const inside = AfcStore.normalize(clientPath);
    if (inside === null) return null;
    return AfcStore.normalize(`${this.options.root}/${inside}`);
  }

  private openFile(payload: Buffer): AfcReply {
    if (payload.length < 9) return status(AfcStatus.InvalidArg);
    const mode = Number(payload.readBigUInt64LE(0));
    const path = this.storePath(afcString(payload.subarray(8)));
    if (path === null) return status(AfcStatus.PermDenied);
    if (this.open.size >= MAX_OPEN_FILES) return status(AfcStatus.NoSpaceLeft);
    const flags = FILE_MODE_FLAGS.get(mode);
    if (flags === undefined) return status(AfcStatus.InvalidArg);
    const file = this.options.store.openFile(path, { create: flags.create, truncate: flags.truncate });
    if (typeof file === 'number') return status(file);
    const handle = this.nextHandle++;
    this.open.set(handle, { file, path, readable: flags.readable, writable: flags.writable, append: flags.append, position: 0 });
    return { operation: AfcOperation.FileOpenResult, headerPayload: afcU64(handle) };
  }

  private read(payload: Buffer): AfcReply {
    const open = this.handleOf(payload);
    if (open === undefined || payload.length < 16) return status(AfcStatus.InvalidArg);
    if (!open.readable) return status(AfcStatus.PermDenied);
    const wanted = Math.min(Number(payload.readBigUInt64LE(8)), AFC_MAX_READ_BYTES);
    const start = Math.min(open.position, open.file.size);
    const end = Math.min(open.file.size, start + wanted);
    open.position = end;
    return data(Buffer.from(open.file.data.subarray(start, end)));
  }

  private write(payload: Buffer, bytes: Buffer): AfcReply {
    const open = this.handleOf(payload);
    if (open === undefined) return status(AfcStatus.InvalidArg);
    if (!open.writable) return status(AfcStatus.PermDenied);
    const at = open.append ? open.file.size : open.position;
    const result = this.options.store.writeAt(open.file, at, bytes);
    if (result === AfcStatus.Success) open.position = at + bytes.length;
    return status(result);
  }

  private seek(payload: Buffer): AfcReply {
    const open = this.handleOf(payload);
    if (open === undefined || payload.length < 24) return status(AfcStatus.InvalidArg);
    const whence = Number(payload.readBigUInt64LE(8));
    const offset = Number(payload.readBigInt64LE(16));
    const base = whence === Whence.Set ? 0 : whence === Whence.Current ? open.position : whence === Whence.End ? open.file.size : null;
    if (base === null || base + offset < 0) return status(AfcStatus.InvalidArg);
    open.position = base + offset;
    return status(AfcStatus.Success);
  }

  private handleOf(payload: Buffer): OpenFile | undefined {
    if (payload.length < 8) return undefined;
    return this.open.get(Number(payload.readBigUInt64LE(0)));
  }
}

const FILE_MODE_FLAGS = new Map<number, { readable: boolean; writable: boolean; create: boolean; truncate: boolean; append: boolean }>([
  [AfcFileMode.ReadOnly, { readable: true, writable: false, create: false, truncate: false, append: false }],
  [AfcFileMode.ReadWrite, { readable: true, writable: true, create: true, truncate: false, append: false }],
  [AfcFileMode.WriteOnly, { readable: false, writable: true, create: true, truncate: true, append: false }],
  [AfcFileMode.ReadWriteTruncate, { readable: true, writable: true, create: true, truncate: true, append: false }],
  [AfcFileMode.Append, { readable: false, writable: true, create: true, truncate: false, append: true }],
  [AfcFileMode.ReadAppend, { readable: true, writable: true, create: true, truncate: false, append: true }],
]);

function status(code: number): AfcReply {
  return { operation: AfcOperation.Status, headerPayload: afcU64(code) };
}

function data(bytes: Buffer): AfcReply {
  return { operation: AfcOperation.Data, data: bytes };
}

function operationName(operation: number): string {
  return Object.entries(AfcOperation).find(([, code]) => code === operation)?.[0] ?? `0x${operation.toString(16)}`;
}
