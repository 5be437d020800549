// pretend-path: src/main/runners/tflite/x.test.ts
// expect: ok
import { realFixture } from '../../../../tests/fixtures-path.js';
export const x = realFixture;
