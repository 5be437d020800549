import type { ShellInterpreter } from '../interpreter.js';
import { flowBuiltins, specialFlowBuiltins } from './flow.js';
import { ioBuiltins } from './io.js';
import { processBuiltins, specialProcessBuiltins } from './process.js';
import { specialVariableBuiltins, variableBuiltins } from './variables.js';

/** A shell builtin: runs inside the shell process, never forks. */
export type ShellBuiltin = (sh: ShellInterpreter, argv: string[]) => Promise<number>;

/**
 * POSIX special builtins plus mksh's `source`/`typeset` (assignments before
 * them persist; looked up before functions).
 */
export const SPECIAL_BUILTINS: ReadonlyMap<string, ShellBuiltin> = new Map([
  ...specialFlowBuiltins,
  ...specialVariableBuiltins,
  ...specialProcessBuiltins,
]);

/**
 * mksh's regular builtins (no process): echo, print, read, test, [, kill,
 * wait, cd, pwd, let, ... `cat`, `sleep` and `printf` are NOT here: mksh R59c
 * dropped its cat and sleep builtins and Android's build has no printf
 * builtin, so on a phone they run /system/bin (toybox) as new processes.
 */
export const BUILTINS: ReadonlyMap<string, ShellBuiltin> = new Map([
  ...flowBuiltins,
  ...ioBuiltins,
  ...variableBuiltins,
  ...processBuiltins,
]);

export function isShellBuiltin(name: string): boolean {
  return SPECIAL_BUILTINS.has(name) || BUILTINS.has(name);
}
