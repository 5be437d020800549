// Writes a finished session as the protobuf trace perfetto would leave in its output file: a clock snapshot,
// the process tree, the ATrace prints as ftrace print events in per-CPU bundles on the boot clock (perfetto.md
// §1.3–1.5), and the trace stats.
import {
  PerfettoBufferStatsField,
  PerfettoBuiltinClock,
  PerfettoPacketField,
  PerfettoTraceField,
  PerfettoTraceStatsField,
} from '../../../../../shared/formats/perfetto/fields.js';
import { ProtoEncoder } from '../../../../../shared/formats/perfetto/proto/encoder.js';
import { PerfettoTraceWriter } from '../../../../../shared/formats/perfetto/writer.js';
import type { PerfettoFtraceEventInput } from '../../../../../shared/formats/perfetto/write-types.js';
import type { TraceSession } from './tracing-service.js';

const EVENTS_PER_BUNDLE = 512;
/** traced's own writer ids: ftrace, process stats, the service. */
const SEQUENCE = { service: 1, processStats: 2, ftrace: 3 } as const;

export interface TraceClocks {
  readonly bootNs: number;
  readonly realtimeNs: number;
}

/** The CPU a thread's events were read from: the benchmark's threads sit on the big cores. */
function cpuOf(tid: number, cpuCount: number): number {
  return cpuCount - 1 - (tid % Math.max(1, Math.min(4, cpuCount)));
}

export function writeTraceFile(session: TraceSession, clocks: TraceClocks, cpuCount: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  const writer = new PerfettoTraceWriter((chunk) => chunks.push(chunk));
  const stopNs = session.stopNs ?? clocks.bootNs;
  const service = writer.openSequence({ sequenceId: SEQUENCE.service });
  service.clockSnapshot(BigInt(Math.round(session.startNs)), {
    clocks: [
      { clockId: PerfettoBuiltinClock.BOOTTIME, timestamp: BigInt(Math.round(session.startNs)) },
      { clockId: PerfettoBuiltinClock.REALTIME, timestamp: BigInt(Math.round(clocks.realtimeNs - (clocks.bootNs - session.startNs))) },
      { clockId: PerfettoBuiltinClock.MONOTONIC, timestamp: BigInt(Math.round(session.startNs)) },
    ],
    primaryTraceClock: PerfettoBuiltinClock.BOOTTIME,
  });

  if (session.scansProcesses || session.processes.size > 0) {
    const processStats = writer.openSequence({ sequenceId: SEQUENCE.processStats });
    const processes = [...session.processes.values()].sort((a, b) => a.pid - b.pid);
    processStats.processTree(BigInt(Math.round(session.startNs)), {
      processes: processes.map((p) => ({ pid: p.pid, ppid: p.ppid, cmdline: p.argv, uid: p.uid })),
      threads: processes.map((p) => ({ tid: p.pid, tgid: p.pid, name: (p.argv[0] ?? '').slice((p.argv[0] ?? '').lastIndexOf('/') + 1).slice(0, 15) })),
    });
  }

  const byCpu = new Map<number, PerfettoFtraceEventInput[]>();
  const prints = session.prints.filter((p) => p.tsNs <= stopNs).sort((a, b) => a.tsNs - b.tsNs);
  for (const print of prints) {
    const cpu = cpuOf(print.tid, cpuCount);
    const events = byCpu.get(cpu) ?? [];
    byCpu.set(cpu, events);
    events.push({ timestamp: BigInt(Math.round(print.tsNs)), pid: print.tid, print: print.buf });
  }
  if (byCpu.size > 0) {
    const ftrace = writer.openSequence({ sequenceId: SEQUENCE.ftrace });
    for (const [cpu, events] of [...byCpu].sort((a, b) => a[0] - b[0])) {
      for (let i = 0; i < events.length; i += EVENTS_PER_BUNDLE) ftrace.ftraceEvents(cpu, events.slice(i, i + EVENTS_PER_BUNDLE));
    }
  }
  writer.close();
  chunks.push(traceStatsPacket(session));
  const total = chunks.reduce((n, c) => n + c.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/** TraceStats (perfetto.md §1.8), framed as one more `Trace.packet`; the writer has no call for it. */
function traceStatsPacket(session: TraceSession): Uint8Array {
  const e = new ProtoEncoder(128);
  const stats = e.fork(PerfettoPacketField.traceStats);
  const buffer = e.fork(PerfettoTraceStatsField.bufferStats);
  e.uint(PerfettoBufferStatsField.bufferSize, session.bufferBytes);
  e.uint(PerfettoBufferStatsField.bytesWritten, session.bytesWritten);
  e.uint(PerfettoBufferStatsField.bytesOverwritten, session.bytesOverwritten);
  e.uint(PerfettoBufferStatsField.chunksDiscarded, session.droppedPrints);
  e.join(buffer);
  e.uint(PerfettoTraceStatsField.finalFlushOutcome, 1);
  e.join(stats);
  e.uint(PerfettoPacketField.trustedPacketSequenceId, SEQUENCE.service);
  e.frame(PerfettoTraceField.packet);
  return e.buffer.slice(e.frameStart, e.frameEnd);
}
