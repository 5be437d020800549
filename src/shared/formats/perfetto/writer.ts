// Streaming Perfetto trace writer (perfetto.md §2). Packets are encoded one at a time into a reused buffer and
// appended to fixed-size chunks handed to a sink, so memory stays flat however long the trace grows.
// Packets belong to sequences (`openSequence`): each has its own trusted_packet_sequence_id, interning table and
// default track, as the importer expects (§2.4, §2.5).
import { PerfettoWriteError } from './errors.js';
import { PerfettoTraceField } from './fields.js';
import { ProtoChunkWriter, type ProtoChunkSink } from './proto/chunks.js';
import { ProtoEncoder } from './proto/encoder.js';
import { PerfettoSequenceWriter, type PerfettoSequenceOptions } from './sequence-writer.js';

export interface PerfettoSink {
  /** Receives each finished chunk; the chunk is the sink's to keep. */
  write(chunk: Uint8Array): void;
}

export interface PerfettoTraceWriterOptions {
  /** Size of the chunks handed to the sink. Default 64 KiB. */
  readonly chunkBytes?: number;
}

export class PerfettoTraceWriter {
  readonly #out: ProtoChunkWriter;
  readonly #packet = new ProtoEncoder(512);
  readonly #sequenceIds = new Set<number>();
  #nextSequenceId = 1;
  #closed = false;

  constructor(sink: PerfettoSink | ProtoChunkSink, options: PerfettoTraceWriterOptions = {}) {
    const write: ProtoChunkSink = typeof sink === 'function' ? sink : (chunk) => sink.write(chunk);
    this.#out = new ProtoChunkWriter(write, options.chunkBytes);
  }

  get bytesWritten(): number {
    return this.#out.bytesWritten;
  }

  /**
   * A new packet sequence. Ids default to 1, 2, 3…; when appending to a device trace pick ids it does not use
   * (§2.6).
   */
  openSequence(options: PerfettoSequenceOptions = {}): PerfettoSequenceWriter {
    const id = options.sequenceId ?? this.#nextSequenceId;
    if (!Number.isInteger(id) || id < 1 || id > 0xffffffff) {
      throw new PerfettoWriteError(`sequence id ${id} is not a positive 32-bit integer`);
    }
    if (this.#sequenceIds.has(id)) throw new PerfettoWriteError(`sequence id ${id} is already open`);
    this.#sequenceIds.add(id);
    while (this.#sequenceIds.has(this.#nextSequenceId)) this.#nextSequenceId++;
    return new PerfettoSequenceWriter(id, options, this.#packet, () => this.#emitPacket());
  }

  /** Hands buffered bytes to the sink now (the writer stays open). */
  flush(): void {
    this.#out.flush();
  }

  /** Flushes; any later write throws. */
  close(): void {
    if (this.#closed) return;
    this.#out.flush();
    this.#closed = true;
  }

  /** Frames the encoder's packet as `Trace.packet` and appends it. */
  #emitPacket(): void {
    if (this.#closed) throw new PerfettoWriteError('the trace writer is closed');
    const packet = this.#packet;
    packet.frame(PerfettoTraceField.packet);
    this.#out.writeRange(packet.buffer, packet.frameStart, packet.frameEnd);
  }
}
