// pretend-path: src/main/electron/good.ts
// expect: ok
import { app } from 'electron';
import { createCore } from '../core/core.js';
import type { Device } from '../../shared/api.js';
export const x: [typeof app, typeof createCore, Device | null] = [app, createCore, null];
