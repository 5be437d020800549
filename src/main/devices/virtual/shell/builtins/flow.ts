import { PhoneFsError } from '../../fs/errno.js';
import { ShellBreak, ShellContinue, ShellExit, ShellReturn } from '../control.js';
import type { ShellBuiltin } from './index.js';

async function parseCount(sh: Parameters<ShellBuiltin>[0], name: string, arg: string | undefined): Promise<number | undefined> {
  if (arg === undefined) return 1;
  if (!/^\d+$/.test(arg) || Number(arg) < 1) {
    await sh.diagnose(`${name}: ${arg}: bad number`);
    return undefined;
  }
  return Number(arg);
}

async function statusArg(sh: Parameters<ShellBuiltin>[0], name: string, arg: string | undefined): Promise<number> {
  if (arg === undefined) return sh.state.status;
  if (!/^-?\d+$/.test(arg)) {
    await sh.diagnose(`${name}: ${arg}: bad number`);
    return 1;
  }
  return Number(arg) & 0xff;
}

const dot: ShellBuiltin = async (sh, argv) => {
  const path = argv[1];
  if (path === undefined) {
    await sh.diagnose(`${argv[0]}: missing argument`);
    return 1;
  }
  let source: string;
  try {
    const resolved = path.includes('/') ? path : findOnPath(sh, path) ?? path;
    source = sh.kernel.vfs.readFile(resolved, { cwd: sh.state.cwd, cred: sh.credentials }).toString('utf8');
  } catch (error) {
    if (error instanceof PhoneFsError) {
      await sh.diagnose(`${argv[0]}: ${path}: ${error.reason}`);
      throw new ShellExit(1);
    }
    throw error;
  }
  const savedPositional = sh.state.positional;
  if (argv.length > 2) sh.state.positional = argv.slice(2);
  try {
    return await sh.runSource(source);
  } catch (error) {
    if (error instanceof ShellReturn) return error.status;
    throw error;
  } finally {
    if (argv.length > 2) sh.state.positional = savedPositional;
  }
};

function findOnPath(sh: Parameters<ShellBuiltin>[0], name: string): string | undefined {
  for (const dir of (sh.state.vars.get('PATH') ?? '').split(':')) {
    const candidate = `${dir === '' ? '.' : dir}/${name}`;
    if (sh.kernel.vfs.tryLookup(candidate, { cwd: sh.state.cwd, cred: sh.credentials }) !== undefined) return candidate;
  }
  return undefined;
}

export const specialFlowBuiltins: [string, ShellBuiltin][] = [
  [':', () => Promise.resolve(0)],
  [
    'exit',
    async (sh, argv) => {
      throw new ShellExit(await statusArg(sh, 'exit', argv[1]));
    },
  ],
  [
    'return',
    async (sh, argv) => {
      throw new ShellReturn(await statusArg(sh, 'return', argv[1]));
    },
  ],
  [
    'break',
    async (sh, argv) => {
      const levels = await parseCount(sh, 'break', argv[1]);
      if (levels === undefined) return 1;
      throw new ShellBreak(levels);
    },
  ],
  [
    'continue',
    async (sh, argv) => {
      const levels = await parseCount(sh, 'continue', argv[1]);
      if (levels === undefined) return 1;
      throw new ShellContinue(levels);
    },
  ],
  ['eval', (sh, argv) => sh.runSource(argv.slice(1).join(' '))],
  ['.', dot],
  ['source', dot],
  [
    'times',
    async (sh) => {
      await sh.writeFd(1, '0m0.00s 0m0.00s\n0m0.00s 0m0.00s\n');
      return 0;
    },
  ],
];

export const flowBuiltins: [string, ShellBuiltin][] = [
  ['true', () => Promise.resolve(0)],
  ['false', () => Promise.resolve(1)],
];
