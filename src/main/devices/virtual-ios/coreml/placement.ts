// Where each layer of a neural network runs for one MLModelConfiguration.computeUnits value: the devices that
// support the layer (the CPU always; the GPU and the Neural Engine unless the profile says they refuse it),
// narrowed to the configuration's devices, the Neural Engine first, then the GPU, then the CPU. Consecutive
// layers on one device form a segment; each change of device is a hand-over that costs a copy.
import type { CoremlLayer, CoremlModel } from '../../../../shared/formats/coreml/model.js';
import type { ProbeComputeDevice, ProbeComputeUnits } from '../../../../shared/ios-probe/probe-protocol.js';
import type { IphoneHardware } from './iphone-spec.js';

export interface LayerPlacement {
  readonly index: number;
  readonly name: string;
  readonly opType: string;
  /** Where it runs. */
  readonly preferred: ProbeComputeDevice;
  /** The configuration's devices able to run it, in Core ML's order of preference. */
  readonly supported: readonly ProbeComputeDevice[];
  /** Why the Neural Engine refuses it, when it does. */
  readonly neuralEngineRefusal: string | null;
}

export interface PlacementSegment {
  readonly device: ProbeComputeDevice;
  /** Layer indices. */
  readonly layers: readonly number[];
}

export const COMPUTE_UNIT_DEVICES: Readonly<Record<ProbeComputeUnits, readonly ProbeComputeDevice[]>> = {
  cpuOnly: ['cpu'],
  cpuAndGPU: ['gpu', 'cpu'],
  cpuAndNeuralEngine: ['neuralEngine', 'cpu'],
  all: ['neuralEngine', 'gpu', 'cpu'],
};

/** Why the Neural Engine will not run this layer, or null when it will. */
export function neuralEngineRefusal(layer: CoremlLayer, hardware: IphoneHardware): string | null {
  const rejects = hardware.neuralEngineRejects;
  if (rejects.opTypes.includes(layer.opType)) {
    if (layer.opType === 'custom') return 'custom layers have only CPU and GPU implementations';
    if (layer.opType.endsWith('Broadcastable') || layer.opType.endsWith('ND')) return 'broadcastable and "ND" layers do not run on the Neural Engine';
    return `the Neural Engine does not run ${layer.opType} layers`;
  }
  const p = layer.params;
  if (rejects.dilatedConvolution && p?.type === 'convolution' && (p.dilation[0] > 1 || p.dilation[1] > 1)) {
    return 'dilated convolutions do not run on the Neural Engine';
  }
  return null;
}

export function placeLayers(model: CoremlModel, hardware: IphoneHardware, computeUnits: ProbeComputeUnits): LayerPlacement[] {
  const allowed = COMPUTE_UNIT_DEVICES[computeUnits];
  return model.layers.map((layer, index) => {
    const refusal = neuralEngineRefusal(layer, hardware);
    const able = (device: ProbeComputeDevice): boolean =>
      device === 'cpu' || (device === 'gpu' ? !hardware.gpuRejectsOpTypes.includes(layer.opType) : refusal === null);
    const supported = allowed.filter(able);
    return { index, name: layer.name, opType: layer.opType, preferred: supported[0] ?? 'cpu', supported, neuralEngineRefusal: refusal };
  });
}

export function segmentsOf(placement: readonly LayerPlacement[]): PlacementSegment[] {
  const segments: { device: ProbeComputeDevice; layers: number[] }[] = [];
  for (const layer of placement) {
    const last = segments.at(-1);
    if (last !== undefined && last.device === layer.preferred) last.layers.push(layer.index);
    else segments.push({ device: layer.preferred, layers: [layer.index] });
  }
  return segments;
}
