import { PhoneFsError } from './errno.js';
import type { OpenFile } from './open-file.js';
import { RefCountedFile } from './open-file.js';

/** A process's file descriptors. Holding an fd holds a reference on its OpenFile. */
export class FdTable {
  readonly #fds = new Map<number, OpenFile>();

  get(fd: number): OpenFile | undefined {
    return this.#fds.get(fd);
  }

  /** Installs `file` at `fd` (taking over the caller's reference), closing what was there. */
  set(fd: number, file: OpenFile): void {
    const old = this.#fds.get(fd);
    this.#fds.set(fd, file);
    old?.release();
  }

  /** dup2(from, to) */
  dup(from: number, to: number): void {
    const file = this.#fds.get(from);
    if (file === undefined) throw new PhoneFsError('EBADF', String(from));
    if (from === to) return;
    this.set(to, file.retain());
  }

  close(fd: number): void {
    const file = this.#fds.get(fd);
    this.#fds.delete(fd);
    file?.release();
  }

  /** fork(): the child shares every open file description. */
  clone(): FdTable {
    const copy = new FdTable();
    for (const [fd, file] of this.#fds) copy.#fds.set(fd, file.retain());
    return copy;
  }

  /** The lowest free fd ≥ `min`. */
  free(min = 10): number {
    let fd = min;
    while (this.#fds.has(fd)) fd++;
    return fd;
  }

  entries(): [number, OpenFile][] {
    return [...this.#fds.entries()].sort(([a], [b]) => a - b);
  }

  /** Snapshot of what is at each fd, for restoring after a builtin's redirections. */
  save(fds: Iterable<number>): Map<number, OpenFile | undefined> {
    const saved = new Map<number, OpenFile | undefined>();
    for (const fd of fds) {
      if (saved.has(fd)) continue;
      saved.set(fd, this.#fds.get(fd)?.retain());
    }
    return saved;
  }

  restore(saved: Map<number, OpenFile | undefined>): void {
    for (const [fd, file] of saved) {
      if (file === undefined) this.close(fd);
      else this.set(fd, file);
    }
  }

  closeAll(): void {
    const files = [...this.#fds.values()];
    this.#fds.clear();
    for (const file of files) file.release();
  }
}

/** Bytes known in advance: here-documents, /dev/null reads. */
export class MemoryFile extends RefCountedFile {
  readonly readable = true;
  readonly writable = false;
  #offset = 0;
  constructor(
    private readonly content: Buffer,
    readonly label = 'memory',
  ) {
    super();
  }
  read(max: number, signal: AbortSignal, until?: number): Promise<Buffer | null> {
    if (signal.aborted) return Promise.reject(signal.reason as Error);
    if (this.#offset >= this.content.length) return Promise.resolve(null);
    let end = Math.min(this.content.length, this.#offset + max);
    if (until !== undefined) {
      const at = this.content.indexOf(until, this.#offset);
      if (at >= 0 && at < end) end = at + 1;
    }
    const out = this.content.subarray(this.#offset, end);
    this.#offset = end;
    return Promise.resolve(Buffer.from(out));
  }
  write(): Promise<void> {
    return Promise.reject(new PhoneFsError('EBADF', this.label));
  }
}

/** /dev/null, /dev/zero and /dev/urandom. */
export class CharDeviceFile extends RefCountedFile {
  readonly readable = true;
  readonly writable = true;
  constructor(
    readonly label: string,
    private readonly produce: ((n: number) => Buffer) | undefined,
  ) {
    super();
  }
  read(max: number, signal: AbortSignal): Promise<Buffer | null> {
    if (signal.aborted) return Promise.reject(signal.reason as Error);
    return Promise.resolve(this.produce === undefined ? null : this.produce(Math.min(max, 65536)));
  }
  write(_data: Uint8Array, signal: AbortSignal): Promise<void> {
    if (signal.aborted) return Promise.reject(signal.reason as Error);
    return Promise.resolve();
  }
}
