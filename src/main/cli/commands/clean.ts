import { restorePhone } from '../../capture/capture-engine.js';
import { defaultDataDir } from '../../core/app-paths.js';
import { createCore } from '../../core/core.js';
import { appVersion } from '../../core/version.js';
import { CliUsageError, parseArgs } from '../args.js';

export const CLEAN_HELP = `tetherscope clean [--device SERIAL]...

Undoes everything Tetherscope changed on a phone: stops its telemetry loop and traces,
restores the properties and settings it changed, removes the models, the runner and the
benchmark app it installed. Without --device, cleans every ready phone.`;

export async function runClean(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, { device: { value: true, repeatable: true } });
  if (args.positionals.length) throw new CliUsageError('clean takes no arguments besides --device.');
  const core = await createCore({ dataDir: defaultDataDir(), version: appVersion() });
  try {
    const ready = (await core.android.settle(5000)).filter((d) => d.state === 'device').map((d) => d.id);
    const wanted = args.flags.get('device') ?? ready;
    if (wanted.length === 0) {
      console.log('No ready phone to clean.');
      return 0;
    }
    let code = 0;
    for (const serial of wanted) {
      if (!ready.includes(serial)) {
        console.error(`${serial} is not connected and ready; nothing was done on it.`);
        code = 2;
        continue;
      }
      const undone = await restorePhone(core.android.client.getDevice(serial), serial, true);
      console.log(`${serial}: cleaned${undone.length ? ` (${undone.length} recorded changes undone)` : ' (nothing of Tetherscope was left on it)'}.`);
    }
    return code;
  } finally {
    await core.dispose();
  }
}
