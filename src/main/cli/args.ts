// A small, strict option reader: every command declares its flags; anything else is an
// error in plain words rather than being silently ignored.
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
}

export interface FlagSpec {
  /** Takes a value (`--port 8080` or `--port=8080`); otherwise a boolean switch. */
  value: boolean;
  repeatable?: boolean;
}

export interface ParsedArgs {
  flags: Map<string, string[]>;
  positionals: string[];
}

export function parseArgs(argv: readonly string[], spec: Readonly<Record<string, FlagSpec>>): ParsedArgs {
  const flags = new Map<string, string[]>();
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--') || arg === '--') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    const flag = spec[name];
    if (!flag) throw new CliUsageError(`Unknown option --${name}.`);
    let value = 'true';
    if (flag.value) {
      if (eq !== -1) value = arg.slice(eq + 1);
      else {
        const next = argv[i + 1];
        if (next === undefined) throw new CliUsageError(`--${name} needs a value.`);
        value = next;
        i++;
      }
    } else if (eq !== -1) {
      throw new CliUsageError(`--${name} takes no value.`);
    }
    const seen = flags.get(name);
    if (seen && !flag.repeatable) throw new CliUsageError(`--${name} was given more than once.`);
    flags.set(name, [...(seen ?? []), value]);
  }
  return { flags, positionals };
}

export function flagValue(args: ParsedArgs, name: string): string | undefined {
  return args.flags.get(name)?.[0];
}

export function flagInt(args: ParsedArgs, name: string, min: number, max: number): number | undefined {
  const raw = flagValue(args, name);
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw)) throw new CliUsageError(`--${name} must be a whole number, not "${raw}".`);
  const n = Number(raw);
  if (n < min || n > max) throw new CliUsageError(`--${name} must be between ${min} and ${max}.`);
  return n;
}
