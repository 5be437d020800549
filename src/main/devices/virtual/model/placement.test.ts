import { describe, expect, it } from 'vitest';
import { predictDelegateSupport } from '../../../../shared/formats/tflite/delegate-support.js';
import { readTfliteModel } from '../../../../shared/formats/tflite/reader.js';
import { buildFallbackMix, buildMobilenetMini } from '../../../../shared/formats/tflite/samples.js';
import { nnapiTarget, placeModel } from './placement.js';
import { BUDGET } from './profiles/budget.js';
import { FLAGSHIP } from './profiles/flagship.js';
import { MIDRANGE } from './profiles/midrange.js';

const mini = readTfliteModel(buildMobilenetMini());
const mix = readTfliteModel(buildFallbackMix());

describe('placement of a model on a path', () => {
  it('delegates on the flagship exactly what the NNAPI and GPU rules predict', () => {
    for (const model of [mini, mix]) {
      const nnapi = placeModel(model, FLAGSHIP.spec, 34, { kind: 'nnapi', accelerator: null }).delegate!;
      expect(nnapi.delegatedCount).toBe(predictDelegateSupport(model, 'nnapi', { androidSdk: 34 }).delegatedCount);
      const gpu = placeModel(model, FLAGSHIP.spec, 34, { kind: 'gpu' }).delegate!;
      expect(gpu.delegatedCount).toBe(predictDelegateSupport(model, 'gpu', { androidSdk: 34 }).delegatedCount);
    }
  });

  it('builds the interpreter’s execution plan: CPU nodes in place, delegate kernels numbered after the model', () => {
    const placed = placeModel(mix, FLAGSHIP.spec, 34, { kind: 'gpu' });
    expect(placed.steps.map((s) => `${s.name}@${s.nodeIndex}`)).toEqual(['TfLiteGpuDelegateV2@9', 'SQUEEZE@5', 'FULLY_CONNECTED@6', 'SOFTMAX@7', 'ARG_MAX@8']);
    expect(placed.delegate).toMatchObject({ delegatedCount: 5, nodeCount: 9, partitionCount: 2, kernelCount: 1 });
    expect(placed.delegate?.unsupported.map((u) => u.op).sort()).toEqual(['ARG_MAX', 'SQUEEZE']);
  });

  it('lets the budget NPU driver take only float CONV_2D, so most of the graph falls back', () => {
    const placed = placeModel(mini, BUDGET.spec, 31, { kind: 'nnapi', accelerator: null }).delegate!;
    expect(placed.delegatedCount).toBe(3);
    expect(placed.partitionCount).toBe(6);
    expect(placed.unit).toBe('npu');
  });

  it('maps accelerator names to devices, the CPU reference included, and none for an unknown name', () => {
    expect(nnapiTarget(MIDRANGE.spec, null)).toEqual({ name: 'mtk-neuron_shim', unit: 'npu' });
    expect(nnapiTarget(MIDRANGE.spec, 'mtk-gpu_shim')?.unit).toBe('gpu');
    expect(nnapiTarget(MIDRANGE.spec, 'nnapi-reference')?.unit).toBe('cpu');
    expect(nnapiTarget(MIDRANGE.spec, 'qti-dsp')).toBeNull();
    expect(placeModel(mini, FLAGSHIP.spec, 34, { kind: 'cpu', xnnpack: 'off' }).delegate).toBeNull();
    expect(placeModel(mix, FLAGSHIP.spec, 34, { kind: 'cpu', xnnpack: 'explicit' }).delegate?.delegatedCount).toBe(7);
  });
});
