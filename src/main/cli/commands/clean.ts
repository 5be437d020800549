import type { Device } from '../../../shared/api.js';
import { restorePhone } from '../../capture/capture-engine.js';
import { removeProbeModels } from '../../capture/ios/ios-model-push.js';
import { defaultDataDir } from '../../core/app-paths.js';
import { createCore } from '../../core/core.js';
import { appVersion } from '../../core/version.js';
import { CliUsageError, parseArgs } from '../args.js';

export const CLEAN_HELP = `tetherscope clean [--device SERIAL]...

Undoes everything Tetherscope changed on a phone. On Android: stops its telemetry loop and
traces, restores the properties and settings it changed, removes the models, the runner and
the benchmark app it installed. On an iPhone: removes the models it copied into Tetherscope
Probe (the app itself stays; delete it on the phone if you wish). Without --device, cleans
every ready phone.`;

export async function runClean(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, { device: { value: true, repeatable: true } });
  if (args.positionals.length) throw new CliUsageError('clean takes no arguments besides --device.');
  const core = await createCore({ dataDir: defaultDataDir(), version: appVersion() });
  try {
    const [android, iphones] = await Promise.all([core.android.settle(5000).catch((): Device[] => []), core.ios.settle(3000)]);
    const readyAndroid = android.filter((d) => d.state === 'device').map((d) => d.id);
    const readyIphones = iphones.filter((d) => d.state === 'device').map((d) => d.id);
    const wanted = args.flags.get('device') ?? [...readyAndroid, ...readyIphones];
    if (wanted.length === 0) {
      console.log('No ready phone to clean.');
      return 0;
    }
    let code = 0;
    for (const id of wanted) {
      const connection = readyIphones.includes(id) ? core.ios.tracker.connection(id) : null;
      if (connection) {
        try {
          const removed = await removeProbeModels(connection);
          console.log(`${id}: cleaned${removed.length ? ` (${removed.length} models removed from Tetherscope Probe)` : ' (nothing of Tetherscope was left in Tetherscope Probe)'}.`);
        } catch (error) {
          const hint = (error as { hint?: unknown }).hint;
          console.error(`${id}: ${error instanceof Error ? error.message : String(error)}${typeof hint === 'string' ? ` ${hint}` : ''}`);
          code = 2;
        }
        continue;
      }
      if (!readyAndroid.includes(id)) {
        console.error(`${id} is not connected and ready; nothing was done on it.`);
        code = 2;
        continue;
      }
      const undone = await restorePhone(core.android.client.getDevice(id), id, true);
      console.log(`${id}: cleaned${undone.length ? ` (${undone.length} recorded changes undone)` : ' (nothing of Tetherscope was left on it)'}.`);
    }
    return code;
  } finally {
    await core.dispose();
  }
}
