import type { FdTable } from '../fs/fd-table.js';
import type { OpenFile } from '../fs/open-file.js';
import type { PhoneCredentials } from '../fs/vfs.js';
import type { PhoneProcess } from '../process/process-table.js';
import type { PhoneKernel } from './kernel.js';

/**
 * Everything a program running on the phone sees: its argv, environment,
 * open files and process. The framework tools (benchmark_model, perfetto, logcat,
 * dumpsys, am, pm) are PhoneCommands too.
 */
export interface PhoneCommandContext {
  readonly argv: readonly string[];
  readonly env: ReadonlyMap<string, string>;
  readonly cwd: string;
  readonly kernel: PhoneKernel;
  readonly process: PhoneProcess;
  /** Aborts when the process is killed; pass it to every wait. */
  readonly signal: AbortSignal;
  readonly credentials: PhoneCredentials;
  readonly fds: FdTable;
  readonly stdin: OpenFile;
  readonly stdout: OpenFile;
  readonly stderr: OpenFile;
  /** Writes to stdout (a closed reader kills the process with SIGPIPE). */
  write(data: string | Uint8Array): Promise<void>;
  /** Writes `name: message\n` style diagnostics to stderr. */
  error(message: string): Promise<void>;
  /** All of stdin until EOF. */
  readAll(): Promise<Buffer>;
  /** stdin chunk by chunk until EOF. */
  chunks(): AsyncIterable<Buffer>;
  sleep(ms: number): Promise<void>;
  /** Absolute phone path for an argument. */
  resolve(path: string): string;
}

/** A program: returns its exit status. Throwing ProcessSignalled/BrokenPipeError is fine. */
export type PhoneCommand = (ctx: PhoneCommandContext) => Promise<number>;
