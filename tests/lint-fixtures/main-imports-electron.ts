// pretend-path: src/main/core/bad.ts
// expect: error
import { app } from 'electron';
export const x = app;
