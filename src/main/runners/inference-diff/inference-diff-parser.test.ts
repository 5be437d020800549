// No real inference_diff output is in the fixtures; these follow benchmark-tools.md §6.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  arbGarbageLine,
  arbLinePrefix,
  arbWithNoise,
  cppG,
  expectHandled,
  expectJsonSafe,
} from '../../../../tests/parser-fuzz.js';
import { parseInferenceDiff } from './inference-diff-parser.js';

describe('inference_diff', () => {
  it('reads the INFO-prefixed output with glog stage lines', () => {
    const text = [
      'I0000 00:00:1658183303.208241    8218 inference_profiler_stage.cc:78] Test interpreter has been initialized.',
      'I0000 00:00:1658183303.208300    8218 inference_profiler_stage.cc:70] Reference interpreter (1 thread on CPU) has been initialized.',
      'INFO: Num evaluation runs: 50',
      'INFO: Reference run latency: avg=35122.4(us), std_dev=2011(us)',
      'INFO: Test run latency: avg=4417.06(us), std_dev=398(us)',
      'INFO: OutputDiff[0]: avg_error=1.96277e-05, std_dev=3.1e-06',
      'INFO: OutputDiff[1]: avg_error=0.00123, std_dev=0',
    ].join('\n');
    expect(parseInferenceDiff(text)).toEqual({
      kind: 'inference_diff',
      runs: 50,
      reference_avg_us: 35122.4,
      reference_std_us: 2011,
      test_avg_us: 4417.06,
      test_std_us: 398,
      output_diffs: [
        { index: 0, avg_error: 1.96277e-5, std_dev: 3.1e-6 },
        { index: 1, avg_error: 0.00123, std_dev: 0 },
      ],
      failures: [],
    });
  });

  it('reads the unprefixed output, logcat lines, nan and failures', () => {
    const text = [
      'WARN: Unsupported TFLite delegate: npu',
      '11-28 18:22:01.123  4321  4330 I tflite  : Num evaluation runs: 3',
      'Reference run latency: avg=100(us), std_dev=nan(us)',
      'ERROR: TFLite interpreter failed to invoke at run 2',
    ].join('\n');
    expect(parseInferenceDiff(text)).toMatchObject({
      runs: 3,
      reference_avg_us: 100,
      reference_std_us: null,
      test_avg_us: null,
      output_diffs: [],
      failures: ['Unsupported TFLite delegate: npu', 'TFLite interpreter failed to invoke at run 2'],
    });
  });

  it('says unknown for other text', () => {
    expect(parseInferenceDiff('Could not open model\nhello')).toEqual({
      kind: 'unknown',
      reason: 'No line of this text is output of the TFLite inference_diff tool.',
    });
  });
});

interface Run {
  readonly runs: number;
  readonly reference: readonly [number, number];
  readonly test: readonly [number, number];
  readonly diffs: readonly (readonly [number, number])[];
  readonly prefixes: readonly number[];
}

const arbValue = fc.oneof(fc.integer({ min: 0, max: 9_999_999 }), fc.double({ min: 1e-9, max: 1e7, noNaN: true, noDefaultInfinity: true }));
const arbRun: fc.Arbitrary<Run> = fc.record({
  runs: fc.integer({ min: 0, max: 100_000 }),
  reference: fc.tuple(arbValue, arbValue),
  test: fc.tuple(arbValue, arbValue),
  diffs: fc.array(fc.tuple(arbValue, arbValue), { maxLength: 5 }),
  prefixes: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 8, maxLength: 8 }),
});

const PREFIXES = ['', 'INFO: ', 'I0000 00:00:1658183303.208241    8218 run_eval.cc:123] '];

function render(run: Run): string {
  const lines = [
    `Num evaluation runs: ${run.runs}`,
    `Reference run latency: avg=${cppG(run.reference[0])}(us), std_dev=${cppG(run.reference[1])}(us)`,
    `Test run latency: avg=${cppG(run.test[0])}(us), std_dev=${cppG(run.test[1])}(us)`,
    ...run.diffs.map(([error, std], i) => `OutputDiff[${i}]: avg_error=${cppG(error)}, std_dev=${cppG(std)}`),
  ];
  return lines.map((line, i) => (PREFIXES[run.prefixes[i % run.prefixes.length] ?? 0] ?? '') + line).join('\n');
}

function expected(run: Run): Record<string, unknown> {
  const printed = (x: number): number => Number(cppG(x));
  return {
    kind: 'inference_diff',
    runs: run.runs,
    reference_avg_us: printed(run.reference[0]),
    reference_std_us: printed(run.reference[1]),
    test_avg_us: printed(run.test[0]),
    test_std_us: printed(run.test[1]),
    output_diffs: run.diffs.map(([error, std], index) => ({ index, avg_error: printed(error), std_dev: printed(std) })),
    failures: [],
  };
}

describe('inference_diff, generated', () => {
  it('reads back every generated output, whatever the prefixes, line ends and noise', () => {
    const noise = fc.constantFrom('INFO: Loaded model /m.tflite', 'type 54 str SoftmaxAxis0', 'I0000 00:00:1.0    1 x.cc:1] Test interpreter has been initialized.');
    fc.assert(
      fc.property(arbRun.chain((run) => fc.tuple(fc.constant(run), arbWithNoise(render(run), noise), fc.boolean())), ([run, text, crlf]) => {
        expect(parseInferenceDiff(crlf ? text.replace(/\n/g, '\r\n') : text)).toEqual(expected(run));
      }),
      { numRuns: 4000 },
    );
  });

  it('gives partial results, never wrong ones, for any whole-line head', () => {
    fc.assert(
      fc.property(arbRun.chain((run) => fc.tuple(fc.constant(run), arbLinePrefix(render(run)))), ([run, cut]) => {
        const r = parseInferenceDiff(cut.text);
        if (cut.lines === 0) {
          expect(r.kind).toBe('unknown');
          return;
        }
        const full = expected(run);
        expect(r.kind).toBe('inference_diff');
        for (const [key, value] of Object.entries(r)) {
          if (key === 'output_diffs') expect(full['output_diffs']).toEqual(expect.arrayContaining(value as unknown[]));
          else if (value !== null) expect(value).toEqual(full[key]);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('never throws on garbage; structural garbage is unknown', () => {
    fc.assert(
      fc.property(fc.array(arbGarbageLine, { maxLength: 10 }), (lines) => {
        const r = parseInferenceDiff(lines.join('\n'));
        expectHandled(r);
        expectJsonSafe(r);
        if (lines.every((line) => !/[A-Za-z]/.test(line))) expect(r.kind).toBe('unknown');
      }),
      { numRuns: 3000 },
    );
  });
});
