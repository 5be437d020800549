// pretend-path: src/renderer/src/views/Bad.tsx
// expect: error
import { createCore } from '../../../main/core/core.js';
export const x = createCore;
