/**
 * A FIFO of bytes fed by arbitrary chunks, for streaming parsers: packets and
 * service messages never align with socket reads.
 */
export class ByteQueue {
  #chunks: Buffer[] = [];
  #head = 0; // bytes already consumed from #chunks[0]
  #length = 0;

  get length(): number {
    return this.#length;
  }

  push(chunk: Uint8Array): void {
    if (chunk.byteLength === 0) return;
    this.#chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    this.#length += chunk.byteLength;
  }

  /** Copies the first `n` bytes without consuming them (n ≤ length). */
  peek(n: number): Buffer {
    return this.#read(n, false);
  }

  /** Removes and returns the first `n` bytes (n ≤ length). */
  take(n: number): Buffer {
    return this.#read(n, true);
  }

  /** Removes and returns everything queued (for a stream handed over to another reader). */
  takeAll(): Buffer {
    return this.take(this.#length);
  }

  /** Removes up to `n` bytes, stopping after the first `until` byte if given. */
  takeUpTo(n: number, until?: number): Buffer {
    let count = Math.min(n, this.#length);
    if (until !== undefined) {
      const at = this.indexOf(until, count);
      if (at >= 0) count = at + 1;
    }
    return this.take(count);
  }

  /** Index of `byte` within the first `limit` bytes, or -1. */
  indexOf(byte: number, limit = this.#length): number {
    let base = 0;
    for (let i = 0; i < this.#chunks.length && base < limit; i++) {
      const chunk = this.#chunks[i]!;
      const start = i === 0 ? this.#head : 0;
      const at = chunk.indexOf(byte, start);
      if (at >= 0 && base + at - start < limit) return base + at - start;
      base += chunk.length - start;
    }
    return -1;
  }

  #read(n: number, consume: boolean): Buffer {
    if (n > this.#length) throw new RangeError(`ByteQueue: ${n} > ${this.#length}`);
    const first = this.#chunks[0];
    if (first !== undefined && first.length - this.#head >= n) {
      const out = first.subarray(this.#head, this.#head + n);
      if (consume) this.#consume(n);
      return out;
    }
    const out = Buffer.allocUnsafe(n);
    let copied = 0;
    for (let i = 0; copied < n; i++) {
      const chunk = this.#chunks[i]!;
      const start = i === 0 ? this.#head : 0;
      copied += chunk.copy(out, copied, start, Math.min(chunk.length, start + n - copied));
    }
    if (consume) this.#consume(n);
    return out;
  }

  #consume(n: number): void {
    this.#length -= n;
    let left = n;
    while (left > 0) {
      const chunk = this.#chunks[0]!;
      const available = chunk.length - this.#head;
      if (available > left) {
        this.#head += left;
        return;
      }
      left -= available;
      this.#chunks.shift();
      this.#head = 0;
    }
  }
}
