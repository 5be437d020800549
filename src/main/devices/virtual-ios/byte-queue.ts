/** Bytes received but not yet framed: append chunks, take exact counts. */
export class ByteQueue {
  private chunks: Buffer[] = [];
  private total = 0;

  get length(): number {
    return this.total;
  }

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.total += chunk.length;
  }

  /** The first `count` bytes without consuming them, or null if fewer are queued. */
  peek(count: number): Buffer | null {
    if (count > this.total) return null;
    this.compact(count);
    return (this.chunks[0] ?? Buffer.alloc(0)).subarray(0, count);
  }

  take(count: number): Buffer | null {
    const bytes = this.peek(count);
    if (bytes === null) return null;
    const head = this.chunks[0] ?? Buffer.alloc(0);
    if (head.length === count) this.chunks.shift();
    else this.chunks[0] = head.subarray(count);
    this.total -= count;
    return bytes;
  }

  takeAll(): Buffer {
    const all = Buffer.concat(this.chunks, this.total);
    this.chunks = [];
    this.total = 0;
    return all;
  }

  private compact(count: number): void {
    const head = this.chunks[0];
    if (head !== undefined && head.length >= count) return;
    const all = Buffer.concat(this.chunks, this.total);
    this.chunks = [all];
  }
}
