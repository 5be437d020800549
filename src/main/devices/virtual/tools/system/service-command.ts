// `service list` / `service check NAME`: the binder services, NNAPI drivers among them as
// `android.hardware.neuralnetworks.IDevice/<name>` (android-telemetry.md §5.2).
import type { PhoneCommand } from '../../phone/command.js';
import { serviceInterface, serviceNames } from '../dumpsys/dumpsys-command.js';
import type { PhoneServices } from '../services.js';

export function serviceCommand(s: PhoneServices): PhoneCommand {
  return async (ctx) => {
    const [verb, name] = ctx.argv.slice(1);
    const names = serviceNames(s);
    if (verb === 'list') {
      await ctx.write(`Found ${names.length} services:\n${names.map((n, i) => `${i}\t${n}: [${serviceInterface(n)}]\n`).join('')}`);
      return 0;
    }
    if (verb === 'check' && name !== undefined) {
      await ctx.write(`Service ${name}: ${names.includes(name) ? 'found' : 'not found'}\n`);
      return 0;
    }
    await ctx.error('usage: service [-h|-?]\n       service list\n       service check SERVICE\n       service call SERVICE CODE [i32 N | i64 N | f N | d N | s16 STR | null | fd f | nfd n | afd f ] ...');
    return 1;
  };
}
