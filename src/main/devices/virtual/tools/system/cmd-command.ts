// `cmd SERVICE …`: the binder shell commands of the services the other tools already speak for.
import type { PhoneCommand } from '../../phone/command.js';

export function cmdCommand(services: Readonly<Record<string, PhoneCommand>>): PhoneCommand {
  return async (ctx) => {
    const [service, ...rest] = ctx.argv.slice(1);
    const program = service === undefined ? undefined : services[service];
    if (program === undefined) {
      await ctx.error(`Can't find service: ${service ?? ''}`);
      return 20;
    }
    return program({ ...ctx, argv: [service ?? '', ...rest] });
  };
}
