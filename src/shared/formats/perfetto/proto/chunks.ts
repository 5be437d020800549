// Appends bytes to fixed-size chunks and hands each full chunk to a sink, so a trace of any length is
// written in flat memory. The sink owns every chunk it receives (a new one is allocated after each hand-off).

export type ProtoChunkSink = (chunk: Uint8Array) => void;

export const PROTO_DEFAULT_CHUNK_BYTES = 64 * 1024;

export class ProtoChunkWriter {
  readonly #sink: ProtoChunkSink;
  readonly #chunkBytes: number;
  #chunk: Uint8Array;
  #used = 0;
  #flushed = 0;

  constructor(sink: ProtoChunkSink, chunkBytes = PROTO_DEFAULT_CHUNK_BYTES) {
    this.#sink = sink;
    this.#chunkBytes = Math.max(16, chunkBytes);
    this.#chunk = new Uint8Array(this.#chunkBytes);
  }

  /** Total bytes written, handed off or not. */
  get bytesWritten(): number {
    return this.#flushed + this.#used;
  }

  write(bytes: Uint8Array): void {
    let offset = 0;
    while (offset < bytes.length) {
      const room = this.#chunkBytes - this.#used;
      const n = Math.min(room, bytes.length - offset);
      if (n === bytes.length) this.#chunk.set(bytes, this.#used);
      else this.#chunk.set(bytes.subarray(offset, offset + n), this.#used);
      this.#used += n;
      offset += n;
      if (this.#used === this.#chunkBytes) this.#handOff(this.#chunk);
    }
  }

  /** Appends `source[start, end)`; small ranges are copied byte by byte, which beats a subarray and `set`. */
  writeRange(source: Uint8Array, start: number, end: number): void {
    const size = end - start;
    if (size > 64 || this.#used + size > this.#chunkBytes) {
      this.write(source.subarray(start, end));
      return;
    }
    const chunk = this.#chunk;
    let at = this.#used;
    for (let i = start; i < end; i++) chunk[at++] = source[i] ?? 0;
    this.#used = at;
    if (at === this.#chunkBytes) this.#handOff(chunk);
  }

  /** Hands the partly filled chunk to the sink now. */
  flush(): void {
    if (this.#used > 0) this.#handOff(this.#chunk.subarray(0, this.#used));
  }

  #handOff(chunk: Uint8Array): void {
    this.#flushed += chunk.length;
    this.#used = 0;
    this.#chunk = new Uint8Array(this.#chunkBytes);
    this.#sink(chunk);
  }
}

/** A sink that keeps the chunks in memory, for tests and small traces. */
export class ProtoMemorySink {
  readonly chunks: Uint8Array[] = [];
  readonly write: ProtoChunkSink = (chunk) => {
    this.chunks.push(chunk);
  };

  concat(): Uint8Array {
    const out = new Uint8Array(this.chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}
