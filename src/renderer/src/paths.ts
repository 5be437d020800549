// NPU, GPU and CPU keep one name and one colour everywhere (Okabe–Ito, colour-blind safe).
// The colours match --path-* in styles.css; charts need them as values, not variables.
import { PATH_IDS, type PathId } from '../../shared/api-constants.js';

export { PATH_IDS, type PathId };

export const PATH_LABEL: Readonly<Record<PathId, string>> = { npu: 'NPU', gpu: 'GPU', cpu: 'CPU' };

/** What each path runs on an iPhone (Core ML compute units); `npu` is the Neural Engine. */
export const IOS_PATH_DETAIL: Readonly<Record<PathId, string>> = { npu: 'Neural Engine (cpuAndNeuralEngine)', gpu: 'GPU (cpuAndGPU)', cpu: 'CPU (cpuOnly)' };

export const CORE_ML_UNVERIFIED_WORDS = 'Core ML path not yet verified on a real iPhone: Tetherscope Probe cannot be built where Tetherscope is developed.';

export const PATH_COLOUR: Readonly<Record<PathId, string>> = { npu: '#0072b2', gpu: '#e69f00', cpu: '#009e73' };

/** "on the NPU": how a sentence says where ops ran. */
export const onPath = (path: PathId): string => `on the ${PATH_LABEL[path]}`;
