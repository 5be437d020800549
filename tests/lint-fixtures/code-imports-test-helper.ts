// pretend-path: src/main/runners/tflite/x.ts
// expect: error
import { realFixture } from '../../../../tests/fixtures-path.js';
export const x = realFixture;
