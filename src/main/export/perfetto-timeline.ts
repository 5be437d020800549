// Writes a session's timed data onto one packet sequence in time order, merging the inference slices of every
// path, the telemetry samples and the session events, so the sequence's incremental clock only moves forward.
// Each inference is a SLICE_BEGIN carrying its latency as an extra counter value (perfetto.md §2.3, fields 31
// and 12) and a SLICE_END; the path's slice track and latency counter are the sequence's TrackEventDefaults
// while its run lasts, so a typical inference costs 34–36 bytes.
import { deviceClockName } from '../../shared/session/device-clock.js';
import type { PerfettoArgValue, PerfettoEventOptions, PerfettoSequenceWriter } from '../../shared/formats/perfetto/index.js';
import type { SessionEventRecord } from '../../shared/session/records.js';
import type { PathPoints, SessionData } from '../../shared/session/session-data.js';
import { phoneLabel, type PathTracks, type PerfettoLayout } from './perfetto-tracks.js';

export const INFERENCE_NAME = 'Inference';
export const WARMUP_NAME = 'Warm-up inference';
export const SESSION_EVENT_NAME = 'Tetherscope session';

export interface TimelineCounts {
  /** Inference slices, warm-up ones included. */
  slices: number;
  warmupSlices: number;
  /** Latency values carried by the slices. */
  latencyValues: number;
  samples: number;
  instants: number;
  /** Slices ended early because the next inference on their track began first (overlapping points). */
  clamped: number;
  /** Points, samples and events with no finite time or value. */
  skipped: number;
}

/** ns after the session origin, rounded to whole ns. */
export const nsAfterOrigin = (tUs: number): number => Math.round(tUs * 1000);

class Track {
  readonly tracks: PathTracks;
  readonly values = [0];
  readonly options: PerfettoEventOptions;
  /** When the open slice ends (Infinity: none open), in sequence ns. */
  endAt = Infinity;
  beginAt = -Infinity;

  constructor(tracks: PathTracks) {
    this.tracks = tracks;
    this.options = { trackUuid: tracks.slices, extraCounterTrackUuids: [tracks.latency], extraCounterValues: this.values };
  }
}

/** A cursor over one time-ordered array pair; `next` is the current item's time in sequence ns, Infinity at the end. */
class Cursor {
  readonly t: readonly number[];
  readonly v: readonly number[];
  readonly offset: number;
  i = -1;
  next = Infinity;
  skipped = 0;

  constructor(t: readonly number[], v: readonly number[], offset: number) {
    this.t = t;
    this.v = v;
    this.offset = offset;
    this.advance();
  }

  advance(): void {
    const { t, v } = this;
    let i = this.i + 1;
    while (i < t.length && !(Number.isFinite(t[i]) && Number.isFinite(v[i]))) {
      i++;
      this.skipped++;
    }
    this.i = i;
    this.next = i < t.length ? nsAfterOrigin(t[i]!) + this.offset : Infinity;
  }

  get value(): number {
    return this.v[this.i]!;
  }
}

class SliceCursor extends Cursor {
  readonly track: Track;
  readonly name: string;

  constructor(points: PathPoints, track: Track, name: string, offset: number) {
    super(points.tUs, points.latUs, offset);
    this.track = track;
    this.name = name;
  }
}

/** The earliest time anything of the session happens, in ns after the origin (never after the origin). */
export function earliestNsAfterOrigin(session: SessionData): number {
  let earliest = 0;
  const consider = (tUs: number | null | undefined): void => {
    if (tUs !== null && tUs !== undefined && Number.isFinite(tUs)) earliest = Math.min(earliest, nsAfterOrigin(tUs));
  };
  for (const byPath of [session.points, session.warmupPoints]) for (const pts of Object.values(byPath)) consider(pts?.tUs[0]);
  for (const s of session.series) consider(s.tUs[0]);
  for (const e of session.events) consider(e.tUs);
  return earliest;
}

function sessionArgs(session: SessionData): Record<string, PerfettoArgValue> {
  const h = session.header;
  const f = h.device.facts;
  const args: Record<string, PerfettoArgValue> = {
    tool: `Tetherscope ${h.tool.version}`,
    session: h.sessionId,
    phone: phoneLabel(session),
    virtual: h.device.virtual,
    device_id: h.device.id,
    transport: h.device.transport,
  };
  if (h.device.virtual) args['note'] = 'A virtual phone: every figure is modelled, not measured.';
  for (const [key, value] of Object.entries({ manufacturer: f?.manufacturer, device_model: f?.model, soc: f?.soc, os: f?.os, build_type: h.device.buildType })) {
    if (typeof value === 'string') args[key] = value;
  }
  Object.assign(args, {
    model: h.model.name,
    model_format: h.model.format,
    model_bytes: h.model.bytes,
    model_sha256: h.model.sha256,
    plan: JSON.stringify(h.plan),
    clock: `${deviceClockName(h.device.platform)} (ns); the session's times are µs after clock_origin_ns`,
    clock_origin_ns: h.deviceClockOriginNs,
    status: session.end?.status ?? 'interrupted',
  });
  return args;
}

/**
 * Writes every timed item, `offset` ns added to each ns-after-origin time (so the earliest lands at or after the
 * sequence clock's reference). `pause` is awaited now and then so a long export leaves the event loop breathing.
 */
export async function writeTimeline(
  seq: PerfettoSequenceWriter,
  session: SessionData,
  layout: PerfettoLayout,
  offset: number,
  pause: () => Promise<void>,
): Promise<TimelineCounts> {
  const counts: TimelineCounts = { slices: 0, warmupSlices: 0, latencyValues: 0, samples: 0, instants: 0, clamped: 0, skipped: 0 };
  const tracks = layout.paths.map((p) => new Track(p));
  const slices: SliceCursor[] = [];
  for (const track of tracks) {
    const warm = session.warmupPoints[track.tracks.path];
    const measured = session.points[track.tracks.path];
    if (warm !== undefined && warm.tUs.length > 0) slices.push(new SliceCursor(warm, track, WARMUP_NAME, offset));
    if (measured !== undefined && measured.tUs.length > 0) slices.push(new SliceCursor(measured, track, INFERENCE_NAME, offset));
  }
  const series = session.series.map((s) => new Cursor(s.tUs, s.v, offset));
  const seriesUuids = layout.series;
  const timed = session.events.filter((e): e is SessionEventRecord & { tUs: number } => e.tUs !== null && Number.isFinite(e.tUs));
  counts.skipped += session.events.length - timed.length;
  timed.sort((a, b) => a.tUs - b.tUs);
  let nextEvent = 0;

  seq.instant(0, SESSION_EVENT_NAME, { trackUuid: layout.eventsUuid, categories: ['session'], args: sessionArgs(session) });
  counts.instants++;

  let defaultTrack: Track | undefined = tracks[0];
  let lastBegin: Track | undefined;
  let steps = 0;
  for (;;) {
    // Earliest first; on a tie an end goes before anything else and a begin after everything else.
    let best = Infinity;
    let end: Track | undefined;
    let sample = -1;
    let event = false;
    let begin: SliceCursor | undefined;
    for (const track of tracks) {
      if (track.endAt < best) {
        best = track.endAt;
        end = track;
      }
    }
    for (let k = 0; k < series.length; k++) {
      if (series[k]!.next < best) {
        best = series[k]!.next;
        sample = k;
        end = undefined;
      }
    }
    const eventAt = nextEvent < timed.length ? nsAfterOrigin(timed[nextEvent]!.tUs) + offset : Infinity;
    if (eventAt < best) {
      best = eventAt;
      event = true;
      sample = -1;
      end = undefined;
    }
    for (const cursor of slices) {
      if (cursor.next < best) {
        best = cursor.next;
        begin = cursor;
      }
    }
    if (best === Infinity) break;
    if ((++steps & 0xffff) === 0) await pause();

    if (begin !== undefined) {
      const track = begin.track;
      if (track.endAt !== Infinity) {
        seq.sliceEnd(Math.max(best, track.beginAt), track.tracks.slices);
        counts.clamped++;
      }
      const latency = Math.max(0, nsAfterOrigin(begin.value));
      track.values[0] = latency;
      if (track !== defaultTrack && track === lastBegin) {
        // Two inferences in a row on another path: make it the default so its events stop naming their tracks.
        seq.setTrackEventDefaults({ trackUuid: track.tracks.slices, extraCounterTrackUuids: [track.tracks.latency] });
        defaultTrack = track;
      }
      lastBegin = track;
      seq.sliceBegin(best, begin.name, track.options);
      track.beginAt = best;
      track.endAt = best + latency;
      counts.slices++;
      counts.latencyValues++;
      if (begin.name === WARMUP_NAME) counts.warmupSlices++;
      begin.advance();
    } else if (end !== undefined) {
      seq.sliceEnd(best, end.tracks.slices);
      end.endAt = Infinity;
    } else if (event) {
      const e = timed[nextEvent++]!;
      const args: Record<string, PerfettoArgValue> = e.path === null ? { kind: e.kind } : { kind: e.kind, path: e.path };
      seq.instant(best, e.message === '' ? e.kind : e.message, { trackUuid: layout.eventsUuid, categories: [e.kind], args });
      counts.instants++;
    } else {
      const cursor = series[sample]!;
      const v = cursor.value;
      // Whole values as int64 counter_value (a 2–4 byte varint) rather than an 8-byte double.
      seq.counter(best, Number.isSafeInteger(v) ? BigInt(v) : v, seriesUuids[sample]);
      counts.samples++;
      cursor.advance();
    }
  }
  for (const cursor of [...slices, ...series]) counts.skipped += cursor.skipped;
  return counts;
}
