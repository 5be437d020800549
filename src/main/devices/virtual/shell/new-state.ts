import type { FdTable } from '../fs/fd-table.js';
import type { ShellState } from './state.js';
import { ShellVariables } from './variables.js';

export const MKSH_VERSION = '@(#)MIRBSD KSH R59 2020/10/31 Android';

/** A fresh shell's state: the environment becomes exported variables. */
export function newShellState(init: {
  env: ReadonlyMap<string, string>;
  fds: FdTable;
  cwd: string;
  pid: number;
  ppid: number;
  arg0: string;
  positional: string[];
  nowMs: number;
}): ShellState {
  const vars = new ShellVariables();
  for (const [name, value] of init.env) vars.export(name, value);
  vars.set('IFS', ' \t\n');
  vars.set('PPID', String(init.ppid));
  vars.set('KSH_VERSION', MKSH_VERSION);
  vars.set('PS1', '$ ');
  vars.set('PS2', '> ');
  vars.set('PS4', '+ ');
  vars.set('OPTIND', '1');
  vars.export('PWD', init.cwd);
  if (vars.get('PATH') === undefined) vars.set('PATH', '/system/bin:/system/xbin');
  vars.markReadonly('PPID');
  return {
    vars,
    functions: new Map(),
    positional: init.positional,
    fds: init.fds,
    cwd: init.cwd,
    options: { errexit: false, nounset: false, xtrace: false, noglob: false, pipefail: false },
    status: 0,
    lastBackground: undefined,
    traps: new Map(),
    shellPid: init.pid,
    arg0: init.arg0,
    jobs: new Map(),
    umask: 0o077,
    startedAtMs: init.nowMs,
  };
}
