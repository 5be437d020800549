// What the trace writer takes. Integers that are int64 on the wire accept number or bigint.
import type { PerfettoCounterUnit } from './fields.js';

export type PerfettoInt64 = number | bigint;

/**
 * When an event happened. A bigint is BOOTTIME ns. A number is ns after the sequence's clock reference
 * (`incrementalClock.referenceNs`), an integer: the fast form for sequences with an incremental clock.
 */
export type PerfettoTimestamp = bigint | number;

export interface PerfettoTrackSpec {
  /** Global to the whole trace; 0 is the implicit global track. */
  readonly uuid: bigint;
  readonly parentUuid?: bigint;
  /** Give the name here, once, before the track's first event (§2.5). */
  readonly name?: string;
  /** Shown in the UI's help popup. */
  readonly description?: string;
  readonly process?: {
    readonly pid: number;
    readonly processName?: string;
    readonly cmdline?: readonly string[];
    readonly startTimestampNs?: PerfettoInt64;
  };
  readonly thread?: { readonly pid: number; readonly tid: number; readonly threadName?: string };
  /** Makes it a counter track: it then takes only counter events. */
  readonly counter?: {
    readonly unit?: PerfettoCounterUnit;
    /** Free-form unit ("mW", "°C"); the UI uses it only when `unit` is unset (§2.2). */
    readonly unitName?: string;
    readonly unitMultiplier?: PerfettoInt64;
    readonly isIncremental?: boolean;
    /** Counter tracks with the same key and parent share a y axis. */
    readonly yAxisShareKey?: string;
  };
  readonly childOrdering?: number;
  readonly siblingOrderRank?: number;
}

export type PerfettoArgValue = string | number | bigint | boolean;

export interface PerfettoEventOptions {
  /** Defaults to the sequence's default track. */
  readonly trackUuid?: bigint;
  readonly categories?: readonly string[];
  /** Debug annotations (shown as args in the UI). */
  readonly args?: Readonly<Record<string, PerfettoArgValue>>;
  /**
   * Counter samples carried by the event itself (§2.3 extra_counter_values), one per counter track. The tracks
   * default to the sequence's `extraCounterTrackUuids`; name them only when they differ.
   */
  readonly extraCounterValues?: readonly PerfettoInt64[];
  readonly extraCounterTrackUuids?: readonly bigint[];
}

/** TrackEventDefaults (§2.4): what events on the sequence get when they leave the fields out. */
export interface PerfettoTrackEventDefaultsSpec {
  readonly trackUuid?: bigint;
  readonly extraCounterTrackUuids?: readonly bigint[];
}

export type PerfettoFtraceEventInput =
  | { readonly timestamp: bigint; readonly pid: number; readonly print: string }
  | {
      readonly timestamp: bigint;
      readonly pid: number;
      readonly cpuFrequency: { readonly state: number; readonly cpuId: number };
    };

export interface PerfettoFtraceBundleOptions {
  readonly lostEvents?: boolean;
  /** A non-boot ftrace clock (PerfettoFtraceClock) with one reading of it and of BOOTTIME taken together. */
  readonly clock?: { readonly ftraceClock: number; readonly ftraceTimestamp: bigint; readonly bootTimestamp: bigint };
}

export interface PerfettoBatteryInput {
  readonly chargeCounterUah?: PerfettoInt64;
  readonly capacityPercent?: number;
  readonly currentUa?: PerfettoInt64;
  readonly currentAvgUa?: PerfettoInt64;
  readonly name?: string;
  readonly energyCounterUwh?: PerfettoInt64;
  readonly voltageUv?: PerfettoInt64;
}

export interface PerfettoPowerRailsInput {
  /** Only in the session's first power_rails packet (§1.6). */
  readonly railDescriptors?: readonly {
    readonly index: number;
    readonly railName: string;
    readonly subsysName?: string;
    readonly samplingRate?: number;
  }[];
  readonly energyData: readonly {
    readonly index: number;
    readonly timestampMs: PerfettoInt64;
    readonly energy: PerfettoInt64;
  }[];
}

export interface PerfettoProcessTreeInput {
  readonly processes: readonly {
    readonly pid: number;
    readonly ppid?: number;
    readonly cmdline: readonly string[];
    readonly uid?: number;
  }[];
  readonly threads?: readonly { readonly tid: number; readonly tgid: number; readonly name?: string }[];
}

export interface PerfettoClockSnapshotInput {
  readonly clocks: readonly {
    readonly clockId: number;
    readonly timestamp: PerfettoInt64;
    /** Timestamps on this clock are deltas from the previous one (sequence-scoped clocks 64–127 only). */
    readonly isIncremental?: boolean;
    readonly unitMultiplierNs?: PerfettoInt64;
  }[];
  readonly primaryTraceClock?: number;
}
