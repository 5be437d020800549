import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BenchmarkModelResult } from '../../../shared/tool-output/benchmark-model.js';
import { readRealFixture } from '../../../../tests/fixtures-path.js';
import { expectHandled, expectJsonSafe, linesOf, memoByText } from '../../../../tests/parser-fuzz.js';
import { parseLogcatLine } from '../../parsing/logcat-line.js';
import { parseBenchmarkModel } from './benchmark-model-parser.js';
import { createBenchmarkLogcatParser, findBenchmarkPid, findBenchmarkPids, parseBenchmarkLogcat } from './logcat.js';

const PRIORITY_BY_PREFIX: Readonly<Record<string, string>> = { 'INFO: ': 'I', 'WARNING: ': 'W', 'ERROR: ': 'E', 'VERBOSE: ': 'V' };

/** What the benchmark APK would have logged for these CLI lines: one logcat entry per line. */
function asThreadtime(text: string, pid: number, tid = pid + 17): string[] {
  return linesOf(text).map((line, i) => {
    const prefix = Object.keys(PRIORITY_BY_PREFIX).find((p) => line.startsWith(p));
    const priority = prefix === undefined ? 'I' : PRIORITY_BY_PREFIX[prefix];
    const message = prefix === undefined ? line : line.slice(prefix.length);
    const ms = String(100 + (i % 900)).padStart(3, '0');
    return `11-28 18:22:01.${ms}  ${String(pid).padStart(5)}  ${String(tid).padStart(5)} ${priority} tflite  : ${message}`;
  });
}

/** The CLI parse of the same lines, without the two fields that say where lines came from. */
const cliResult = memoByText((text: string): Omit<BenchmarkModelResult, 'source' | 'pid'> => {
  const r = parseBenchmarkModel(text);
  if (r.kind !== 'benchmark_model') throw new Error(r.reason);
  const { source: _source, pid: _pid, ...rest } = r;
  return rest;
});

const run06 = readRealFixture('benchmark/06-synaptics-astra-android-nnapi-synapnpu-full-delegation.txt');
const run07 = readRealFixture('benchmark/07-synaptics-astra-android-external-vx-delegate.txt');

const OTHER_PROCESS = [
  '11-28 18:22:00.001   612   640 I ActivityManager: Start proc 4321:org.tensorflow.lite.benchmark/u0a123 for top-activity',
  '11-28 18:22:00.002  2210  2210 I tflite  : Initialized TensorFlow Lite runtime.',
  '11-28 18:22:00.003  4321  4321 D OpenGLRenderer: HWUI GL Pipeline',
  '11-28 18:22:00.004  4321  4321 I tflite_BenchmarkModelActivity: Running TensorFlow Lite benchmark with args: --graph=/data/local/tmp/m.tflite',
  '--------- beginning of main',
];

describe('benchmark APK output in logcat', () => {
  const stale = asThreadtime(run07, 1234);
  const latest = asThreadtime(run06, 4321);
  const log = [...OTHER_PROCESS.slice(0, 2), ...stale, ...OTHER_PROCESS.slice(2), ...latest].join('\n');

  it('finds the benchmark runs by pid and takes the latest', () => {
    expect(findBenchmarkPids(log)).toEqual([1234, 4321]);
    expect(findBenchmarkPid(log)).toBe(4321);
    expect(findBenchmarkPid('hello')).toBeNull();
  });

  it('reads the chosen run exactly as the CLI output of the same lines', () => {
    expect(parseBenchmarkLogcat(log, 4321)).toEqual({ ...cliResult(run06), source: 'logcat', pid: 4321 });
    const older = parseBenchmarkLogcat(log, 1234);
    expect(older).toMatchObject({ kind: 'benchmark_model', source: 'logcat', pid: 1234, inference_count: 876, inference_avg_us: 1096.48 });
  });

  it('reads the brief and time formats, and keeps every process when no pid is given', () => {
    const brief = linesOf(run06).map((line) => `I/tflite  ( 4321): ${line.replace(/^(?:INFO|WARNING|VERBOSE): /, '')}`);
    expect(parseBenchmarkLogcat(brief.join('\n'), 4321)).toMatchObject({ inference_count: 520, init_us: 66002 });
    const timed = brief.map((line) => `11-28 18:22:01.123 ${line}`);
    expect(parseBenchmarkLogcat(timed.join('\n'), null)).toMatchObject({ pid: null, inference_count: 520 });
    expect(parseLogcatLine('11-28 18:22:01.123 I/tflite  ( 4321): x')).toEqual({ pid: 4321, tid: null, priority: 'I', tag: 'tflite', message: 'x' });
    expect(parseLogcatLine('2024-11-28 18:22:01.123456789  1000  4321  4330 E tflite: y')).toEqual({
      pid: 4321,
      tid: 4330,
      priority: 'E',
      tag: 'tflite',
      message: 'y',
    });
  });

  it('is unknown for a pid that logged nothing of a benchmark', () => {
    expect(parseBenchmarkLogcat(log, 99)).toEqual({
      kind: 'unknown',
      reason: 'No line of this text is output of the TFLite benchmark_model tool.',
    });
  });

  it('reads a live capture fed line by line', () => {
    const parser = createBenchmarkLogcatParser(4321);
    for (const line of linesOf(log)) parser.feed(line);
    expect(parser.result()).toEqual(parseBenchmarkLogcat(log, 4321));
  });
});

const REAL = [
  '01-mi11-sd888-nnapi-qtigpu-partial-opprofile.txt',
  '02-mi11-sd888-nnapi-qtidefault-int8-compile-fail.txt',
  '05-mi11-sd888-nnapi-qtigpu-fp16-tail-only.txt',
  '06-synaptics-astra-android-nnapi-synapnpu-full-delegation.txt',
  '07-synaptics-astra-android-external-vx-delegate.txt',
  '10-imx8mp-vx-external-delegate-ssd-partial-opprofile.txt',
  '13-imx8mp-vx-external-delegate-mobilenet-full-delegation-opprofile.txt',
].map((name) => readRealFixture(`benchmark/${name}`));

const arbOtherEntry = fc
  .record({
    pid: fc.integer({ min: 1, max: 99_999 }),
    priority: fc.constantFrom('V', 'D', 'I', 'W', 'E', 'F'),
    tag: fc.constantFrom('tflite', 'Adreno', 'ActivityManager', 'tflite_BenchmarkModelActivity', 'NNAPI'),
    message: fc.constantFrom(
      'count=3 first=1 curr=1 min=1 max=1 avg=1 std=0',
      'Inference timings in us: Init: 1, First inference: 2, Warmup (avg): 3, Inference (avg): 4',
      'Replacing 1 out of 9 node(s) with delegate (TfLiteGpuDelegateV2) node, yielding 3 partitions.',
      'Benchmarking failed.',
      'QGLCompiler: shader compiled',
      '',
    ),
  })
  .map(({ pid, priority, tag, message }) => ({ pid, line: `11-28 18:22:02.500 ${String(pid).padStart(5)} 777 ${priority} ${tag}: ${message}` }));

describe('benchmark APK logcat, generated', () => {
  it('reads one process out of a log interleaved with any other processes', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...REAL),
        fc.integer({ min: 2, max: 99_999 }),
        fc.array(fc.tuple(fc.nat(), arbOtherEntry), { maxLength: 12 }),
        (text, pid, others) => {
          const lines = asThreadtime(text, pid);
          for (const [at, other] of others) {
            if (other.pid === pid) continue;
            lines.splice(at % (lines.length + 1), 0, other.line);
          }
          const r = parseBenchmarkLogcat(lines.join('\r\n'), pid);
          expect(r).toEqual({ ...cliResult(text), source: 'logcat', pid });
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('never throws on logcat-shaped garbage and returns plain JSON', () => {
    const arbLine = fc
      .tuple(fc.integer({ min: 0, max: 99_999 }), fc.constantFrom('I', 'E', 'W', 'X'), fc.string({ maxLength: 12 }), fc.string({ maxLength: 40 }))
      .map(([pid, priority, tag, message]) => `11-28 18:22:02.500 ${pid} ${pid} ${priority} ${tag}: ${message}`);
    fc.assert(
      fc.property(fc.array(fc.oneof(arbLine, fc.string({ maxLength: 30 })), { maxLength: 15 }), fc.option(fc.integer({ min: 0, max: 99_999 }), { nil: null }), (lines, pid) => {
        const r = parseBenchmarkLogcat(lines.join('\n'), pid);
        expectHandled(r);
        expectJsonSafe(r);
        if (r.kind === 'benchmark_model') expect(r.pid).toBe(pid);
      }),
      { numRuns: 1000 },
    );
  });
});
