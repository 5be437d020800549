import type { Device } from '../../../shared/api.js';
import { defaultDataDir } from '../../core/app-paths.js';
import { createCore } from '../../core/core.js';
import { appVersion } from '../../core/version.js';
import { formatUsbmuxAddress } from '../../devices/ios/usbmux-address.js';
import { parseArgs } from '../args.js';

export const DEVICES_HELP = `tetherscope devices [--json]

Lists the phones Tetherscope can see, with their state and what to do about it: Android
phones through the adb server, iPhones through usbmuxd (USBMUXD_SOCKET_ADDRESS if set).`;

const describe = (error: unknown): string => {
  const hint = (error as { hint?: unknown }).hint;
  return `${error instanceof Error ? error.message : String(error)}${typeof hint === 'string' ? `\n${hint}` : ''}`;
};

export async function runDevices(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, { json: { value: false } });
  const core = await createCore({ dataDir: defaultDataDir(), version: appVersion() });
  try {
    let androidProblem: unknown = null;
    const [android, iphones] = await Promise.all([
      core.android.settle(5000).catch((error: unknown): Device[] => {
        androidProblem = error;
        return [];
      }),
      core.ios.settle(5000),
    ]);
    const devices = [...android, ...iphones];
    if (args.flags.has('json')) {
      console.log(JSON.stringify(devices, null, 2));
      if (androidProblem) console.error(describe(androidProblem));
      return androidProblem && devices.length === 0 ? 2 : 0;
    }
    for (const d of devices) {
      const kind = d.platform === 'ios' ? 'iPhone' : 'Android';
      console.log(`${d.id}\t${kind}\t${d.state}\t${d.facts?.model ?? ''}${d.virtual ? '\t(virtual)' : ''}${d.hint ? `\t${d.hint}` : ''}`);
    }
    if (devices.length === 0 && !androidProblem) {
      console.log(`No phones found through the adb server on port ${core.android.config.port} or usbmuxd at ${formatUsbmuxAddress(core.ios.address)}.`);
      console.log('Plug in an Android phone with USB debugging on and accept the prompt on the phone, or an');
      console.log('iPhone (unlock it and tap Trust); or start a virtual one with `tetherscope sim` or `tetherscope sim --ios`.');
    }
    if (androidProblem) {
      console.error(describe(androidProblem));
      return devices.length === 0 ? 2 : 0;
    }
    return 0;
  } finally {
    await core.dispose();
  }
}
