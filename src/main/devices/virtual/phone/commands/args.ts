export interface ParsedArgs {
  readonly flags: Set<string>;
  readonly values: Map<string, string>;
  readonly operands: string[];
  /** The first unknown option, if any. */
  readonly unknown: string | undefined;
}

/**
 * Toybox-style options: combined short flags (`-la`), options taking a value
 * (`-n 5` or `-n5`), options anywhere until `--`, a lone `-` is an operand.
 */
export function parseArgs(args: readonly string[], flags: string, withValue = ''): ParsedArgs {
  const set = new Set<string>();
  const values = new Map<string, string>();
  const operands: string[] = [];
  let unknown: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-' || /^-\d/.test(arg) && !flags.includes(arg[1]!) && !withValue.includes(arg[1]!)) {
      operands.push(arg);
      continue;
    }
    for (let k = 1; k < arg.length; k++) {
      const flag = arg[k]!;
      if (withValue.includes(flag)) {
        const inline = arg.slice(k + 1);
        const value = inline !== '' ? inline : args[++i];
        if (value !== undefined) values.set(flag, value);
        break;
      }
      if (!flags.includes(flag)) unknown ??= flag;
      set.add(flag);
    }
  }
  return { flags: set, values, operands, unknown };
}
