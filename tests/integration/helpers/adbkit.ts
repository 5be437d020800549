import * as adbkitModule from '@devicefarmer/adbkit';
import type { Adb as AdbClass } from '@devicefarmer/adbkit';

/**
 * adbkit is CommonJS: under Node's ESM loader its exports sit on `default`,
 * under a bundler they may be named. Resolve the `Adb` class either way.
 */
const loaded = adbkitModule as unknown as { Adb?: typeof AdbClass; default?: { Adb?: typeof AdbClass } };
export const Adb: typeof AdbClass = loaded.Adb ?? loaded.default?.Adb ?? (loaded.default as unknown as typeof AdbClass);
