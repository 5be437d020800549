import { defaultDataDir } from '../../core/app-paths.js';
import { createCore } from '../../core/core.js';
import { appVersion } from '../../core/version.js';
import { parseArgs } from '../args.js';

export const DEVICES_HELP = `tetherscope devices [--json]

Lists the phones Tetherscope can see, with their state and what to do about it.`;

export async function runDevices(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, { json: { value: false } });
  const core = createCore({ dataDir: defaultDataDir(), version: appVersion() });
  try {
    const devices = await core.handlers.listDevices(undefined);
    if (args.flags.has('json')) {
      console.log(JSON.stringify(devices, null, 2));
    } else if (devices.length === 0) {
      console.log('No phones found. This version does not yet discover Android phones or iPhones;');
      console.log('start a virtual phone with `tetherscope sim` once it is available.');
    } else {
      for (const d of devices) {
        console.log(`${d.id}\t${d.state}\t${d.facts?.model ?? ''}${d.virtual ? '\t(virtual)' : ''}${d.hint ? `\t${d.hint}` : ''}`);
      }
    }
    return 0;
  } finally {
    await core.dispose();
  }
}
