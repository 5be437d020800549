import { PhoneFsError } from '../fs/errno.js';
import type { FdTable } from '../fs/fd-table.js';
import type { OpenFile } from '../fs/open-file.js';
import { RefCountedFile, abortableDelay } from '../fs/open-file.js';
import type { PhoneCredentials } from '../fs/vfs.js';
import { normalizePath } from '../fs/path.js';
import type { PhoneProcess } from '../process/process-table.js';
import { BrokenPipeError } from '../process/signals.js';
import type { PhoneCommandContext } from './command.js';
import type { PhoneKernel } from './kernel.js';

/** Stands in for a closed fd: every access fails with EBADF. */
class ClosedFile extends RefCountedFile {
  readonly readable = false;
  readonly writable = false;
  readonly label = 'closed';
  read(): Promise<Buffer | null> {
    return Promise.reject(new PhoneFsError('EBADF'));
  }
  write(): Promise<void> {
    return Promise.reject(new PhoneFsError('EBADF'));
  }
}

export function createCommandContext(
  kernel: PhoneKernel,
  process: PhoneProcess,
  init: {
    argv: readonly string[];
    env: ReadonlyMap<string, string>;
    cwd: string;
    fds: FdTable;
    credentials: PhoneCredentials;
  },
): PhoneCommandContext {
  const fd = (n: number): OpenFile => init.fds.get(n) ?? new ClosedFile();
  const signal = process.signal;
  const stdin = fd(0);
  const stdout = fd(1);
  const stderr = fd(2);
  const name = (init.argv[0] ?? '').slice((init.argv[0] ?? '').lastIndexOf('/') + 1);
  return {
    argv: init.argv,
    env: init.env,
    cwd: init.cwd,
    kernel,
    process,
    signal,
    credentials: init.credentials,
    fds: init.fds,
    stdin,
    stdout,
    stderr,
    write: (data) => stdout.write(typeof data === 'string' ? Buffer.from(data) : data, signal),
    async error(message) {
      try {
        await stderr.write(Buffer.from(`${name}: ${message}\n`), signal);
      } catch (error) {
        if (!(error instanceof BrokenPipeError) && !(error instanceof PhoneFsError)) throw error;
      }
    },
    async readAll() {
      const chunks: Buffer[] = [];
      for (;;) {
        const chunk = await stdin.read(65536, signal);
        if (chunk === null) break;
        chunks.push(chunk);
      }
      return Buffer.concat(chunks);
    },
    async *chunks() {
      for (;;) {
        const chunk = await stdin.read(65536, signal);
        if (chunk === null) return;
        yield chunk;
      }
    },
    sleep: (ms) => abortableDelay(ms, signal),
    resolve: (path) => normalizePath(init.cwd, path),
  };
}
