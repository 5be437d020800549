// Writes text to a file in large chunks, waiting when the disk falls behind, so an export
// of millions of rows keeps memory flat.
import { createWriteStream, type WriteStream } from 'node:fs';

export class TextFileSink {
  readonly #stream: WriteStream;
  #buffer: string[] = [];
  #size = 0;
  #error: Error | null = null;

  constructor(path: string) {
    this.#stream = createWriteStream(path, { flags: 'w' });
    this.#stream.on('error', (e) => (this.#error = e));
  }

  /** Queues text; call `drain` now and then (every few thousand rows). */
  write(text: string): void {
    this.#buffer.push(text);
    this.#size += text.length;
  }

  get pending(): number {
    return this.#size;
  }

  async drain(force = false): Promise<void> {
    if (this.#error) throw this.#error;
    if (!force && this.#size < 1 << 16) return;
    const chunk = this.#buffer.join('');
    this.#buffer = [];
    this.#size = 0;
    if (!this.#stream.write(chunk)) await new Promise<void>((resolve) => this.#stream.once('drain', resolve));
    if (this.#error) throw this.#error;
  }

  async close(): Promise<void> {
    await this.drain(true);
    await new Promise<void>((resolve, reject) => this.#stream.end((e?: Error | null) => (e ? reject(e) : resolve())));
    if (this.#error) throw this.#error;
  }
}
