// One packet sequence of a trace being written: track events with interned names and defaults (track, counter
// tracks fed by extra_counter_values, timestamp clock), optionally timed on an incremental clock, plus the
// device-side packets (ftrace prints, battery, power rails, process tree, clocks) the virtual phone produces.
import { PerfettoWriteError } from './errors.js';
import {
  PerfettoBatteryField as Battery,
  PerfettoClockField as Clock,
  PerfettoClockSnapshotField as ClockSnapshot,
  PerfettoCounterDescriptorField as Counter,
  PerfettoCpuStateField as CpuState,
  PerfettoDebugAnnotationField as Annotation,
  PerfettoEnergyDataField as EnergyData,
  PerfettoFtraceBundleField as Bundle,
  PerfettoFtraceEventField as FtraceEvent,
  PerfettoInternedDataField as Interned,
  PerfettoInternedEntryField as Entry,
  PerfettoPacketDefaultsField as Defaults,
  PerfettoPacketField as Packet,
  PerfettoPowerRailsField as PowerRails,
  PerfettoPrintField as Print,
  PerfettoProcessDescriptorField as ProcessDescriptor,
  PerfettoProcessField as Process,
  PerfettoProcessTreeField as ProcessTree,
  PerfettoRailDescriptorField as Rail,
  PerfettoSequenceFlags,
  PerfettoThreadDescriptorField as ThreadDescriptor,
  PerfettoThreadField as Thread,
  PerfettoTrackDescriptorField as Track,
  PerfettoTrackEventDefaultsField as TrackDefaults,
  PerfettoTrackEventField as TrackEvent,
  PerfettoTrackEventType,
} from './fields.js';
import type { ProtoEncoder } from './proto/encoder.js';
import { PerfettoSequenceClock, type PerfettoIncrementalClockSpec } from './sequence-clock.js';
import type {
  PerfettoArgValue,
  PerfettoBatteryInput,
  PerfettoClockSnapshotInput,
  PerfettoEventOptions,
  PerfettoFtraceBundleOptions,
  PerfettoFtraceEventInput,
  PerfettoInt64,
  PerfettoPowerRailsInput,
  PerfettoProcessTreeInput,
  PerfettoTimestamp,
  PerfettoTrackEventDefaultsSpec,
  PerfettoTrackSpec,
} from './write-types.js';

export interface PerfettoSequenceOptions {
  /** trusted_packet_sequence_id; by default the next free one from 1. */
  readonly sequenceId?: number;
  /** Track for events that name none: written once as TrackEventDefaults, so events need not repeat it. */
  readonly defaultTrackUuid?: bigint;
  /** Counter tracks that events' `extraCounterValues` go to when they name none (TrackEventDefaults). */
  readonly defaultExtraCounterTrackUuids?: readonly bigint[];
  /**
   * Times the sequence's packets on an incremental clock: a ClockSnapshot opens the sequence and every timestamp
   * is written as a delta (sequence-clock.ts).
   */
  readonly incrementalClock?: PerfettoIncrementalClockSpec;
  /** Distinct event names interned before falling back to inline names. Default 4096. */
  readonly maxInternedNames?: number;
}

const { SEQ_INCREMENTAL_STATE_CLEARED: CLEARED, SEQ_NEEDS_INCREMENTAL_STATE: NEEDS } = PerfettoSequenceFlags;
// The per-event path reads these millions of times; locals beat module namespace lookups.
const { timestamp: TIMESTAMP, trackEvent: TRACK_EVENT, trustedPacketSequenceId: SEQUENCE_ID } = Packet;
const { sequenceFlags: SEQUENCE_FLAGS, internedData: INTERNED_DATA } = Packet;
const { type: EVENT_TYPE, trackUuid: TRACK_UUID, name: EVENT_NAME, nameIid: NAME_IID } = TrackEvent;
const { extraCounterTrackUuids: EXTRA_COUNTER_TRACKS, extraCounterValues: EXTRA_COUNTER_VALUES } = TrackEvent;
const { SLICE_BEGIN, SLICE_END, INSTANT, COUNTER } = PerfettoTrackEventType;

const int64 = (value: PerfettoInt64): bigint => (typeof value === 'bigint' ? value : BigInt(Math.trunc(value)));
const NO_UUIDS: readonly bigint[] = Object.freeze([]);

function sameUuids(a: readonly bigint[], b: readonly bigint[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export class PerfettoSequenceWriter {
  readonly sequenceId: number;
  #defaultTrack: bigint | undefined;
  #defaultExtraCounters: readonly bigint[];
  #defaultsChanged = false;
  readonly #clock: PerfettoSequenceClock | undefined;
  readonly #maxNames: number;
  readonly #names = new Map<string, number>();
  readonly #e: ProtoEncoder;
  readonly #emit: () => void;
  #started = false;

  /** Made by PerfettoTraceWriter.openSequence. */
  constructor(id: number, options: PerfettoSequenceOptions, encoder: ProtoEncoder, emit: () => void) {
    this.sequenceId = id;
    this.#defaultTrack = options.defaultTrackUuid;
    this.#defaultExtraCounters = options.defaultExtraCounterTrackUuids ?? NO_UUIDS;
    this.#clock = options.incrementalClock === undefined ? undefined : new PerfettoSequenceClock(options.incrementalClock);
    this.#maxNames = options.maxInternedNames ?? 4096;
    this.#e = encoder;
    this.#emit = emit;
  }

  /** The incremental clock's current value (BOOTTIME ns), when the sequence has one. */
  get clockNowNs(): bigint | undefined {
    return this.#clock?.nowNs;
  }

  /** Starts the sequence's incremental state afresh: interned names, defaults and the clock are written again. */
  clearIncrementalState(): void {
    this.#started = false;
    this.#names.clear();
  }

  /**
   * Replaces the TrackEventDefaults from the next packet on. Trace processor keeps the interned data across new
   * defaults (google/perfetto src/trace_processor/importers/proto/packet_sequence_state_generation.cc,
   * OnNewTracePacketDefaults), so switching is cheap: a few bytes once.
   */
  setTrackEventDefaults(defaults: PerfettoTrackEventDefaultsSpec): void {
    const extra = defaults.extraCounterTrackUuids ?? NO_UUIDS;
    if (defaults.trackUuid === this.#defaultTrack && sameUuids(extra, this.#defaultExtraCounters)) return;
    this.#defaultTrack = defaults.trackUuid;
    this.#defaultExtraCounters = extra;
    this.#defaultsChanged = true;
  }

  trackDescriptor(track: PerfettoTrackSpec, timestamp?: PerfettoTimestamp): void {
    this.#open();
    const delta = this.#start(timestamp);
    const e = this.#e;
    const m = e.fork(Packet.trackDescriptor);
    e.int64(Track.uuid, track.uuid);
    if (track.parentUuid !== undefined) e.int64(Track.parentUuid, track.parentUuid);
    if (track.name !== undefined) e.string(Track.name, track.name);
    if (track.description !== undefined) e.string(Track.description, track.description);
    if (track.process !== undefined) {
      const p = e.fork(Track.process);
      e.int(ProcessDescriptor.pid, track.process.pid);
      for (const arg of track.process.cmdline ?? []) e.string(ProcessDescriptor.cmdline, arg);
      if (track.process.processName !== undefined) e.string(ProcessDescriptor.processName, track.process.processName);
      if (track.process.startTimestampNs !== undefined) {
        e.int64(ProcessDescriptor.startTimestampNs, int64(track.process.startTimestampNs));
      }
      e.join(p);
    }
    if (track.thread !== undefined) {
      const t = e.fork(Track.thread);
      e.int(ThreadDescriptor.pid, track.thread.pid);
      e.int(ThreadDescriptor.tid, track.thread.tid);
      if (track.thread.threadName !== undefined) e.string(ThreadDescriptor.threadName, track.thread.threadName);
      e.join(t);
    }
    if (track.counter !== undefined) {
      const c = e.fork(Track.counter);
      const counter = track.counter;
      if (counter.unit !== undefined) e.int(Counter.unit, counter.unit);
      if (counter.unitMultiplier !== undefined) e.int64(Counter.unitMultiplier, int64(counter.unitMultiplier));
      if (counter.isIncremental !== undefined) e.bool(Counter.isIncremental, counter.isIncremental);
      if (counter.unitName !== undefined) e.string(Counter.unitName, counter.unitName);
      if (counter.yAxisShareKey !== undefined) e.string(Counter.yAxisShareKey, counter.yAxisShareKey);
      e.join(c);
    }
    if (track.childOrdering !== undefined) e.int(Track.childOrdering, track.childOrdering);
    if (track.siblingOrderRank !== undefined) e.int(Track.siblingOrderRank, track.siblingOrderRank);
    e.join(m);
    this.#finish(delta);
  }

  sliceBegin(timestamp: PerfettoTimestamp, name: string, options?: PerfettoEventOptions): void {
    this.#namedEvent(SLICE_BEGIN, timestamp, name, options);
  }

  /** Ends the innermost open slice on the track (§2.5: END needs only the track). */
  sliceEnd(timestamp: PerfettoTimestamp, trackUuid?: bigint): void {
    this.#open();
    const delta = this.#start(timestamp);
    const e = this.#e;
    const m = e.fork(TRACK_EVENT);
    e.uint(EVENT_TYPE, SLICE_END);
    const usesDefault = this.#track(trackUuid);
    e.join(m);
    this.#finish(usesDefault || delta);
  }

  instant(timestamp: PerfettoTimestamp, name: string, options?: PerfettoEventOptions): void {
    this.#namedEvent(INSTANT, timestamp, name, options);
  }

  /** A counter sample: a bigint is written as counter_value (int64), a number as double_counter_value. */
  counter(timestamp: PerfettoTimestamp, value: number | bigint, trackUuid?: bigint): void {
    if (trackUuid === undefined && this.#defaultTrack === undefined) {
      throw new PerfettoWriteError('a counter sample needs a counter track (none given, no default)');
    }
    this.#open();
    const delta = this.#start(timestamp);
    const e = this.#e;
    const m = e.fork(TRACK_EVENT);
    e.uint(EVENT_TYPE, COUNTER);
    const usesDefault = this.#track(trackUuid);
    if (typeof value === 'bigint') e.int64(TrackEvent.counterValue, value);
    else e.double(TrackEvent.doubleCounterValue, value);
    e.join(m);
    this.#finish(usesDefault || delta);
  }

  /**
   * One FtraceEventBundle packet, as traced writes it: no packet timestamp, events on the boot clock unless
   * `clock` names another ftrace clock and the pair of readings that aligns it (§1.3).
   */
  ftraceEvents(
    cpu: number,
    events: readonly PerfettoFtraceEventInput[],
    options: PerfettoFtraceBundleOptions = {},
  ): void {
    this.#open();
    this.#start(undefined);
    const e = this.#e;
    const b = e.fork(Packet.ftraceEvents);
    e.uint(Bundle.cpu, cpu);
    if (options.lostEvents === true) e.bool(Bundle.lostEvents, true);
    if (options.clock !== undefined) {
      e.uint(Bundle.ftraceClock, options.clock.ftraceClock);
      e.int64(Bundle.ftraceTimestamp, options.clock.ftraceTimestamp);
      e.int64(Bundle.bootTimestamp, options.clock.bootTimestamp);
    }
    for (const event of events) {
      const ev = e.fork(Bundle.event);
      e.int64(FtraceEvent.timestamp, event.timestamp);
      e.uint(FtraceEvent.pid, event.pid);
      if ('print' in event) {
        const p = e.fork(FtraceEvent.print);
        e.string(Print.buf, event.print);
        e.join(p);
      } else {
        const f = e.fork(FtraceEvent.cpuFrequency);
        e.uint(CpuState.state, event.cpuFrequency.state);
        e.uint(CpuState.cpuId, event.cpuFrequency.cpuId);
        e.join(f);
      }
      e.join(ev);
    }
    e.join(b);
    this.#finish(false);
  }

  battery(timestamp: bigint, counters: PerfettoBatteryInput): void {
    this.#open();
    const delta = this.#start(timestamp);
    const e = this.#e;
    const m = e.fork(Packet.battery);
    if (counters.chargeCounterUah !== undefined) e.int64(Battery.chargeCounterUah, int64(counters.chargeCounterUah));
    if (counters.capacityPercent !== undefined) e.float(Battery.capacityPercent, counters.capacityPercent);
    if (counters.currentUa !== undefined) e.int64(Battery.currentUa, int64(counters.currentUa));
    if (counters.currentAvgUa !== undefined) e.int64(Battery.currentAvgUa, int64(counters.currentAvgUa));
    if (counters.name !== undefined) e.string(Battery.name, counters.name);
    if (counters.energyCounterUwh !== undefined) e.int64(Battery.energyCounterUwh, int64(counters.energyCounterUwh));
    if (counters.voltageUv !== undefined) e.int64(Battery.voltageUv, int64(counters.voltageUv));
    e.join(m);
    this.#finish(delta);
  }

  powerRails(timestamp: bigint, rails: PerfettoPowerRailsInput): void {
    this.#open();
    const delta = this.#start(timestamp);
    const e = this.#e;
    const m = e.fork(Packet.powerRails);
    for (const rail of rails.railDescriptors ?? []) {
      const r = e.fork(PowerRails.railDescriptor);
      e.uint(Rail.index, rail.index);
      e.string(Rail.railName, rail.railName);
      if (rail.subsysName !== undefined) e.string(Rail.subsysName, rail.subsysName);
      if (rail.samplingRate !== undefined) e.uint(Rail.samplingRate, rail.samplingRate);
      e.join(r);
    }
    for (const sample of rails.energyData) {
      const s = e.fork(PowerRails.energyData);
      e.uint(EnergyData.index, sample.index);
      e.int64(EnergyData.timestampMs, int64(sample.timestampMs));
      e.int64(EnergyData.energy, int64(sample.energy));
      e.join(s);
    }
    e.join(m);
    this.#finish(delta);
  }

  processTree(timestamp: bigint, tree: PerfettoProcessTreeInput): void {
    this.#open();
    const delta = this.#start(timestamp);
    const e = this.#e;
    const m = e.fork(Packet.processTree);
    for (const process of tree.processes) {
      const p = e.fork(ProcessTree.processes);
      e.int(Process.pid, process.pid);
      if (process.ppid !== undefined) e.int(Process.ppid, process.ppid);
      for (const arg of process.cmdline) e.string(Process.cmdline, arg);
      if (process.uid !== undefined) e.int(Process.uid, process.uid);
      e.join(p);
    }
    for (const thread of tree.threads ?? []) {
      const t = e.fork(ProcessTree.threads);
      e.int(Thread.tid, thread.tid);
      if (thread.name !== undefined) e.string(Thread.name, thread.name);
      e.int(Thread.tgid, thread.tgid);
      e.join(t);
    }
    e.join(m);
    this.#finish(delta);
  }

  /**
   * A ClockSnapshot packet. Its own timestamp is written as given (absolute): trace processor reads nothing else
   * of a snapshot packet (proto_trace_reader.cc, ParsePacket), so it never moves an incremental clock.
   */
  clockSnapshot(timestamp: bigint | undefined, snapshot: PerfettoClockSnapshotInput): void {
    this.#open();
    this.#writeSnapshot(timestamp, snapshot);
  }

  #writeSnapshot(timestamp: bigint | undefined, snapshot: PerfettoClockSnapshotInput): void {
    const e = this.#e;
    e.reset();
    if (timestamp !== undefined) e.int64(TIMESTAMP, timestamp);
    const m = e.fork(Packet.clockSnapshot);
    for (const clock of snapshot.clocks) {
      const c = e.fork(ClockSnapshot.clocks);
      e.uint(Clock.clockId, clock.clockId);
      e.int64(Clock.timestamp, int64(clock.timestamp));
      if (clock.isIncremental === true) e.bool(Clock.isIncremental, true);
      if (clock.unitMultiplierNs !== undefined) e.int64(Clock.unitMultiplierNs, int64(clock.unitMultiplierNs));
      e.join(c);
    }
    if (snapshot.primaryTraceClock !== undefined) e.uint(ClockSnapshot.primaryTraceClock, snapshot.primaryTraceClock);
    e.join(m);
    this.#finish(false);
  }

  /** A sequence timed on an incremental clock opens with the snapshot that defines the clock. */
  #open(): void {
    if (this.#started || this.#clock === undefined) return;
    this.#writeSnapshot(undefined, this.#clock.snapshot());
  }

  #namedEvent(type: number, timestamp: PerfettoTimestamp, name: string, options: PerfettoEventOptions | undefined): void {
    const values = options?.extraCounterValues;
    const counterTracks = values !== undefined && values.length > 0 ? this.#counterTracksFor(values, options?.extraCounterTrackUuids) : undefined;
    this.#open();
    let iid = this.#names.get(name);
    const fresh = iid === undefined && this.#names.size < this.#maxNames;
    if (fresh) iid = this.#names.size + 1;
    const delta = this.#start(timestamp);
    const e = this.#e;
    const m = e.fork(TRACK_EVENT);
    e.uint(EVENT_TYPE, type);
    let usesDefault = this.#track(options?.trackUuid);
    if (iid === undefined) e.string(EVENT_NAME, name);
    else e.uint(NAME_IID, iid);
    if (options !== undefined) {
      const categories = options.categories;
      if (categories !== undefined) for (const category of categories) e.string(TrackEvent.categories, category);
      if (options.args !== undefined) this.#args(options.args);
      if (counterTracks !== undefined && values !== undefined) usesDefault = this.#extraCounters(values, counterTracks) || usesDefault;
    }
    e.join(m);
    if (fresh && iid !== undefined) {
      this.#names.set(name, iid);
      const i = e.fork(INTERNED_DATA);
      const n = e.fork(Interned.eventNames);
      e.uint(Entry.iid, iid);
      e.string(Entry.name, name);
      e.join(n);
      e.join(i);
    }
    this.#finish(usesDefault || delta || iid !== undefined);
  }

  /**
   * Checks extra counter values before anything is written (a refused event must leave the clock and the
   * interning table as they were); returns the tracks they go to, `NO_UUIDS` meaning the defaults.
   */
  #counterTracksFor(values: readonly PerfettoInt64[], tracks: readonly bigint[] | undefined): readonly bigint[] {
    for (const value of values) {
      if (typeof value !== 'bigint' && !Number.isSafeInteger(value)) {
        throw new PerfettoWriteError(`extra counter value ${value} is not an integer (extra_counter_values is int64)`);
      }
    }
    if (tracks === undefined || sameUuids(tracks, this.#defaultExtraCounters)) {
      if (this.#defaultExtraCounters.length < values.length) {
        throw new PerfettoWriteError(`${values.length} extra counter values but only ${this.#defaultExtraCounters.length} default counter tracks`);
      }
      return NO_UUIDS;
    }
    if (tracks.length < values.length) throw new PerfettoWriteError('more extra counter values than counter tracks');
    return tracks;
  }

  /** Writes extra counter values, and their tracks unless the defaults hold them; true when it relies on defaults. */
  #extraCounters(values: readonly PerfettoInt64[], tracks: readonly bigint[]): boolean {
    const e = this.#e;
    // Repeated, unpacked, one field per element (perfetto.md §0).
    for (const uuid of tracks) e.int64(EXTRA_COUNTER_TRACKS, uuid);
    for (const value of values) {
      if (typeof value === 'bigint') e.int64(EXTRA_COUNTER_VALUES, value);
      else e.int(EXTRA_COUNTER_VALUES, value);
    }
    return tracks === NO_UUIDS;
  }

  #args(args: Readonly<Record<string, PerfettoArgValue>>): void {
    const e = this.#e;
    for (const [name, value] of Object.entries(args)) {
      const a = e.fork(TrackEvent.debugAnnotations);
      e.string(Annotation.name, name);
      if (typeof value === 'string') e.string(Annotation.stringValue, value);
      else if (typeof value === 'boolean') e.bool(Annotation.boolValue, value);
      else if (typeof value === 'bigint') e.int64(Annotation.intValue, value);
      else if (Number.isSafeInteger(value)) e.int(Annotation.intValue, value);
      else e.double(Annotation.doubleValue, value);
      e.join(a);
    }
  }

  /** Writes track_uuid when it differs from the default; true when the event relies on the default. */
  #track(trackUuid: bigint | undefined): boolean {
    if (trackUuid !== undefined && trackUuid !== this.#defaultTrack) {
      this.#e.int64(TRACK_UUID, trackUuid);
      return false;
    }
    return this.#defaultTrack !== undefined;
  }

  /** Resets the encoder and writes the packet's timestamp; true when it is a delta (it then needs the state). */
  #start(timestamp: PerfettoTimestamp | undefined): boolean {
    const e = this.#e;
    e.reset();
    if (timestamp === undefined) return false;
    if (this.#clock !== undefined) return this.#clock.write(e, timestamp);
    if (typeof timestamp === 'number') throw new PerfettoWriteError('number timestamps need a sequence with an incremental clock');
    e.int64(TIMESTAMP, timestamp);
    return false;
  }

  /** Adds sequence id and flags (§2.5: first packet clears the state, packets that rely on it say so). */
  #finish(needsState: boolean): void {
    const e = this.#e;
    e.uint(SEQUENCE_ID, this.sequenceId);
    let flags = needsState ? NEEDS : 0;
    if (!this.#started) {
      this.#started = true;
      flags |= CLEARED;
      this.#defaults();
    } else if (this.#defaultsChanged) {
      this.#defaults();
    }
    if (flags !== 0) e.uint(SEQUENCE_FLAGS, flags);
    this.#emit();
  }

  /** TracePacketDefaults (§2.4): the whole message each time, since a new one replaces the old. */
  #defaults(): void {
    this.#defaultsChanged = false;
    const track = this.#defaultTrack;
    const extra = this.#defaultExtraCounters;
    if (track === undefined && extra.length === 0 && this.#clock === undefined) return;
    const e = this.#e;
    const d = e.fork(Packet.tracePacketDefaults);
    if (track !== undefined || extra.length > 0) {
      const t = e.fork(Defaults.trackEventDefaults);
      if (track !== undefined) e.int64(TrackDefaults.trackUuid, track);
      for (const uuid of extra) e.int64(TrackDefaults.extraCounterTrackUuids, uuid);
      e.join(t);
    }
    if (this.#clock !== undefined) e.uint(Defaults.timestampClockId, this.#clock.clockId);
    e.join(d);
  }
}
