import type { PhoneProcessInfo } from '../../process/process-table.js';
import type { PhoneCommand } from '../command.js';
import { parseArgs } from './args.js';
import { idName } from './ids.js';

type Column = (p: PhoneProcessInfo, self: number) => string;

const COLUMNS: Record<string, { readonly header: string; readonly width: number; readonly value: Column }> = {
  USER: { header: 'USER', width: -10, value: (p) => idName(p.uid) },
  UID: { header: 'UID', width: 5, value: (p) => String(p.uid) },
  PID: { header: 'PID', width: 5, value: (p) => String(p.pid) },
  PPID: { header: 'PPID', width: 5, value: (p) => String(p.ppid) },
  VSZ: { header: 'VSZ', width: 8, value: (p) => (p.system ? '10800000' : '10780000') },
  RSS: { header: 'RSS', width: 6, value: (p) => (p.system ? '9000' : '3400') },
  WCHAN: { header: 'WCHAN', width: -16, value: (p, self) => (p.pid === self ? '0' : 'do_sys_poll') },
  ADDR: { header: 'ADDR', width: 4, value: () => '0' },
  S: { header: 'S', width: 1, value: (p, self) => (p.pid === self ? 'R' : 'S') },
  NAME: { header: 'NAME', width: 0, value: (p) => p.name },
  CMD: { header: 'CMD', width: 0, value: (p) => p.name },
  COMM: { header: 'COMM', width: 0, value: (p) => p.name },
  ARGS: { header: 'ARGS', width: 0, value: (p) => p.argv.join(' ') },
  CMDLINE: { header: 'CMDLINE', width: 0, value: (p) => p.argv.join(' ') },
};

const DEFAULT = ['USER', 'PID', 'PPID', 'VSZ', 'RSS', 'WCHAN', 'ADDR', 'S', 'NAME'];

/** toybox ps: `-A`/`-e` for every process, `-o` for columns, `-p` for pids. */
export const psCommand: PhoneCommand = async (ctx) => {
  const args = parseArgs(ctx.argv.slice(1), 'AefTlwZ', 'opu');
  const wanted = (args.values.get('o') ?? DEFAULT.join(',')).split(',').map((c) => c.trim().toUpperCase().split('=')[0]!);
  const unknown = wanted.find((c) => COLUMNS[c] === undefined);
  if (unknown !== undefined) {
    await ctx.error(`bad -o ${unknown}`);
    return 1;
  }
  let processes = ctx.kernel.processes.list();
  const pids = args.values.get('p');
  if (pids !== undefined) {
    const set = new Set(pids.split(',').map(Number));
    processes = processes.filter((p) => set.has(p.pid));
  } else if (!args.flags.has('A') && !args.flags.has('e')) {
    processes = processes.filter((p) => p.uid === ctx.credentials.uid);
  }
  processes.push(...args.operands.flatMap((n) => ctx.kernel.processes.list().filter((p) => p.name === n)));
  const self = ctx.process.pid;
  const cells = (p: PhoneProcessInfo | undefined): string =>
    wanted
      .map((name, index) => {
        const column = COLUMNS[name]!;
        const text = p === undefined ? column.header : column.value(p, self);
        const last = index === wanted.length - 1;
        if (last && column.width <= 0) return text;
        return column.width < 0 ? text.padEnd(-column.width) : text.padStart(column.width);
      })
      .join(' ');
  const out = [cells(undefined), ...processes.map((p) => cells(p))].join('\n');
  await ctx.write(`${out}\n`);
  return 0;
};
