import { describe, expect, it } from 'vitest';
import { readTfliteModel } from './reader.js';
import { TFLITE_SAMPLE_MODELS, buildFallbackMix, buildLargePush, buildMobilenetMini, tfliteSampleModel } from './samples.js';

const opsOf = (bytes: Uint8Array) => readTfliteModel(bytes).subgraphs[0]?.operators.map((o) => o.opName);

describe('sample models', () => {
  it('are the same bytes every time', () => {
    expect(buildMobilenetMini()).toEqual(buildMobilenetMini());
    expect(buildFallbackMix()).toEqual(buildFallbackMix());
  });

  it('mobilenet-mini is a small MobileNet-like float net', () => {
    const bytes = buildMobilenetMini();
    expect(bytes.length).toBeLessThan(100 * 1024);
    expect(opsOf(bytes)).toEqual([
      'CONV_2D',
      'DEPTHWISE_CONV_2D',
      'CONV_2D',
      'DEPTHWISE_CONV_2D',
      'CONV_2D',
      'AVERAGE_POOL_2D',
      'RESHAPE',
      'FULLY_CONNECTED',
      'SOFTMAX',
    ]);
    const model = readTfliteModel(bytes);
    const main = model.subgraphs[0];
    expect(main?.tensors[main.inputs[0] ?? -1]?.shape).toEqual([1, 32, 32, 3]);
    expect(main?.tensors[main.outputs[0] ?? -1]?.shape).toEqual([1, 10]);
    const convs = main?.operators.filter((o) => o.opName.includes('CONV')) ?? [];
    for (const conv of convs) {
      // Activation fused as RELU6 (3), not a separate op.
      expect((conv.options?.values as { fusedActivationFunction?: number }).fusedActivationFunction).toBe(3);
    }
    expect(main?.tensors.every((t) => t.typeName === 'FLOAT32' || t.name.endsWith('/shape'))).toBe(true);
  });

  it('fallback-mix mixes supported and rejected ops', () => {
    const bytes = buildFallbackMix();
    expect(bytes.length).toBeLessThan(100 * 1024);
    expect(opsOf(bytes)).toEqual([
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
  });

  it('large-push carries at least 24 MiB of weights in one FULLY_CONNECTED', () => {
    const model = readTfliteModel(buildLargePush());
    expect(model.summary.parameterBytes).toBeGreaterThanOrEqual(24 * 1024 * 1024);
    expect(model.summary.opCounts).toEqual({ FULLY_CONNECTED: 1, SOFTMAX: 1 });
  });

  it('lists every sample once, the large one generated on demand', () => {
    expect(TFLITE_SAMPLE_MODELS.map((m) => [m.fileName, m.generatedOnDemand])).toEqual([
      ['mobilenet-mini.tflite', false],
      ['fallback-mix.tflite', false],
      ['large-push.tflite', true],
    ]);
    expect(tfliteSampleModel('fallback-mix').build()).toEqual(buildFallbackMix());
  });
});
