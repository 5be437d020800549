import type { FdTable } from '../fs/fd-table.js';
import type { PhoneProcess } from '../process/process-table.js';
import type { ShellCommand } from './ast.js';
import type { ShellVariables } from './variables.js';

export interface ShellOptions {
  errexit: boolean;
  nounset: boolean;
  xtrace: boolean;
  noglob: boolean;
  pipefail: boolean;
}

/** Everything a shell process owns; `fork()` copies it. */
export interface ShellState {
  readonly vars: ShellVariables;
  readonly functions: Map<string, ShellCommand>;
  positional: string[];
  readonly fds: FdTable;
  cwd: string;
  readonly options: ShellOptions;
  /** $? */
  status: number;
  /** $! */
  lastBackground: number | undefined;
  /** Signal number → action; 0 is EXIT. */
  readonly traps: Map<number, string>;
  /** $$ (a subshell keeps its parent's). */
  readonly shellPid: number;
  /** $0 */
  arg0: string;
  /** Background children this shell may `wait` for. */
  readonly jobs: Map<number, PhoneProcess>;
  umask: number;
  readonly startedAtMs: number;
}

export function forkShellState(state: ShellState, fds: FdTable): ShellState {
  const traps = new Map<number, string>();
  // A subshell keeps ignored signals ignored; other traps are reset.
  for (const [signal, action] of state.traps) if (action === '' && signal !== 0) traps.set(signal, '');
  return {
    vars: state.vars.clone(),
    functions: new Map(state.functions),
    positional: [...state.positional],
    fds,
    cwd: state.cwd,
    options: { ...state.options },
    status: state.status,
    lastBackground: state.lastBackground,
    traps,
    shellPid: state.shellPid,
    arg0: state.arg0,
    jobs: new Map(),
    umask: state.umask,
    startedAtMs: state.startedAtMs,
  };
}
