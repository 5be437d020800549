// Resolves TrackEvents the way the importer does (perfetto.md §2.4, §2.5, §4): per sequence, interned names and
// TrackEventDefaults apply until the next SEQ_INCREMENTAL_STATE_CLEARED; packets needing state the sequence does
// not have (before any clear, or after data loss) are dropped and counted. Timestamps on a sequence-scoped clock
// (ids 64–127, incremental or not) are turned into BOOTTIME through the sequence's ClockSnapshot, as trace
// processor does (google/perfetto src/trace_processor/util/clock_synchronizer.h, ClockDomain::ToNs).
import { PerfettoBuiltinClock, PerfettoSequenceFlags } from './fields.js';
import type { PerfettoPacket, PerfettoTrace } from './trace-types.js';

export interface PerfettoResolvedEvent {
  /** BOOTTIME ns when the packet's clock is BOOTTIME or a sequence clock tied to it; else as written. */
  readonly timestamp: bigint;
  readonly sequenceId: number;
  readonly type: number;
  /** 0 = the implicit global track. */
  readonly trackUuid: bigint;
  readonly name: string | null;
  readonly categories: readonly string[];
  readonly counterValue: number | bigint | null;
  readonly args: Readonly<Record<string, boolean | number | bigint | string>>;
  /** Counter samples the event carried (extra_counter_values), with the tracks they go to. */
  readonly extraCounters: readonly { readonly trackUuid: bigint; readonly value: bigint }[];
}

export interface PerfettoResolvedEvents {
  readonly events: readonly PerfettoResolvedEvent[];
  /** Packets dropped because their sequence had no valid incremental state. */
  readonly dropped: number;
  /** iids used but never defined on their sequence. */
  readonly unknownIids: number;
  /** Timestamps on a sequence clock no snapshot defined (left as written). */
  readonly unknownClocks: number;
}

interface SequenceState {
  valid: boolean;
  defaultTrack: bigint | undefined;
  defaultExtraCounterTracks: readonly bigint[];
  defaultClock: number | undefined;
  readonly names: Map<bigint, string>;
  readonly categories: Map<bigint, string>;
  readonly annotationNames: Map<bigint, string>;
  readonly strings: Map<bigint, string>;
}

/** A sequence-scoped clock as its latest snapshot defined it. */
interface SequenceClock {
  readonly incremental: boolean;
  readonly unitNs: bigint;
  /** Last value in ns (for an incremental clock, the running sum). */
  lastNs: bigint;
  /** BOOTTIME minus this clock, from the snapshot; null when the snapshot had no BOOTTIME. */
  toBootNs: bigint | null;
}

const NO_ARGS: Readonly<Record<string, never>> = Object.freeze({});
const NO_COUNTERS: PerfettoResolvedEvent['extraCounters'] = Object.freeze([]);
const NO_UUIDS: readonly bigint[] = Object.freeze([]);
const BOOTTIME = PerfettoBuiltinClock.BOOTTIME;
const isSequenceClock = (id: number): boolean => id >= 64 && id < 128;
const { SEQ_INCREMENTAL_STATE_CLEARED: CLEARED, SEQ_NEEDS_INCREMENTAL_STATE: NEEDS } = PerfettoSequenceFlags;

const freshState = (): SequenceState => ({
  valid: true,
  defaultTrack: undefined,
  defaultExtraCounterTracks: NO_UUIDS,
  defaultClock: undefined,
  names: new Map(),
  categories: new Map(),
  annotationNames: new Map(),
  strings: new Map(),
});

/** Resolves a whole decoded trace. For large files, feed a PerfettoTrackEventResolver from forEachPerfettoPacket. */
export function resolvePerfettoTrackEvents(trace: Pick<PerfettoTrace, 'packets'>): PerfettoResolvedEvents {
  const resolver = new PerfettoTrackEventResolver();
  const events: PerfettoResolvedEvent[] = [];
  for (const packet of trace.packets) {
    const event = resolver.push(packet);
    if (event !== null) events.push(event);
  }
  return { events, dropped: resolver.dropped, unknownIids: resolver.unknownIids, unknownClocks: resolver.unknownClocks };
}

/** Packet-at-a-time resolution, keeping only per-sequence state. */
export class PerfettoTrackEventResolver {
  readonly #sequences = new Map<number, SequenceState>();
  /** Clocks outlive incremental state: a clear does not reset them (only a new snapshot does). */
  readonly #clocks = new Map<number, Map<number, SequenceClock>>();
  #dropped = 0;
  #unknownIids = 0;
  #unknownClocks = 0;

  get unknownClocks(): number {
    return this.#unknownClocks;
  }

  get dropped(): number {
    return this.#dropped;
  }

  get unknownIids(): number {
    return this.#unknownIids;
  }

  /** Takes packets in file order; returns the packet's TrackEvent resolved, or null if it has none (or is dropped). */
  push(packet: PerfettoPacket): PerfettoResolvedEvent | null {
    const id = packet.trustedPacketSequenceId ?? 0;
    const flags = packet.sequenceFlags ?? 0;
    let state = this.#sequences.get(id);
    if ((flags & CLEARED) !== 0) {
      state = freshState();
      this.#sequences.set(id, state);
    } else if (state !== undefined && (packet.previousPacketDropped ?? 0) !== 0) {
      state.valid = false;
    }
    if ((flags & NEEDS) !== 0 && (state === undefined || !state.valid || id === 0)) {
      this.#dropped++;
      return null;
    }
    if (state !== undefined) learn(state, packet);
    if (packet.clockSnapshot !== undefined) {
      // The importer reads nothing else of a snapshot packet, its timestamp included.
      this.#learnClocks(id, packet.clockSnapshot);
      return null;
    }
    const timestamp = packet.timestamp === undefined ? 0n : this.#toBoottime(id, packet.timestamp, packet.timestampClockId ?? state?.defaultClock);
    const event = packet.trackEvent;
    if (event === undefined) return null;
    const lookup = (table: Map<bigint, string> | undefined, iid: bigint): string | null => {
      const found = table?.get(iid);
      if (found === undefined) this.#unknownIids++;
      return found ?? null;
    };
    const name = event.name ?? (event.nameIid !== undefined ? lookup(state?.names, event.nameIid) : null);
    const categories =
      event.categoryIids.length === 0
        ? event.categories
        : [...event.categories, ...event.categoryIids.flatMap((iid) => lookup(state?.categories, iid) ?? [])];
    const args: Record<string, boolean | number | bigint | string> = event.debugAnnotations.length === 0 ? NO_ARGS : {};
    for (const a of event.debugAnnotations) {
      const key = a.name ?? (a.nameIid !== undefined ? lookup(state?.annotationNames, a.nameIid) : null);
      const value = a.value ?? (a.stringValueIid !== undefined ? lookup(state?.strings, a.stringValueIid) : null);
      if (key !== null && value !== null) args[key] = value;
    }
    let extraCounters = NO_COUNTERS;
    if (event.extraCounterValues.length > 0) {
      const tracks = event.extraCounterTrackUuids.length > 0 ? event.extraCounterTrackUuids : (state?.defaultExtraCounterTracks ?? NO_UUIDS);
      extraCounters = event.extraCounterValues.flatMap((value, i) => {
        const trackUuid = tracks[i];
        return trackUuid === undefined ? [] : [{ trackUuid, value }];
      });
    }
    return {
      timestamp,
      sequenceId: id,
      type: event.type ?? 0,
      trackUuid: event.trackUuid ?? state?.defaultTrack ?? 0n,
      name,
      categories,
      counterValue: event.doubleCounterValue ?? event.counterValue ?? null,
      args,
      extraCounters,
    };
  }

  #learnClocks(sequenceId: number, snapshot: NonNullable<PerfettoPacket['clockSnapshot']>): void {
    const boot = snapshot.clocks.find((c) => c.clockId === BOOTTIME)?.timestamp;
    let clocks = this.#clocks.get(sequenceId);
    for (const c of snapshot.clocks) {
      if (c.clockId === undefined || !isSequenceClock(c.clockId) || sequenceId === 0) continue;
      const unitNs = c.unitMultiplierNs !== undefined && c.unitMultiplierNs > 0n ? c.unitMultiplierNs : 1n;
      const valueNs = (c.timestamp ?? 0n) * unitNs;
      if (clocks === undefined) this.#clocks.set(sequenceId, (clocks = new Map()));
      const known = clocks.get(c.clockId);
      const toBootNs = boot !== undefined ? boot - valueNs : (known?.toBootNs ?? null);
      clocks.set(c.clockId, { incremental: c.isIncremental === true, unitNs, lastNs: valueNs, toBootNs });
    }
  }

  #toBoottime(sequenceId: number, raw: bigint, clockId: number | undefined): bigint {
    if (clockId === undefined || clockId === 0 || !isSequenceClock(clockId)) return raw;
    const clock = this.#clocks.get(sequenceId)?.get(clockId);
    if (clock === undefined) {
      this.#unknownClocks++;
      return raw;
    }
    const ns = raw * clock.unitNs;
    clock.lastNs = clock.incremental ? clock.lastNs + ns : ns;
    return clock.toBootNs === null ? clock.lastNs : clock.lastNs + clock.toBootNs;
  }
}

/** Takes in a packet's defaults and interned entries. */
function learn(state: SequenceState, packet: PerfettoPacket): void {
  const defaults = packet.tracePacketDefaults;
  if (defaults !== undefined) {
    // A new TracePacketDefaults replaces the previous one whole.
    state.defaultTrack = defaults.trackEventDefaults?.trackUuid;
    state.defaultExtraCounterTracks = defaults.trackEventDefaults?.extraCounterTrackUuids ?? NO_UUIDS;
    state.defaultClock = defaults.timestampClockId;
  }
  const interned = packet.internedData;
  if (interned === undefined) return;
  for (const e of interned.eventNames) state.names.set(e.iid, e.name);
  for (const e of interned.eventCategories) state.categories.set(e.iid, e.name);
  for (const e of interned.debugAnnotationNames) state.annotationNames.set(e.iid, e.name);
  for (const e of interned.debugAnnotationStringValues) state.strings.set(e.iid, e.name);
}
