// Writes binary chunks straight to a file descriptor, synchronously: the trace writer hands over 256 KiB at a
// time, so there is never more than one chunk in memory and no queue to grow when the disk is slow.
import { closeSync, openSync, unlinkSync, writeSync } from 'node:fs';

export class FdSink {
  readonly #path: string;
  #fd: number | null;
  #bytes = 0;

  constructor(path: string) {
    this.#path = path;
    this.#fd = openSync(path, 'w');
  }

  get bytesWritten(): number {
    return this.#bytes;
  }

  write(chunk: Uint8Array): void {
    const fd = this.#fd;
    if (fd === null) throw new Error(`${this.#path} is already closed`);
    let at = 0;
    while (at < chunk.length) at += writeSync(fd, chunk, at, chunk.length - at);
    this.#bytes += chunk.length;
  }

  close(): void {
    if (this.#fd === null) return;
    closeSync(this.#fd);
    this.#fd = null;
  }

  /** Closes and removes the half-written file. */
  abort(): void {
    try {
      this.close();
    } finally {
      try {
        unlinkSync(this.#path);
      } catch {
        // Already gone: nothing to clean.
      }
    }
  }
}
