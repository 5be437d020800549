import { PhoneFsError } from '../fs/errno.js';
import type { PhoneCredentials, Vfs } from '../fs/vfs.js';
import { VfsAccess } from '../fs/vfs.js';
import { normalizePath } from '../fs/path.js';
import { VfsNodeKind } from '../fs/vfs-node.js';
import type { VfsFile } from '../fs/vfs-node.js';
import type { PhoneProcess, PhoneProcessTable } from '../process/process-table.js';
import { BrokenPipeError, PhoneSignal, ProcessSignalled } from '../process/signals.js';
import type { PhoneClock } from './clock.js';
import type { PhoneCommand } from './command.js';
import { createCommandContext } from './command-context.js';
import type { PhoneCommandRegistry } from './command-registry.js';
import type { PhoneExecOptions, PhoneKernel } from './kernel.js';
import type { PhoneProperties } from './properties.js';

const SHELL_PATH = '/system/bin/sh';

export class VirtualPhoneKernel implements PhoneKernel {
  constructor(
    readonly vfs: Vfs,
    readonly processes: PhoneProcessTable,
    readonly commands: PhoneCommandRegistry,
    readonly properties: PhoneProperties,
    readonly clock: PhoneClock,
    readonly shellCredentials: PhoneCredentials,
  ) {}

  spawn(parent: number, options: PhoneExecOptions): PhoneProcess {
    const process = this.processes.spawn({ ppid: parent, uid: options.credentials.uid, argv: options.argv });
    void this.execInPlace(process, options).then((status) => this.processes.finish(process, status));
    return process;
  }

  async execInPlace(process: PhoneProcess, options: PhoneExecOptions): Promise<number> {
    try {
      let program = options.program;
      if (program === undefined) {
        const found = this.lookup(options.argv[0] ?? '', options.env.get('PATH') ?? '', options.cwd, options.credentials);
        if ('error' in found) return found.error === 'not-found' ? 127 : 126;
        program = found.program;
      }
      const ctx = createCommandContext(this, process, options);
      try {
        return await program(ctx);
      } catch (error) {
        if (error instanceof ProcessSignalled) return 128 + error.signal;
        if (error instanceof BrokenPipeError) {
          return process.disposition(PhoneSignal.PIPE) === 'default' ? 128 + PhoneSignal.PIPE : 1;
        }
        if (error instanceof PhoneFsError) {
          await ctx.error(`${error.path === '' ? '' : `${error.path}: `}${error.reason}`);
          return 1;
        }
        await ctx.error(`internal error: ${(error as Error).message}`);
        return 1;
      }
    } finally {
      options.fds.closeAll();
    }
  }

  lookup(
    name: string,
    path: string,
    cwd: string,
    credentials: PhoneCredentials,
  ): { readonly program: PhoneCommand; readonly path: string } | { readonly error: 'not-found' | 'denied' } {
    if (name === '') return { error: 'not-found' };
    const candidates = name.includes('/')
      ? [normalizePath(cwd, name)]
      : path.split(':').map((dir) => normalizePath(cwd, `${dir === '' ? '.' : dir}/${name}`));
    let denied = false;
    for (const candidate of candidates) {
      const node = this.vfs.tryLookup(candidate, { cred: credentials });
      if (node === undefined) continue;
      if (node.kind !== VfsNodeKind.File || !this.vfs.access(node, credentials, VfsAccess.Execute)) {
        denied = true;
        continue;
      }
      return { program: this.#programFor(candidate, node), path: candidate };
    }
    return { error: denied ? 'denied' : 'not-found' };
  }

  #programFor(path: string, file: VfsFile): PhoneCommand {
    const known = this.commands.resolve(path, file);
    if (known !== undefined) return known;
    const head = file.data.subarray(0, Math.min(file.size, 4));
    if (head.length === 4 && head.readUInt32BE(0) === 0x7f454c46) {
      return async (ctx) => {
        await ctx.error(`${path}: can't execute: Exec format error`);
        return 126;
      };
    }
    // A text file without a known interpreter runs as a shell script (mksh's ENOEXEC fallback).
    return async (ctx) => {
      const shell = this.commands.resolve(SHELL_PATH, file);
      if (shell === undefined) return 127;
      return shell({ ...ctx, argv: [SHELL_PATH, path, ...ctx.argv.slice(1)] });
    };
  }
}
