import { PhoneFsError } from './errno.js';
import type { OpenFile } from './open-file.js';
import { RefCountedFile } from './open-file.js';
import { Pipe } from './pipe.js';
import type { VfsDynamicFile, VfsFifo, VfsFile } from './vfs-node.js';
import { VfsNodeKind } from './vfs-node.js';

/** An open regular file (shared offset) or a dynamic file (content snapshot at open). */
export class VfsOpenFile extends RefCountedFile {
  readonly readable: boolean;
  readonly writable: boolean;
  readonly #node: VfsFile | VfsDynamicFile;
  readonly #append: boolean;
  readonly #now: () => number;
  #offset = 0;
  #snapshot: Buffer | undefined;
  readonly #pendingWrites: Buffer[] = [];

  constructor(
    node: VfsFile | VfsDynamicFile,
    readonly label: string,
    flags: { read?: boolean; write?: boolean; append?: boolean },
    now: () => number,
  ) {
    super();
    this.#node = node;
    this.readable = flags.read === true;
    this.writable = flags.write === true;
    this.#append = flags.append === true;
    this.#now = now;
  }

  read(max: number, signal: AbortSignal, until?: number): Promise<Buffer | null> {
    if (signal.aborted) return Promise.reject(signal.reason as Error);
    if (!this.readable) return Promise.reject(new PhoneFsError('EBADF', this.label));
    const content = this.#content();
    if (this.#offset >= content.length) return Promise.resolve(null);
    let end = Math.min(content.length, this.#offset + max);
    if (until !== undefined) {
      const at = content.indexOf(until, this.#offset);
      if (at >= 0 && at < end) end = at + 1;
    }
    const out = Buffer.from(content.subarray(this.#offset, end));
    this.#offset = end;
    return Promise.resolve(out);
  }

  write(data: Uint8Array, signal: AbortSignal): Promise<void> {
    if (signal.aborted) return Promise.reject(signal.reason as Error);
    if (!this.writable) return Promise.reject(new PhoneFsError('EBADF', this.label));
    const node = this.#node;
    if (node.kind === VfsNodeKind.Dynamic) {
      // sysfs takes each write(2) as one value.
      this.#pendingWrites.push(Buffer.from(data));
      try {
        node.write?.(Buffer.concat(this.#pendingWrites.splice(0)));
      } catch {
        return Promise.reject(new PhoneFsError('EINVAL', this.label));
      }
      return Promise.resolve();
    }
    const at = this.#append ? node.size : this.#offset;
    const end = at + data.byteLength;
    if (end > node.data.length) {
      const grown = Buffer.alloc(Math.max(end, node.data.length * 2, 4096));
      node.data.copy(grown, 0, 0, node.size);
      node.data = grown;
    }
    if (at > node.size) node.data.fill(0, node.size, at);
    node.data.set(data, at);
    node.size = Math.max(node.size, end);
    node.mtimeMs = this.#now();
    this.#offset = end;
    return Promise.resolve();
  }

  #content(): Buffer {
    const node = this.#node;
    if (node.kind === VfsNodeKind.File) return node.data.subarray(0, node.size);
    this.#snapshot ??= Buffer.from(node.read());
    return this.#snapshot;
  }
}

/**
 * Opens a FIFO: read-only waits for a writer and write-only for a reader;
 * read-write never blocks (Linux behaviour, used as a sleep without a process).
 */
export async function openFifo(node: VfsFifo, read: boolean, write: boolean, signal: AbortSignal): Promise<OpenFile> {
  node.pipe ??= new Pipe('fifo');
  const pipe = node.pipe;
  if (read && write) return new FifoBothEnds(pipe);
  const end = read ? pipe.openRead() : pipe.openWrite();
  try {
    while (read ? pipe.writers === 0 : pipe.readers === 0) await pipe.changed(signal);
  } catch (error) {
    end.release();
    throw error;
  } finally {
    if (pipe.readers === 0 && pipe.writers === 0 && node.pipe === pipe) node.pipe = undefined;
  }
  const release = end.release.bind(end);
  end.release = () => {
    release();
    if (pipe.readers === 0 && pipe.writers === 0 && node.pipe === pipe) node.pipe = undefined;
  };
  return end;
}

class FifoBothEnds extends RefCountedFile {
  readonly readable = true;
  readonly writable = true;
  readonly #reader: OpenFile;
  readonly #writer: OpenFile;
  constructor(readonly pipe: Pipe) {
    super();
    this.#reader = pipe.openRead();
    this.#writer = pipe.openWrite();
  }
  get label(): string {
    return 'fifo';
  }
  read(max: number, signal: AbortSignal, until?: number): Promise<Buffer | null> {
    return this.#reader.read(max, signal, until);
  }
  write(data: Uint8Array, signal: AbortSignal): Promise<void> {
    return this.#writer.write(data, signal);
  }
  protected override onLastRelease(): void {
    this.#reader.release();
    this.#writer.release();
  }
}
