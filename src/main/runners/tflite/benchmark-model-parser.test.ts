import { describe, expect, it } from 'vitest';
import type { BenchmarkModelResult } from '../../../shared/tool-output/benchmark-model.js';
import type { UnknownResult } from '../../../shared/tool-output/unknown.js';
import { readRealFixture } from '../../../../tests/fixtures-path.js';
import { createLineBuffer } from '../../parsing/lines.js';
import { createBenchmarkModelParser, parseBenchmarkModel } from './benchmark-model-parser.js';

function parsed(text: string): BenchmarkModelResult {
  const result = parseBenchmarkModel(text);
  if (result.kind !== 'benchmark_model') throw new Error(`not benchmark_model: ${(result as UnknownResult).reason}`);
  return result;
}

const fixture = (name: string): BenchmarkModelResult => parsed(readRealFixture(`benchmark/${name}`));

describe('benchmark_model on the real outputs', () => {
  it('01: NNAPI qti-gpu op profile only (old layout with [start]); three NNAPI partitions, CPU ops beside', () => {
    const r = fixture('01-mi11-sd888-nnapi-qtigpu-partial-opprofile.txt');
    expect(r.status).toBe('incomplete');
    expect(r.inference_avg_us).toBeNull();
    expect(r.inference_count).toBeNull();
    expect(r.op_profile_source).toBe('summary_by_node_type');
    expect(r.op_profile_layout).toBe('with_start');
    expect(r.op_profile.map((row) => [row.node_type, row.avg_ms, row.times_called, row.node_count])).toEqual([
      ['TfLiteNnapiDelegate', 149.483, 3, 3],
      ['STRIDED_SLICE', 8.347, 6, 6],
      ['RESIZE_NEAREST_NEIGHBOR', 0.879, 2, 2],
    ]);
    expect(r.profiled_runs).toMatchObject({ count: 50, first_us: 164033, avg_us: 158715, std_us: 2931 });
    expect(r.delegates).toEqual([
      {
        name: 'TfLiteNnapiDelegate',
        provider: 'NNAPI',
        nodes_delegated: null,
        nodes_total: null,
        partitions: null,
        delegate_kernels: 3,
        execution: 'partial',
      },
    ]);
    expect(r.delegation).toBe('partial');
    expect(r.fallback_ops).toEqual([
      { op: 'STRIDED_SLICE', nodes: 6, avg_ms: 8.35 },
      { op: 'RESIZE_NEAREST_NEIGHBOR', nodes: 2, avg_ms: 0.88 },
    ]);
    expect(r.failures).toEqual([]);
  });

  it('02: NNAPI qti-default compile failure', () => {
    const r = fixture('02-mi11-sd888-nnapi-qtidefault-int8-compile-fail.txt');
    expect(r.status).toBe('failed');
    expect(r.init_us).toBeNull();
    expect(r.inference_avg_us).toBeNull();
    expect(r.failures).toEqual([
      'NN API returned error ANEURALNETWORKS_OP_FAILED at line 3779 while completing NNAPI compilation.',
      'Node number 248 (TfLiteNnapiDelegate) failed to prepare.',
      'Restored original execution plan after delegate application failure.',
      'Failed to apply NNAPI delegate.',
      'Benchmarking failed.',
    ]);
    expect(r.delegates).toEqual([
      {
        name: 'NNAPI',
        provider: 'NNAPI',
        nodes_delegated: null,
        nodes_total: null,
        partitions: null,
        delegate_kernels: null,
        execution: 'failed',
      },
    ]);
    expect(r.delegation).toBe('failed');
    expect(r.nnapi_accelerators).toEqual(['qti-default', 'qti-dsp', 'qti-gpu', 'nnapi-reference']);
    expect(r.model_path).toBe('/data/local/tmp/yolov5s_int8_640.tflite');
    expect(r.params).toContainEqual({ name: 'NNAPI accelerator name', value: 'qti-default' });
    expect(r.params).toContainEqual({ name: '#threads used for CPU inference', value: '4' });
  });

  it('03: NNAPI qti-dsp bad data while adding an operation', () => {
    const r = fixture('03-mi11-sd888-nnapi-qtidsp-int8-bad-data-fail.txt');
    expect(r.status).toBe('failed');
    expect(r.failures).toEqual([
      'NN API returned error ANEURALNETWORKS_BAD_DATA at line 1068 while adding operation.',
      'Restored original execution plan after delegate application failure.',
      'Failed to apply NNAPI delegate.',
      'Benchmarking failed.',
    ]);
    expect(r.delegates.map((d) => [d.provider, d.execution])).toEqual([['NNAPI', 'failed']]);
  });

  it('04: CPU tail only: the lone count= line is told to be the timed runs by the summary', () => {
    const r = fixture('04-mi11-sd888-cpu-fp32-tail-only.txt');
    expect(r).toMatchObject({
      status: 'completed',
      summary_format: 'current',
      init_us: 16242,
      first_inference_us: 360262,
      warmup_avg_us: 304586,
      inference_avg_us: 249684,
      inference_count: 50,
      warmup: null,
      memory_init_mb: 4.92969,
      memory_overall_mb: 138.809,
      delegates: [],
      delegation: null,
    });
    expect(r.inference).toMatchObject({ count: 50, first_us: 249042, min_us: 247067, max_us: 254474, std_us: 1442 });
  });

  it('05: NNAPI qti-gpu fp16 tail only, decimal average', () => {
    const r = fixture('05-mi11-sd888-nnapi-qtigpu-fp16-tail-only.txt');
    expect(r).toMatchObject({
      init_us: 365972,
      first_inference_us: 120877,
      warmup_avg_us: 108605,
      inference_avg_us: 92571.2,
      inference_count: 50,
      memory_overall_mb: 61.0547,
    });
  });

  it('06: INFO-prefixed, NNAPI synap-npu, 31 of 31 nodes for the whole graph', () => {
    const r = fixture('06-synaptics-astra-android-nnapi-synapnpu-full-delegation.txt');
    expect(r).toMatchObject({
      status: 'completed',
      init_us: 66002,
      first_inference_us: 637079,
      warmup_avg_us: 637079,
      inference_avg_us: 1885.74,
      inference_count: 520,
      init_session_ms: 66.002,
      model_size_mb: 0.497264,
      tool_version: '2.15.0',
      memory_init_mb: 7.40234,
      memory_overall_mb: 7.83203,
      nnapi_accelerators: ['synap-npu', 'nnapi-reference'],
      delegation: 'full',
      unsupported_ops: [],
      fallback_ops: [],
      failures: [],
    });
    expect(r.warmup).toMatchObject({ count: 1, curr_us: 637079 });
    expect(r.inference).toMatchObject({ count: 520, first_us: 2531, curr_us: 2793, min_us: 1171, max_us: 9925, std_us: 870 });
    expect(r.delegates).toEqual([
      {
        name: 'TfLiteNnapiDelegate',
        provider: 'NNAPI',
        nodes_delegated: 31,
        nodes_total: 31,
        partitions: 1,
        delegate_kernels: null,
        execution: 'complete',
      },
    ]);
    expect(r.warnings).toEqual(['NNAPI SL driver did not implement SL_ANeuralNetworksDiagnostic_registerCallbacks!']);
  });

  it('07: external Vx delegate with vendor noise between the warm-up lines', () => {
    const r = fixture('07-synaptics-astra-android-external-vx-delegate.txt');
    expect(r).toMatchObject({
      init_us: 25573,
      first_inference_us: 201009,
      warmup_avg_us: 1760.78,
      inference_avg_us: 1096.48,
      inference_count: 876,
      delegation: 'full',
    });
    expect(r.warmup).toMatchObject({ count: 277, first_us: 201009, avg_us: 1760.78 });
    expect(r.delegates).toEqual([
      {
        name: 'Vx Delegate',
        provider: 'EXTERNAL',
        nodes_delegated: 31,
        nodes_total: 31,
        partitions: 1,
        delegate_kernels: null,
        execution: 'complete',
      },
    ]);
  });

  it('08: Run Order re-spaced by hand (tabs turned into spaces)', () => {
    const r = fixture('08-synaptics-astra-nnapi-partial-runorder-spaces-edited.txt');
    expect(r.op_profile_source).toBe('run_order');
    expect(r.op_profile_layout).toBe('respaced');
    expect(r.op_profile).toEqual([
      { node_type: 'TfLiteNnapiDelegate', avg_ms: 4.011, times_called: 1, node_count: null, first_ms: 3.826, percent: 62.037, name: '[]:64' },
      { node_type: 'RESIZE_NEAREST_NEIGHBOR', avg_ms: 0.058, times_called: 1, node_count: null, first_ms: 0.052, percent: 0.899, name: '[]:38' },
      { node_type: 'TfLiteNnapiDelegate', avg_ms: 2.396, times_called: 1, node_count: null, first_ms: 2.244, percent: 37.064, name: '[]:65' },
    ]);
    expect(r.fallback_ops).toEqual([{ op: 'RESIZE_NEAREST_NEIGHBOR', nodes: 1, avg_ms: 0.058 }]);
    expect(r.delegates.map((d) => [d.name, d.delegate_kernels, d.execution])).toEqual([['TfLiteNnapiDelegate', 2, 'partial']]);
  });

  it('09: deeplabv3 Run Order with three NNAPI partitions and CPU ops between them', () => {
    const r = fixture('09-mediatek-nnapi-deeplabv3-partial-runorder.txt');
    expect(r.op_profile_source).toBe('run_order');
    expect(r.op_profile).toHaveLength(8);
    expect(r.op_profile[0]).toEqual({
      node_type: 'TfLiteNnapiDelegate',
      avg_ms: 11.422,
      times_called: 1,
      node_count: null,
      first_ms: 11.665,
      percent: 21.939,
      name: '[MobilenetV2/expanded_conv_16/project/add_fold, aspp0/Relu]:71',
    });
    expect(r.fallback_ops).toEqual([
      { op: 'AVERAGE_POOL_2D', nodes: 1, avg_ms: 0.08 },
      { op: 'RESIZE_BILINEAR', nodes: 3, avg_ms: 23.195 },
      { op: 'ARG_MAX', nodes: 1, avg_ms: 15.326 },
    ]);
    expect(r.delegation).toBe('partial');
  });

  it('10: Vx partial delegation; a node type wider than the 24-wide column', () => {
    const r = fixture('10-imx8mp-vx-external-delegate-ssd-partial-opprofile.txt');
    expect(r).toMatchObject({
      status: 'completed',
      init_us: 18085,
      first_inference_us: 8416260,
      warmup_avg_us: 8416260,
      inference_avg_us: 154534,
      inference_count: 50,
      memory_init_mb: 8.875,
      memory_overall_mb: 51.2227,
      model_path: 'ssd_mobilenet_v1_quantized_300x300_coco14_sync_2018_07_18/model.tflite',
      delegation: 'partial',
    });
    expect(r.delegates).toEqual([
      {
        name: 'Vx Delegate',
        provider: 'EXTERNAL',
        nodes_delegated: null,
        nodes_total: null,
        partitions: null,
        delegate_kernels: 1,
        execution: 'partial',
      },
    ]);
    expect(r.op_profile.map((row) => [row.node_type, row.avg_ms, row.times_called])).toEqual([
      ['Vx Delegate', 152.983, 1],
      ['TFLite_Detection_PostProcess', 1.504, 1],
    ]);
    expect(r.fallback_ops).toEqual([{ op: 'TFLite_Detection_PostProcess', nodes: 1, avg_ms: 1.504 }]);
    expect(r.profiled_runs).toMatchObject({ count: 50, avg_us: 154488 });
  });

  it('11: CPU on riscv64, scientific notation, init profile kept out of the op profile', () => {
    const r = fixture('11-qemu-riscv64-cpu-tf28-full-opprofile.txt');
    expect(r).toMatchObject({
      init_us: 17187,
      first_inference_us: 3512391,
      warmup_avg_us: 3512390,
      inference_avg_us: 2950340,
      inference_count: 50,
      delegates: [],
      delegation: null,
      fallback_ops: [],
    });
    expect(r.inference).toMatchObject({ avg_us: 2950340, std_us: 109798 });
    expect(r.op_profile.map((row) => [row.node_type, row.avg_ms, row.times_called, row.node_count])).toEqual([
      ['CONV_2D', 2651.853, 15, 15],
      ['DEPTHWISE_CONV_2D', 296.919, 13, 13],
      ['AVERAGE_POOL_2D', 0.869, 1, 1],
      ['SOFTMAX', 0.232, 1, 1],
      ['SQUEEZE', 0.016, 1, 1],
    ]);
    expect(r.profiled_runs).toMatchObject({ count: 50, avg_us: 2949900 });
  });

  it('13: Vx full delegation with a vendor line inside the warm-up', () => {
    const r = fixture('13-imx8mp-vx-external-delegate-mobilenet-full-delegation-opprofile.txt');
    expect(r).toMatchObject({
      init_us: 12434,
      first_inference_us: 4625131,
      warmup_avg_us: 4625130,
      inference_avg_us: 2525.59,
      inference_count: 379,
      delegation: 'full',
      fallback_ops: [],
    });
    expect(r.delegates.map((d) => [d.name, d.provider, d.delegate_kernels, d.execution])).toEqual([
      ['Vx Delegate', 'EXTERNAL', 1, 'complete'],
    ]);
    expect(r.op_profile).toEqual([
      { node_type: 'Vx Delegate', avg_ms: 2.503, times_called: 1, node_count: 1, first_ms: null, percent: 100, name: null },
    ]);
  });
});

describe('benchmark_model wordings the fixtures lack (from benchmark-tools.md)', () => {
  it('reads the ≤ TF 2.1 era: stderr without prefixes, "Name : [v]", legacy summary, no period after ms', () => {
    const r = parsed(
      [
        'STARTING!',
        'Min num runs : [50]',
        'Graph : [/data/local/tmp/m.tflite]',
        'Loaded model /data/local/tmp/m.tflite',
        'resolved reporter',
        'INFO: Initialized TensorFlow Lite runtime.',
        'Initialized session in 9.933ms',
        'Running benchmark for at least 1 iterations and at least 0.5 seconds',
        'count=1 curr=51234',
        '',
        'Running benchmark for at least 50 iterations and at least 1 seconds',
        'count=50 first=40100 curr=39900 min=39000 max=41000 avg=40050.5 std=300',
        '',
        'Average inference timings in us: Warmup: 51234, Init: 9933, Inference: 40050.5',
      ].join('\n'),
    );
    expect(r).toMatchObject({
      status: 'completed',
      summary_format: 'legacy',
      init_us: 9933,
      first_inference_us: 51234,
      warmup_avg_us: 51234,
      inference_avg_us: 40050.5,
      inference_count: 50,
      model_path: '/data/local/tmp/m.tflite',
    });
    expect(r.params).toContainEqual({ name: 'Min num runs', value: '50' });
  });

  it('tells warm-up from timed runs in a paste that starts at the warm-up count= line, equal averages or not', () => {
    const tail = [
      'count=26 first=58224223 curr=7 min=5 max=58224223 avg=1.9 std=3',
      '',
      'Running benchmark for at least 50 iterations and at least 1 seconds but terminate if exceeding 150 seconds.',
      'count=1 first=9 curr=8 min=1 max=99 avg=1.9 std=4',
    ];
    const withSummary = parsed([...tail, '', 'Average inference timings in us: Warmup: 1.9, Init: 495790, Inference: 1.9'].join('\n'));
    expect(withSummary).toMatchObject({ first_inference_us: 58224223, inference_count: 1, warmup: { count: 26 } });
    expect(parsed(tail.join('\n'))).toMatchObject({ first_inference_us: 58224223, inference_count: 1, warmup: { count: 26 } });
  });

  it('reads "no stats" when no timed run happened', () => {
    const r = parsed('Average inference timings in us: Warmup: 100, Init: 200, no stats: 0');
    expect(r).toMatchObject({ warmup_avg_us: 100, init_us: 200, inference_avg_us: 0 });
  });

  it('reads the GPU report in both wordings, with empty reasons and CUSTOM ops', () => {
    const r = parsed(
      [
        'INFO: Created TensorFlow Lite delegate for GPU.',
        'ERROR: Following operations are not supported by GPU delegate:',
        'CUSTOM TFLite_Detection_PostProcess: Operation is not supported.',
        'SPLIT_V: ',
        'CONV_2D: Max version supported: 2. Requested version 3.',
        '61 operations will run on the GPU, and the remaining 3 operations will run on the CPU.',
        'INFO: Initialized OpenCL-based API.',
        'INFO: Created 1 GPU delegate kernels.',
        'Explicitly applied GPU delegate, and the model graph will be partially executed by the delegate w/ 1 delegate kernels.',
      ].join('\n'),
    );
    expect(r.unsupported_ops).toEqual([
      { op: 'CUSTOM TFLite_Detection_PostProcess', reason: 'Operation is not supported.' },
      { op: 'SPLIT_V', reason: null },
      { op: 'CONV_2D', reason: 'Max version supported: 2. Requested version 3.' },
    ]);
    expect(r.delegates).toEqual([
      { name: 'GPU', provider: 'GPU', nodes_delegated: 61, nodes_total: 64, partitions: null, delegate_kernels: 1, execution: 'partial' },
    ]);
    expect(r.delegation).toBe('partial');
    expect(r.failures).toEqual([]);

    const old = parsed(
      [
        'Next operations are not supported by GPU delegate:',
        'MUL: Expected 1 input tensor(s), but node has 2 runtime input(s).',
        'First 10 operations will run on the GPU, and the remaining 5 on the CPU.',
        'Replacing 10 node(s) with delegate (TfLiteGpuDelegateV2) node, yielding 2 partitions.',
      ].join('\n'),
    );
    expect(old.unsupported_ops).toEqual([{ op: 'MUL', reason: 'Expected 1 input tensor(s), but node has 2 runtime input(s).' }]);
    expect(old.delegates).toEqual([
      {
        name: 'TfLiteGpuDelegateV2',
        provider: 'GPU',
        nodes_delegated: 10,
        nodes_total: 15,
        partitions: 2,
        delegate_kernels: null,
        execution: 'partial',
      },
    ]);

    const none = parsed('No operations will run on the GPU, and all 12 operations will run on the CPU.');
    expect(none.delegates[0]).toMatchObject({ nodes_delegated: 0, nodes_total: 12, execution: 'none' });
    expect(none.delegation).toBe('cpu_fallback');
  });

  it('reads every Replacing wording and sums subgraphs; XNNPACK does not count as delegation', () => {
    const r = parsed(
      [
        'VERBOSE: Replacing 40 out of 45 node(s) with delegate (TfLiteNnapiDelegate) node, yielding 3 partitions for subgraph 0 (main).',
        'VERBOSE: Replacing 5 out of 5 node(s) with delegate (TfLiteNnapiDelegate) node, yielding 1 partitions for subgraph 1.',
        'INFO: [tflite/core/subgraph.cc:581] Replacing 5 out of 45 node(s) with delegate (TfLiteXNNPackDelegate) node, yielding 3 partitions for the whole graph.',
        'INFO: Explicitly applied NNAPI delegate, and the model graph will be partially executed by the delegate w/ 2 delegate kernels.',
      ].join('\n'),
    );
    expect(r.delegates).toEqual([
      { name: 'TfLiteNnapiDelegate', provider: 'NNAPI', nodes_delegated: 45, nodes_total: 50, partitions: 4, delegate_kernels: 2, execution: 'partial' },
      { name: 'TfLiteXNNPackDelegate', provider: 'XNNPACK', nodes_delegated: 5, nodes_total: 45, partitions: 3, delegate_kernels: null, execution: 'partial' },
    ]);
    expect(r.delegation).toBe('partial');
  });

  it('reads SimpleDelegate reports, "not executed", Hexagon fallback and require_full_delegation', () => {
    const qnn = parsed(
      [
        'EXTERNAL delegate created.',
        'TfLiteQnnDelegate delegate: 120 nodes delegated out of 120 nodes with 1 partitions.',
        'Explicitly applied EXTERNAL delegate, and the model graph will be completely executed by the delegate.',
      ].join('\n'),
    );
    expect(qnn.delegates).toEqual([
      { name: 'TfLiteQnnDelegate', provider: 'EXTERNAL', nodes_delegated: 120, nodes_total: 120, partitions: null, delegate_kernels: 1, execution: 'complete' },
    ]);

    const unused = parsed('Though NNAPI delegate is explicitly applied, the model graph will not be executed by the delegate.');
    expect(unused.delegates[0]).toMatchObject({ provider: 'NNAPI', execution: 'none' });
    expect(unused.delegation).toBe('cpu_fallback');

    const hexagon = parsed(
      [
        'Could not create Hexagon delegate: platform may not support delegate or required libraries are missing',
        'count=50 first=1 curr=1 min=1 max=1 avg=1 std=0',
        'Inference timings in us: Init: 1, First inference: 2, Warmup (avg): 2, Inference (avg): 1',
      ].join('\n'),
    );
    expect(hexagon.status).toBe('completed');
    expect(hexagon.delegation).toBe('cpu_fallback');
    expect(hexagon.failures).toEqual([
      'Could not create Hexagon delegate: platform may not support delegate or required libraries are missing',
    ]);

    const strict = parsed(['ERROR: Disallowed CPU fallback detected.', 'Benchmarking failed.'].join('\n'));
    expect(strict.status).toBe('failed');
    expect(strict.failures).toEqual(['Disallowed CPU fallback detected.', 'Benchmarking failed.']);
  });

  it('reads the newest count= line with percentiles, (all same) and nan', () => {
    const r = parsed(
      [
        'INFO: Running benchmark for at least 1 iterations and at least 0.5 seconds but terminate if exceeding 150 seconds.',
        'INFO: count=3 curr=700(all same)',
        'INFO: Running benchmark for at least 50 iterations and at least 1 seconds but terminate if exceeding 150 seconds.',
        'INFO: count=120 first=1000 curr=900 min=800 max=1200 avg=950.5 std=40 p5=850 median=945 p95=1100',
      ].join('\n'),
    );
    expect(r.warmup).toMatchObject({ count: 3, curr_us: 700, all_same: true });
    expect(r.warmup_avg_us).toBe(700);
    expect(r.inference).toEqual({
      count: 120,
      first_us: 1000,
      curr_us: 900,
      min_us: 800,
      max_us: 1200,
      avg_us: 950.5,
      std_us: 40,
      p5_us: 850,
      median_us: 945,
      p95_us: 1100,
      all_same: false,
    });
    expect(r.inference_avg_us).toBe(950.5);
    expect(r.inference_count).toBe(120);
    expect(r.status).toBe('incomplete');
    expect(parsed('count=0 avg=nan').inference).toMatchObject({ count: 0, avg_us: null });
  });

  it('reads the current 40-wide layout, LiteRT location prefixes and the results block', () => {
    const pad = (s: string, w: number): string => s.padStart(w);
    const row = (type: string, first: string, avg: string, pct: string, cdf: string, times: string, name: string): string =>
      `\t${pad(type, 40)}\t${pad(first, 9)}\t${pad(avg, 9)}\t${pad(pct, 8)}\t${pad(cdf, 8)}\t${pad('0.000', 10)}\t${pad(times, 9)}\t${name}`;
    const r = parsed(
      [
        'INFO: [litert/tools/benchmark_litert_model.cc:321] Operator-wise Profiling Info for Regular Benchmark Runs:',
        '============================== Run Order ==============================',
        `\t${pad('[node type]', 40)}\t${pad('[first]', 9)}\t${pad('[avg ms]', 9)}\t${pad('[%]', 8)}\t${pad('[cdf%]', 8)}\t${pad('[mem KB]', 10)}\t${pad('[times called]', 9)}\t[Name]`,
        row('LiteRT::Run[buffer registration]', '0.010', '0.012', '1.000%', '1.000%', '1', 'LiteRT::Run[buffer registration]/0'),
        row('DispatchDelegate', '1.100', '1.050', '90.000%', '91.000%', '1', '[out]:7'),
        row('Fully Connected (NC, PF32) GEMM', '0.100', '0.105', '9.000%', '100.000%', '1', 'Delegate/Fully Connected (NC, PF32) GEMM:0'),
        '',
        'INFO: [litert/tools/benchmark_litert_model.cc:400] Model initialization: 12.34 ms',
        'INFO: [litert/tools/benchmark_litert_model.cc:401] Warmup (first):       20.50 ms',
        'INFO: [litert/tools/benchmark_litert_model.cc:402] Warmup (avg):         10.25 ms (3 runs)',
        'INFO: [litert/tools/benchmark_litert_model.cc:403] Inference (avg):      1.17 ms (200 runs)',
      ].join('\n'),
    );
    expect(r.op_profile_layout).toBe('wide');
    expect(r.op_profile.map((row) => [row.node_type, row.avg_ms, row.name])).toEqual([
      ['LiteRT::Run[buffer registration]', 0.012, 'LiteRT::Run[buffer registration]/0'],
      ['DispatchDelegate', 1.05, '[out]:7'],
      ['Fully Connected (NC, PF32) GEMM', 0.105, 'Delegate/Fully Connected (NC, PF32) GEMM:0'],
    ]);
    expect(r.delegates.map((d) => [d.name, d.provider, d.execution])).toEqual([['DispatchDelegate', 'NPU', 'partial']]);
    expect(r).toMatchObject({
      summary_format: 'litert',
      status: 'completed',
      init_us: 12340,
      first_inference_us: 20500,
      warmup_avg_us: 10250,
      inference_avg_us: 1170,
      inference_count: 200,
    });
  });

  it('reads CSV mode (", " separated, the old start column, a node type holding ", ")', () => {
    const r = parsed(
      [
        'Operator-wise Profiling Info for Regular Benchmark Runs:',
        '============================== Run Order ==============================',
        'node type, start, first, avg_ms, %, cdf%, mem KB, times called, name',
        'TfLiteGpuDelegateV2, 0, 3.51, 3.4981, 97.5%, 97.5%, 0, 1, [a\tb]:12',
        'Fully Connected (NC, PF32) GEMM, 3.5, 0.09, 0.0897, 2.5%, 100%, 0, 1, Delegate/FC:0',
        '',
        'Number of nodes executed: 2',
        '============================== Summary by node type ==============================',
        'node type, count, avg_ms, avg %, cdf %, mem KB, times called',
        'TfLiteGpuDelegateV2, 1, 3.498, 97.5%, 97.5%, 0, 1',
        'Fully Connected (NC, PF32) GEMM, 1, 0.089, 2.5%, 100%, 0, 1',
        '',
        'Timings (microseconds): count=50 first=3600 curr=3590 min=3500 max=3700 avg=3590.2 std=20',
      ].join('\n'),
    );
    expect(r.op_profile_layout).toBe('csv');
    expect(r.op_profile_source).toBe('summary_by_node_type');
    expect(r.op_profile.map((row) => [row.node_type, row.avg_ms, row.times_called, row.node_count])).toEqual([
      ['TfLiteGpuDelegateV2', 3.498, 1, 1],
      ['Fully Connected (NC, PF32) GEMM', 0.089, 1, 1],
    ]);
    expect(r.fallback_ops).toEqual([{ op: 'Fully Connected (NC, PF32) GEMM', nodes: 1, avg_ms: 0.09 }]);
    expect(r.profiled_runs).toMatchObject({ count: 50, avg_us: 3590.2 });
  });

  it('keeps the primary graph only when the profile has subgraphs and delegate-internal blocks', () => {
    const header = '\t             [Node type]\t  [count]\t  [avg ms]\t    [avg %]\t    [cdf %]\t  [mem KB]\t[times called]';
    const summaryRow = (type: string, avg: string): string => `\t${type.padStart(24)}\t        1\t${avg.padStart(10)}\t    50.000%\t   100.000%\t     0.000\t        1`;
    const r = parsed(
      [
        'Operator-wise Profiling Info for Regular Benchmark Runs:',
        'Primary graph (name: main) profile:',
        '============================== Summary by node type ==============================',
        header,
        summaryRow('WHILE', '2.000'),
        '',
        'Timings (microseconds): count=10 first=2100 curr=2000 min=1900 max=2200 avg=2000 std=10',
        'Subgraph (index: 1, name: body) profile:',
        '============================== Summary by node type ==============================',
        header,
        summaryRow('ADD', '0.500'),
        '',
        'Subgraph (index: 1, name: body) Timings (microseconds): count=10 first=510 curr=500 min=490 max=520 avg=500 std=5',
        'Delegate internal: ',
        '============================== Summary by node type ==============================',
        header,
        summaryRow('HexagonOp', '0.700'),
        '',
      ].join('\n'),
    );
    expect(r.op_profile.map((row) => row.node_type)).toEqual(['WHILE']);
    expect(r.profiled_runs).toMatchObject({ count: 10, avg_us: 2000 });
  });

  it('gives the same result fed line by line, in arbitrary chunks, as from the whole text', () => {
    const text = readRealFixture('benchmark/10-imx8mp-vx-external-delegate-ssd-partial-opprofile.txt');
    const whole = parseBenchmarkModel(text);
    const parser = createBenchmarkModelParser();
    const buffer = createLineBuffer();
    for (let i = 0; i < text.length; i += 37) buffer.push(text.slice(i, i + 37)).forEach((line) => parser.feed(line));
    buffer.flush().forEach((line) => parser.feed(line));
    expect(parser.result()).toEqual(whole);
  });

  it('says in plain words when the text is not benchmark_model output', () => {
    expect(parseBenchmarkModel('')).toEqual({
      kind: 'unknown',
      reason: 'No line of this text is output of the TFLite benchmark_model tool.',
    });
    expect(parseBenchmarkModel('Use gpu: [1]\nhello: [world]').kind).toBe('unknown');
    expect(parseBenchmarkModel(readRealFixture('telemetry/22-battery-pixel-c-dragon-root-syzkaller79.txt')).kind).toBe('unknown');
  });
});
