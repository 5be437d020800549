// Field numbers and enums of the Perfetto trace protos, declared once for the reader and the writer.
// Section numbers refer to reference/perfetto.md; proto files are under google/perfetto protos/perfetto/.

/** §1.1 trace/trace.proto */
export const PerfettoTraceField = { packet: 1 } as const;

/** §1.1 trace/trace_packet.proto */
export const PerfettoPacketField = {
  ftraceEvents: 1,
  processTree: 2,
  clockSnapshot: 6,
  sysStats: 7,
  timestamp: 8,
  trustedPacketSequenceId: 10,
  trackEvent: 11,
  internedData: 12,
  sequenceFlags: 13,
  traceConfig: 33,
  ftraceStats: 34,
  traceStats: 35,
  battery: 38,
  powerRails: 40,
  previousPacketDropped: 42,
  compressedPackets: 50,
  timestampClockId: 58,
  tracePacketDefaults: 59,
  trackDescriptor: 60,
  zstdCompressedPackets: 133,
} as const;

/** §1.2 */
export const PerfettoSequenceFlags = {
  SEQ_UNSPECIFIED: 0,
  SEQ_INCREMENTAL_STATE_CLEARED: 1,
  SEQ_NEEDS_INCREMENTAL_STATE: 2,
} as const;

/** §1.3 trace/ftrace/ftrace_event_bundle.proto */
export const PerfettoFtraceBundleField = {
  cpu: 1,
  event: 2,
  lostEvents: 3,
  compactSched: 4,
  ftraceClock: 5,
  ftraceTimestamp: 6,
  bootTimestamp: 7,
} as const;

/** §1.3 FtraceClock; absent = the boot clock. */
export const PerfettoFtraceClock = { UNSPECIFIED: 0, UNKNOWN: 1, GLOBAL: 2, LOCAL: 3, MONO_RAW: 4 } as const;

/** §1.4 trace/ftrace/ftrace_event.proto: common fields and the `event` oneof members we decode. */
export const PerfettoFtraceEventField = {
  timestamp: 1,
  pid: 2,
  print: 3,
  schedSwitch: 4,
  commonFlags: 5,
  cpuFrequency: 11,
  cpuIdle: 13,
  thermalTemperature: 341,
} as const;

/** §1.4 PrintFtraceEvent */
export const PerfettoPrintField = { ip: 1, buf: 2 } as const;

/** §1.4 SchedSwitchFtraceEvent */
export const PerfettoSchedSwitchField = {
  prevComm: 1,
  prevPid: 2,
  prevPrio: 3,
  prevState: 4,
  nextComm: 5,
  nextPid: 6,
  nextPrio: 7,
} as const;

/** §1.4 CpuFrequencyFtraceEvent / CpuIdleFtraceEvent */
export const PerfettoCpuStateField = { state: 1, cpuId: 2 } as const;

/** §1.4 ThermalTemperatureFtraceEvent */
export const PerfettoThermalTemperatureField = { id: 1, temp: 2, tempPrev: 3, thermalZone: 4 } as const;

/** §1.6 trace/power/battery_counters.proto */
export const PerfettoBatteryField = {
  chargeCounterUah: 1,
  capacityPercent: 2,
  currentUa: 3,
  currentAvgUa: 4,
  name: 5,
  energyCounterUwh: 6,
  voltageUv: 7,
} as const;

/** §1.6 trace/power/power_rails.proto */
export const PerfettoPowerRailsField = { railDescriptor: 1, energyData: 2, sessionUuid: 3 } as const;
export const PerfettoRailDescriptorField = { index: 1, railName: 2, subsysName: 3, samplingRate: 4 } as const;
export const PerfettoEnergyDataField = { index: 1, timestampMs: 2, energy: 3 } as const;

/** §1.7 trace/sys_stats/sys_stats.proto */
export const PerfettoSysStatsField = {
  meminfo: 1,
  collectionEndTimestamp: 9,
  cpufreqKhz: 11,
  thermalZone: 15,
} as const;
export const PerfettoMeminfoField = { key: 1, value: 2 } as const;
export const PerfettoThermalZoneField = { name: 1, temp: 2, type: 3 } as const;

/** §1.7 trace/ps/process_tree.proto */
export const PerfettoProcessTreeField = { processes: 1, threads: 2, collectionEndTimestamp: 3 } as const;
export const PerfettoProcessField = { pid: 1, ppid: 2, cmdline: 3, uid: 5, cmdlineIsComm: 9 } as const;
export const PerfettoThreadField = { tid: 1, name: 2, tgid: 3 } as const;

/** §1.7 trace/clock_snapshot.proto */
export const PerfettoClockSnapshotField = { clocks: 1, primaryTraceClock: 2 } as const;
export const PerfettoClockField = { clockId: 1, timestamp: 2, isIncremental: 3, unitMultiplierNs: 4 } as const;

/** §1.7 common/builtin_clock.proto */
export const PerfettoBuiltinClock = {
  UNKNOWN: 0,
  REALTIME: 1,
  REALTIME_COARSE: 2,
  MONOTONIC: 3,
  MONOTONIC_COARSE: 4,
  MONOTONIC_RAW: 5,
  BOOTTIME: 6,
  TSC: 9,
  PERF: 10,
  TRACE_FILE: 11,
} as const;

/** §1.8 common/trace_stats.proto */
export const PerfettoTraceStatsField = {
  bufferStats: 1,
  invalidPackets: 10,
  flushesFailed: 14,
  finalFlushOutcome: 15,
} as const;
export const PerfettoBufferStatsField = {
  bytesWritten: 1,
  chunksOverwritten: 3,
  bufferSize: 12,
  bytesOverwritten: 13,
  chunksDiscarded: 18,
  traceWriterPacketLoss: 19,
} as const;

/** §1.8 trace/ftrace/ftrace_stats.proto */
export const PerfettoFtraceStatsField = {
  phase: 1,
  cpuStats: 2,
  atraceErrors: 5,
  unknownFtraceEvents: 6,
  failedFtraceEvents: 7,
  ftraceParseErrors: 9,
} as const;
export const PerfettoFtraceCpuStatsField = {
  cpu: 1,
  entries: 2,
  overrun: 3,
  commitOverrun: 4,
  droppedEvents: 8,
} as const;

/** §2.1 trace/track_event/track_descriptor.proto */
export const PerfettoTrackDescriptorField = {
  uuid: 1,
  name: 2,
  process: 3,
  thread: 4,
  parentUuid: 5,
  counter: 8,
  staticName: 10,
  childOrdering: 11,
  siblingOrderRank: 12,
  atraceName: 13,
  description: 14,
  siblingMergeBehavior: 15,
} as const;

/** §2.1 TrackDescriptor.ChildTracksOrdering */
export const PerfettoChildOrdering = { UNKNOWN: 0, LEXICOGRAPHIC: 1, CHRONOLOGICAL: 2, EXPLICIT: 3 } as const;

/** §2.1 process_descriptor.proto, thread_descriptor.proto */
export const PerfettoProcessDescriptorField = { pid: 1, cmdline: 2, processName: 6, startTimestampNs: 7 } as const;
export const PerfettoThreadDescriptorField = { pid: 1, tid: 2, threadName: 5 } as const;

/** §2.2 trace/track_event/counter_descriptor.proto */
export const PerfettoCounterDescriptorField = {
  type: 1,
  unit: 3,
  unitMultiplier: 4,
  isIncremental: 5,
  unitName: 6,
  yAxisShareKey: 7,
} as const;

/** §2.2 CounterDescriptor.Unit */
export const PerfettoCounterUnit = { UNSPECIFIED: 0, TIME_NS: 1, COUNT: 2, SIZE_BYTES: 3 } as const;
export type PerfettoCounterUnit = (typeof PerfettoCounterUnit)[keyof typeof PerfettoCounterUnit];

/** §2.3 trace/track_event/track_event.proto */
export const PerfettoTrackEventField = {
  categoryIids: 3,
  debugAnnotations: 4,
  type: 9,
  nameIid: 10,
  trackUuid: 11,
  extraCounterValues: 12,
  categories: 22,
  name: 23,
  counterValue: 30,
  extraCounterTrackUuids: 31,
  doubleCounterValue: 44,
  flowIds: 47,
  terminatingFlowIds: 48,
} as const;

/** §2.3 TrackEvent.Type */
export const PerfettoTrackEventType = {
  UNSPECIFIED: 0,
  SLICE_BEGIN: 1,
  SLICE_END: 2,
  INSTANT: 3,
  COUNTER: 4,
} as const;
export type PerfettoTrackEventType = (typeof PerfettoTrackEventType)[keyof typeof PerfettoTrackEventType];

/** §2.3 debug_annotation.proto */
export const PerfettoDebugAnnotationField = {
  nameIid: 1,
  boolValue: 2,
  uintValue: 3,
  intValue: 4,
  doubleValue: 5,
  stringValue: 6,
  pointerValue: 7,
  name: 10,
  stringValueIid: 17,
} as const;

/** §2.4 trace/interned_data/interned_data.proto */
export const PerfettoInternedDataField = {
  eventCategories: 1,
  eventNames: 2,
  debugAnnotationNames: 3,
  debugAnnotationStringValues: 29,
} as const;
/** §2.4 EventName, EventCategory, DebugAnnotationName (InternedString keeps its bytes in field 2 too). */
export const PerfettoInternedEntryField = { iid: 1, name: 2 } as const;

/** §2.4 trace/trace_packet_defaults.proto */
export const PerfettoPacketDefaultsField = { trackEventDefaults: 11, timestampClockId: 58 } as const;
export const PerfettoTrackEventDefaultsField = {
  trackUuid: 11,
  extraCounterTrackUuids: 31,
  extraDoubleCounterTrackUuids: 45,
} as const;
