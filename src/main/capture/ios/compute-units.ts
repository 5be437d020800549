// Tetherscope's paths on an iPhone: npu means the Neural Engine.
import type { PathId } from '../../../shared/api-constants.js';
import type { ProbeComputeDevice, ProbeComputeUnits } from '../../../shared/ios-probe/probe-protocol.js';

export const IOS_PATH_UNITS: Readonly<Record<PathId, { units: ProbeComputeUnits; target: ProbeComputeDevice; words: string }>> = {
  npu: { units: 'cpuAndNeuralEngine', target: 'neuralEngine', words: 'Neural Engine' },
  gpu: { units: 'cpuAndGPU', target: 'gpu', words: 'GPU' },
  cpu: { units: 'cpuOnly', target: 'cpu', words: 'CPU' },
};

export const COMPUTE_DEVICE_WORDS: Readonly<Record<ProbeComputeDevice, string>> = { cpu: 'CPU', gpu: 'GPU', neuralEngine: 'Neural Engine' };
