// No real onnxruntime_perf_test output is in the fixtures; these follow benchmark-tools.md §7.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OrtPerfTestResult } from '../../../shared/tool-output/ort.js';
import { arbGarbageLine, arbLinePrefix, cppG, expectHandled, expectJsonSafe } from '../../../../tests/parser-fuzz.js';
import { parseOrtPerfTest } from './perf-test-parser.js';

const CURRENT = [
  'Setting intra_op_num_threads to 4',
  'Disabling intra-op thread spinning between runs',
  '2025-01-02 10:11:12.1234567 [I:onnxruntime:, qnn_execution_provider.cc:1152 GetCapability] Number of partitions supported by QNN EP: 2, number of nodes in the graph: 120, number of nodes supported by QNN: 117',
  '2025-01-02 10:11:12.2234567 [V:onnxruntime:, session_state.cc:1148 VerifyEachNodeIsAssignedToAnEp] Node placements',
  '2025-01-02 10:11:12.2234568 [V:onnxruntime:, session_state.cc:1151 VerifyEachNodeIsAssignedToAnEp]  Node(s) placed on [QNNExecutionProvider]. Number of nodes: 2',
  '2025-01-02 10:11:12.2234569 [V:onnxruntime:, session_state.cc:1151 VerifyEachNodeIsAssignedToAnEp]  Node(s) placed on [CPUExecutionProvider]. Number of nodes: 3',
  'Session creation time cost: 0.523881 s',
  'First inference time cost: 12 ms',
  'Total inference time cost: 0.812 s',
  'Total inference requests: 100',
  'Average inference time cost total: 8.12 ms',
  'Total inference run time: 0.8211 s',
  'Number of inferences per second: 121.788 ',
  'Avg CPU usage: 68 %',
  'Peak working set size: 123456789 bytes',
  'Avg CPU usage:68',
  'Peak working set size:123456789',
  'Runs:100',
  'Min Latency: 0.00701 s',
  'Max Latency: 0.0152 s',
  'P50 Latency: 0.0079 s',
  'P90 Latency: 0.0093 s',
  'P95 Latency: 0.0101 s',
  'P99 Latency: 0.0123 s',
  'P999 Latency: 0.0152 s',
].join('\n');

describe('onnxruntime_perf_test', () => {
  it('reads the current console output with QNN capability and placement lines', () => {
    expect(parseOrtPerfTest(CURRENT)).toEqual({
      kind: 'ort_perf_test',
      avg_ms: 8.12,
      runs: 100,
      first_inference_ms: 12,
      min_ms: 7.01,
      max_ms: 15.2,
      p50_ms: 7.9,
      p90_ms: 9.3,
      p95_ms: 10.1,
      p99_ms: 12.3,
      p999_ms: 15.2,
      session_creation_s: 0.523881,
      total_inference_s: 0.812,
      total_run_time_s: 0.8211,
      inferences_per_second: 121.788,
      avg_cpu_percent: 68,
      peak_working_set_bytes: 123456789,
      intra_op_threads: 4,
      run_latencies_ms: [],
      capabilities: [{ provider: 'QNNExecutionProvider', partitions: 2, nodes_total: 120, nodes_supported: 117 }],
      placements: [
        { provider: 'QNNExecutionProvider', nodes: 2 },
        { provider: 'CPUExecutionProvider', nodes: 3 },
      ],
      failures: [],
    } satisfies OrtPerfTestResult);
  });

  it('reads the 2020 format (no spaces, no first inference), result-file rows and the 2019 percentile wording', () => {
    const text = [
      'Session creation time cost:1.84149 s',
      'Total inference time cost:0.1 s',
      'Total inference requests:4',
      'Average inference time cost:25 ms',
      'squeezenet,0.024,1000,50,0',
      'squeezenet,0.026,1000,50,1',
      'P90 Latency is 0.026sec',
    ].join('\r\n');
    expect(parseOrtPerfTest(text)).toMatchObject({
      session_creation_s: 1.84149,
      first_inference_ms: null,
      avg_ms: 25,
      runs: 4,
      p90_ms: 26,
      run_latencies_ms: [24, 26],
    });
  });

  it('reads NNAPI capability lines from logcat and error lines', () => {
    const text = [
      'I/onnxruntime: [I:onnxruntime:, nnapi_execution_provider.cc:200 GetCapability] NnapiExecutionProvider::GetCapability, number of partitions supported by NNAPI: 3 number of nodes in the graph: 50 number of nodes supported by NNAPI: 41',
      '2025-01-02 10:11:12.1 [E:onnxruntime:, inference_session.cc:1 Initialize] Unsupported nodes in QNN EP: Resize_12',
      'Session creation time cost: 0.1 s',
    ].join('\n');
    expect(parseOrtPerfTest(text)).toMatchObject({
      capabilities: [{ provider: 'NnapiExecutionProvider', partitions: 3, nodes_total: 50, nodes_supported: 41 }],
      failures: ['Unsupported nodes in QNN EP: Resize_12'],
    });
  });

  it('says unknown for other text', () => {
    expect(parseOrtPerfTest('Error: model not found')).toEqual({
      kind: 'unknown',
      reason: 'No line of this text is output of onnxruntime_perf_test.',
    });
  });
});

interface Perf {
  readonly creationS: number;
  readonly firstMs: number;
  readonly avgMs: number;
  readonly requests: number;
  readonly latenciesS: readonly number[];
  readonly modern: boolean;
  readonly withResultRows: boolean;
}

const arbPositive = fc.double({ min: 1e-6, max: 1e4, noNaN: true, noDefaultInfinity: true });
const arbPerf: fc.Arbitrary<Perf> = fc.record({
  creationS: arbPositive,
  firstMs: fc.integer({ min: 0, max: 100_000 }),
  avgMs: arbPositive,
  requests: fc.integer({ min: 1, max: 1_000_000 }),
  latenciesS: fc.array(arbPositive, { minLength: 7, maxLength: 7 }),
  modern: fc.boolean(),
  withResultRows: fc.boolean(),
});

const LATENCY_NAMES = ['Min', 'Max', 'P50', 'P90', 'P95', 'P99', 'P999'] as const;

function render(p: Perf): string {
  const sep = p.modern ? ': ' : ':';
  const lines = [
    `Session creation time cost${sep}${cppG(p.creationS)} s`,
    ...(p.modern ? [`First inference time cost: ${p.firstMs} ms`] : []),
    `Total inference requests${sep}${p.requests}`,
    `Average inference time cost${sep}${cppG(p.avgMs)} ms`,
    ...(p.withResultRows ? p.latenciesS.map((s, i) => `model,${cppG(s)},1000,50,${i}`) : []),
    `Runs:${p.requests}`,
    ...LATENCY_NAMES.map((name, i) => `${name} Latency: ${cppG(p.latenciesS[i] ?? 0)} s`),
  ];
  return lines.join('\n');
}

const ms = (seconds: number): number => Number((Number(cppG(seconds)) * 1000).toPrecision(12));

describe('onnxruntime_perf_test, generated', () => {
  it('reads back every generated output', () => {
    fc.assert(
      fc.property(arbPerf, (p) => {
        const r = parseOrtPerfTest(render(p));
        expect(r).toMatchObject({
          kind: 'ort_perf_test',
          session_creation_s: Number(cppG(p.creationS)),
          first_inference_ms: p.modern ? p.firstMs : null,
          avg_ms: Number(cppG(p.avgMs)),
          runs: p.requests,
          min_ms: ms(p.latenciesS[0] ?? 0),
          p50_ms: ms(p.latenciesS[2] ?? 0),
          p90_ms: ms(p.latenciesS[3] ?? 0),
          p99_ms: ms(p.latenciesS[5] ?? 0),
          run_latencies_ms: p.withResultRows ? p.latenciesS.map(ms) : [],
        });
      }),
      { numRuns: 4000 },
    );
  });

  it('gives partial results, never wrong ones, for any whole-line head', () => {
    fc.assert(
      fc.property(arbPerf.chain((p) => fc.tuple(fc.constant(render(p)), arbLinePrefix(render(p)))), ([text, cut]) => {
        const full = parseOrtPerfTest(text) as unknown as Record<string, unknown>;
        const r = parseOrtPerfTest(cut.text);
        expectJsonSafe(r);
        if (r.kind === 'unknown') return;
        for (const [key, value] of Object.entries(r)) {
          if (Array.isArray(value)) expect(full[key]).toEqual(expect.arrayContaining(value));
          else if (value !== null && key !== 'runs') expect(value).toEqual(full[key]);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('never throws on garbage; structural garbage is unknown', () => {
    fc.assert(
      fc.property(fc.array(arbGarbageLine, { maxLength: 10 }), (lines) => {
        const r = parseOrtPerfTest(lines.join('\n'));
        expectHandled(r);
        expectJsonSafe(r);
        if (lines.every((line) => !/[A-Za-z]/.test(line))) expect(r.kind).toBe('unknown');
      }),
      { numRuns: 3000 },
    );
  });
});
