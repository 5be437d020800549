// Decoded trace data: the subset of the Perfetto protos that perfetto.md documents. Timestamps are bigint ns
// on the packet's clock (BOOTTIME unless a clock id says otherwise); absent fields stay absent.

export interface PerfettoTrace {
  readonly packets: readonly PerfettoPacket[];
  /** Damage found while reading (a packet skipped, a truncated tail); empty for a clean file. */
  readonly issues: readonly PerfettoReadIssue[];
}

export interface PerfettoReadIssue {
  /** Byte offset in the file (or in the decompressed block for compressed packets). */
  readonly offset: number;
  readonly message: string;
}

export interface PerfettoPacket {
  /** Where the packet's bytes start in the file. */
  readonly offset: number;
  readonly timestamp?: bigint;
  readonly timestampClockId?: number;
  readonly trustedPacketSequenceId?: number;
  readonly sequenceFlags?: number;
  readonly previousPacketDropped?: number;
  readonly internedData?: PerfettoInternedData;
  readonly tracePacketDefaults?: PerfettoTracePacketDefaults;
  readonly ftraceEvents?: PerfettoFtraceEventBundle;
  readonly processTree?: PerfettoProcessTree;
  readonly clockSnapshot?: PerfettoClockSnapshot;
  readonly sysStats?: PerfettoSysStats;
  readonly trackEvent?: PerfettoTrackEvent;
  readonly trackDescriptor?: PerfettoTrackDescriptor;
  readonly ftraceStats?: PerfettoFtraceStats;
  readonly traceStats?: PerfettoTraceStats;
  readonly battery?: PerfettoBatteryCounters;
  readonly powerRails?: PerfettoPowerRails;
  /** Set when the packet carried a zstd block, which this reader cannot open. */
  readonly zstdCompressedPackets?: Uint8Array;
}

export interface PerfettoInternedEntry {
  readonly iid: bigint;
  readonly name: string;
}

export interface PerfettoInternedData {
  readonly eventCategories: readonly PerfettoInternedEntry[];
  readonly eventNames: readonly PerfettoInternedEntry[];
  readonly debugAnnotationNames: readonly PerfettoInternedEntry[];
  readonly debugAnnotationStringValues: readonly PerfettoInternedEntry[];
}

export interface PerfettoTracePacketDefaults {
  readonly timestampClockId?: number;
  readonly trackEventDefaults?: {
    readonly trackUuid?: bigint;
    readonly extraCounterTrackUuids: readonly bigint[];
    readonly extraDoubleCounterTrackUuids: readonly bigint[];
  };
}

export interface PerfettoFtraceEventBundle {
  readonly cpu?: number;
  readonly events: readonly PerfettoFtraceEvent[];
  readonly lostEvents?: boolean;
  /** Absent = the boot clock (BOOTTIME). */
  readonly ftraceClock?: number;
  readonly ftraceTimestamp?: bigint;
  readonly bootTimestamp?: bigint;
}

export interface PerfettoFtraceEvent {
  /** ns on the bundle's ftrace clock. */
  readonly timestamp?: bigint;
  /** Kernel pid = the thread id of the emitting task. */
  readonly pid?: number;
  readonly print?: { readonly ip?: bigint; readonly buf: string };
  readonly schedSwitch?: {
    readonly prevComm?: string;
    readonly prevPid?: number;
    readonly prevPrio?: number;
    readonly prevState?: bigint;
    readonly nextComm?: string;
    readonly nextPid?: number;
    readonly nextPrio?: number;
  };
  /** kHz */
  readonly cpuFrequency?: { readonly state?: number; readonly cpuId?: number };
  /** state 4294967295 = leaving idle */
  readonly cpuIdle?: { readonly state?: number; readonly cpuId?: number };
  readonly thermalTemperature?: {
    readonly id?: number;
    readonly temp?: number;
    readonly tempPrev?: number;
    readonly thermalZone?: string;
  };
  /** The payload's field number when it is one this reader does not decode. */
  readonly otherEventField?: number;
}

export interface PerfettoProcessTree {
  readonly processes: readonly {
    readonly pid?: number;
    readonly ppid?: number;
    readonly cmdline: readonly string[];
    readonly uid?: number;
    readonly cmdlineIsComm?: boolean;
  }[];
  readonly threads: readonly { readonly tid?: number; readonly tgid?: number; readonly name?: string }[];
  readonly collectionEndTimestamp?: bigint;
}

export interface PerfettoClockSnapshot {
  readonly clocks: readonly {
    readonly clockId?: number;
    readonly timestamp?: bigint;
    readonly isIncremental?: boolean;
    readonly unitMultiplierNs?: bigint;
  }[];
  readonly primaryTraceClock?: number;
}

export interface PerfettoSysStats {
  readonly meminfo: readonly { readonly key?: number; readonly value?: bigint }[];
  /** One per CPU index, 0 = offline. */
  readonly cpufreqKhz: readonly number[];
  readonly thermalZones: readonly { readonly name?: string; readonly temp?: bigint; readonly type?: string }[];
  readonly collectionEndTimestamp?: bigint;
}

export interface PerfettoTrackEvent {
  readonly type?: number;
  readonly trackUuid?: bigint;
  readonly name?: string;
  readonly nameIid?: bigint;
  readonly categories: readonly string[];
  readonly categoryIids: readonly bigint[];
  readonly counterValue?: bigint;
  readonly doubleCounterValue?: number;
  readonly extraCounterTrackUuids: readonly bigint[];
  readonly extraCounterValues: readonly bigint[];
  readonly flowIds: readonly bigint[];
  readonly terminatingFlowIds: readonly bigint[];
  readonly debugAnnotations: readonly PerfettoDebugAnnotation[];
}

export interface PerfettoDebugAnnotation {
  readonly name?: string;
  readonly nameIid?: bigint;
  readonly value?: boolean | number | bigint | string;
  readonly stringValueIid?: bigint;
}

export interface PerfettoTrackDescriptor {
  readonly uuid?: bigint;
  readonly parentUuid?: bigint;
  readonly name?: string;
  readonly staticName?: string;
  readonly atraceName?: string;
  readonly description?: string;
  readonly process?: {
    readonly pid?: number;
    readonly cmdline: readonly string[];
    readonly processName?: string;
    readonly startTimestampNs?: bigint;
  };
  readonly thread?: { readonly pid?: number; readonly tid?: bigint; readonly threadName?: string };
  readonly counter?: {
    readonly type?: number;
    readonly unit?: number;
    readonly unitName?: string;
    readonly unitMultiplier?: bigint;
    readonly isIncremental?: boolean;
    readonly yAxisShareKey?: string;
  };
  readonly childOrdering?: number;
  readonly siblingOrderRank?: number;
  readonly siblingMergeBehavior?: number;
}

export interface PerfettoBatteryCounters {
  readonly chargeCounterUah?: bigint;
  readonly capacityPercent?: number;
  /** µA; negative = draining, positive = charging. */
  readonly currentUa?: bigint;
  readonly currentAvgUa?: bigint;
  readonly name?: string;
  readonly energyCounterUwh?: bigint;
  readonly voltageUv?: bigint;
}

export interface PerfettoPowerRails {
  readonly railDescriptors: readonly {
    readonly index?: number;
    readonly railName?: string;
    readonly subsysName?: string;
    readonly samplingRate?: number;
  }[];
  /** energy: µWs accumulated since boot; timestampMs: BOOTTIME ms. */
  readonly energyData: readonly { readonly index?: number; readonly timestampMs?: bigint; readonly energy?: bigint }[];
  readonly sessionUuid?: bigint;
}

export interface PerfettoFtraceStats {
  readonly phase?: number;
  readonly cpuStats: readonly {
    readonly cpu?: bigint;
    readonly entries?: bigint;
    readonly overrun?: bigint;
    readonly commitOverrun?: bigint;
    readonly droppedEvents?: bigint;
  }[];
  readonly atraceErrors?: string;
  readonly unknownFtraceEvents: readonly string[];
  readonly failedFtraceEvents: readonly string[];
  readonly ftraceParseErrors: readonly number[];
}

export interface PerfettoTraceStats {
  readonly bufferStats: readonly {
    readonly bufferSize?: bigint;
    readonly bytesWritten?: bigint;
    readonly bytesOverwritten?: bigint;
    readonly chunksOverwritten?: bigint;
    readonly chunksDiscarded?: bigint;
    readonly traceWriterPacketLoss?: bigint;
  }[];
  readonly invalidPackets?: bigint;
  readonly flushesFailed?: bigint;
  readonly finalFlushOutcome?: number;
}
