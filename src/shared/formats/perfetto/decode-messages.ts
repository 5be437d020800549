// Specs for the messages the reader decodes: key names of trace-types.ts, numbers of fields.ts.
import {
  PerfettoBatteryField as Battery,
  PerfettoBufferStatsField as BufferStats,
  PerfettoClockField as Clock,
  PerfettoClockSnapshotField as ClockSnapshot,
  PerfettoCounterDescriptorField as Counter,
  PerfettoCpuStateField as CpuState,
  PerfettoDebugAnnotationField as Annotation,
  PerfettoEnergyDataField as EnergyData,
  PerfettoFtraceBundleField as Bundle,
  PerfettoFtraceCpuStatsField as FtraceCpuStats,
  PerfettoFtraceEventField as FtraceEvent,
  PerfettoFtraceStatsField as FtraceStats,
  PerfettoInternedDataField as Interned,
  PerfettoInternedEntryField as Entry,
  PerfettoMeminfoField as Meminfo,
  PerfettoPacketDefaultsField as Defaults,
  PerfettoPacketField as Packet,
  PerfettoPowerRailsField as PowerRails,
  PerfettoPrintField as Print,
  PerfettoProcessDescriptorField as ProcessDescriptor,
  PerfettoProcessField as Process,
  PerfettoProcessTreeField as ProcessTree,
  PerfettoRailDescriptorField as Rail,
  PerfettoSchedSwitchField as SchedSwitch,
  PerfettoSysStatsField as SysStats,
  PerfettoThermalTemperatureField as ThermalTemperature,
  PerfettoThermalZoneField as ThermalZone,
  PerfettoThreadDescriptorField as ThreadDescriptor,
  PerfettoThreadField as Thread,
  PerfettoTraceStatsField as TraceStats,
  PerfettoTrackDescriptorField as Track,
  PerfettoTrackEventDefaultsField as TrackDefaults,
  PerfettoTrackEventField as TrackEvent,
} from './fields.js';
import { ProtoDecoder } from './proto/decoder.js';
import { type ProtoMessageSpec, decodeProtoMessage } from './proto/message-spec.js';
import type { PerfettoDebugAnnotation, PerfettoFtraceEvent, PerfettoPacket } from './trace-types.js';

const spec = <S extends ProtoMessageSpec>(s: S): S => s;
const message = (s: ProtoMessageSpec) => ({ message: (d: ProtoDecoder) => decodeProtoMessage(d, s) });
const repeated = (s: ProtoMessageSpec) => ({ repeated: (d: ProtoDecoder) => decodeProtoMessage(d, s) });

const ENTRY = spec({ iid: [Entry.iid, 'uint64', 0n], name: [Entry.name, 'string', ''] });

const INTERNED_DATA = spec({
  eventCategories: [Interned.eventCategories, repeated(ENTRY)],
  eventNames: [Interned.eventNames, repeated(ENTRY)],
  debugAnnotationNames: [Interned.debugAnnotationNames, repeated(ENTRY)],
  debugAnnotationStringValues: [Interned.debugAnnotationStringValues, repeated(ENTRY)],
});

const PACKET_DEFAULTS = spec({
  timestampClockId: [Defaults.timestampClockId, 'uint32'],
  trackEventDefaults: [
    Defaults.trackEventDefaults,
    message({
      trackUuid: [TrackDefaults.trackUuid, 'uint64'],
      extraCounterTrackUuids: [TrackDefaults.extraCounterTrackUuids, 'uint64[]'],
      extraDoubleCounterTrackUuids: [TrackDefaults.extraDoubleCounterTrackUuids, 'uint64[]'],
    }),
  ],
});

const CPU_STATE = spec({ state: [CpuState.state, 'uint32'], cpuId: [CpuState.cpuId, 'uint32'] });

const FTRACE_EVENT_BODY = spec({
  timestamp: [FtraceEvent.timestamp, 'uint64'],
  pid: [FtraceEvent.pid, 'uint32'],
  print: [FtraceEvent.print, message({ ip: [Print.ip, 'uint64'], buf: [Print.buf, 'string', ''] })],
  schedSwitch: [
    FtraceEvent.schedSwitch,
    message({
      prevComm: [SchedSwitch.prevComm, 'string'],
      prevPid: [SchedSwitch.prevPid, 'int32'],
      prevPrio: [SchedSwitch.prevPrio, 'int32'],
      prevState: [SchedSwitch.prevState, 'int64'],
      nextComm: [SchedSwitch.nextComm, 'string'],
      nextPid: [SchedSwitch.nextPid, 'int32'],
      nextPrio: [SchedSwitch.nextPrio, 'int32'],
    }),
  ],
  cpuFrequency: [FtraceEvent.cpuFrequency, message(CPU_STATE)],
  cpuIdle: [FtraceEvent.cpuIdle, message(CPU_STATE)],
  thermalTemperature: [
    FtraceEvent.thermalTemperature,
    message({
      id: [ThermalTemperature.id, 'int32'],
      temp: [ThermalTemperature.temp, 'int32'],
      tempPrev: [ThermalTemperature.tempPrev, 'int32'],
      thermalZone: [ThermalTemperature.thermalZone, 'string'],
    }),
  ],
});

/** Common fields below this number; the `event` oneof payloads are at 3, 4 and from 6 up (ftrace_event.proto). */
const FTRACE_COMMON_FIELDS = new Set<number>([FtraceEvent.timestamp, FtraceEvent.pid, FtraceEvent.commonFlags]);

function decodeFtraceEvent(d: ProtoDecoder): PerfettoFtraceEvent {
  const start = d.pos;
  const event = decodeProtoMessage<PerfettoFtraceEvent>(d, FTRACE_EVENT_BODY);
  if (event.print || event.schedSwitch || event.cpuFrequency || event.cpuIdle || event.thermalTemperature) return event;
  // Note which payload it was, so callers can count what they skipped.
  const again = new ProtoDecoder(d.bytes, start, d.end);
  while (!again.done) {
    const tag = again.tag();
    if (!FTRACE_COMMON_FIELDS.has(tag >>> 3) && (tag & 7) === 2) return { ...event, otherEventField: tag >>> 3 };
    again.skip(tag & 7);
  }
  return event;
}

const FTRACE_BUNDLE = spec({
  cpu: [Bundle.cpu, 'uint32'],
  events: [Bundle.event, { repeated: decodeFtraceEvent }],
  lostEvents: [Bundle.lostEvents, 'bool'],
  ftraceClock: [Bundle.ftraceClock, 'uint32'],
  ftraceTimestamp: [Bundle.ftraceTimestamp, 'int64'],
  bootTimestamp: [Bundle.bootTimestamp, 'int64'],
});

const PROCESS_TREE = spec({
  processes: [
    ProcessTree.processes,
    repeated({
      pid: [Process.pid, 'int32'],
      ppid: [Process.ppid, 'int32'],
      cmdline: [Process.cmdline, 'string[]'],
      uid: [Process.uid, 'int32'],
      cmdlineIsComm: [Process.cmdlineIsComm, 'bool'],
    }),
  ],
  threads: [
    ProcessTree.threads,
    repeated({ tid: [Thread.tid, 'int32'], tgid: [Thread.tgid, 'int32'], name: [Thread.name, 'string'] }),
  ],
  collectionEndTimestamp: [ProcessTree.collectionEndTimestamp, 'uint64'],
});

const CLOCK_SNAPSHOT = spec({
  clocks: [
    ClockSnapshot.clocks,
    repeated({
      clockId: [Clock.clockId, 'uint32'],
      timestamp: [Clock.timestamp, 'uint64'],
      isIncremental: [Clock.isIncremental, 'bool'],
      unitMultiplierNs: [Clock.unitMultiplierNs, 'uint64'],
    }),
  ],
  primaryTraceClock: [ClockSnapshot.primaryTraceClock, 'uint32'],
});

const SYS_STATS = spec({
  meminfo: [SysStats.meminfo, repeated({ key: [Meminfo.key, 'uint32'], value: [Meminfo.value, 'uint64'] })],
  cpufreqKhz: [SysStats.cpufreqKhz, 'uint32[]'],
  thermalZones: [
    SysStats.thermalZone,
    repeated({
      name: [ThermalZone.name, 'string'],
      temp: [ThermalZone.temp, 'uint64'],
      type: [ThermalZone.type, 'string'],
    }),
  ],
  collectionEndTimestamp: [SysStats.collectionEndTimestamp, 'uint64'],
});

const DEBUG_ANNOTATION = spec({
  name: [Annotation.name, 'string'],
  nameIid: [Annotation.nameIid, 'uint64'],
  boolValue: [Annotation.boolValue, 'bool'],
  uintValue: [Annotation.uintValue, 'uint64'],
  intValue: [Annotation.intValue, 'int64'],
  doubleValue: [Annotation.doubleValue, 'double'],
  stringValue: [Annotation.stringValue, 'string'],
  pointerValue: [Annotation.pointerValue, 'uint64'],
  stringValueIid: [Annotation.stringValueIid, 'uint64'],
});

interface RawAnnotation {
  name?: string;
  nameIid?: bigint;
  boolValue?: boolean;
  uintValue?: bigint;
  intValue?: bigint;
  doubleValue?: number;
  stringValue?: string;
  pointerValue?: bigint;
  stringValueIid?: bigint;
}

function decodeAnnotation(d: ProtoDecoder): PerfettoDebugAnnotation {
  const a = decodeProtoMessage<RawAnnotation>(d, DEBUG_ANNOTATION);
  const value = a.boolValue ?? a.uintValue ?? a.intValue ?? a.doubleValue ?? a.stringValue ?? a.pointerValue;
  return {
    ...(a.name === undefined ? {} : { name: a.name }),
    ...(a.nameIid === undefined ? {} : { nameIid: a.nameIid }),
    ...(value === undefined ? {} : { value }),
    ...(a.stringValueIid === undefined ? {} : { stringValueIid: a.stringValueIid }),
  };
}

const TRACK_EVENT = spec({
  type: [TrackEvent.type, 'int32'],
  trackUuid: [TrackEvent.trackUuid, 'uint64'],
  name: [TrackEvent.name, 'string'],
  nameIid: [TrackEvent.nameIid, 'uint64'],
  categories: [TrackEvent.categories, 'string[]'],
  categoryIids: [TrackEvent.categoryIids, 'uint64[]'],
  counterValue: [TrackEvent.counterValue, 'int64'],
  doubleCounterValue: [TrackEvent.doubleCounterValue, 'double'],
  extraCounterTrackUuids: [TrackEvent.extraCounterTrackUuids, 'uint64[]'],
  extraCounterValues: [TrackEvent.extraCounterValues, 'int64[]'],
  flowIds: [TrackEvent.flowIds, 'fixed64[]'],
  terminatingFlowIds: [TrackEvent.terminatingFlowIds, 'fixed64[]'],
  debugAnnotations: [TrackEvent.debugAnnotations, { repeated: decodeAnnotation }],
});

const TRACK_DESCRIPTOR = spec({
  uuid: [Track.uuid, 'uint64'],
  parentUuid: [Track.parentUuid, 'uint64'],
  name: [Track.name, 'string'],
  staticName: [Track.staticName, 'string'],
  atraceName: [Track.atraceName, 'string'],
  description: [Track.description, 'string'],
  process: [
    Track.process,
    message({
      pid: [ProcessDescriptor.pid, 'int32'],
      cmdline: [ProcessDescriptor.cmdline, 'string[]'],
      processName: [ProcessDescriptor.processName, 'string'],
      startTimestampNs: [ProcessDescriptor.startTimestampNs, 'int64'],
    }),
  ],
  thread: [
    Track.thread,
    message({
      pid: [ThreadDescriptor.pid, 'int32'],
      tid: [ThreadDescriptor.tid, 'int64'],
      threadName: [ThreadDescriptor.threadName, 'string'],
    }),
  ],
  counter: [
    Track.counter,
    message({
      type: [Counter.type, 'int32'],
      unit: [Counter.unit, 'int32'],
      unitName: [Counter.unitName, 'string'],
      unitMultiplier: [Counter.unitMultiplier, 'int64'],
      isIncremental: [Counter.isIncremental, 'bool'],
      yAxisShareKey: [Counter.yAxisShareKey, 'string'],
    }),
  ],
  childOrdering: [Track.childOrdering, 'int32'],
  siblingOrderRank: [Track.siblingOrderRank, 'int32'],
  siblingMergeBehavior: [Track.siblingMergeBehavior, 'int32'],
});

const BATTERY = spec({
  chargeCounterUah: [Battery.chargeCounterUah, 'int64'],
  capacityPercent: [Battery.capacityPercent, 'float'],
  currentUa: [Battery.currentUa, 'int64'],
  currentAvgUa: [Battery.currentAvgUa, 'int64'],
  name: [Battery.name, 'string'],
  energyCounterUwh: [Battery.energyCounterUwh, 'int64'],
  voltageUv: [Battery.voltageUv, 'int64'],
});

const POWER_RAILS = spec({
  railDescriptors: [
    PowerRails.railDescriptor,
    repeated({
      index: [Rail.index, 'uint32'],
      railName: [Rail.railName, 'string'],
      subsysName: [Rail.subsysName, 'string'],
      samplingRate: [Rail.samplingRate, 'uint32'],
    }),
  ],
  energyData: [
    PowerRails.energyData,
    repeated({
      index: [EnergyData.index, 'uint32'],
      timestampMs: [EnergyData.timestampMs, 'uint64'],
      energy: [EnergyData.energy, 'uint64'],
    }),
  ],
  sessionUuid: [PowerRails.sessionUuid, 'uint64'],
});

const FTRACE_STATS = spec({
  phase: [FtraceStats.phase, 'int32'],
  cpuStats: [
    FtraceStats.cpuStats,
    repeated({
      cpu: [FtraceCpuStats.cpu, 'uint64'],
      entries: [FtraceCpuStats.entries, 'uint64'],
      overrun: [FtraceCpuStats.overrun, 'uint64'],
      commitOverrun: [FtraceCpuStats.commitOverrun, 'uint64'],
      droppedEvents: [FtraceCpuStats.droppedEvents, 'uint64'],
    }),
  ],
  atraceErrors: [FtraceStats.atraceErrors, 'string'],
  unknownFtraceEvents: [FtraceStats.unknownFtraceEvents, 'string[]'],
  failedFtraceEvents: [FtraceStats.failedFtraceEvents, 'string[]'],
  ftraceParseErrors: [FtraceStats.ftraceParseErrors, 'int32[]'],
});

const TRACE_STATS = spec({
  bufferStats: [
    TraceStats.bufferStats,
    repeated({
      bufferSize: [BufferStats.bufferSize, 'uint64'],
      bytesWritten: [BufferStats.bytesWritten, 'uint64'],
      bytesOverwritten: [BufferStats.bytesOverwritten, 'uint64'],
      chunksOverwritten: [BufferStats.chunksOverwritten, 'uint64'],
      chunksDiscarded: [BufferStats.chunksDiscarded, 'uint64'],
      traceWriterPacketLoss: [BufferStats.traceWriterPacketLoss, 'uint64'],
    }),
  ],
  invalidPackets: [TraceStats.invalidPackets, 'uint64'],
  flushesFailed: [TraceStats.flushesFailed, 'uint64'],
  finalFlushOutcome: [TraceStats.finalFlushOutcome, 'int32'],
});

const PACKET = spec({
  timestamp: [Packet.timestamp, 'uint64'],
  timestampClockId: [Packet.timestampClockId, 'uint32'],
  trustedPacketSequenceId: [Packet.trustedPacketSequenceId, 'uint32'],
  sequenceFlags: [Packet.sequenceFlags, 'uint32'],
  previousPacketDropped: [Packet.previousPacketDropped, 'uint32'],
  internedData: [Packet.internedData, message(INTERNED_DATA)],
  tracePacketDefaults: [Packet.tracePacketDefaults, message(PACKET_DEFAULTS)],
  ftraceEvents: [Packet.ftraceEvents, message(FTRACE_BUNDLE)],
  processTree: [Packet.processTree, message(PROCESS_TREE)],
  clockSnapshot: [Packet.clockSnapshot, message(CLOCK_SNAPSHOT)],
  sysStats: [Packet.sysStats, message(SYS_STATS)],
  trackEvent: [Packet.trackEvent, message(TRACK_EVENT)],
  trackDescriptor: [Packet.trackDescriptor, message(TRACK_DESCRIPTOR)],
  ftraceStats: [Packet.ftraceStats, message(FTRACE_STATS)],
  traceStats: [Packet.traceStats, message(TRACE_STATS)],
  battery: [Packet.battery, message(BATTERY)],
  powerRails: [Packet.powerRails, message(POWER_RAILS)],
  compressedPackets: [Packet.compressedPackets, 'bytes'],
  zstdCompressedPackets: [Packet.zstdCompressedPackets, 'bytes'],
});

/** A TracePacket as decoded, still carrying its compressed block if it had one. */
export type PerfettoRawPacket = PerfettoPacket & { readonly compressedPackets?: Uint8Array };

export function decodePerfettoPacket(d: ProtoDecoder, offset: number): PerfettoRawPacket {
  return decodeProtoMessage<PerfettoRawPacket>(d, PACKET, { offset });
}
