// What each path is called, on each kind of phone: `npu` is the NPU on Android and the Neural Engine
// (Core ML's cpuAndNeuralEngine) on an iPhone.
import type { PathId } from './api-constants.js';
import type { DevicePlatform } from './api.js';

export type PathLabels = Readonly<Record<PathId, string>>;

export const PATH_LABEL: PathLabels = { npu: 'NPU', gpu: 'GPU', cpu: 'CPU' };

export const IOS_PATH_LABEL: PathLabels = { npu: 'Neural Engine', gpu: 'GPU', cpu: 'CPU' };

export const pathLabels = (platform: DevicePlatform | null | undefined): PathLabels => (platform === 'ios' ? IOS_PATH_LABEL : PATH_LABEL);
