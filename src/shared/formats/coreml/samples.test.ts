import { describe, expect, it } from 'vitest';
import { readCoremlModel } from './reader.js';
import { COREML_SAMPLE_MODELS, buildCoremlFallbackMix, buildCoremlMobilenetMini } from './samples.js';

const layerTypes = (bytes: Uint8Array) => readCoremlModel(bytes).layers.map((l) => `${l.name}:${l.opType}`);

describe('Core ML sample models', () => {
  it('are the same bytes every time, and small', () => {
    expect(buildCoremlMobilenetMini()).toEqual(buildCoremlMobilenetMini());
    expect(buildCoremlFallbackMix()).toEqual(buildCoremlFallbackMix());
    for (const sample of COREML_SAMPLE_MODELS) expect(sample.build().length).toBeLessThan(64 * 1024);
  });

  it('mobilenet-mini is a MobileNet-like net of Neural Engine layers', () => {
    expect(layerTypes(buildCoremlMobilenetMini())).toEqual([
      'conv1:convolution', 'bn1:batchnorm', 'relu6_1:clampedReLU', 'dw1:convolution', 'relu6_2:clampedReLU',
      'pw1:convolution', 'relu_1:activation', 'dw2:convolution', 'relu6_3:clampedReLU', 'pw2:convolution',
      'conv3:convolution', 'residual:add', 'pool:pooling', 'flatten:flatten', 'fc:innerProduct', 'softmax:softmax',
    ]);
  });

  it('fallback-mix holds four layers the Neural Engine rejects among ones it takes', () => {
    expect(layerTypes(buildCoremlFallbackMix())).toEqual([
      'conv_a:convolution', 'relu_a:activation', 'conv_dilated:convolution', 'add_broadcast:addBroadcastable',
      'conv_b:convolution', 'concat_nd:concatND', 'swish:custom', 'concat:concat', 'pool:pooling', 'flatten:flatten',
      'fc:innerProduct', 'softmax:softmax',
    ]);
    const model = readCoremlModel(buildCoremlFallbackMix());
    expect(model.description.inputs[0]?.type).toMatchObject({ shape: [1, 3, 16, 16] });
    expect(model.description.outputs[0]?.type).toMatchObject({ shape: [1, 4] });
  });
});
