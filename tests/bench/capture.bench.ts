// bench:capture — the telemetry loop against the naive way, on a virtual phone in its own
// process, through a private real adb server. Prints name=value lines at the end.
//
// The stream is read the way a capture reads it (Tetherscope's own socket on the adb server);
// the naive way is one command per sample through adbkit, as the issue defines it.
//
// Each way is measured warm, over one continuous stretch: the stream's second minute, then the naive way's
// 15 s after as many samples of its own. The CPU is read between batches (the bench's own questions and
// /proc reads stay out) and the adb server's to the nanosecond, per thread.
//
// `npm run bench:capture` builds this file and the phone's process (vite.cli.config.ts, mode bench) and
// runs the build with plain Node, as the window and the CLI run Tetherscope: under tsx the process would
// also carry esbuild's service, which pings it every second once tsx had to compile any file.
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAdbClient, resolveAdbServerConfig } from '../../src/main/devices/android/adb-server.js';
import { readAndroidFacts } from '../../src/main/devices/android/device-facts.js';
import { runShell } from '../../src/main/devices/android/shell.js';
import { TelemetrySession } from '../../src/main/telemetry/telemetry-session.js';
import { startPrivateAdbServer } from '../integration/helpers/adb-server.js';
import { adbServerPid, ownCpuMs, threadsCpu, threadsCpuBetween, waitUntilQuiet, type ThreadCpu } from './helpers/process-cpu.js';

const ADB_PORT = 15095;
const ASKED_HZ = 50;
/** Seconds of streaming measured. */
const STREAM_S = Number(process.env['BENCH_CAPTURE_SECONDS'] ?? 60);
/** Seconds of the naive way measured. */
const NAIVE_S = 15;
/**
 * Both ways are measured warm, each after the same number of samples: V8 compiles a hot path after enough calls,
 * which the naive way (some 500 samples a second) reaches in seconds and the stream (50) in about a minute. That
 * first minute is paid once per process (a window, or one `tetherscope profile`); its figures, and the ratio
 * over it, are printed too (`*_warmup_*`, `cpu_ratio_warmup`).
 */
const WARMUP_SAMPLES = Number(process.env['BENCH_CAPTURE_WARMUP_SECONDS'] ?? 60) * ASKED_HZ;
/** The virtual phone's process, built beside this file. */
const PHONE_CHILD = join(dirname(fileURLToPath(import.meta.url)), 'sim-ipc-child.mjs');

/** CPU of both processes at one moment. */
interface CpuReading {
  atMs: number;
  ownMs: number;
  adbThreads: ReadonlyMap<string, ThreadCpu>;
}

interface Spent {
  ownMs: number;
  adbMs: number;
  elapsedS: number;
  /** The adb server's threads that ran, as `ms/times run`: an adb server spending several times its usual CPU shows where. */
  adbByThread: string;
}

function spentBetween(a: CpuReading, b: CpuReading): Spent {
  const adb = threadsCpuBetween(a.adbThreads, b.adbThreads);
  if (adb.ended.length > 0) throw new Error(`adb server threads ${adb.ended.join(', ')} ended while measured: their CPU time cannot be counted.`);
  const adbByThread = adb.threads
    .filter((t) => t.runs > 0)
    .map((t) => `${t.ms.toFixed(1)}/${t.runs}`)
    .join(' ');
  return { ownMs: b.ownMs - a.ownMs, adbMs: adb.ms, elapsedS: (b.atMs - a.atMs) / 1000, adbByThread };
}

interface StreamStretch extends Spent {
  received: number;
  spawns: number;
  /** From the end of the batch before the stretch to the end of its last: the time its samples took to arrive. */
  batchSpanS: number;
}

const cpuMs = (s: Spent): number => s.ownMs + s.adbMs;

/** Resolves with `work`, or rejects after `seconds` with `why()`: a stream that stops sending ends the bench. */
async function within<T>(seconds: number, why: () => string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(why())), seconds * 1000);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

async function main(): Promise<void> {
  if (!existsSync(PHONE_CHILD)) throw new Error(`${PHONE_CHILD} is missing: run this bench with \`npm run bench:capture\`, which builds it.`);
  const server = await startPrivateAdbServer(ADB_PORT);
  const child = fork(PHONE_CHILD, ['flagship', String(ADB_PORT)], { stdio: 'inherit' });
  const ask = <T>(type: string): Promise<T> =>
    new Promise((resolve) => {
      const on = (m: { type: string }): void => {
        if (m.type !== type) return;
        child.off('message', on);
        resolve(m as T);
      };
      child.on('message', on);
      if (type !== 'ready') child.send({ type });
    });
  const spawnCount = async (): Promise<number> => (await ask<{ count: number }>('spawns')).count;
  try {
    const { serial } = await ask<{ serial: string }>('ready');
    const client = createAdbClient(resolveAdbServerConfig({ port: ADB_PORT }));
    const device = client.getDevice(serial);
    const facts = await readAndroidFacts(device, serial);
    const adbPid = adbServerPid(ADB_PORT);
    console.log(`Virtual phone ${serial}; sources: ${[facts.sources.batteryCurrent, facts.sources.batteryVoltage, ...facts.sources.thermalZones].filter(Boolean).length} sysfs files`);
    /** At a window's start this process's CPU is read last, at its end first, so reading the adb server's stays out. */
    const readCpu = (edge: 'start' | 'end'): CpuReading => {
      const ownEnd = edge === 'end' ? ownCpuMs() : 0;
      const adbThreads = threadsCpu(adbPid);
      return { atMs: Date.now(), ownMs: edge === 'end' ? ownEnd : ownCpuMs(), adbThreads };
    };

    // The streaming loop, as a capture runs it. The stream's own batches tell the bench where it is: a timer would
    // wake this process as often as the stream does.
    let onBatch: () => void = () => {};
    // Samples of one series that reached the session: a stream whose clock mapping failed would skip recording and
    // look cheap.
    let recorded = 0;
    let lastBatchAtMs = 0;
    const telemetry = new TelemetrySession({
      device,
      serial,
      sources: facts.sources,
      rateHz: ASKED_HZ,
      workDir: '/data/local/tmp/tetherscope',
      originBootUs: 0,
      emit: (r) => {
        if (r.r === 'samples' && r.id === 'thermal.zone0') recorded += r.tUs.length;
      },
      onBatch: () => {
        lastBatchAtMs = Date.now();
        onBatch();
      },
      onThrottling: () => {},
      log: () => {},
    });
    /** Resolves at the end of the first batch handled after which `done()` holds. */
    const batchWhen = (done: () => boolean): Promise<void> =>
      new Promise((resolve) => {
        onBatch = () => {
          if (!done()) return;
          onBatch = () => {};
          resolve();
        };
      });
    await runShell(device, serial, 'mkdir -p /data/local/tmp/tetherscope', { timeoutMs: 10_000, what: 'preparing' });
    // Both ways are measured once this process has settled after its start-up; without this,
    // start-up work counts as streaming.
    console.log(`Settled after ${(await waitUntilQuiet()).toFixed(0)} s`);
    // What the two processes spend doing nothing, for reading the figures below (they are not corrected by it).
    const idle0 = readCpu('start');
    await new Promise((r) => setTimeout(r, 10_000));
    const idle = spentBetween(idle0, readCpu('end'));
    console.log(`idle CPU before streaming: Tetherscope ${(idle.ownMs / idle.elapsedS).toFixed(1)} ms/s, adb server ${(idle.adbMs / idle.elapsedS).toFixed(1)} ms/s`);

    // Warm-up: the stream's first WARMUP_SAMPLES samples, its start included.
    const warm0 = readCpu('start');
    await telemetry.start();
    await within(
      (3 * WARMUP_SAMPLES) / ASKED_HZ + 30,
      () => `The stream sent ${telemetry.stats.received} samples in its warm-up, short of ${WARMUP_SAMPLES}.`,
      batchWhen(() => telemetry.stats.received >= WARMUP_SAMPLES),
    );
    const warmStream = spentBetween(warm0, readCpu('end'));
    const warmSamples = telemetry.stats.received;
    console.log(`stream warm-up, its first ${warmSamples} samples (start included): ${cpuMs(warmStream).toFixed(0)} ms, not counted below`);

    // The stream, warm: from between two batches, once the phone's process has answered (the bench's own work stays
    // out), to the end of the first batch handled STREAM_S later, so whole batches fall inside.
    const spawns0 = await spawnCount();
    const from = readCpu('start');
    const fromBatchAtMs = lastBatchAtMs;
    const stats0 = telemetry.stats;
    const recorded0 = recorded;
    await within(
      STREAM_S * 3 + 30,
      () => `The stream stopped sending after ${telemetry.stats.received} samples.`,
      batchWhen(() => Date.now() - from.atMs >= STREAM_S * 1000),
    );
    const to = readCpu('end');
    const stats1 = telemetry.stats;
    const recordedInStretch = recorded - recorded0;
    const spawns1 = await spawnCount();
    await telemetry.stop();
    const stream: StreamStretch = {
      ...spentBetween(from, to),
      received: stats1.received - stats0.received,
      spawns: spawns1 - spawns0,
      batchSpanS: (to.atMs - fromBatchAtMs) / 1000,
    };
    if (recordedInStretch !== stream.received) console.warn(`${stream.received} samples received but ${recordedInStretch} recorded.`);
    // Drops are counted over the whole stream, its start included.
    const { received: streamed, dropped } = telemetry.stats;
    console.log(
      `stream: ${stream.received} samples in ${stream.batchSpanS.toFixed(1)} s of batches (${stream.elapsedS.toFixed(1)} s measured), ${stream.spawns} processes started on the phone, ` +
        `${dropped} dropped of ${streamed} streamed in all; CPU Tetherscope ${stream.ownMs.toFixed(0)} ms, adb server ${stream.adbMs.toFixed(0)} ms (by thread, ms/times run: ${stream.adbByThread})`,
    );

    // The naive way: one shell command per sample, through adbkit, as fast as it goes; as many samples to warm up.
    // The adb server closing the stream's connection is not its work.
    await new Promise((r) => setTimeout(r, 500));
    const files = [facts.sources.batteryCurrent, facts.sources.batteryVoltage, facts.sources.batteryTemperature, ...facts.sources.thermalZones, ...facts.sources.cpuFreq].filter((f): f is string => Boolean(f));
    const naiveSample = (): Promise<unknown> => runShell(device, serial, `cat ${files.join(' ')}`, { timeoutMs: 10_000, what: 'a naive sample' });
    const naiveWarm0 = readCpu('start');
    for (let n = 0; n < warmSamples; n++) await naiveSample();
    const naiveWarm = spentBetween(naiveWarm0, readCpu('end'));
    const naive0 = readCpu('start');
    let naiveSamples = 0;
    while (Date.now() - naive0.atMs < NAIVE_S * 1000) {
      await naiveSample();
      naiveSamples++;
    }
    const naive = spentBetween(naive0, readCpu('end'));
    console.log(`naive: ${naiveSamples} samples in ${naive.elapsedS.toFixed(1)} s; CPU Tetherscope ${naive.ownMs.toFixed(0)} ms, adb server ${naive.adbMs.toFixed(0)} ms`);

    const streamCpuPerSample = cpuMs(stream) / Math.max(1, stream.received);
    const naiveCpuPerSample = cpuMs(naive) / Math.max(1, naiveSamples);
    const streamWarmPerSample = cpuMs(warmStream) / Math.max(1, warmSamples);
    const naiveWarmPerSample = cpuMs(naiveWarm) / Math.max(1, warmSamples);
    const lines = {
      stream_warmup_cpu_ms_per_sample: streamWarmPerSample.toFixed(3),
      naive_warmup_cpu_ms_per_sample: naiveWarmPerSample.toFixed(3),
      cpu_ratio_warmup: (naiveWarmPerSample / streamWarmPerSample).toFixed(1),
      telemetry_asked_hz: ASKED_HZ,
      telemetry_rate_hz: (stream.received / stream.batchSpanS).toFixed(2),
      dropped_pct: ((100 * dropped) / Math.max(1, streamed + dropped)).toFixed(2),
      capture_cpu_pct: ((100 * cpuMs(stream)) / (stream.elapsedS * 1000)).toFixed(2),
      device_spawns_per_sample: (stream.spawns / Math.max(1, stream.received)).toFixed(4),
      naive_rate_hz: (naiveSamples / naive.elapsedS).toFixed(2),
      naive_cpu_ms_per_sample: naiveCpuPerSample.toFixed(3),
      stream_cpu_ms_per_sample: streamCpuPerSample.toFixed(3),
      cpu_ratio: (naiveCpuPerSample / streamCpuPerSample).toFixed(1),
    };
    for (const [k, v] of Object.entries(lines)) console.log(`${k}=${v}`);
  } finally {
    child.send({ type: 'stop' });
    await new Promise((r) => setTimeout(r, 500));
    child.kill('SIGKILL');
    await server.stop();
  }
}

await main();
