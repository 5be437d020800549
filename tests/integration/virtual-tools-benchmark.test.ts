// The simulated benchmark_model binary on the three profiles, driven through the real adb server: its lines
// against the catalogue, its stdout/stderr split, the project's parser over them, the loop semantics, the
// delegate verdicts against the profile's prediction, failure lines, op profiles and real wall time.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTfliteModel } from '../../src/shared/formats/tflite/reader.js';
import { predictDelegateSupport } from '../../src/shared/formats/tflite/delegate-support.js';
import type { BenchmarkModelResult } from '../../src/shared/tool-output/benchmark-model.js';
import { parseBenchmarkModel } from '../../src/main/runners/tflite/benchmark-model-parser.js';
import { placeModel } from '../../src/main/devices/virtual/model/placement.js';
import type { RunningVirtualPhone } from '../../src/main/devices/virtual/virtual-phone.js';
import { type Rig, deployBenchmark, modelFile, startRig, uncataloguedLines } from './virtual-tools-shared.js';

const ADB_PORT = 15050;
const EXACT = '--min_secs=0 --warmup_min_secs=0';

describe('the simulated benchmark_model binary', () => {
  let rig: Rig;
  let flagship: RunningVirtualPhone;
  let midrange: RunningVirtualPhone;
  let budget: RunningVirtualPhone;
  const paths = new Map<RunningVirtualPhone, { binary: string; model: string; mix: string }>();

  beforeAll(async () => {
    rig = await startRig(ADB_PORT, [{ profile: 'flagship' }, { profile: 'midrange' }, { profile: 'budget' }]);
    [flagship, midrange, budget] = rig.phones as [RunningVirtualPhone, RunningVirtualPhone, RunningVirtualPhone];
    for (const phone of rig.phones) {
      const { binary, model } = await deployBenchmark(rig, phone, 'mobilenet-mini');
      const mix = (await deployBenchmark(rig, phone, 'fallback-mix')).model;
      paths.set(phone, { binary, model, mix });
    }
  });

  afterAll(async () => {
    await rig?.stop();
  });

  const run = async (phone: RunningVirtualPhone, flags: string, model: 'model' | 'mix' = 'model') => {
    const p = paths.get(phone)!;
    const before = phone.phone.model.groundTruth.inferences().length;
    const started = performance.now();
    const out = await rig.shell(phone, `${p.binary} --graph=${p[model]} ${flags}`);
    const elapsedMs = performance.now() - started;
    const truth = phone.phone.model.groundTruth.inferences().slice(before);
    const parsed = parseBenchmarkModel(`${out.stdout}${out.stderr}`);
    expect(parsed.kind).toBe('benchmark_model');
    return { ...out, elapsedMs, truth, result: parsed as BenchmarkModelResult };
  };

  it('prints only catalogued lines, tool lines on stdout and runtime lines on stderr', async () => {
    const r = await run(flagship, `--num_threads=4 --use_gpu=true --num_runs=20 --warmup_runs=2 ${EXACT}`, 'mix');
    expect(r.code).toBe(0);
    expect(uncataloguedLines(r.stdout)).toEqual([]);
    expect(uncataloguedLines(r.stderr)).toEqual([]);
    const stdout = r.stdout.split('\n').filter((l) => l !== '');
    expect(stdout.every((l) => l.startsWith('INFO: '))).toBe(true);
    expect(stdout[0]).toBe('INFO: STARTING!');
    expect(r.stdout).toContain('INFO: GPU delegate created.\n');
    expect(r.stderr).toContain('INFO: Created TensorFlow Lite delegate for GPU.\n');
    expect(r.stderr).toMatch(/^ERROR: Following operations are not supported by GPU delegate:\nARG_MAX: Operation is not supported\.\nSQUEEZE: Operation is not supported\.\n5 operations will run on the GPU, and the remaining 4 operations will run on the CPU\.$/m);
    expect(r.stderr).toMatch(/^VERBOSE: Replacing 5 out of 9 node\(s\) with delegate \(TfLiteGpuDelegateV2\) node, yielding 2 partitions/m);
    // The count line is followed by an empty line (std::endl after the stats).
    expect(r.stdout).toMatch(/^INFO: count=20 first=\d+ curr=\d+ min=\d+ max=\d+ avg=[\d.e+]+ std=\d+ p5=\d+ median=\d+ p95=\d+\n\n/m);
  });

  it('gives the parser the runs asked for, the profile’s delegation and the GPU’s unsupported ops', async () => {
    const mixBytes = readFileSync(modelFile('fallback-mix'));
    const mix = readTfliteModel(new Uint8Array(mixBytes));
    const gpu = await run(flagship, `--num_threads=4 --use_gpu=true --num_runs=30 --warmup_runs=3 ${EXACT}`, 'mix');
    expect(gpu.result.status).toBe('completed');
    expect(gpu.result.inference_count).toBe(30);
    expect(gpu.result.warmup?.count).toBe(3);
    const gpuPrediction = predictDelegateSupport(mix, 'gpu', { androidSdk: 34 });
    const gpuDelegate = gpu.result.delegates.find((d) => d.name === 'TfLiteGpuDelegateV2');
    expect(gpuDelegate?.nodes_delegated).toBe(gpuPrediction.delegatedCount);
    expect(gpuDelegate?.nodes_total).toBe(mix.subgraphs[0]?.operators.length);
    const unsupported = [...new Set(gpuPrediction.operators.filter((o) => !o.supported).map((o) => o.opName))].sort();
    expect(gpu.result.unsupported_ops.map((u) => u.op).sort()).toEqual(unsupported);
    expect(gpu.result.delegation).toBe('partial');

    const nnapi = await run(flagship, `--num_threads=4 --use_nnapi=true --num_runs=25 --warmup_runs=1 ${EXACT}`, 'mix');
    const nnapiPrediction = predictDelegateSupport(mix, 'nnapi', { androidSdk: 34 });
    const nnapiDelegate = nnapi.result.delegates.find((d) => d.name === 'TfLiteNnapiDelegate');
    expect(nnapi.result.inference_count).toBe(25);
    expect(nnapiDelegate?.nodes_delegated).toBe(nnapiPrediction.delegatedCount);
    expect(nnapi.result.nnapi_accelerators).toEqual(['qti-default', 'qti-dsp', 'qti-gpu', 'nnapi-reference']);
    expect(nnapi.stdout).toMatch(/Explicitly applied NNAPI delegate, and the model graph will be partially executed by the delegate w\/ \d+ delegate kernels\./);

    // The averages are the ground truth's: the tool times what the model scheduled.
    const regular = nnapi.truth.filter((t) => t.kind === 'regular');
    const mean = regular.reduce((s, t) => s + Math.round(t.latencyUs), 0) / regular.length;
    expect(regular).toHaveLength(25);
    expect(nnapi.result.inference_avg_us).toBeCloseTo(mean, 0);
  });

  it('follows the profile on each phone: the budget NPU mostly falls back, its GPU delegate fails', async () => {
    const mini = readTfliteModel(new Uint8Array(readFileSync(modelFile('mobilenet-mini'))));
    const budgetNpu = await run(budget, `--num_threads=4 --use_nnapi=true --num_runs=100 --warmup_runs=1 ${EXACT}`);
    const predicted = placeModel(mini, budget.phone.profile.spec, budget.phone.profile.sdk, { kind: 'nnapi', accelerator: null }).delegate!;
    const delegate = budgetNpu.result.delegates.find((d) => d.name === 'TfLiteNnapiDelegate');
    expect(delegate?.nodes_delegated).toBe(predicted.delegatedCount);
    expect(delegate?.partitions).toBe(predicted.partitionCount);
    expect(predicted.delegatedCount * 2).toBeLessThan(predicted.nodeCount);
    expect(budgetNpu.result.inference_count).toBe(100);
    // Real time: the phone sleeps through its latencies, and 100 runs of a small model take seconds at most.
    const sleptMs = budgetNpu.truth.reduce((s, t) => s + t.latencyUs, 0) / 1000;
    expect(budgetNpu.elapsedMs).toBeGreaterThan(sleptMs);
    expect(budgetNpu.elapsedMs).toBeLessThan(10_000);

    const budgetGpu = await run(budget, `--num_threads=4 --use_gpu=true --num_runs=10 ${EXACT}`);
    expect(budgetGpu.code).toBe(1);
    expect(budgetGpu.result.status).toBe('failed');
    expect(budgetGpu.stderr).toContain('ERROR: Failed to apply GPU delegate.\nERROR: Benchmarking failed.\n');
    expect(budgetGpu.stderr).toMatch(/^ERROR: Node number 9 \(TfLiteGpuDelegateV2\) failed to prepare\.$/m);
    expect(uncataloguedLines(budgetGpu.stdout + budgetGpu.stderr)).toEqual([]);

    const midNpu = await run(midrange, `--num_threads=2 --use_nnapi=true --nnapi_accelerator_name=mtk-neuron_shim --num_runs=10 ${EXACT}`);
    expect(midNpu.result.delegation).toBe('full');
    expect(midNpu.stdout).toContain('INFO: NNAPI accelerator name: [mtk-neuron_shim]\n');
    const wrong = await run(midrange, `--use_nnapi=true --nnapi_accelerator_name=qti-dsp --num_runs=10 ${EXACT}`);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('ERROR: Could not find the specified NNAPI accelerator: qti-dsp. Must be one of: {mtk-neuron_shim,mtk-gpu_shim,nnapi-reference}.\n');
    expect(wrong.result.status).toBe('failed');
  });

  it('runs the real loop semantics: max(num_runs, runs within min_secs), cut at max_secs', async () => {
    const fill = await run(flagship, '--num_threads=4 --use_xnnpack=true --num_runs=5 --min_secs=0.3 --warmup_runs=1 --warmup_min_secs=0.1');
    expect(fill.result.inference_count).toBeGreaterThan(5);
    expect(fill.result.warmup?.count).toBeGreaterThan(1);
    const regular = fill.truth.filter((t) => t.kind === 'regular');
    const spanMs = Number(regular.at(-1)!.endNs - regular[0]!.beginNs) / 1e6;
    expect(spanMs).toBeGreaterThanOrEqual(299);
    expect(spanMs).toBeLessThan(400);

    const cut = await run(flagship, '--num_threads=4 --use_xnnpack=true --num_runs=1000000 --min_secs=0 --max_secs=0.2 --warmup_runs=1 --warmup_min_secs=0');
    expect(cut.result.inference_count).toBeLessThan(1_000_000);
    expect(cut.result.inference_count).toBeGreaterThan(100);
    expect(cut.elapsedMs).toBeLessThan(3000);
  });

  it('prints op-profiling tables in the current wide layout', async () => {
    const r = await run(budget, `--num_threads=4 --use_nnapi=true --num_runs=20 --enable_op_profiling=true ${EXACT}`);
    expect(uncataloguedLines(r.stdout)).toEqual([]);
    expect(r.result.op_profile_layout).toBe('wide');
    expect(r.result.op_profile_source).toBe('summary_by_node_type');
    expect(r.result.profiled_runs?.count).toBe(20);
    // Ops that ran beside the NNAPI kernels are the fallback the profile shows.
    expect(r.result.fallback_ops.map((f) => f.op)).toEqual(expect.arrayContaining(['DEPTHWISE_CONV_2D', 'FULLY_CONNECTED', 'SOFTMAX']));
    const header = r.stdout.split('\n').find((l) => l.includes('[node type]'))!;
    expect(header.split('\t')[1]).toHaveLength(40);
    expect(header).not.toContain('[start]');
  });
});
