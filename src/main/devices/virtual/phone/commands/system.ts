import { parseSignal } from '../../process/signals.js';
import { interpretEscapes } from '../../shell/builtins/escapes.js';
import type { PhoneCommand } from '../command.js';
import { parseArgs } from './args.js';
import { formatDateCommand } from './date.js';
import { psCommand } from './ps.js';

const UNITS: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86400 };

const sleep: PhoneCommand = async (ctx) => {
  let total = 0;
  const operands = ctx.argv.slice(1);
  if (operands.length === 0) {
    await ctx.error('Needs 1 argument');
    return 1;
  }
  for (const arg of operands) {
    const match = /^(\d*\.?\d+|\d+\.)([smhd]?)$/.exec(arg);
    if (match === null) {
      await ctx.error(`Not a number '${arg}'`);
      return 1;
    }
    total += Number(match[1]) * UNITS[match[2]!]!;
  }
  await ctx.sleep(total * 1000);
  return 0;
};

const kill: PhoneCommand = async (ctx) => {
  const args = ctx.argv.slice(1);
  let signal = 15;
  if (args[0] === '-s') {
    signal = parseSignal(args[1] ?? '') ?? -1;
    args.splice(0, 2);
  } else if (args[0]?.startsWith('-') === true && args[0] !== '--') {
    signal = parseSignal(args[0].slice(1)) ?? -1;
    args.shift();
  }
  if (signal < 0) {
    await ctx.error('unknown signal');
    return 1;
  }
  let status = 0;
  for (const target of args) {
    const result = ctx.kernel.processes.kill(Number(target), signal, ctx.credentials.uid);
    if (result !== 'ok') {
      await ctx.error(`${target}: ${result === 'ESRCH' ? 'No such process' : 'Operation not permitted'}`);
      status = 1;
    }
  }
  return status;
};

const getprop: PhoneCommand = async (ctx) => {
  const [name, fallback] = parseArgs(ctx.argv.slice(1), 'TZ').operands;
  const props = ctx.kernel.properties;
  if (name === undefined) {
    await ctx.write(props.entries().map(([k, v]) => `[${k}]: [${v}]\n`).join(''));
    return 0;
  }
  await ctx.write(`${props.get(name) ?? fallback ?? ''}\n`);
  return 0;
};

const setprop: PhoneCommand = async (ctx) => {
  const [name, value] = ctx.argv.slice(1);
  if (name === undefined || value === undefined) {
    await ctx.error('usage: setprop NAME VALUE');
    return 1;
  }
  if (ctx.kernel.properties.set(name, value) !== 'ok') {
    await ctx.write('');
    await ctx.error(`failed to set property '${name}' to '${value}'`);
    return 1;
  }
  return 0;
};

const id: PhoneCommand = async (ctx) => {
  const flags = parseArgs(ctx.argv.slice(1), 'ugnrGZ').flags;
  const uid = ctx.credentials.uid;
  const name = uid === 0 ? 'root' : 'shell';
  if (flags.has('u')) {
    await ctx.write(`${flags.has('n') ? name : uid}\n`);
    return 0;
  }
  const groups = ctx.credentials.gids.map((g) => `${g}(${g === 0 ? 'root' : g === 2000 ? 'shell' : g})`).join(',');
  await ctx.write(`uid=${uid}(${name}) gid=${ctx.credentials.gids[0] ?? uid}(${name}) groups=${groups} context=u:r:shell:s0\n`);
  return 0;
};

const uname: PhoneCommand = async (ctx) => {
  const flags = parseArgs(ctx.argv.slice(1), 'asnrvmpio').flags;
  const props = ctx.kernel.properties;
  const fields = {
    s: 'Linux',
    n: 'localhost',
    r: props.get('ro.kernel.version') ?? '5.10.0-android12-9',
    v: '#1 SMP PREEMPT',
    m: props.get('ro.product.cpu.abi') === 'arm64-v8a' ? 'aarch64' : 'armv8l',
    o: 'Toybox',
  };
  const picked = flags.has('a') ? ['s', 'n', 'r', 'v', 'm', 'o'] : ['s', 'n', 'r', 'v', 'm', 'o'].filter((f) => flags.has(f));
  const out = (picked.length === 0 ? ['s'] : picked).map((k) => fields[k as keyof typeof fields]).join(' ');
  await ctx.write(`${out}\n`);
  return 0;
};

const env: PhoneCommand = async (ctx) => {
  await ctx.write([...ctx.env].map(([k, v]) => `${k}=${v}\n`).join(''));
  return 0;
};

const echo: PhoneCommand = async (ctx) => {
  const args = ctx.argv.slice(1);
  let newline = true;
  let escapes = false;
  while (args[0] !== undefined && /^-[neE]+$/.test(args[0])) {
    const flag = args.shift()!;
    if (flag.includes('n')) newline = false;
    if (flag.includes('e')) escapes = true;
    if (flag.includes('E')) escapes = false;
  }
  let text = args.join(' ');
  if (escapes) {
    const result = interpretEscapes(text);
    text = result.text;
    if (result.noNewline) newline = false;
  }
  await ctx.write(newline ? `${text}\n` : text);
  return 0;
};

const nproc: PhoneCommand = async (ctx) => {
  await ctx.write(`${ctx.kernel.properties.get('ro.tetherscope.cpu_count') ?? '8'}\n`);
  return 0;
};

const uptime: PhoneCommand = async (ctx) => {
  const seconds = Math.floor(ctx.kernel.clock.uptimeMs() / 1000);
  const now = new Date(ctx.kernel.clock.nowMs()).toISOString().slice(11, 19);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  await ctx.write(` ${now} up ${Math.floor(h / 24)} days, ${String(h % 24).padStart(2)}:${String(m).padStart(2, '0')},  0 users,  load average: 0.00, 0.00, 0.00\n`);
  return 0;
};

const pidof: PhoneCommand = async (ctx) => {
  const names = ctx.argv.slice(1);
  const pids = ctx.kernel.processes
    .list()
    .filter((p) => names.includes(p.name) || names.includes(p.argv[0] ?? ''))
    .map((p) => String(p.pid));
  if (pids.length === 0) return 1;
  await ctx.write(`${pids.join(' ')}\n`);
  return 0;
};

const which: PhoneCommand = async (ctx) => {
  let status = 0;
  for (const name of ctx.argv.slice(1)) {
    const found = ctx.kernel.lookup(name, ctx.env.get('PATH') ?? '', ctx.cwd, ctx.credentials);
    if ('error' in found) status = 1;
    else await ctx.write(`${found.path}\n`);
  }
  return status;
};

const yes: PhoneCommand = async (ctx) => {
  const line = `${ctx.argv.slice(1).join(' ') || 'y'}\n`;
  const block = line.repeat(Math.max(1, Math.floor(4096 / line.length)));
  for (;;) await ctx.write(block);
};

export const systemCommands: [string, PhoneCommand][] = [
  ['sleep', sleep],
  ['kill', kill],
  ['getprop', getprop],
  ['setprop', setprop],
  ['id', id],
  ['whoami', async (ctx) => (await ctx.write(`${ctx.credentials.uid === 0 ? 'root' : 'shell'}\n`), 0)],
  ['uname', uname],
  ['env', env],
  ['printenv', env],
  ['echo', echo],
  ['true', () => Promise.resolve(0)],
  ['false', () => Promise.resolve(1)],
  ['nproc', nproc],
  ['uptime', uptime],
  ['pidof', pidof],
  ['which', which],
  ['yes', yes],
  ['date', formatDateCommand],
  ['ps', psCommand],
];
