// The sample models in LiteRT's own runtime (@litertjs/core, WebAssembly build, under Node): they load, run,
// give the output shapes they declare, and agree with a float64 reference computed from our reader's view of
// the same bytes. The committed files must match their builders and the manifest.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import vm from 'node:vm';
import type * as LiteRtModule from '@litertjs/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { readTfliteModel } from '../../src/shared/formats/tflite/reader.js';
import { TFLITE_SAMPLE_MODELS, buildLargePush, tfliteSampleModel } from '../../src/shared/formats/tflite/samples.js';
import { runTfliteReference } from './tflite-reference-cpu.js';

type LiteRt = typeof LiteRtModule;

const root = join(import.meta.dirname, '..', '..');
const modelsDir = join(root, 'resources', 'models');
const require = createRequire(import.meta.url);
const wasmDir = join(dirname(require.resolve('@litertjs/core/package.json')), 'wasm');

/** The loader expects a worker scope; give it one (tflite-format.md, appendix). */
async function loadLiteRtUnderNode(): Promise<LiteRt> {
  const g = globalThis as Record<string, unknown>;
  g.self = globalThis;
  g.importScripts = (...paths: string[]) => {
    for (const p of paths) vm.runInThisContext(readFileSync(p.startsWith('file:') ? new URL(p) : p, 'utf8'), { filename: p });
  };
  g.require = createRequire(join(wasmDir, 'loader.js'));
  g.__dirname = wasmDir;
  const litert = await import('@litertjs/core');
  await litert.loadLiteRt(`${wasmDir}/`);
  return litert;
}

/** Deterministic input in [−1, 1). */
function inputOf(length: number, seed: number): Float32Array {
  return Float32Array.from({ length }, (_, i) => Math.sin(i * 0.37 + seed) * 0.99);
}

async function runInLiteRt(litert: LiteRt, bytes: Uint8Array, inputs: Float32Array[]) {
  const model = await litert.loadAndCompile(bytes, { accelerator: 'wasm' });
  const details = model.getInputDetails();
  const tensors = details.map((d, i) => new litert.Tensor(inputs[i] ?? new Float32Array(0), [...d.shape]));
  const outputs = await model.run(tensors);
  const result = {
    outputDetails: model.getOutputDetails().map((d) => ({ name: d.name, dtype: d.dtype, shape: [...d.shape] })),
    values: outputs.map((t) => Array.from(t.toTypedArray() as ArrayLike<number>, Number)),
  };
  tensors.forEach((t) => t.delete());
  outputs.forEach((t) => t.delete());
  model.delete();
  return result;
}

describe('sample models in LiteRT', () => {
  let litert: LiteRt;
  beforeAll(async () => {
    litert = await loadLiteRtUnderNode();
  });

  it('has committed files that match their builders and the manifest', () => {
    const manifest = JSON.parse(readFileSync(join(modelsDir, 'models.json'), 'utf8')) as {
      models: { id: string; file: string; generatedOnDemand: boolean; bytes: number; sha256?: string }[];
    };
    expect(manifest.models.map((m) => m.id)).toEqual(TFLITE_SAMPLE_MODELS.map((m) => m.id));
    for (const entry of manifest.models.filter((m) => !m.generatedOnDemand)) {
      const file = readFileSync(join(modelsDir, entry.file));
      expect(file.length).toBe(entry.bytes);
      expect(file.length).toBeLessThan(100 * 1024);
      expect(createHash('sha256').update(file).digest('hex')).toBe(entry.sha256);
      expect(new Uint8Array(file)).toEqual(tfliteSampleModel(entry.id as 'mobilenet-mini').build());
    }
  });

  it('runs mobilenet-mini and matches the reference', async () => {
    const bytes = new Uint8Array(readFileSync(join(modelsDir, 'mobilenet-mini.tflite')));
    const model = readTfliteModel(bytes);
    expect(Object.keys(model.summary.opCounts).sort()).toEqual(
      ['AVERAGE_POOL_2D', 'CONV_2D', 'DEPTHWISE_CONV_2D', 'FULLY_CONNECTED', 'RESHAPE', 'SOFTMAX'].sort(),
    );
    const input = inputOf(32 * 32 * 3, 1);
    const { outputDetails, values } = await runInLiteRt(litert, bytes, [input]);
    expect(outputDetails).toEqual([{ name: 'probabilities', dtype: 'float32', shape: [1, 10] }]);
    const probs = values[0] ?? [];
    expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    const reference = Array.from(runTfliteReference(model, [input])[0] ?? []);
    probs.forEach((p, i) => expect(Math.abs(p - (reference[i] ?? NaN))).toBeLessThan(1e-5));
    // Not a flat line: the weights do something.
    expect(Math.max(...probs) - Math.min(...probs)).toBeGreaterThan(0.01);
  });

  it('runs fallback-mix: probabilities, their arg-max, and the reference agree', async () => {
    const bytes = new Uint8Array(readFileSync(join(modelsDir, 'fallback-mix.tflite')));
    const model = readTfliteModel(bytes);
    expect(model.subgraphs[0]?.operators.map((o) => o.opName)).toEqual([
      'CONV_2D',
      'GELU',
      'CONCATENATION',
      'CONV_2D',
      'MEAN',
      'SQUEEZE',
      'FULLY_CONNECTED',
      'SOFTMAX',
      'ARG_MAX',
    ]);
    const input = inputOf(16 * 16 * 3, 2);
    const { outputDetails, values } = await runInLiteRt(litert, bytes, [input]);
    expect(outputDetails).toEqual([
      { name: 'probabilities', dtype: 'float32', shape: [1, 10] },
      { name: 'class', dtype: 'int32', shape: [1] },
    ]);
    const [probs = [], best = []] = values;
    expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(best[0]).toBe(probs.indexOf(Math.max(...probs)));
    const reference = Array.from(runTfliteReference(model, [input])[0] ?? []);
    probs.forEach((p, i) => expect(Math.abs(p - (reference[i] ?? NaN))).toBeLessThan(1e-5));
  });

  it('runs large-push, built in memory as the app will', async () => {
    const bytes = buildLargePush();
    const model = readTfliteModel(bytes);
    expect(model.summary.parameterBytes).toBeGreaterThanOrEqual(24 * 1024 * 1024);
    const input = inputOf(2048, 3);
    const { outputDetails, values } = await runInLiteRt(litert, bytes, [input]);
    expect(outputDetails).toEqual([{ name: 'probabilities', dtype: 'float32', shape: [1, 3072] }]);
    const probs = values[0] ?? [];
    expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    const reference = Array.from(runTfliteReference(model, [input])[0] ?? []);
    const worst = probs.reduce((m, p, i) => Math.max(m, Math.abs(p - (reference[i] ?? NaN))), 0);
    expect(worst).toBeLessThan(1e-6);
  });
});
