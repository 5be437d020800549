// bench:capture — the telemetry loop against the naive way, on a virtual phone in its own
// process, through a private real adb server. Prints name=value lines at the end.
//
// The stream is read the way a capture reads it (Tetherscope's own socket on the adb server);
// the naive way is one command per sample through adbkit, as the issue defines it.
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
import { adbServerPid, ownCpuMs, processCpuMs, waitUntilQuiet } from './helpers/process-cpu.js';

const ADB_PORT = 15095;
const ASKED_HZ = 50;
const STREAM_S = Number(process.env['BENCH_CAPTURE_SECONDS'] ?? 60);
/**
 * Both ways are measured warm, each after the same number of samples: V8 compiles a hot path after enough calls,
 * which the naive way (some 500 samples a second) reaches in seconds and the stream (50) in about a minute. That
 * first minute is paid once per process (a window, or one `tetherscope profile`); its figures, and the ratio
 * over it, are printed too (`*_warmup_*`, `cpu_ratio_warmup`).
 */
const WARMUP_SAMPLES = Number(process.env['BENCH_CAPTURE_WARMUP_SECONDS'] ?? 60) * ASKED_HZ;
const NAIVE_S = 15;
/** The virtual phone's process, built beside this file. */
const PHONE_CHILD = join(dirname(fileURLToPath(import.meta.url)), 'sim-ipc-child.mjs');

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
  try {
    const { serial } = await ask<{ serial: string }>('ready');
    const client = createAdbClient(resolveAdbServerConfig({ port: ADB_PORT }));
    const device = client.getDevice(serial);
    const facts = await readAndroidFacts(device, serial);
    const adbPid = adbServerPid(ADB_PORT);
    console.log(`Virtual phone ${serial}; sources: ${[facts.sources.batteryCurrent, facts.sources.batteryVoltage, ...facts.sources.thermalZones].filter(Boolean).length} sysfs files`);

    // The streaming loop, as a capture runs it.
    let samples = 0;
    // Told by the stream itself, not found by polling: a timer would wake this process as often as the stream does.
    let warmedUp: () => void = () => {};
    const warm = new Promise<void>((resolve) => {
      warmedUp = resolve;
    });
    const telemetry = new TelemetrySession({
      device,
      serial,
      sources: facts.sources,
      rateHz: ASKED_HZ,
      workDir: '/data/local/tmp/tetherscope',
      originBootUs: 0,
      emit: (r) => {
        if (r.r === 'samples' && r.id === 'thermal.zone0') samples += r.tUs.length;
      },
      onBatch: () => {
        if (telemetry.stats.received >= WARMUP_SAMPLES) warmedUp();
      },
      onThrottling: () => {},
      log: () => {},
    });
    await runShell(device, serial, 'mkdir -p /data/local/tmp/tetherscope', { timeoutMs: 10_000, what: 'preparing' });
    // Both ways are measured once this process has settled after its start-up; without this,
    // start-up work counts as streaming.
    console.log(`Settled after ${(await waitUntilQuiet()).toFixed(0)} s`);
    // What the two processes spend doing nothing, for reading the figures below (they are not corrected by it).
    const idleOwn0 = ownCpuMs();
    const idleAdb0 = processCpuMs(adbPid);
    await new Promise((r) => setTimeout(r, 10_000));
    console.log(`idle CPU before streaming: Tetherscope ${((ownCpuMs() - idleOwn0) / 10).toFixed(1)} ms/s, adb server ${((processCpuMs(adbPid) - idleAdb0) / 10).toFixed(1)} ms/s`);
    const warmOwn0 = ownCpuMs();
    const warmAdb0 = processCpuMs(adbPid);
    await telemetry.start();
    // A stream that stops sending ends the bench instead of leaving it waiting.
    const warmLimitS = (3 * WARMUP_SAMPLES) / ASKED_HZ + 30;
    let warmTimer: NodeJS.Timeout | undefined;
    await Promise.race([
      warm,
      new Promise<never>((_, reject) => {
        warmTimer = setTimeout(() => reject(new Error(`The stream sent ${telemetry.stats.received} samples in ${warmLimitS} s, short of the ${WARMUP_SAMPLES} of the warm-up.`)), warmLimitS * 1000);
      }),
    ]);
    clearTimeout(warmTimer);
    const warmCpuMs = ownCpuMs() - warmOwn0 + (processCpuMs(adbPid) - warmAdb0);
    const warmSamples = telemetry.stats.received;
    console.log(`stream warm-up, its first ${warmSamples} samples (start included): ${warmCpuMs.toFixed(0)} ms, not counted below`);
    const s0 = telemetry.stats;
    const spawns0 = (await ask<{ count: number }>('spawns')).count;
    const own0 = ownCpuMs();
    const adb0 = processCpuMs(adbPid);
    const t0 = Date.now();
    await new Promise((r) => setTimeout(r, STREAM_S * 1000));
    const elapsedS = (Date.now() - t0) / 1000;
    const s1 = telemetry.stats;
    // Read before asking the phone's process for its count: that exchange is the bench's own work.
    const streamOwnMs = ownCpuMs() - own0;
    const streamAdbMs = processCpuMs(adbPid) - adb0;
    const spawns1 = (await ask<{ count: number }>('spawns')).count;
    const streamCpuMs = streamOwnMs + streamAdbMs;
    console.log(`stream CPU: Tetherscope ${streamOwnMs.toFixed(0)} ms, adb server ${streamAdbMs.toFixed(0)} ms`);
    await telemetry.stop();
    const received = s1.received - s0.received;
    const dropped = s1.dropped - s0.dropped;
    const rate = received / elapsedS;
    console.log(`stream: ${received} samples in ${elapsedS.toFixed(1)} s (${samples} recorded), ${dropped} dropped, ${spawns1 - spawns0} processes started on the phone`);

    // The naive way: one shell command per sample, through adbkit, as fast as it goes.
    const files = [facts.sources.batteryCurrent, facts.sources.batteryVoltage, facts.sources.batteryTemperature, ...facts.sources.thermalZones, ...facts.sources.cpuFreq].filter((f): f is string => Boolean(f));
    const naiveSample = (): Promise<unknown> => runShell(device, serial, `cat ${files.join(' ')}`, { timeoutMs: 10_000, what: 'a naive sample' });
    const wOwn0 = ownCpuMs();
    const wAdb0 = processCpuMs(adbPid);
    for (let n = 0; n < warmSamples; n++) await naiveSample();
    const naiveWarmCpuMs = ownCpuMs() - wOwn0 + (processCpuMs(adbPid) - wAdb0);
    const nOwn0 = ownCpuMs();
    const nAdb0 = processCpuMs(adbPid);
    const n0 = Date.now();
    let naive = 0;
    while (Date.now() - n0 < NAIVE_S * 1000) {
      await naiveSample();
      naive++;
    }
    const naiveS = (Date.now() - n0) / 1000;
    const naiveCpuMs = ownCpuMs() - nOwn0 + (processCpuMs(adbPid) - nAdb0);

    const streamCpuPerSample = streamCpuMs / Math.max(1, received);
    const naiveCpuPerSample = naiveCpuMs / Math.max(1, naive);
    const streamWarmPerSample = warmCpuMs / Math.max(1, warmSamples);
    const naiveWarmPerSample = naiveWarmCpuMs / Math.max(1, warmSamples);
    const lines = {
      stream_warmup_cpu_ms_per_sample: streamWarmPerSample.toFixed(3),
      naive_warmup_cpu_ms_per_sample: naiveWarmPerSample.toFixed(3),
      cpu_ratio_warmup: (naiveWarmPerSample / streamWarmPerSample).toFixed(1),
      telemetry_asked_hz: ASKED_HZ,
      telemetry_rate_hz: rate.toFixed(2),
      dropped_pct: ((100 * dropped) / Math.max(1, received + dropped)).toFixed(2),
      capture_cpu_pct: ((100 * streamCpuMs) / (elapsedS * 1000)).toFixed(2),
      device_spawns_per_sample: ((spawns1 - spawns0) / Math.max(1, received)).toFixed(4),
      naive_rate_hz: (naive / naiveS).toFixed(2),
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
