// NPU, GPU and CPU keep one name and one colour everywhere (Okabe–Ito, colour-blind safe).
// The colours match --path-* in styles.css; charts need them as values, not variables.
import { createContext } from 'react';
import { PATH_IDS, type PathId } from '../../shared/api-constants.js';
import { PATH_LABEL, type PathLabels } from '../../shared/path-labels.js';

export { PATH_IDS, type PathId };

export { IOS_PATH_LABEL, PATH_LABEL, pathLabels, type PathLabels } from '../../shared/path-labels.js';

/** The labels of the phone a view is about; PathChip reads them. */
export const PathLabelsContext = createContext<PathLabels>(PATH_LABEL);

/** What each path runs on an iPhone (Core ML compute units); `npu` is the Neural Engine. */
export const IOS_PATH_DETAIL: Readonly<Record<PathId, string>> = { npu: '(cpuAndNeuralEngine)', gpu: '(cpuAndGPU)', cpu: '(cpuOnly)' };

export const CORE_ML_UNVERIFIED_WORDS = 'Core ML path not yet verified on a real iPhone: Tetherscope Probe cannot be built where Tetherscope is developed.';

export const PATH_COLOUR: Readonly<Record<PathId, string>> = { npu: '#0072b2', gpu: '#e69f00', cpu: '#009e73' };

/** "on the NPU": how a sentence says where ops ran. */
export const onPath = (path: PathId, labels: PathLabels = PATH_LABEL): string => `on the ${labels[path]}`;
