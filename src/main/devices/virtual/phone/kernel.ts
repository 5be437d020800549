import type { FdTable } from '../fs/fd-table.js';
import type { PhoneCredentials, Vfs } from '../fs/vfs.js';
import type { PhoneProcess, PhoneProcessTable } from '../process/process-table.js';
import type { PhoneClock } from './clock.js';
import type { PhoneCommand } from './command.js';
import type { PhoneCommandRegistry } from './command-registry.js';
import type { PhoneProperties } from './properties.js';

export interface PhoneExecOptions {
  /** The program to run; resolved from argv[0] when absent. */
  readonly program?: PhoneCommand;
  readonly argv: readonly string[];
  readonly env: ReadonlyMap<string, string>;
  readonly cwd: string;
  /** Taken over by the program (released when it ends). */
  readonly fds: FdTable;
  readonly credentials: PhoneCredentials;
}

/** The phone's "kernel": what programs and services share. */
export interface PhoneKernel {
  readonly vfs: Vfs;
  readonly processes: PhoneProcessTable;
  readonly commands: PhoneCommandRegistry;
  readonly properties: PhoneProperties;
  readonly clock: PhoneClock;
  /** The adb shell user (uid 2000 on a user build). */
  readonly shellCredentials: PhoneCredentials;
  /** fork+exec: a new process running `options.program` (or argv[0] looked up on PATH). */
  spawn(parent: number, options: PhoneExecOptions): PhoneProcess;
  /** exec in an existing process; resolves with the exit status and finishes the process. */
  execInPlace(process: PhoneProcess, options: PhoneExecOptions): Promise<number>;
  /** Where argv[0] resolves: a program, or why not (127 / 126). */
  lookup(
    name: string,
    path: string,
    cwd: string,
    credentials: PhoneCredentials,
  ): { readonly program: PhoneCommand; readonly path: string } | { readonly error: 'not-found' | 'denied' };
}
