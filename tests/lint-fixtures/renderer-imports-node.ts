// pretend-path: src/renderer/src/store/bad.ts
// expect: error
import { readFile } from 'node:fs/promises';
export const x = readFile;
