// pretend-path: src/shared/formats/bad.ts
// expect: error
import { createHash } from 'crypto';
export const x = createHash;
