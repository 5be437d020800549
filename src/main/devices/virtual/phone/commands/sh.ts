import { ShellSyntaxError } from '../../errors.js';
import { PhoneFsError } from '../../fs/errno.js';
import { ShellInterpreter } from '../../shell/interpreter.js';
import { newShellState } from '../../shell/new-state.js';
import { parseShell } from '../../shell/parser.js';
import type { PhoneCommand } from '../command.js';

/** `/system/bin/sh`: mksh, as adbd starts it (`sh -c CMD`) or on a script file. */
export const shCommand: PhoneCommand = async (ctx) => {
  const args = ctx.argv.slice(1);
  const options = { errexit: false, xtrace: false, nounset: false };
  let script: string | undefined;
  let arg0 = ctx.argv[0] ?? 'sh';
  let positional: string[] = [];
  let i = 0;
  for (; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '-c') {
      script = args[i + 1] ?? '';
      if (args[i + 2] !== undefined) arg0 = args[i + 2]!;
      positional = args.slice(i + 3);
      i = args.length;
      break;
    }
    if (arg === '--' || arg === '-') {
      i++;
      break;
    }
    if (/^-[eux]+$/.test(arg)) {
      if (arg.includes('e')) options.errexit = true;
      if (arg.includes('x')) options.xtrace = true;
      if (arg.includes('u')) options.nounset = true;
      continue;
    }
    if (arg.startsWith('-') && arg !== '-') continue;
    break;
  }
  if (script === undefined && i < args.length) {
    const file = args[i]!;
    try {
      script = ctx.kernel.vfs.readFile(file, { cwd: ctx.cwd, cred: ctx.credentials }).toString('utf8');
    } catch (error) {
      if (error instanceof PhoneFsError) {
        await ctx.error(`${file}: ${error.reason}`);
        return 127;
      }
      throw error;
    }
    arg0 = file;
    positional = args.slice(i + 1);
  }
  const state = newShellState({
    env: ctx.env,
    fds: ctx.fds,
    cwd: ctx.cwd,
    pid: ctx.process.pid,
    ppid: ctx.process.ppid,
    arg0,
    positional,
    nowMs: ctx.kernel.clock.nowMs(),
  });
  Object.assign(state.options, options);
  const shell = new ShellInterpreter(ctx.kernel, ctx.process, state, ctx.credentials);
  if (script !== undefined) return shell.runProgram(script);
  return runFromStdin(shell, ctx);
};

/** No script: read commands from stdin, running each as soon as it parses. */
async function runFromStdin(shell: ShellInterpreter, ctx: Parameters<PhoneCommand>[0]): Promise<number> {
  let pending = '';
  let status = 0;
  for (;;) {
    const line = await ctx.stdin.read(65536, ctx.signal, 0x0a);
    if (line === null) break;
    pending += line.toString('utf8');
    if (!pending.endsWith('\n')) continue;
    try {
      parseShell(pending);
    } catch (error) {
      if (error instanceof ShellSyntaxError && /unexpected EOF|unterminated/.test(error.message)) continue;
    }
    const source = pending;
    pending = '';
    const result = await shell.runInteractive(source);
    status = result.status;
    if (result.exit) break;
  }
  if (pending.trim() !== '') status = (await shell.runInteractive(pending)).status;
  await shell.finishInteractive();
  return status;
}
