// `settings get|put|delete|list NAMESPACE …` over a store of global, system and secure settings; a setting
// never put reads as `null`.
import type { PhoneCommand } from '../../phone/command.js';

const NAMESPACES = ['global', 'system', 'secure'] as const;
type Namespace = (typeof NAMESPACES)[number];

export class SettingsStore {
  readonly #values = new Map<Namespace, Map<string, string>>(NAMESPACES.map((n) => [n, new Map()]));

  constructor(initial: Partial<Record<Namespace, Record<string, string>>> = {}) {
    for (const ns of NAMESPACES) for (const [k, v] of Object.entries(initial[ns] ?? {})) this.#values.get(ns)?.set(k, v);
  }

  get(ns: Namespace, name: string): string | undefined {
    return this.#values.get(ns)?.get(name);
  }

  put(ns: Namespace, name: string, value: string): void {
    this.#values.get(ns)?.set(name, value);
  }

  delete(ns: Namespace, name: string): boolean {
    return this.#values.get(ns)?.delete(name) ?? false;
  }

  list(ns: Namespace): [string, string][] {
    return [...(this.#values.get(ns) ?? new Map<string, string>())].sort(([a], [b]) => a.localeCompare(b));
  }
}

const USAGE = 'usage:  settings [--user <USER_ID> | current] get namespace key\n        settings [--user <USER_ID> | current] put namespace key value\n        settings [--user <USER_ID> | current] delete namespace key\n        settings [--user <USER_ID> | current] list namespace';

export function settingsCommand(store: SettingsStore): PhoneCommand {
  return async (ctx) => {
    const args = ctx.argv.slice(1);
    if (args[0] === '--user') args.splice(0, 2);
    const [verb, nsText, name, value] = args;
    const ns = NAMESPACES.find((n) => n === nsText);
    if (verb === undefined || ns === undefined) {
      await ctx.error(USAGE);
      return 1;
    }
    switch (verb) {
      case 'get':
        if (name === undefined) break;
        await ctx.write(`${store.get(ns, name) ?? 'null'}\n`);
        return 0;
      case 'put':
        if (name === undefined || value === undefined) break;
        store.put(ns, name, value);
        return 0;
      case 'delete':
        if (name === undefined) break;
        await ctx.write(`Deleted ${store.delete(ns, name) ? 1 : 0} rows\n`);
        return 0;
      case 'list':
        await ctx.write(store.list(ns).map(([k, v]) => `${k}=${v}\n`).join(''));
        return 0;
    }
    await ctx.error(USAGE);
    return 1;
  };
}
