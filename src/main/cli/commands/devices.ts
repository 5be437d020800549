import { defaultDataDir } from '../../core/app-paths.js';
import { createCore } from '../../core/core.js';
import { appVersion } from '../../core/version.js';
import { parseArgs } from '../args.js';

export const DEVICES_HELP = `tetherscope devices [--json]

Lists the phones Tetherscope can see, with their state and what to do about it.`;

export async function runDevices(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, { json: { value: false } });
  const core = await createCore({ dataDir: defaultDataDir(), version: appVersion() });
  try {
    const devices = await core.android.settle(5000);
    if (args.flags.has('json')) {
      console.log(JSON.stringify(devices, null, 2));
    } else if (devices.length === 0) {
      console.log(`No phones found through the adb server on port ${core.android.config.port}.`);
      console.log('Plug in an Android phone with USB debugging on and accept the prompt on the phone,');
      console.log('or start a virtual phone with `tetherscope sim`. (iPhones are not supported yet.)');
    } else {
      for (const d of devices) {
        console.log(`${d.id}\t${d.state}\t${d.facts?.model ?? ''}${d.virtual ? '\t(virtual)' : ''}${d.hint ? `\t${d.hint}` : ''}`);
      }
    }
    return 0;
  } catch (error) {
    const hint = (error as { hint?: unknown }).hint;
    console.error(`${error instanceof Error ? error.message : String(error)}${typeof hint === 'string' ? `\n${hint}` : ''}`);
    return 2;
  } finally {
    await core.dispose();
  }
}
