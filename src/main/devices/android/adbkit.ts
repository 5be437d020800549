// adbkit is CommonJS with an `exports.default`; an ESM default import yields the whole
// exports object under Node but the class under bundlers. Requiring it is the same everywhere.
import { createRequire } from 'node:module';
import type * as AdbkitModule from '@devicefarmer/adbkit';

export const adbkit = createRequire(import.meta.url)('@devicefarmer/adbkit') as typeof AdbkitModule;
export type { Client as AdbkitClient, DeviceClient as AdbkitDeviceClient } from '@devicefarmer/adbkit';
