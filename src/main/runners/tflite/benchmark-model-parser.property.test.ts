// Generated benchmark_model runs of every era (prefixes per line, both summaries, every
// Replacing wording, GPU reports, the five table layouts, stdout/stderr interleaving), and
// cut, re-terminated, noisy and foreign versions of the real outputs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BenchmarkModelResult, OpProfileEntry } from '../../../shared/tool-output/benchmark-model.js';
import { readRealFixture } from '../../../../tests/fixtures-path.js';
import {
  arbCharCut,
  cppG,
  arbGarbageLine,
  arbLineEndings,
  arbLinePrefix,
  arbLineSuffix,
  arbWithNoise,
  createFindings,
  expectHandled,
  expectJsonSafe,
  linesOf,
  memoByText,
} from '../../../../tests/parser-fuzz.js';
import { createLineBuffer } from '../../parsing/lines.js';
import { createBenchmarkModelParser, parseBenchmarkModel } from './benchmark-model-parser.js';

const ms3 = (milli: number): string => (milli / 1000).toFixed(3);

type Style = 'none' | 'info' | 'litert';
const prefixOf = (style: Style): string =>
  style === 'info' ? 'INFO: ' : style === 'litert' ? 'INFO: [tflite/tools/benchmark/benchmark_model.cc:123] ' : '';

type Layout = 'with_start' | 'narrow' | 'wide' | 'csv' | 'respaced';

interface Row {
  readonly type: string;
  readonly avgMilli: number;
  readonly times: number;
  readonly name: string;
}

interface DelegateSpec {
  readonly which: 'nnapi' | 'gpu' | 'external';
  readonly delegated: number;
  readonly cpuNodes: number;
  readonly partitions: number;
  readonly kernels: number;
  readonly replacingWording: number;
  readonly simpleLine: boolean;
  readonly oldGpuWording: boolean;
  readonly unsupported: readonly { op: string; reason: string }[];
}

interface ProfileSpec {
  readonly layout: Layout;
  readonly cpuRows: readonly Row[];
  readonly withSummary: boolean;
  readonly withInit: boolean;
}

interface RunSpec {
  readonly styles: readonly Style[];
  readonly legacy: boolean;
  readonly initUs: number;
  readonly warmupCount: number;
  readonly warmupFirst: number;
  readonly warmupAvgTenths: number;
  readonly regularCount: number;
  readonly regularAvgTenths: number;
  readonly percentiles: boolean;
  readonly delegate: DelegateSpec | null;
  readonly profile: ProfileSpec | null;
  readonly failed: boolean;
  readonly merge: readonly boolean[];
  readonly noise: readonly string[];
}

const KERNEL = { nnapi: 'TfLiteNnapiDelegate', gpu: 'TfLiteGpuDelegateV2', external: 'Vx Delegate' } as const;
const PROVIDER = { nnapi: 'NNAPI', gpu: 'GPU', external: 'EXTERNAL' } as const;

const NOISE = [
  'type 54 str SoftmaxAxis0',
  'W [HandleLayoutInfer:257]Op 18: default layout inference pass.',
  'loaded libadsprpc.so',
  'dragon:/ # ',
  'QnnDsp <W> Initializing HtpProvider',
];

const arbRow: fc.Arbitrary<Row> = fc.record({
  type: fc.constantFrom('CONV_2D', 'STRIDED_SLICE', 'RESIZE_BILINEAR', 'TFLite_Detection_PostProcess', 'Fully Connected (NC, PF32) GEMM', 'ARG_MAX'),
  avgMilli: fc.integer({ min: 0, max: 999_999 }),
  times: fc.integer({ min: 1, max: 4 }),
  name: fc.constantFrom('[out]:3', '[a, b]:17', '[model/tf.strided_slice/StridedSlice]:0', 'Delegate/Convolution (NHWC, F32) IGEMM:2', '[]:64'),
});

const arbDelegate: fc.Arbitrary<DelegateSpec> = fc.record({
  which: fc.constantFrom('nnapi', 'gpu', 'external'),
  delegated: fc.integer({ min: 0, max: 300 }),
  cpuNodes: fc.integer({ min: 0, max: 40 }),
  partitions: fc.integer({ min: 1, max: 9 }),
  kernels: fc.integer({ min: 1, max: 5 }),
  replacingWording: fc.integer({ min: 0, max: 4 }),
  simpleLine: fc.boolean(),
  oldGpuWording: fc.boolean(),
  unsupported: fc.uniqueArray(
    fc.record({
      op: fc.constantFrom('SPLIT_V', 'CUSTOM TFLite_Detection_PostProcess', 'MUL', 'PACK'),
      reason: fc.constantFrom('', 'Operation is not supported.', 'Max version supported: 2. Requested version 3.'),
    }),
    { selector: (u) => u.op, maxLength: 3 },
  ),
});

const arbRun: fc.Arbitrary<RunSpec> = fc.record({
  styles: fc.array(fc.constantFrom<Style>('none', 'info', 'litert'), { minLength: 16, maxLength: 16 }),
  legacy: fc.boolean(),
  initUs: fc.integer({ min: 1, max: 999_999 }),
  warmupCount: fc.integer({ min: 1, max: 300 }),
  warmupFirst: fc.integer({ min: 1, max: 99_999_999 }),
  warmupAvgTenths: fc.integer({ min: 10, max: 999_999_999 }),
  regularCount: fc.integer({ min: 1, max: 5000 }),
  regularAvgTenths: fc.integer({ min: 10, max: 999_999_999 }),
  percentiles: fc.boolean(),
  delegate: fc.option(arbDelegate, { nil: null }),
  profile: fc.option(
    fc.record({
      layout: fc.constantFrom<Layout>('with_start', 'narrow', 'wide', 'csv', 'respaced'),
      cpuRows: fc.array(arbRow, { maxLength: 5 }),
      withSummary: fc.boolean(),
      withInit: fc.boolean(),
    }),
    { nil: null },
  ),
  failed: fc.constant(false),
  merge: fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
  noise: fc.array(fc.constantFrom(...NOISE), { maxLength: 3 }),
});

/** The run, rendered, with what a correct parser must find in it. */
interface Rendered {
  readonly text: string;
  readonly delegateRows: readonly Row[];
  readonly runOrder: readonly Row[];
}

function tableLines(layout: Layout, rows: readonly Row[], summary: boolean): string[] {
  const pad = (s: string, w: number): string => s.padStart(w);
  const typeWidth = layout === 'wide' ? 40 : 24;
  const csv = layout === 'csv';
  const start = layout === 'with_start' || (csv && rows.length % 2 === 1);
  if (summary) {
    const groups = groupRows(rows);
    const header = csv
      ? 'node type, count, avg_ms, avg %, cdf %, mem KB, times called'
      : layout === 'respaced'
        ? '            [Node type]  [count]  [avg ms]    [avg %]    [cdf %]  [mem KB] [times called]'
        : `\t${pad('[Node type]', typeWidth)}\t${pad('[count]', 9)}\t${pad('[avg ms]', 10)}\t${pad('[avg %]', 11)}\t${pad('[cdf %]', 11)}\t${pad('[mem KB]', 10)}\t${pad('[times called]', 10)}`;
    return [
      `Number of nodes executed: ${rows.length}`,
      '============================== Summary by node type ==============================',
      header,
      ...groups.map((g) =>
        csv
          ? `${g.type}, ${g.count}, ${cppG(g.avgMilli / 1000)}, 10%, 100%, 0, ${g.times}`
          : layout === 'respaced'
            ? `    ${pad(g.type, 23)}  ${pad(String(g.count), 7)}  ${pad(ms3(g.avgMilli), 8)}    10.000%   100.000%     0.000  ${pad(String(g.times), 8)}`
            : `\t${pad(g.type, typeWidth)}\t${pad(String(g.count), 9)}\t${pad(ms3(g.avgMilli), 10)}\t${pad('10.000%', 10)}\t${pad('100.000%', 10)}\t${pad('0.000', 10)}\t${pad(String(g.times), 9)}`,
      ),
      '',
    ];
  }
  const header = csv
    ? `node type, ${start ? 'start, ' : ''}first, avg_ms, %, cdf%, mem KB, times called, name`
    : layout === 'respaced'
      ? '            [node type]  [first]  [avg ms]      [%]    [cdf%]  [mem KB] [times called] [Name]'
      : `\t${pad('[node type]', typeWidth)}${start ? `\t${pad('[start]', 17)}` : ''}\t${pad('[first]', 9)}\t${pad('[avg ms]', 9)}\t${pad('[%]', 8)}\t${pad('[cdf%]', 8)}\t${pad('[mem KB]', 10)}\t${pad('[times called]', 9)}\t[Name]`;
  return [
    '============================== Run Order ==============================',
    header,
    ...rows.map((r) =>
      csv
        ? `${r.type}, ${start ? '0.5, ' : ''}${cppG(r.avgMilli / 1000)}, ${cppG(r.avgMilli / 1000)}, 1.5%, 99%, 0, ${r.times}, ${r.name.replace(/,/g, '\t')}`
        : layout === 'respaced'
          ? `    ${pad(r.type, 23)}  ${pad(ms3(r.avgMilli), 7)}  ${pad(ms3(r.avgMilli), 8)}  ${pad('1.500%', 7)}  ${pad('99.000%', 8)}     0.000  ${pad(String(r.times), 8)}      ${r.name}`
          : `\t${pad(r.type, typeWidth)}${start ? `\t${pad('0.500', 17)}` : ''}\t${pad(ms3(r.avgMilli), 9)}\t${pad(ms3(r.avgMilli), 9)}\t${pad('1.500%', 8)}\t${pad('99.000%', 8)}\t${pad('0.000', 10)}\t${pad(String(r.times), 9)}\t${r.name}`,
    ),
    '',
  ];
}

function groupRows(rows: readonly Row[]): { type: string; count: number; avgMilli: number; times: number }[] {
  const groups = new Map<string, { type: string; count: number; avgMilli: number; times: number }>();
  for (const r of rows) {
    const g = groups.get(r.type) ?? { type: r.type, count: 0, avgMilli: 0, times: 0 };
    g.count++;
    g.avgMilli += r.avgMilli;
    g.times += r.times;
    groups.set(r.type, g);
  }
  return [...groups.values()];
}

function delegateLines(d: DelegateSpec): { tool: string[]; runtime: string[] } {
  const provider = PROVIDER[d.which];
  const kernel = KERNEL[d.which];
  const total = d.delegated + d.cpuNodes;
  const tool: string[] = [`${provider} delegate created.`];
  const runtime: string[] = [
    d.which === 'external' ? 'INFO: Vx delegate: allowed_cache_mode set to 0.' : `INFO: Created TensorFlow Lite delegate for ${provider}.`,
  ];
  if (d.which === 'gpu' && d.cpuNodes > 0) {
    const ops = d.unsupported.map((u) => `${u.op}: ${u.reason}`);
    const count =
      d.delegated === 0
        ? `No operations will run on the GPU, and all ${d.cpuNodes} operations will run on the CPU.`
        : d.oldGpuWording
          ? `First ${d.delegated} operations will run on the GPU, and the remaining ${d.cpuNodes} on the CPU.`
          : `${d.delegated} operations will run on the GPU, and the remaining ${d.cpuNodes} operations will run on the CPU.`;
    const header = `${d.oldGpuWording ? 'Next' : 'Following'} operations are not supported by GPU delegate:`;
    runtime.push([`ERROR: ${header}`, ...ops, count].join('\n'));
  }
  if (d.delegated > 0) {
    const tails = ['.', '.', ' for the whole graph.', ' for subgraph 0.', ' for subgraph 0 (main).'];
    const outOf = d.replacingWording === 0 ? '' : ` out of ${total}`;
    runtime.push(
      `VERBOSE: Replacing ${d.delegated}${outOf} node(s) with delegate (${kernel}) node, yielding ${d.partitions} partitions${tails[d.replacingWording] ?? '.'}`,
    );
    if (d.simpleLine && d.which === 'external') {
      runtime.push(`INFO: ${kernel} delegate: ${d.delegated} nodes delegated out of ${total} nodes with ${d.kernels} partitions.`);
    }
    tool.push(
      d.cpuNodes === 0
        ? `Explicitly applied ${provider} delegate, and the model graph will be completely executed by the delegate.`
        : `Explicitly applied ${provider} delegate, and the model graph will be partially executed by the delegate w/ ${d.kernels} delegate kernels.`,
    );
  } else {
    tool.push(`Though ${provider} delegate is explicitly applied, the model graph will not be executed by the delegate.`);
  }
  return { tool, runtime };
}

function render(spec: RunSpec): Rendered {
  let styleIndex = 0;
  const tool = (line: string): string => prefixOf(spec.styles[styleIndex++ % spec.styles.length] ?? 'none') + line;
  const out: string[] = [tool('STARTING!'), tool(spec.legacy ? 'Graph : [/data/local/tmp/m.tflite]' : 'Graph: [/data/local/tmp/m.tflite]')];

  const d = spec.failed ? null : spec.delegate;
  const fromDelegate = d === null ? { tool: [], runtime: [] } : delegateLines(d);
  const toolInit = [
    'Loaded model /data/local/tmp/m.tflite',
    ...fromDelegate.tool,
    'The input model file size (MB): 4.27635',
    `Initialized session in ${cppG(spec.initUs / 1000)}ms${spec.legacy ? '' : '.'}`,
  ].map(tool);
  const runtimeInit = ['INFO: Initialized TensorFlow Lite runtime.', ...fromDelegate.runtime];
  // stdout and stderr are buffered apart: the two streams interleave in any order.
  let t = 0;
  let r = 0;
  for (let i = 0; t < toolInit.length || r < runtimeInit.length; i++) {
    const takeTool = r >= runtimeInit.length || (t < toolInit.length && (spec.merge[i % spec.merge.length] ?? true));
    out.push(...(takeTool ? [toolInit[t++] ?? ''] : [runtimeInit[r++] ?? '']));
  }
  out.push(...spec.noise);

  if (spec.failed) {
    out.push(
      'ERROR: NN API returned error ANEURALNETWORKS_OP_FAILED at line 3779 while completing NNAPI compilation.',
      'ERROR: Node number 12 (TfLiteNnapiDelegate) failed to prepare.',
      tool('Failed to apply NNAPI delegate.'),
      tool('Benchmarking failed.'),
    );
    return { text: out.join('\n'), delegateRows: [], runOrder: [] };
  }

  const warmupAvg = spec.warmupCount === 1 ? spec.warmupFirst : spec.warmupAvgTenths / 10;
  const regularAvg = spec.regularAvgTenths / 10;
  out.push(tool('Running benchmark for at least 1 iterations and at least 0.5 seconds but terminate if exceeding 150 seconds.'));
  out.push(
    tool(
      spec.warmupCount === 1
        ? `count=1 curr=${spec.warmupFirst}`
        : `count=${spec.warmupCount} first=${spec.warmupFirst} curr=7 min=5 max=${spec.warmupFirst} avg=${cppG(warmupAvg)} std=3`,
    ),
    '',
  );
  out.push(tool('Running benchmark for at least 50 iterations and at least 1 seconds but terminate if exceeding 150 seconds.'));
  const pct = spec.percentiles ? ' p5=1 median=2 p95=3' : '';
  out.push(tool(`count=${spec.regularCount} first=9 curr=8 min=1 max=99 avg=${cppG(regularAvg)} std=4${pct}`), '');
  out.push(
    tool(
      spec.legacy
        ? `Average inference timings in us: Warmup: ${cppG(warmupAvg)}, Init: ${spec.initUs}, Inference: ${cppG(regularAvg)}`
        : `Inference timings in us: Init: ${spec.initUs}, First inference: ${spec.warmupFirst}, Warmup (avg): ${cppG(warmupAvg)}, Inference (avg): ${cppG(regularAvg)}`,
    ),
  );
  out.push(tool('Memory footprint delta from the start of the tool (MB): init=7.40234 overall=7.83203'));

  const p = spec.profile;
  if (p === null) return { text: out.join('\n'), delegateRows: [], runOrder: [] };
  const delegateRows: Row[] =
    d !== null && d.delegated > 0
      ? Array.from({ length: d.cpuNodes === 0 ? 1 : d.kernels }, (_, i) => ({ type: KERNEL[d.which], avgMilli: 1000 + i, times: 1, name: `[d${i}]:${100 + i}` }))
      : [];
  const runOrder = [...delegateRows, ...p.cpuRows];
  if (p.withInit) {
    out.push(tool('Profiling Info for Benchmark Initialization:'));
    const init = [
      { type: 'ModifyGraphWithDelegate', avgMilli: 413_346, times: 1, name: 'ModifyGraphWithDelegate/0' },
      { type: 'AllocateTensors', avgMilli: 158_023, times: 2, name: 'AllocateTensors/0' },
    ];
    out.push(...tableLines(p.layout, init, false), ...tableLines(p.layout, init, true));
    out.push('Timings (microseconds): count=1 curr=729391', 'Memory (bytes): count=0', '2 nodes observed', '');
  }
  out.push(tool('Operator-wise Profiling Info for Regular Benchmark Runs:'));
  out.push(...tableLines(p.layout, runOrder, false));
  if (p.withSummary) out.push(...tableLines(p.layout, runOrder, true));
  out.push(`Timings (microseconds): count=${spec.regularCount} first=9 curr=8 min=1 max=99 avg=77 std=4`, 'Memory (bytes): count=0');
  return { text: out.join('\n'), delegateRows, runOrder };
}

function expectedRunOrder(rows: readonly Row[], layout: Layout): Partial<OpProfileEntry>[] {
  return rows.map((r) => ({
    node_type: r.type,
    avg_ms: layout === 'csv' ? Number(cppG(r.avgMilli / 1000)) : r.avgMilli / 1000,
    times_called: r.times,
    name: layout === 'csv' ? r.name.replace(/,/g, '\t') : r.name,
  }));
}

function expectedSummary(rows: readonly Row[], layout: Layout): Partial<OpProfileEntry>[] {
  return groupRows(rows).map((g) => ({
    node_type: g.type,
    avg_ms: layout === 'csv' ? Number(cppG(g.avgMilli / 1000)) : g.avgMilli / 1000,
    times_called: g.times,
    node_count: g.count,
  }));
}

function benchmark(text: string): BenchmarkModelResult {
  const result = parseBenchmarkModel(text);
  if (result.kind !== 'benchmark_model') throw new Error(`expected benchmark_model, got: ${result.reason}`);
  return result;
}

const pick = (entries: readonly OpProfileEntry[], keys: readonly (keyof OpProfileEntry)[]): Partial<OpProfileEntry>[] =>
  entries.map((e) => Object.fromEntries(keys.map((k) => [k, e[k]])) as Partial<OpProfileEntry>);

/** The parts of a result a generated run determines. */
function viewOf(r: BenchmarkModelResult, spec: RunSpec): Record<string, unknown> {
  const profileKeys: (keyof OpProfileEntry)[] = spec.profile?.withSummary === true ? ['node_type', 'avg_ms', 'times_called', 'node_count'] : ['node_type', 'avg_ms', 'times_called', 'name'];
  return {
    status: r.status,
    summary_format: r.summary_format,
    init_us: r.init_us,
    first_inference_us: r.first_inference_us,
    warmup_avg_us: r.warmup_avg_us,
    inference_avg_us: r.inference_avg_us,
    inference_count: r.inference_count,
    warmup_count: r.warmup?.count ?? null,
    p95_us: r.inference?.p95_us ?? null,
    failures: r.failures,
    delegates: r.delegates.map(({ delegate_kernels: _k, ...rest }) => rest),
    delegation: r.delegation,
    unsupported_ops: r.unsupported_ops,
    op_profile: pick(r.op_profile, profileKeys),
    fallback_ops: r.fallback_ops.map((f) => f.op),
  };
}

function expectedView(spec: RunSpec, runOrder: readonly Row[]): Record<string, unknown> {
  if (spec.failed) {
    return {
      status: 'failed',
      summary_format: null,
      init_us: spec.initUs,
      first_inference_us: null,
      warmup_avg_us: null,
      inference_avg_us: null,
      inference_count: null,
      warmup_count: null,
      p95_us: null,
      failures: [
        'NN API returned error ANEURALNETWORKS_OP_FAILED at line 3779 while completing NNAPI compilation.',
        'Node number 12 (TfLiteNnapiDelegate) failed to prepare.',
        'Failed to apply NNAPI delegate.',
        'Benchmarking failed.',
      ],
      delegates: [{ name: 'NNAPI', provider: 'NNAPI', nodes_delegated: null, nodes_total: null, partitions: null, execution: 'failed' }],
      delegation: 'failed',
      unsupported_ops: [],
      op_profile: [],
      fallback_ops: [],
    };
  }
  const d = spec.delegate;
  const p = spec.profile;
  const warmupAvg = spec.warmupCount === 1 ? spec.warmupFirst : spec.warmupAvgTenths / 10;
  const reported = d !== null && (d.delegated > 0 || (d.which === 'gpu' && d.cpuNodes > 0));
  const totalShown = d !== null && (d.replacingWording > 0 || (d.which === 'gpu' && d.cpuNodes > 0) || (d.which === 'external' && d.simpleLine && d.delegated > 0));
  const profiled = p !== null && runOrder.length > 0;
  return {
    status: 'completed',
    summary_format: spec.legacy ? 'legacy' : 'current',
    init_us: spec.initUs,
    first_inference_us: spec.warmupFirst,
    warmup_avg_us: Number(cppG(warmupAvg)),
    inference_avg_us: Number(cppG(spec.regularAvgTenths / 10)),
    inference_count: spec.regularCount,
    warmup_count: spec.warmupCount,
    p95_us: spec.percentiles ? 3 : null,
    failures: [],
    delegates:
      d === null
        ? []
        : [
            {
              name: d.delegated > 0 ? KERNEL[d.which] : PROVIDER[d.which],
              provider: PROVIDER[d.which],
              nodes_delegated: reported ? d.delegated : null,
              nodes_total: reported && totalShown ? d.delegated + d.cpuNodes : null,
              partitions: d.delegated > 0 ? d.partitions : null,
              execution: d.delegated === 0 ? 'none' : d.cpuNodes === 0 ? 'complete' : 'partial',
            },
          ],
    delegation: d === null ? null : d.delegated === 0 ? 'cpu_fallback' : d.cpuNodes === 0 ? 'full' : 'partial',
    unsupported_ops: d !== null && d.which === 'gpu' && d.cpuNodes > 0 ? d.unsupported.map((u) => ({ op: u.op, reason: u.reason === '' ? null : u.reason })) : [],
    op_profile: !profiled ? [] : p.withSummary ? expectedSummary(runOrder, p.layout) : expectedRunOrder(runOrder, p.layout),
    fallback_ops: profiled && d !== null ? [...new Set(p.cpuRows.map((row) => row.type))] : [],
  };
}

const arbRunWithFailure = fc.tuple(arbRun, fc.integer({ min: 0, max: 9 })).map(([spec, dice]) => ({ ...spec, failed: dice === 0 }));

describe('benchmark_model parser, generated runs of every era', () => {
  it('reads back what a generated run holds (10 % of them failed runs)', () => {
    fc.assert(
      fc.property(arbRunWithFailure, (spec) => {
        const { text, runOrder } = render(spec);
        const r = benchmark(text);
        expectJsonSafe(r);
        expect(viewOf(r, spec)).toEqual(expectedView(spec, runOrder));
      }),
      { numRuns: 2500 },
    );
  });

  it('gives partial results, never wrong ones, for any whole-line head or tail of a run', () => {
    fc.assert(
      fc.property(
        arbRunWithFailure.chain((spec) => {
          const rendered = render(spec);
          return fc.tuple(fc.constant(rendered), fc.oneof(arbLinePrefix(rendered.text).map((p) => p.text), arbLineSuffix(rendered.text)));
        }),
        ([rendered, cut]) => {
          const full = benchmark(rendered.text);
          const part = parseBenchmarkModel(cut);
          expectJsonSafe(part);
          if (part.kind === 'unknown') return;
          const findings = createFindings();
          for (const key of ['init_us', 'first_inference_us', 'inference_count'] as const) {
            if (part[key] !== null) findings.same(key, part[key], full[key]);
          }
          // The summary prints averages to 6 digits; a `count=1 curr=…` line holds the exact value.
          for (const key of ['warmup_avg_us', 'inference_avg_us'] as const) {
            const value = part[key];
            if (value !== null) findings.check(key, Math.abs(value - (full[key] ?? NaN)) <= 1e-5 * Math.abs(value));
          }
          for (const delegate of part.delegates) {
            const same = full.delegates.find((f) => f.provider === delegate.provider);
            findings.check(`delegate ${delegate.provider}`, same !== undefined);
            for (const key of ['nodes_delegated', 'nodes_total', 'partitions'] as const) {
              if (delegate[key] !== null) findings.same(`${delegate.provider}.${key}`, delegate[key], same?.[key]);
            }
          }
          const fullOps = full.unsupported_ops.map((op) => JSON.stringify(op));
          for (const op of part.unsupported_ops) findings.check(`unsupported ${op.op}`, fullOps.includes(JSON.stringify(op)));
          for (const failure of part.failures) findings.check(`failure ${failure}`, full.failures.includes(failure));
          const rowKey = (row: Partial<OpProfileEntry>): string => JSON.stringify([row.node_type, row.avg_ms, row.times_called]);
          const profile = part.op_profile.map(rowKey);
          const layout = profileLayoutOf(full);
          const candidates = [expectedRunOrder(rendered.runOrder, layout), expectedSummary(rendered.runOrder, layout)].map((rows) => rows.map(rowKey));
          findings.check('op profile rows are whole rows of the run', candidates.some((rows) => isSubsequence(profile, rows)));
          findings.expectNone();
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('gives the same result fed in any chunks as from the whole text', () => {
    fc.assert(
      fc.property(arbRun, fc.array(fc.integer({ min: 1, max: 200 }), { minLength: 1, maxLength: 8 }), (spec, sizes) => {
        const { text } = render(spec);
        const parser = createBenchmarkModelParser();
        const buffer = createLineBuffer();
        let at = 0;
        for (let i = 0; at < text.length; i++) {
          const size = sizes[i % sizes.length] ?? 50;
          buffer.push(text.slice(at, at + size)).forEach((line) => parser.feed(line));
          at += size;
        }
        buffer.flush().forEach((line) => parser.feed(line));
        expect(parser.result()).toEqual(parseBenchmarkModel(text));
      }),
      { numRuns: 300 },
    );
  });
});

function profileLayoutOf(full: BenchmarkModelResult): Layout {
  return (full.op_profile_layout ?? 'narrow') as Layout;
}

/** Every element of `part` appears in `whole`, in order (rows before a cut may be missing, never altered). */
function isSubsequence(part: readonly string[], whole: readonly string[]): boolean {
  let i = 0;
  for (const item of whole) if (i < part.length && item === part[i]) i++;
  return i === part.length;
}

const REAL = [
  '01-mi11-sd888-nnapi-qtigpu-partial-opprofile.txt',
  '02-mi11-sd888-nnapi-qtidefault-int8-compile-fail.txt',
  '04-mi11-sd888-cpu-fp32-tail-only.txt',
  '06-synaptics-astra-android-nnapi-synapnpu-full-delegation.txt',
  '07-synaptics-astra-android-external-vx-delegate.txt',
  '08-synaptics-astra-nnapi-partial-runorder-spaces-edited.txt',
  '10-imx8mp-vx-external-delegate-ssd-partial-opprofile.txt',
  '11-qemu-riscv64-cpu-tf28-full-opprofile.txt',
  '13-imx8mp-vx-external-delegate-mobilenet-full-delegation-opprofile.txt',
].map((name) => readRealFixture(`benchmark/${name}`));

const FOREIGN = [
  'telemetry/02-thermalservice-qcom-nsp-memfault.txt',
  'telemetry/24-battery-android15-capacity-level-clusterfuzz4327.txt',
  'telemetry/40-powersupply-xiaomi-mi8-charging-negative-current-acca27.txt',
  'telemetry/50-getprop-moto-g75-5g-sm6475-android14-ppayne.txt',
  'telemetry/30-thermalzones-sony-xperia-kugo-types-PARTIAL-pr28.txt',
].map((name) => readRealFixture(name));

const arbReal = fc.constantFrom(...REAL);
const parseReal = memoByText(parseBenchmarkModel);
const KEY_FIELDS = ['status', 'init_us', 'first_inference_us', 'warmup_avg_us', 'inference_avg_us', 'inference_count', 'delegates', 'op_profile', 'failures'] as const;

describe('benchmark_model parser on damaged real outputs', () => {
  it('reads a stream cut at any character without throwing, as benchmark_model or unknown', () => {
    fc.assert(
      fc.property(arbReal.chain(arbCharCut), (text) => {
        const r = parseBenchmarkModel(text);
        expectHandled(r);
        expectJsonSafe(r);
        expect(['benchmark_model', 'unknown']).toContain(r.kind);
      }),
      { numRuns: 1200 },
    );
  });

  it('ignores how lines end (LF, CRLF)', () => {
    fc.assert(
      fc.property(arbReal.chain((text) => fc.tuple(fc.constant(text), arbLineEndings(text))), ([text, reended]) => {
        expect(parseBenchmarkModel(reended)).toEqual(parseReal(text));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps every key field when foreign lines are mixed in between', () => {
    // Non-blank (a blank line ends an op-profile table) lines of other tools' output.
    const foreignLine = fc.constantFrom(...FOREIGN.flatMap(linesOf).filter((line) => line.trim() !== ''));
    fc.assert(
      fc.property(
        arbReal.chain((text) => fc.tuple(fc.constant(text), arbWithNoise(text, foreignLine))),
        ([text, noisy]) => {
          const clean = parseReal(text);
          const r = benchmark(noisy);
          if (clean.kind !== 'benchmark_model') throw new Error(clean.reason);
          for (const key of KEY_FIELDS) expect(r[key]).toEqual(clean[key]);
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('says unknown for the other tools and for structural garbage, and never throws on any text', () => {
    const structural = fc.array(fc.constantFrom('[', ']', ':', '=', '{', '}', '\t', ' ', ',', '%', '(', ')', '0', '9', '.', '\n', '\r'), { maxLength: 80 }).map((c) => c.join(''));
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom(...FOREIGN), structural), (text) => {
        expect(parseBenchmarkModel(text)).toEqual({ kind: 'unknown', reason: 'No line of this text is output of the TFLite benchmark_model tool.' });
      }),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(fc.array(arbGarbageLine, { maxLength: 10 }), (lines) => {
        const r = parseBenchmarkModel(lines.join('\n'));
        expectHandled(r);
        expectJsonSafe(r);
      }),
      { numRuns: 1000 },
    );
  });
});
