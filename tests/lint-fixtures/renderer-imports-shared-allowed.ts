// pretend-path: src/renderer/src/views/Good.tsx
// expect: ok
import { PATH_IDS } from '../../../shared/api-constants.js';
export const x = PATH_IDS;
