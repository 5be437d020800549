// pretend-path: src/shared/bad.ts
// expect: error
export { toErrorPayload } from '../main/api/errors.js';
