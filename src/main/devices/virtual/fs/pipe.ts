import { ByteQueue } from '../../wire/byte-queue.js';
import { BrokenPipeError } from '../process/signals.js';
import { PhoneFsError } from './errno.js';
import type { OpenFile } from './open-file.js';
import { RefCountedFile, waitUntil } from './open-file.js';

/** Linux's default pipe buffer: writers block beyond it. */
export const PIPE_CAPACITY = 64 * 1024;

/** A kernel pipe: bounded buffer, EOF when writers are gone, EPIPE when readers are. */
export class Pipe {
  readonly #buffer = new ByteQueue();
  readonly #waiters = new Set<() => void>();
  #readers = 0;
  #writers = 0;

  constructor(readonly label = 'pipe') {}

  get readers(): number {
    return this.#readers;
  }

  get writers(): number {
    return this.#writers;
  }

  get buffered(): number {
    return this.#buffer.length;
  }

  openRead(): OpenFile {
    this.#readers++;
    this.#notify();
    return new PipeReadEnd(this);
  }

  openWrite(): OpenFile {
    this.#writers++;
    this.#notify();
    return new PipeWriteEnd(this);
  }

  /** Resolves on the next change of buffer or ends (for blocking FIFO opens). */
  changed(signal: AbortSignal): Promise<void> {
    return waitUntil((wake) => {
      this.#waiters.add(wake);
      return () => this.#waiters.delete(wake);
    }, signal);
  }

  async read(max: number, signal: AbortSignal, until?: number): Promise<Buffer | null> {
    for (;;) {
      if (signal.aborted) throw signal.reason as Error;
      if (this.#buffer.length > 0) {
        const out = Buffer.from(this.#buffer.takeUpTo(max, until));
        this.#notify();
        return out;
      }
      if (this.#writers === 0) return null;
      await this.changed(signal);
    }
  }

  async write(data: Uint8Array, signal: AbortSignal): Promise<void> {
    let at = 0;
    while (at < data.byteLength) {
      if (this.#readers === 0) throw new BrokenPipeError();
      if (signal.aborted) throw signal.reason as Error;
      const space = PIPE_CAPACITY - this.#buffer.length;
      if (space <= 0) {
        await this.changed(signal);
        continue;
      }
      const n = Math.min(space, data.byteLength - at);
      this.#buffer.push(Buffer.from(data.subarray(at, at + n)));
      at += n;
      this.#notify();
    }
  }

  /** @internal */
  closeRead(): void {
    this.#readers--;
    if (this.#readers === 0) {
      // Nobody will read what is left; drop it so blocked writers see EPIPE.
      this.#buffer.take(this.#buffer.length);
    }
    this.#notify();
  }

  /** @internal */
  closeWrite(): void {
    this.#writers--;
    this.#notify();
  }

  #notify(): void {
    const waiters = [...this.#waiters];
    this.#waiters.clear();
    for (const wake of waiters) wake();
  }
}

class PipeReadEnd extends RefCountedFile {
  readonly readable = true;
  readonly writable = false;
  constructor(readonly pipe: Pipe) {
    super();
  }
  get label(): string {
    return this.pipe.label;
  }
  read(max: number, signal: AbortSignal, until?: number): Promise<Buffer | null> {
    return this.pipe.read(max, signal, until);
  }
  write(): Promise<void> {
    return Promise.reject(new PhoneFsError('EBADF'));
  }
  protected override onLastRelease(): void {
    this.pipe.closeRead();
  }
}

class PipeWriteEnd extends RefCountedFile {
  readonly readable = false;
  readonly writable = true;
  constructor(readonly pipe: Pipe) {
    super();
  }
  get label(): string {
    return this.pipe.label;
  }
  read(): Promise<Buffer | null> {
    return Promise.reject(new PhoneFsError('EBADF'));
  }
  write(data: Uint8Array, signal: AbortSignal): Promise<void> {
    return this.pipe.write(data, signal);
  }
  protected override onLastRelease(): void {
    this.pipe.closeWrite();
  }
}
