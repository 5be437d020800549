// bench:capture — the telemetry loop against the naive way, on a virtual phone in its own
// process, through a private real adb server. Prints name=value lines at the end.
//
// The stream is read the way a capture reads it (Tetherscope's own socket on the adb server);
// the naive way is one command per sample through adbkit, as the issue defines it.
//
// The two ways are measured in turns (ROUNDS rounds, each a stretch of streaming, then a burst of the naive way),
// and the ratio is taken over the sums: this VM's cost for the same work swings up to several times from one
// minute to the next, so two figures taken a minute apart compare two machines as much as two ways of sampling.
//
// `npm run bench:capture` builds this file and the phone's process (vite.cli.config.ts, mode bench) and
// runs the build with plain Node, as the window and the CLI run Tetherscope: under tsx the process would
// also carry esbuild's service, which pings it every second once tsx had to compile any file.
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createAdbClient, resolveAdbServerConfig } from '../../src/main/devices/android/adb-server.js';
import { readAndroidFacts } from '../../src/main/devices/android/device-facts.js';
import { runShell } from '../../src/main/devices/android/shell.js';
import { TelemetrySession } from '../../src/main/telemetry/telemetry-session.js';
import { startPrivateAdbServer } from '../integration/helpers/adb-server.js';
import { adbServerPid, ownCpuMs, threadsCpu, threadsCpuBetween, waitUntilQuiet, type ThreadCpu } from './helpers/process-cpu.js';

const ADB_PORT = 15095;
const ASKED_HZ = 50;
/** Seconds of streaming measured, over all rounds. */
const STREAM_S = Number(process.env['BENCH_CAPTURE_SECONDS'] ?? 60);
/** Seconds of the naive way measured, over all rounds. */
const NAIVE_S = 15;
const ROUNDS = 4;
/**
 * Batches a restarted stream sends before its round is measured: its start-up (the battery current's calibration
 * after 2 s, the first thermal dump choosing the HAL's sensors) is not what a long capture spends per sample.
 */
const SETTLE_BATCHES = 5;
/** Samples of the naive way run, unmeasured, before each of its stretches. */
const NAIVE_SETTLE_SAMPLES = 1000;
/**
 * Both ways are measured warm, each after the same number of samples: V8 compiles a hot path after enough calls,
 * which the naive way (some 500 samples a second) reaches in seconds and the stream (50) in about a minute. That
 * first minute is paid once per process (a window, or one `tetherscope profile`); its figures, and the ratio
 * over it, are printed too (`*_warmup_*`, `cpu_ratio_warmup`).
 */
const WARMUP_SAMPLES = Number(process.env['BENCH_CAPTURE_WARMUP_SECONDS'] ?? 60) * ASKED_HZ;
/** The virtual phone's process, built beside this file. */
const PHONE_CHILD = join(dirname(fileURLToPath(import.meta.url)), 'sim-ipc-child.mjs');

/**
 * A full garbage collection, run before each stretch of the stream: without it, garbage the naive way leaves (some
 * thousands of connections per round) is collected during the next stream round and counted as streaming. The
 * stream pays the collections that fall inside its stretches. It makes little garbage (some 50 kB a batch), so a
 * stretch may hold no collection at all; what it leaves is swept up uncounted, which in a long capture would be a
 * young-generation collection every few minutes, of a few ms. The naive way pays its own collections (one every
 * few hundred samples) inside its stretches.
 */
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
/** Then a pause, so V8's sweeping after it (on its own threads) falls outside the stretch too. */
async function collectGarbageAndSettle(): Promise<void> {
  collectGarbage();
  await new Promise((r) => setTimeout(r, 200));
}

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

/** One round's stream: whole batches, from between two batches to the end of another's handling. */
interface StreamRound extends Spent {
  received: number;
  spawns: number;
  /** From the end of the batch before the window to the end of its last: the time its samples took to arrive. */
  batchSpanS: number;
}

interface NaiveRound extends Spent {
  samples: number;
}

const sum = <T>(items: readonly T[], of: (item: T) => number): number => items.reduce((total, item) => total + of(item), 0);
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
    const newTelemetry = (): TelemetrySession =>
      new TelemetrySession({
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
    /** Resolves at the end of the first batch for which `done(batches since the call)` holds. */
    const batchWhen = (done: (batches: number) => boolean): Promise<void> =>
      new Promise((resolve) => {
        let batches = 0;
        onBatch = () => {
          if (!done(++batches)) return;
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

    // Warm-up: the stream's first WARMUP_SAMPLES samples, its start included, then as many of the naive way.
    const warm0 = readCpu('start');
    const warmTelemetry = newTelemetry();
    await warmTelemetry.start();
    await within(
      (3 * WARMUP_SAMPLES) / ASKED_HZ + 30,
      () => `The stream sent ${warmTelemetry.stats.received} samples in its warm-up, short of ${WARMUP_SAMPLES}.`,
      batchWhen(() => warmTelemetry.stats.received >= WARMUP_SAMPLES),
    );
    const warmStream = spentBetween(warm0, readCpu('end'));
    const warmSamples = warmTelemetry.stats.received;
    const sessions: { received: number; dropped: number }[] = [];
    await warmTelemetry.stop();
    sessions.push(warmTelemetry.stats);
    await new Promise((r) => setTimeout(r, 500));
    console.log(`stream warm-up, its first ${warmSamples} samples (start included): ${cpuMs(warmStream).toFixed(0)} ms, not counted below`);
    const files = [facts.sources.batteryCurrent, facts.sources.batteryVoltage, facts.sources.batteryTemperature, ...facts.sources.thermalZones, ...facts.sources.cpuFreq].filter((f): f is string => Boolean(f));
    const naiveSample = (): Promise<unknown> => runShell(device, serial, `cat ${files.join(' ')}`, { timeoutMs: 10_000, what: 'a naive sample' });
    await collectGarbageAndSettle();
    const naiveWarm0 = readCpu('start');
    for (let n = 0; n < warmSamples; n++) await naiveSample();
    const naiveWarm = spentBetween(naiveWarm0, readCpu('end'));

    // The rounds: each restarts the stream, lets it settle, measures it, stops it, then runs the naive way.
    const streamRounds: StreamRound[] = [];
    const naiveRounds: NaiveRound[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const telemetry = newTelemetry();
      await telemetry.start();
      const windowS = STREAM_S / ROUNDS;
      const limitS = 3 * windowS + 30;
      const why = (): string => `Round ${round}: the stream sent ${telemetry.stats.received} samples, short of ${SETTLE_BATCHES} batches and ${windowS} s.`;
      await within(limitS, why, batchWhen((n) => n >= SETTLE_BATCHES));
      // The window starts between two batches, once the phone's process has answered: the bench's own work
      // (its question, reading the adb server's threads) stays out of it, and whole batches fall inside.
      const spawns0 = await spawnCount();
      await collectGarbageAndSettle();
      const from = readCpu('start');
      const fromBatchAtMs = lastBatchAtMs;
      const stats0 = telemetry.stats;
      const recorded0 = recorded;
      await within(limitS, why, batchWhen(() => Date.now() - from.atMs >= windowS * 1000));
      const to = readCpu('end');
      const stats1 = telemetry.stats;
      const recordedInWindow = recorded - recorded0;
      const spawns1 = await spawnCount();
      await telemetry.stop();
      const stream: StreamRound = {
        ...spentBetween(from, to),
        received: stats1.received - stats0.received,
        spawns: spawns1 - spawns0,
        batchSpanS: (to.atMs - fromBatchAtMs) / 1000,
      };
      if (recordedInWindow !== stream.received) console.warn(`Round ${round}: ${stream.received} samples received but ${recordedInWindow} recorded.`);
      streamRounds.push(stream);
      // Drops are counted over every session, its start included, the warm-up's too.
      sessions.push(telemetry.stats);

      const naiveS = NAIVE_S / ROUNDS;
      // The adb server closing the stream's connection is not the naive way's work.
      await new Promise((r) => setTimeout(r, 500));
      // The naive way settles too: after the collection before the stream's stretch, V8 starts it with a small
      // young generation, which a long run of the naive way would long have grown.
      const settle0 = readCpu('start');
      for (let n = 0; n < NAIVE_SETTLE_SAMPLES; n++) await naiveSample();
      const settle = spentBetween(settle0, readCpu('end'));
      const naive0 = readCpu('start');
      let samples = 0;
      while (Date.now() - naive0.atMs < naiveS * 1000) {
        await naiveSample();
        samples++;
      }
      const naive: NaiveRound = { ...spentBetween(naive0, readCpu('end')), samples };
      naiveRounds.push(naive);
      const streamPerSample = cpuMs(stream) / Math.max(1, stream.received);
      const naivePerSample = cpuMs(naive) / Math.max(1, samples);
      console.log(
        `round ${round}: stream ${stream.received} samples in ${stream.elapsedS.toFixed(1)} s, Tetherscope ${stream.ownMs.toFixed(1)} ms + adb server ${stream.adbMs.toFixed(1)} ms ` +
          `(by thread, ms/times run: ${stream.adbByThread}) = ${streamPerSample.toFixed(3)} ms/sample\n` +
          `         naive settling ${NAIVE_SETTLE_SAMPLES} samples ${(cpuMs(settle) / NAIVE_SETTLE_SAMPLES).toFixed(3)} ms/sample; measured ${samples} samples in ${naive.elapsedS.toFixed(1)} s, ${cpuMs(naive).toFixed(0)} ms = ${naivePerSample.toFixed(3)} ms/sample; ratio ${(naivePerSample / streamPerSample).toFixed(1)}`,
      );
    }

    const received = sum(streamRounds, (r) => r.received);
    const dropped = sum(sessions, (r) => r.dropped);
    const sessionsReceived = sum(sessions, (r) => r.received);
    const spawns = sum(streamRounds, (r) => r.spawns);
    const streamS = sum(streamRounds, (r) => r.elapsedS);
    const batchSpanS = sum(streamRounds, (r) => r.batchSpanS);
    const streamCpuMs = sum(streamRounds, cpuMs);
    const naiveSamples = sum(naiveRounds, (r) => r.samples);
    const naiveS = sum(naiveRounds, (r) => r.elapsedS);
    console.log(
      `stream: ${received} samples in ${batchSpanS.toFixed(1)} s of batches (${streamS.toFixed(1)} s measured), ${spawns} processes started on the phone; ${dropped} dropped of ${sessionsReceived} streamed in all; ` +
        `CPU Tetherscope ${sum(streamRounds, (r) => r.ownMs).toFixed(0)} ms, adb server ${sum(streamRounds, (r) => r.adbMs).toFixed(0)} ms`,
    );
    console.log(`naive: ${naiveSamples} samples in ${naiveS.toFixed(1)} s; CPU Tetherscope ${sum(naiveRounds, (r) => r.ownMs).toFixed(0)} ms, adb server ${sum(naiveRounds, (r) => r.adbMs).toFixed(0)} ms`);

    const streamCpuPerSample = streamCpuMs / Math.max(1, received);
    const naiveCpuPerSample = sum(naiveRounds, cpuMs) / Math.max(1, naiveSamples);
    const streamWarmPerSample = cpuMs(warmStream) / Math.max(1, warmSamples);
    const naiveWarmPerSample = cpuMs(naiveWarm) / Math.max(1, warmSamples);
    const roundRatios = streamRounds.map((s, i) => cpuMs(naiveRounds[i]!) / Math.max(1, naiveRounds[i]!.samples) / (cpuMs(s) / Math.max(1, s.received)));
    const lines = {
      stream_warmup_cpu_ms_per_sample: streamWarmPerSample.toFixed(3),
      naive_warmup_cpu_ms_per_sample: naiveWarmPerSample.toFixed(3),
      cpu_ratio_warmup: (naiveWarmPerSample / streamWarmPerSample).toFixed(1),
      cpu_ratio_round_min: Math.min(...roundRatios).toFixed(1),
      cpu_ratio_round_max: Math.max(...roundRatios).toFixed(1),
      telemetry_asked_hz: ASKED_HZ,
      telemetry_rate_hz: (received / batchSpanS).toFixed(2),
      dropped_pct: ((100 * dropped) / Math.max(1, sessionsReceived + dropped)).toFixed(2),
      capture_cpu_pct: ((100 * streamCpuMs) / (streamS * 1000)).toFixed(2),
      device_spawns_per_sample: (spawns / Math.max(1, received)).toFixed(4),
      naive_rate_hz: (naiveSamples / naiveS).toFixed(2),
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
