import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KINDS, type Kind } from '../../shared/tool-output/kinds.js';
import { readRealFixture, realFixture } from '../../../tests/fixtures-path.js';
import { arbGarbageText, arbLineEndings, expectHandled, expectJsonSafe } from '../../../tests/parser-fuzz.js';
import { isKind, parseToolOutput, parseToolOutputBytes } from './parse-any.js';

const KIND_BY_PREFIX: readonly (readonly [RegExp, Kind])[] = [
  [/^benchmark\//, 'benchmark_model'],
  [/thermalservice/, 'thermalservice'],
  [/battery/, 'battery'],
  [/thermalzones/, 'thermal_zones'],
  [/powersupply/, 'power_supply'],
  [/getprop/, 'getprop'],
];

const FIXTURES = ['benchmark', 'telemetry'].flatMap((dir) =>
  readdirSync(realFixture(dir))
    .filter((name) => name.endsWith('.txt'))
    .map((name) => {
      const path = `${dir}/${name}`;
      const kind = KIND_BY_PREFIX.find(([pattern]) => pattern.test(path))?.[1] ?? 'unknown';
      return { path, kind, text: readRealFixture(path) };
    }),
);

describe('parseToolOutput', () => {
  it('finds every real fixture (23 files)', () => {
    expect(FIXTURES).toHaveLength(23);
    for (const { path, kind, text } of FIXTURES) {
      const r = parseToolOutput(text);
      expect([path, r.kind]).toEqual([path, kind]);
      expectJsonSafe(r);
      // Naming the kind gives the same result as detecting it.
      expect(parseToolOutput(text, kind)).toEqual(r);
    }
  });

  it('reads the benchmark APK’s logcat, taking the latest benchmark process', () => {
    const lines = (pid: number, text: string): string[] =>
      text.split('\n').map((line) => `11-28 18:22:01.500 ${pid} ${pid + 1} I tflite  : ${line.replace(/^(?:INFO|WARNING|VERBOSE): /, '')}`);
    const log = [
      ...lines(1111, readRealFixture('benchmark/07-synaptics-astra-android-external-vx-delegate.txt')),
      '11-28 18:22:01.600 2222 2223 I ActivityManager: Killing 1111:org.tensorflow.lite.benchmark',
      ...lines(3333, readRealFixture('benchmark/06-synaptics-astra-android-nnapi-synapnpu-full-delegation.txt')),
    ].join('\n');
    expect(parseToolOutput(log)).toMatchObject({ kind: 'benchmark_model', source: 'logcat', pid: 3333, inference_count: 520 });
    expect(parseToolOutput(log, 'benchmark_model')).toMatchObject({ pid: 3333 });
  });

  it('detects inference_diff, onnxruntime_perf_test and its JSON profile', () => {
    expect(parseToolOutput('INFO: Num evaluation runs: 5\nINFO: Test run latency: avg=10(us), std_dev=1(us)').kind).toBe('inference_diff');
    expect(parseToolOutput('Session creation time cost: 0.5 s\nAverage inference time cost: 8 ms').kind).toBe('ort_perf_test');
    const profile = '[\n{"cat" : "Session","pid" :1,"tid" :1,"dur" :7,"ts" :1,"ph" : "X","name" :"model_run","args" : {}}\n]';
    expect(parseToolOutput(profile)).toMatchObject({ kind: 'ort_profile', runs: 1, run_durations_us: [7] });
    expect(parseToolOutput('41000\n39500\n30000').kind).toBe('thermal_zones');
  });

  it('explains in plain words what it could not read', () => {
    expect(parseToolOutput('')).toEqual({ kind: 'unknown', reason: 'The text is empty.' });
    expect(parseToolOutput('Lorem ipsum dolor sit amet.')).toEqual({
      kind: 'unknown',
      reason:
        'No line looks like output of a tool Tetherscope reads: benchmark_model (CLI or logcat), inference_diff, ' +
        'onnxruntime_perf_test or its JSON profile, dumpsys thermalservice, dumpsys battery, getprop, ' +
        'a power-supply uevent or a thermal-zone listing.',
    });
    expect(parseToolOutput('Current Battery Service state:\n  level: 5', 'getprop')).toEqual({
      kind: 'unknown',
      reason: 'No line of this text is a getprop property ([key]: [value]).',
    });
    expect(parseToolOutput(42 as unknown as string)).toEqual({ kind: 'unknown', reason: 'There is nothing to parse: the input is not text.' });
    expect(parseToolOutput('x', 'nonsense' as Kind)).toEqual({ kind: 'unknown', reason: '"nonsense" is not a kind of tool output.' });
  });

  it('reads a file saved as UTF-16 by a PowerShell redirection', () => {
    const text = readRealFixture('telemetry/24-battery-android15-capacity-level-clusterfuzz4327.txt');
    const bytes = new Uint8Array([0xff, 0xfe, ...Buffer.from(text.replace(/\n/g, '\r\n'), 'utf16le')]);
    expect(parseToolOutputBytes(bytes)).toEqual(parseToolOutput(text));
  });

  it('validates kind names for the CLI', () => {
    expect(KINDS).toEqual(['benchmark_model', 'inference_diff', 'ort_perf_test', 'ort_profile', 'thermalservice', 'battery', 'getprop', 'power_supply', 'thermal_zones', 'unknown']);
    expect(isKind('battery')).toBe(true);
    expect(isKind('dumpsys')).toBe(false);
  });

  it('reads no fixture as a kind it is not', () => {
    for (const { path, kind, text } of FIXTURES) {
      for (const other of KINDS) {
        if (other === kind || other === 'unknown') continue;
        expect([path, other, parseToolOutput(text, other).kind]).toEqual([path, other, 'unknown']);
      }
    }
  });
});

describe('parseToolOutput, generated', () => {
  it('detects the same kind whatever the line ends', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FIXTURES).chain((f) => fc.tuple(fc.constant(f), arbLineEndings(f.text))), ([f, text]) => {
        expect(parseToolOutput(text).kind).toBe(f.kind);
      }),
      { numRuns: 400 },
    );
  });

  it('says unknown for prose, JSON and CSV of words', () => {
    const csv = fc.array(fc.array(fc.lorem({ maxCount: 1 }), { minLength: 2, maxLength: 4 }).map((row) => row.join(',')), { maxLength: 5 }).map((rows) => rows.join('\n'));
    fc.assert(
      fc.property(fc.oneof(fc.lorem({ mode: 'sentences', maxCount: 5 }), fc.json({ maxDepth: 2 }).filter((j) => !j.includes(']: [')), csv), (text) => {
        const r = parseToolOutput(text);
        expect(r.kind).toBe('unknown');
      }),
      { numRuns: 1500 },
    );
  });

  it('never throws and always returns plain JSON of a known kind', () => {
    fc.assert(
      fc.property(arbGarbageText, fc.option(fc.constantFrom(...KINDS), { nil: undefined }), (text, kind) => {
        const r = parseToolOutput(text, kind);
        expectHandled(r);
        expectJsonSafe(r);
        expect(KINDS).toContain(r.kind);
        if (kind !== undefined && kind !== 'unknown') expect([kind, 'unknown']).toContain(r.kind);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('parseToolOutput on long hostile lines', () => {
  const N = 20_000;
  const table = '============================== Run Order ==============================\n\t[node type]\t[first]\t[avg ms]\t[%]\t[cdf%]\t[mem KB]\t[times called]\t[Name]\n';
  const HOSTILE = [
    ' '.repeat(N),
    '\t'.repeat(N),
    '['.repeat(N),
    `count=1${' x=1'.repeat(N / 4)}`,
    `Temperature{${'m'.repeat(N)}`,
    `Name: ${', '.repeat(N / 2)}`,
    'a: '.repeat(N / 3),
    `/sys/class/thermal/thermal_zone1 ${' '.repeat(N)}x`,
    `11-28 18:22:01.500 ${'1 '.repeat(N / 2)}`,
    `I/${'a'.repeat(N)}`,
    `node type, ${'x, '.repeat(N / 3)}`,
    `Replacing 1 node(s) with delegate (${'x'.repeat(N)}`,
    `[a]: [${']'.repeat(N)}`,
    'a,'.repeat(N / 2),
    `$ cat ${'thermal_zone1/temp: '.repeat(N / 20)}`,
    `${table}${'1 '.repeat(N / 2)}`,
    `Following operations are not supported by GPU delegate:\n${'A'.repeat(N)} b`,
    `[${'{"a":"'.repeat(N / 6)}`,
  ];

  it('stays linear: no input takes long for any kind', () => {
    for (const [i, text] of HOSTILE.entries()) {
      for (const kind of [undefined, ...KINDS]) {
        const started = performance.now();
        const r = parseToolOutput(text, kind);
        expect([i, kind, performance.now() - started < 250]).toEqual([i, kind, true]);
        expectHandled(r);
      }
    }
  });
});

