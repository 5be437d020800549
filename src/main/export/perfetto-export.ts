// The Perfetto protobuf export (.pftrace) for ui.perfetto.dev: the phone's own traces of the session first, byte
// for byte, then Tetherscope's tracks on one sequence of their own (perfetto.md §2, §2.6). Written as it goes,
// a chunk at a time, so memory stays flat however many inferences the session holds.
import { setImmediate } from 'node:timers/promises';
import { PerfettoTraceWriter } from '../../shared/formats/perfetto/index.js';
import type { SessionData } from '../../shared/session/session-data.js';
import { UnavailableError } from '../api/errors.js';
import { copyDeviceTraces, freeSequenceId } from './device-traces.js';
import { FdSink } from './fd-sink.js';
import { earliestNsAfterOrigin, writeTimeline } from './perfetto-timeline.js';
import { perfettoLayout } from './perfetto-tracks.js';

/** The first sequence-scoped clock id (perfetto.md §1.1): our sequence's incremental clock. */
export const PERFETTO_EXPORT_CLOCK_ID = 64;
const CHUNK_BYTES = 256 * 1024;

export interface PerfettoExportResult {
  /** File size. */
  bytes: number;
  /** Inference slices (warm-up included). */
  slices: number;
  /** Counter samples: one latency value per slice plus every telemetry sample. */
  counters: number;
  instants: number;
  /** Bytes of the phone's own traces at the front of the file. */
  deviceTraceBytes: number;
  deviceTraces: readonly string[];
  /** trusted_packet_sequence_id of Tetherscope's packets. */
  sequenceId: number;
  /** What was left out or adjusted, in plain words. */
  notes: string[];
}

function originNs(session: SessionData): bigint {
  const text = session.header.deviceClockOriginNs;
  if (!/^\d{1,20}$/.test(text)) {
    throw new UnavailableError('This session has no readable phone clock origin, so its times cannot be placed on a Perfetto timeline.', 'Export as csv or json instead.');
  }
  return BigInt(text);
}

export async function writePerfetto(session: SessionData, file: string, sessionDir: string): Promise<PerfettoExportResult> {
  const origin = originNs(session);
  const sink = new FdSink(file);
  try {
    const copied = await copyDeviceTraces(session.results, sessionDir, (bytes) => sink.write(bytes));
    const sequenceId = freeSequenceId(copied);
    const earliest = earliestNsAfterOrigin(session);
    const referenceNs = origin + BigInt(earliest);
    if (referenceNs < 0n) throw new UnavailableError('This session has times before the phone booted; it cannot be placed on a Perfetto timeline.');
    const layout = perfettoLayout(session);
    const writer = new PerfettoTraceWriter((chunk) => sink.write(chunk), { chunkBytes: CHUNK_BYTES });
    const first = layout.paths[0];
    const seq = writer.openSequence({
      sequenceId,
      incrementalClock: { clockId: PERFETTO_EXPORT_CLOCK_ID, referenceNs },
      ...(first === undefined ? {} : { defaultTrackUuid: first.slices, defaultExtraCounterTrackUuids: [first.latency] }),
    });
    // Every descriptor before the first event (§2.5); the process one timestamped, as the docs ask.
    for (const track of layout.descriptors) seq.trackDescriptor(track, track.process === undefined ? undefined : 0);
    const counts = await writeTimeline(seq, session, layout, -earliest, () => setImmediate());
    writer.close();
    sink.close();
    const notes = [...copied.notes];
    if (counts.clamped > 0) notes.push(`${counts.clamped} inferences overlapped the next one on their path; their slices end where the next begins (the latency counter keeps the measured value).`);
    if (counts.skipped > 0) notes.push(`${counts.skipped} points, samples or events had no usable time or value and were left out.`);
    return {
      bytes: sink.bytesWritten,
      slices: counts.slices,
      counters: counts.latencyValues + counts.samples,
      instants: counts.instants,
      deviceTraceBytes: copied.bytes,
      deviceTraces: copied.files,
      sequenceId,
      notes,
    };
  } catch (error) {
    sink.abort();
    throw error;
  }
}
