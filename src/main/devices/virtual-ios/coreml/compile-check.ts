// What MLModel.compileModel(at:) refuses in a neural network that parses: a layer reading a blob nothing
// produced, a declared output no layer writes, weights whose count does not match the layer's sizes, sizes of
// zero. Returns the reason in plain words, or null when the model compiles.
import type { CoremlLayer, CoremlModel, CoremlWeightInfo } from '../../../../shared/formats/coreml/model.js';

/** Past this a layer's size is not a model a phone can hold. */
const MAX_DIMENSION = 1 << 20;

export function coremlCompileProblem(model: CoremlModel): string | null {
  const produced = new Set(model.description.inputs.map((f) => f.name));
  for (const layer of model.layers) {
    const label = `layer "${layer.name}" (${layer.opType})`;
    for (const input of layer.inputs) {
      if (!produced.has(input)) return `${label} reads "${input}", which no input or earlier layer produces`;
    }
    if (layer.outputs.length === 0) return `${label} has no output`;
    const sizes = sizeProblem(layer);
    if (sizes !== null) return `${label} ${sizes}`;
    for (const output of layer.outputs) produced.add(output);
  }
  for (const output of model.description.outputs) {
    if (!produced.has(output.name)) return `the model output "${output.name}" is not produced by any layer`;
  }
  return null;
}

function sizeProblem(layer: CoremlLayer): string | null {
  const p = layer.params;
  const dims = (...values: number[]): string | null =>
    values.every((d) => Number.isInteger(d) && d >= 1 && d <= MAX_DIMENSION) ? null : 'has a size of zero or an implausibly large one';
  const count = (what: string, w: CoremlWeightInfo | null, want: number): string | null =>
    w === null || w.count === want ? null : `has ${w.count} ${what} values where its sizes call for ${want}`;
  switch (p?.type) {
    case 'convolution':
      return (
        dims(p.outputChannels, p.kernelChannels, p.nGroups, ...p.kernelSize, ...p.stride, ...p.dilation) ??
        count('weight', p.weights, p.outputChannels * p.kernelChannels * p.kernelSize[0] * p.kernelSize[1]) ??
        count('bias', p.bias, p.outputChannels)
      );
    case 'innerProduct':
      return dims(p.inputChannels, p.outputChannels) ?? count('weight', p.weights, p.inputChannels * p.outputChannels) ?? count('bias', p.bias, p.outputChannels);
    case 'batchnorm':
      return dims(p.channels) ?? count('gamma', p.gamma, p.channels) ?? count('variance', p.variance, p.channels);
    case 'pooling':
      return p.globalPooling ? null : dims(...p.kernelSize, ...p.stride);
    default:
      return null;
  }
}
