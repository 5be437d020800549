// Perfetto trace reader: a `Trace` is a run of `packet` fields (perfetto.md §1.1). A damaged packet is skipped
// and noted; a truncated tail ends the read with what came before; only a file with nothing readable is an error.
import { PerfettoFormatError } from './errors.js';
import { PerfettoTraceField } from './fields.js';
import { decodePerfettoPacket } from './decode-messages.js';
import { ProtoDecoder } from './proto/decoder.js';
import { ProtoDecodeError, ProtoWireType } from './proto/wire.js';
import type { PerfettoPacket, PerfettoReadIssue, PerfettoTrace } from './trace-types.js';

export interface PerfettoReadOptions {
  /**
   * Opens `compressed_packets` (a zlib stream of more packets, §1.1). The browser has no synchronous zlib, so
   * the Node side passes `zlib.inflateSync`; without it those packets are noted as issues and skipped.
   */
  readonly inflate?: (deflated: Uint8Array) => Uint8Array;
}

const PACKET_TAG = PerfettoTraceField.packet * 8 + ProtoWireType.LEN;
const MAX_NESTED_BLOCKS = 4;

/** Reads a whole trace into memory. */
export function readPerfettoTrace(bytes: Uint8Array, options: PerfettoReadOptions = {}): PerfettoTrace {
  const packets: PerfettoPacket[] = [];
  const issues = forEachPerfettoPacket(bytes, (p) => packets.push(p), options);
  return { packets, issues };
}

/**
 * Visits packets one at a time, in file order, without keeping them; returns the issues met on the way.
 * Throws PerfettoFormatError when the bytes are not a Perfetto trace at all.
 */
export function forEachPerfettoPacket(
  bytes: Uint8Array,
  visit: (packet: PerfettoPacket) => void,
  options: PerfettoReadOptions = {},
): PerfettoReadIssue[] {
  checkStart(bytes);
  const issues: PerfettoReadIssue[] = [];
  const seen = readBlock(bytes, 0, visit, options, issues);
  if (seen === 0 && issues.length > 0) {
    const first = issues[0];
    throw new PerfettoFormatError(`no packet could be read (${first?.message ?? 'damaged'})`, first?.offset ?? 0);
  }
  return issues;
}

/** Reads the packets of one Trace-shaped block; returns how many were decoded. */
function readBlock(
  bytes: Uint8Array,
  depth: number,
  visit: (packet: PerfettoPacket) => void,
  options: PerfettoReadOptions,
  issues: PerfettoReadIssue[],
): number {
  const d = new ProtoDecoder(bytes);
  let count = 0;
  while (!d.done) {
    const at = d.pos;
    let body: ProtoDecoder;
    try {
      const tag = d.tag();
      if (tag !== PACKET_TAG) {
        d.skip(tag & 7);
        continue;
      }
      body = d.message();
    } catch (error) {
      const message = describe(error, 'the trace is cut off or damaged here; the rest was not read');
      issues.push({ offset: at, message });
      break;
    }
    let decoded: ReturnType<typeof decodePerfettoPacket>;
    try {
      decoded = decodePerfettoPacket(body, at);
    } catch (error) {
      if (!(error instanceof ProtoDecodeError)) throw error;
      issues.push({ offset: at, message: describe(error, 'a damaged packet was skipped') });
      continue;
    }
    if (decoded.compressedPackets !== undefined) {
      count += readCompressed(decoded.compressedPackets, at, depth, visit, options, issues);
    } else {
      visit(decoded);
      count++;
    }
  }
  return count;
}

function readCompressed(
  block: Uint8Array,
  at: number,
  depth: number,
  visit: (packet: PerfettoPacket) => void,
  options: PerfettoReadOptions,
  issues: PerfettoReadIssue[],
): number {
  if (options.inflate === undefined) {
    issues.push({ offset: at, message: 'a block of compressed packets was skipped (no inflater given)' });
    return 0;
  }
  if (depth >= MAX_NESTED_BLOCKS) {
    issues.push({ offset: at, message: 'compressed packets nest too deeply; the block was skipped' });
    return 0;
  }
  let plain: Uint8Array;
  try {
    plain = options.inflate(block);
  } catch (error) {
    issues.push({ offset: at, message: `a block of compressed packets could not be opened (${String(error)})` });
    return 0;
  }
  return readBlock(plain, depth + 1, visit, options, issues);
}

function checkStart(bytes: Uint8Array): void {
  if (bytes.length === 0) throw new PerfettoFormatError('the file is empty');
  const text = new TextDecoder().decode(bytes.subarray(0, 16)).trimStart();
  if (text.startsWith('{') || text.startsWith('[')) {
    throw new PerfettoFormatError('it looks like a JSON trace (Chrome trace event format), not a protobuf trace', 0);
  }
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    throw new PerfettoFormatError('it is gzip-compressed; unpack it first', 0);
  }
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) throw new PerfettoFormatError('it is a ZIP archive; unpack it first', 0);
  if (bytes.length >= 8 && String.fromCharCode(...bytes.subarray(4, 8)) === 'TFL3') {
    throw new PerfettoFormatError('it is a TensorFlow Lite model', 4);
  }
  if (bytes[0] !== PACKET_TAG) {
    const first = (bytes[0] ?? 0).toString(16).padStart(2, '0');
    throw new PerfettoFormatError(`a trace starts with a packet (byte 0x0a), but this file starts with 0x${first}`, 0);
  }
}

function describe(error: unknown, what: string): string {
  return error instanceof ProtoDecodeError ? `${what}: ${error.message}` : `${what}: ${String(error)}`;
}
