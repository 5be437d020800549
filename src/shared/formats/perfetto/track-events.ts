// Resolves TrackEvents the way the importer does (perfetto.md §2.4, §2.5, §4): per sequence, interned names and
// TrackEventDefaults apply until the next SEQ_INCREMENTAL_STATE_CLEARED; packets needing state the sequence does
// not have (before any clear, or after data loss) are dropped and counted.
import { PerfettoSequenceFlags } from './fields.js';
import type { PerfettoPacket, PerfettoTrace } from './trace-types.js';

export interface PerfettoResolvedEvent {
  readonly timestamp: bigint;
  readonly sequenceId: number;
  readonly type: number;
  /** 0 = the implicit global track. */
  readonly trackUuid: bigint;
  readonly name: string | null;
  readonly categories: readonly string[];
  readonly counterValue: number | bigint | null;
  readonly args: Readonly<Record<string, boolean | number | bigint | string>>;
}

export interface PerfettoResolvedEvents {
  readonly events: readonly PerfettoResolvedEvent[];
  /** Packets dropped because their sequence had no valid incremental state. */
  readonly dropped: number;
  /** iids used but never defined on their sequence. */
  readonly unknownIids: number;
}

interface SequenceState {
  valid: boolean;
  defaultTrack: bigint | undefined;
  readonly names: Map<bigint, string>;
  readonly categories: Map<bigint, string>;
  readonly annotationNames: Map<bigint, string>;
  readonly strings: Map<bigint, string>;
}

const NO_ARGS: Readonly<Record<string, never>> = Object.freeze({});
const { SEQ_INCREMENTAL_STATE_CLEARED: CLEARED, SEQ_NEEDS_INCREMENTAL_STATE: NEEDS } = PerfettoSequenceFlags;

const freshState = (): SequenceState => ({
  valid: true,
  defaultTrack: undefined,
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
  return { events, dropped: resolver.dropped, unknownIids: resolver.unknownIids };
}

/** Packet-at-a-time resolution, keeping only per-sequence state. */
export class PerfettoTrackEventResolver {
  readonly #sequences = new Map<number, SequenceState>();
  #dropped = 0;
  #unknownIids = 0;

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
    return {
      timestamp: packet.timestamp ?? 0n,
      sequenceId: id,
      type: event.type ?? 0,
      trackUuid: event.trackUuid ?? state?.defaultTrack ?? 0n,
      name,
      categories,
      counterValue: event.doubleCounterValue ?? event.counterValue ?? null,
      args,
    };
  }
}

/** Takes in a packet's defaults and interned entries. */
function learn(state: SequenceState, packet: PerfettoPacket): void {
  const trackDefault = packet.tracePacketDefaults?.trackEventDefaults?.trackUuid;
  if (trackDefault !== undefined) state.defaultTrack = trackDefault;
  const interned = packet.internedData;
  if (interned === undefined) return;
  for (const e of interned.eventNames) state.names.set(e.iid, e.name);
  for (const e of interned.eventCategories) state.categories.set(e.iid, e.name);
  for (const e of interned.debugAnnotationNames) state.annotationNames.set(e.iid, e.name);
  for (const e of interned.debugAnnotationStringValues) state.strings.set(e.iid, e.name);
}
