// The simulated perfetto and TFLite's ATrace slices, driven by Tetherscope's own trace start/stop and tool-run
// code through the real adb server. Each trace is decoded twice: by the shared reader and, independently, by
// protobufjs with a schema typed in here from perfetto.md's field numbers. Who may emit slices follows the
// tracing rules: a user build lets only the debuggable APK trace, a userdebug build lets the CLI trace too.
import protobuf from 'protobufjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractTfliteSlices, readPerfettoTrace } from '../../src/shared/formats/perfetto/index.js';
import type { BenchmarkModelResult } from '../../src/shared/tool-output/benchmark-model.js';
import { installBenchmarkApk } from '../../src/main/capture/deploy.js';
import { startDeviceTrace } from '../../src/main/capture/device-trace.js';
import { BENCHMARK_APK_PACKAGE, phoneTracePath } from '../../src/main/capture/phone-layout.js';
import { runTool } from '../../src/main/capture/tool-run.js';
import { runShell } from '../../src/main/devices/android/shell.js';
import type { RunningVirtualPhone } from '../../src/main/devices/virtual/virtual-phone.js';
import { BENCHMARK_APK, type Rig, deployBenchmark, startRig } from './virtual-tools-shared.js';

const ADB_PORT = 15054;
const { Root, Type, Field } = protobuf;

/** Trace → TracePacket → FtraceEventBundle → FtraceEvent → PrintFtraceEvent, field numbers from perfetto.md §1. */
function traceSchema(): protobuf.Type {
  const t = (name: string, fields: [string, number, string, 'repeated'?][]): protobuf.Type => {
    const type = new Type(name);
    for (const [n, id, ty, rule] of fields) type.add(new Field(n, id, ty, rule));
    return type;
  };
  const root = new Root();
  root.add(t('PrintFtraceEvent', [['ip', 1, 'uint64'], ['buf', 2, 'string']]));
  root.add(t('FtraceEvent', [['timestamp', 1, 'uint64'], ['pid', 2, 'uint32'], ['print', 3, 'PrintFtraceEvent']]));
  root.add(t('FtraceEventBundle', [['cpu', 1, 'uint32'], ['event', 2, 'FtraceEvent', 'repeated']]));
  root.add(t('Process', [['pid', 1, 'int32'], ['ppid', 2, 'int32'], ['cmdline', 3, 'string', 'repeated'], ['uid', 5, 'int32']]));
  root.add(t('ProcessTree', [['processes', 1, 'Process', 'repeated']]));
  root.add(t('Clock', [['clock_id', 1, 'uint32'], ['timestamp', 2, 'uint64']]));
  root.add(t('ClockSnapshot', [['clocks', 1, 'Clock', 'repeated'], ['primary_trace_clock', 2, 'uint32']]));
  root.add(t('BufferStats', [['bytes_written', 1, 'uint64'], ['buffer_size', 12, 'uint64']]));
  root.add(t('TraceStats', [['buffer_stats', 1, 'BufferStats', 'repeated'], ['final_flush_outcome', 15, 'int32']]));
  root.add(
    t('TracePacket', [
      ['ftrace_events', 1, 'FtraceEventBundle'],
      ['process_tree', 2, 'ProcessTree'],
      ['clock_snapshot', 6, 'ClockSnapshot'],
      ['timestamp', 8, 'uint64'],
      ['trusted_packet_sequence_id', 10, 'uint32'],
      ['trace_stats', 35, 'TraceStats'],
    ]),
  );
  root.add(t('Trace', [['packet', 1, 'TracePacket', 'repeated']]));
  return root.lookupType('Trace');
}

interface DecodedByProtobufjs {
  prints: { ts: bigint; pid: number; buf: string }[];
  processes: { pid: number; cmdline: string[] }[];
  clocks: { clock_id: number; timestamp: string }[];
  stats: boolean;
}

function decodeIndependently(bytes: Uint8Array): DecodedByProtobufjs {
  const trace = traceSchema();
  const obj = trace.toObject(trace.decode(bytes), { longs: String, defaults: false }) as {
    packet?: {
      ftrace_events?: { event?: { timestamp: string; pid: number; print?: { buf: string } }[] };
      process_tree?: { processes?: { pid: number; cmdline?: string[] }[] };
      clock_snapshot?: { clocks?: { clock_id: number; timestamp: string }[] };
      trace_stats?: unknown;
    }[];
  };
  const packets = obj.packet ?? [];
  return {
    prints: packets.flatMap((p) => (p.ftrace_events?.event ?? []).flatMap((e) => (e.print === undefined ? [] : [{ ts: BigInt(e.timestamp), pid: e.pid, buf: e.print.buf }]))),
    processes: packets.flatMap((p) => (p.process_tree?.processes ?? []).map((q) => ({ pid: q.pid, cmdline: q.cmdline ?? [] }))),
    clocks: packets.flatMap((p) => p.clock_snapshot?.clocks ?? []),
    stats: packets.some((p) => p.trace_stats !== undefined),
  };
}

describe('perfetto on the virtual phone', () => {
  let rig: Rig;
  let user: RunningVirtualPhone;
  let userdebug: RunningVirtualPhone;
  const binaries = new Map<RunningVirtualPhone, { binary: string; model: string }>();
  let traceCount = 0;

  beforeAll(async () => {
    rig = await startRig(ADB_PORT, [{ profile: 'flagship' }, { profile: 'midrange' }]);
    [user, userdebug] = rig.phones as [RunningVirtualPhone, RunningVirtualPhone];
    for (const phone of rig.phones) {
      binaries.set(phone, await deployBenchmark(rig, phone));
      await installBenchmarkApk({ device: rig.device(phone), serial: phone.serial, onProgress: () => undefined }, BENCHMARK_APK);
    }
  });

  afterAll(async () => {
    await rig?.stop();
  });

  const sh = async (phone: RunningVirtualPhone, script: string): Promise<string> =>
    (await runShell(rig.device(phone), phone.serial, script, { timeoutMs: 20_000, what: 'a test command' })).stdout;

  /** One traced pass as the capture engine runs it: trace property on, trace started, tool run, trace stopped. */
  const tracedPass = async (phone: RunningVirtualPhone, flavour: 'cli' | 'apk', extra: string[] = [], traceProperty = '1') => {
    const { binary, model } = binaries.get(phone)!;
    const device = rig.device(phone);
    await sh(phone, `setprop debug.tflite.trace ${traceProperty}`);
    const clockBefore = (await sh(phone, 'read -r up rest </proc/uptime; echo "$up $EPOCHREALTIME"')).trim().split(' ').map(Number);
    const trace = await startDeviceTrace(device, phone.serial, {
      atraceApp: flavour === 'cli' ? binary : BENCHMARK_APK_PACKAGE,
      maxDurationMs: 60_000,
      outputPath: phoneTracePath('virtual-tools', `${flavour}-${traceCount++}`),
    });
    const flags = [`--graph=${model}`, '--num_threads=4', '--use_nnapi=true', '--num_runs=30', '--warmup_runs=3', '--warmup_min_secs=0', '--min_secs=0', ...extra];
    const run = await runTool({ device, serial: phone.serial, flavour, binary, flags, timeoutMs: 30_000, signal: new AbortController().signal, onLine: () => undefined });
    const bytes = await trace.stop();
    const clockAfter = (await sh(phone, 'read -r up rest </proc/uptime; echo "$up $EPOCHREALTIME"')).trim().split(' ').map(Number);
    await sh(phone, 'setprop debug.tflite.trace 0');
    const trace2 = readPerfettoTrace(bytes);
    return {
      bytes,
      result: run.result as BenchmarkModelResult,
      slices: extractTfliteSlices(trace2),
      issues: trace2.issues,
      independent: decodeIndependently(bytes),
      uptimeBefore: clockBefore[0]!,
      uptimeAfter: clockAfter[0]!,
      realtimeMinusUptimeS: clockAfter[1]! - clockAfter[0]!,
    };
  };

  const invokePrints = (d: DecodedByProtobufjs): number => d.prints.filter((p) => /^B\|\d+\|Invoke@0\/0\n?$/.test(p.buf)).length;

  it('on a user build: the CLI binary yields no TFLite slices, the debuggable APK does', async () => {
    const cli = await tracedPass(user, 'cli');
    expect(cli.result.inference_count).toBe(30);
    expect(cli.issues).toEqual([]);
    expect(cli.slices.invokes).toHaveLength(0);
    expect(invokePrints(cli.independent)).toBe(0);
    expect(cli.independent.stats).toBe(true);

    const apk = await tracedPass(user, 'apk');
    expect(apk.result.inference_count).toBe(30);
    const expected = (apk.result.warmup?.count ?? 0) + 30;
    expect(apk.slices.invokes).toHaveLength(expected);
    expect(invokePrints(apk.independent)).toBe(expected);
    // One op slice per step of the execution plan, nested in each Invoke; B and E balance.
    expect(apk.slices.ops.length % expected).toBe(0);
    expect(apk.slices.ops.every((o) => o.invoke !== null && /^(TfLiteNnapiDelegate|[A-Z0-9_]+)$/.test(o.tag))).toBe(true);
    expect(apk.independent.prints.filter((p) => p.buf.startsWith('E|')).length).toBe(apk.independent.prints.filter((p) => p.buf.startsWith('B|')).length);
    // The benchmark's own process is in the process tree, its cmdline the package name.
    const pid = apk.slices.invokes[0]!.tgid;
    expect(apk.independent.processes).toContainEqual({ pid, cmdline: [BENCHMARK_APK_PACKAGE] });
    expect(pid).toBe(apk.result.pid);
  });

  it('on a userdebug build: both the CLI binary and the APK yield slices, one Invoke per warm-up and timed run', async () => {
    for (const flavour of ['cli', 'apk'] as const) {
      const pass = await tracedPass(userdebug, flavour);
      const expected = (pass.result.warmup?.count ?? 0) + (pass.result.inference_count ?? 0);
      expect(expected).toBe(33);
      expect(pass.slices.invokes).toHaveLength(expected);
      expect(invokePrints(pass.independent)).toBe(expected);
      expect(pass.slices.unmatchedEnds + pass.slices.unclosedBegins).toBe(0);
    }
  });

  it('stamps slices on BOOTTIME, the clock of /proc/uptime, and they are the true inferences', async () => {
    const pass = await tracedPass(userdebug, 'cli');
    const first = pass.slices.invokes[0]!;
    const last = pass.slices.invokes.at(-1)!;
    expect(Number(first.begin) / 1e9).toBeGreaterThanOrEqual(pass.uptimeBefore);
    expect(Number(last.end) / 1e9).toBeLessThanOrEqual(pass.uptimeAfter + 0.01);
    const truth = userdebug.phone.model.groundTruth.inferences({ pid: first.tgid });
    expect(truth.map((t) => [t.beginNs, t.endNs])).toEqual(pass.slices.invokes.map((s) => [BigInt(s.begin), BigInt(s.end)]));
    // The trace's clock snapshot pairs BOOTTIME with REALTIME as $EPOCHREALTIME and /proc/uptime do.
    const boot = pass.independent.clocks.find((c) => c.clock_id === 6)!;
    const real = pass.independent.clocks.find((c) => c.clock_id === 1)!;
    const snapshotOffsetS = (Number(BigInt(real.timestamp) - BigInt(boot.timestamp))) / 1e9;
    expect(Math.abs(snapshotOffsetS - pass.realtimeMinusUptimeS)).toBeLessThan(0.02);
  });

  it('emits nothing when debug.tflite.trace is 0 or the op profiler replaces the ATrace profiler', async () => {
    expect((await tracedPass(userdebug, 'cli', [], '0')).slices.invokes).toHaveLength(0);
    const profiled = await tracedPass(userdebug, 'cli', ['--enable_op_profiling=true']);
    expect(profiled.result.op_profile_layout).toBe('wide');
    expect(profiled.slices.invokes).toHaveLength(0);
  });

  it('stops by itself at duration_ms and writes the file', async () => {
    const out = '/data/misc/perfetto-traces/tetherscope-duration.pftrace';
    const config = 'buffers { size_kb: 1024 } data_sources { config { name: "linux.ftrace" ftrace_config { ftrace_events: "ftrace/print" atrace_apps: "*" } } } duration_ms: 300';
    const pid = (await sh(user, `echo '${config}' | perfetto --txt -c - -o ${out} --background`)).trim();
    expect(pid).toMatch(/^\d+$/);
    expect(await sh(user, `kill -0 ${pid} && echo alive`)).toBe('alive\n');
    await new Promise((r) => setTimeout(r, 800));
    expect(await sh(user, `kill -0 ${pid} 2>/dev/null || echo gone`)).toBe('gone\n');
    const bytes = user.phone.vfs.readFile(out);
    expect(readPerfettoTrace(new Uint8Array(bytes)).packets.length).toBeGreaterThan(0);
    expect(await sh(user, `echo 'buffers { size_kb: 1024 ' | perfetto --txt -c - -o ${out} --background; echo status=$?`)).toMatch(/status=1/);
  });
});
