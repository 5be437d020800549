// How much work each layer of a Core ML neural network is: its output shape, followed from the model's input
// shape through the layers, then multiply-accumulates and bytes moved, in the Android model's OpWork terms so
// its cost roofline applies. Shapes are [channels, height, width] with the batch dropped.
import type { CoremlLayer, CoremlModel, CoremlWeightInfo } from '../../../../shared/formats/coreml/model.js';
import type { OpWork } from '../../virtual/model/op-work.js';

type Shape = readonly [number, number, number];

export interface LayerWork extends OpWork {
  readonly outputShape: Shape;
  /** Bytes of the layer's output, what a hand-over to another compute device copies. */
  readonly outputBytes: number;
}

const elements = (s: Shape): number => s[0] * s[1] * s[2];
const FLOAT_BYTES = 4;

function toChw(shape: readonly number[]): Shape {
  const dims = shape.filter((_, i) => !(shape.length === 4 && i === 0) && !(shape.length === 2 && i === 0));
  const [c = 1, h = 1, w = 1] = dims.slice(-3).length === 3 ? dims.slice(-3) : [dims.reduce((a, b) => a * b, 1), 1, 1];
  return [Math.max(1, c), Math.max(1, h), Math.max(1, w)];
}

const weightBytes = (w: CoremlWeightInfo | null): number =>
  w === null ? 0 : w.count * (w.storage === 'float16' ? 2 : w.storage === 'int8' ? 1 : FLOAT_BYTES);

function windowOut(size: number, kernel: number, stride: number, dilation: number, padding: string): number {
  const s = Math.max(1, stride);
  if (padding === 'same') return Math.ceil(size / s);
  const effective = (kernel - 1) * dilation + 1;
  return Math.max(1, Math.floor((size - effective) / s) + 1);
}

/** Work of every layer, in layer order. */
export function modelLayerWork(model: CoremlModel): LayerWork[] {
  const shapes = new Map<string, Shape>();
  for (const input of model.description.inputs) {
    shapes.set(input.name, input.type.kind === 'multiArray' ? toChw(input.type.shape) : input.type.kind === 'image' ? [3, input.type.height, input.type.width] : [1, 1, 1]);
  }
  return model.layers.map((layer) => {
    const work = layerWork(layer, layer.inputs.map((name) => shapes.get(name) ?? ([1, 1, 1] as const)));
    for (const output of layer.outputs) shapes.set(output, work.outputShape);
    return work;
  });
}

function layerWork(layer: CoremlLayer, inputs: readonly Shape[]): LayerWork {
  const input = inputs[0] ?? ([1, 1, 1] as const);
  const inBytes = inputs.reduce((n, s) => n + elements(s) * FLOAT_BYTES, 0);
  const make = (outputShape: Shape, macs: number, weights: number, kind: OpWork['kind']): LayerWork => {
    const outputBytes = elements(outputShape) * FLOAT_BYTES;
    return { outputShape, outputBytes, macs, weightBytes: weights, activationBytes: inBytes + outputBytes, quantized: false, kind };
  };
  const p = layer.params;
  switch (p?.type) {
    case 'convolution': {
      const [kh, kw] = p.kernelSize;
      const out: Shape = [
        p.outputChannels,
        windowOut(input[1], kh, p.stride[0], p.dilation[0], p.padding),
        windowOut(input[2], kw, p.stride[1], p.dilation[1], p.padding),
      ];
      return make(out, elements(out) * p.kernelChannels * kh * kw, weightBytes(p.weights) + weightBytes(p.bias), 'conv');
    }
    case 'pooling': {
      if (p.globalPooling) return make([input[0], 1, 1], elements(input), 0, 'elementwise');
      const padding = p.padding === 'same' ? 'same' : 'valid';
      const out: Shape = [input[0], windowOut(input[1], p.kernelSize[0], p.stride[0], 1, padding), windowOut(input[2], p.kernelSize[1], p.stride[1], 1, padding)];
      return make(out, elements(out) * p.kernelSize[0] * p.kernelSize[1], 0, 'elementwise');
    }
    case 'innerProduct':
      return make([p.outputChannels, 1, 1], p.inputChannels * p.outputChannels, weightBytes(p.weights) + weightBytes(p.bias), 'matmul');
    case 'batchnorm':
      return make(input, elements(input) * 2, weightBytes(p.gamma) * 4, 'elementwise');
    case 'flatten':
      return make([elements(input), 1, 1], elements(input), 0, 'data');
    case 'reshape':
      return make(p.targetShape.length > 0 ? toChw(p.targetShape.map((d) => (d < 0 ? 1 : d))) : input, elements(input), 0, 'data');
    case 'concat':
    case 'concatND':
      return make([inputs.reduce((n, s) => n + s[0], 0), input[1], input[2]], inputs.reduce((n, s) => n + elements(s), 0), 0, 'data');
    case 'custom':
      // A hand-written CPU kernel: a few operations per element.
      return make(input, elements(input) * 4, 0, 'elementwise');
    default:
      return make(input, elements(input), 0, 'elementwise');
  }
}
