// The phone's own Perfetto traces of a session (results[].deviceTrace, files beside the session file), copied
// byte for byte to the front of an export. Appending packets to a trace is how Perfetto documents extending one
// (perfetto.md §2.6); the phone's packets are BOOTTIME like ours, and ours go on a sequence id none of the
// phone's packets use, so neither side's interning or defaults can leak into the other.
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { PerfettoFormatError, ProtoDecoder, forEachPerfettoPacket } from '../../shared/formats/perfetto/index.js';
import type { PathResult } from '../../shared/session/records.js';

export interface DeviceTracesCopied {
  /** File names copied, in order. */
  readonly files: readonly string[];
  readonly bytes: number;
  /** trusted_packet_sequence_ids the copied packets use. */
  readonly sequenceIds: ReadonlySet<number>;
  /** Blocks whose packets could not be read (zstd): their sequence ids are unknown. */
  readonly opaqueBlocks: number;
  readonly notes: readonly string[];
}

/** Where the last whole top-level field ends: a trace cut off mid-packet is copied without its broken tail. */
export function wholePacketsEnd(bytes: Uint8Array): number {
  const d = new ProtoDecoder(bytes);
  let end = 0;
  try {
    while (!d.done) {
      d.skip(d.tag() & 7);
      end = d.pos;
    }
  } catch {
    // The tail from `end` on is not a whole field.
  }
  return end;
}

export async function copyDeviceTraces(results: readonly PathResult[], sessionDir: string, write: (bytes: Uint8Array) => void): Promise<DeviceTracesCopied> {
  const names = [...new Set(results.flatMap((r) => (r.deviceTrace === null ? [] : [r.deviceTrace])))];
  const files: string[] = [];
  const sequenceIds = new Set<number>();
  const notes: string[] = [];
  let bytes = 0;
  let opaqueBlocks = 0;
  for (const name of names) {
    // A session file names a file beside itself, nothing else.
    if (name === '' || basename(name) !== name || name === '.' || name === '..') {
      notes.push(`The phone's trace "${name}" is not a plain file name; it was left out.`);
      continue;
    }
    let data: Uint8Array;
    try {
      data = await readFile(join(sessionDir, name));
    } catch {
      notes.push(`The phone's trace ${name} was not found beside the session; the export has Tetherscope's tracks without it.`);
      continue;
    }
    const ids = new Set<number>();
    try {
      forEachPerfettoPacket(
        data,
        (p) => {
          if (p.trustedPacketSequenceId !== undefined) ids.add(p.trustedPacketSequenceId);
          if (p.zstdCompressedPackets !== undefined) opaqueBlocks++;
        },
        { inflate: (b) => inflateSync(b) },
      );
    } catch (error) {
      if (!(error instanceof PerfettoFormatError)) throw error;
      notes.push(`The phone's trace ${name} could not be read (${error.detail}); it was left out.`);
      continue;
    }
    const end = wholePacketsEnd(data);
    if (end === 0) {
      notes.push(`The phone's trace ${name} holds no whole packet; it was left out.`);
      continue;
    }
    if (end < data.length) notes.push(`The phone's trace ${name} is cut off; its last ${data.length - end} bytes (a partial packet) were left out.`);
    write(end === data.length ? data : data.subarray(0, end));
    for (const id of ids) sequenceIds.add(id);
    files.push(name);
    bytes += end;
  }
  if (files.length > 1) notes.push(`${files.length} phone traces were merged one after another; they share the phone's BOOTTIME clock.`);
  return { files, bytes, sequenceIds, opaqueBlocks, notes };
}

/**
 * A sequence id for our packets that no copied packet uses: one above the highest, or far above when some
 * packets could not be read (traced numbers its writers from 1 up).
 */
export function freeSequenceId(copied: Pick<DeviceTracesCopied, 'sequenceIds' | 'opaqueBlocks'>): number {
  let id = 1;
  for (const used of copied.sequenceIds) if (used >= id) id = used + 1;
  if (copied.opaqueBlocks > 0) id = Math.max(id, 0x10000);
  if (id <= 0xffffffff) return id;
  id = 1;
  while (copied.sequenceIds.has(id)) id++;
  return id;
}
