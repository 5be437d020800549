import type { PhoneProcess } from '../../process/process-table.js';
import { parseSignal, signalName } from '../../process/signals.js';
import { ShellExit } from '../control.js';
import type { ShellInterpreter } from '../interpreter.js';
import type { ShellBuiltin } from './index.js';

const kill: ShellBuiltin = async (sh, argv) => {
  let signal = 15;
  let i = 1;
  const first = argv[1];
  if (first === '-l') {
    const status = argv[2];
    if (status !== undefined) {
      const n = Number(status);
      await sh.writeFd(1, `${signalName(n > 128 ? n - 128 : n) ?? n}\n`);
    } else {
      const names: string[] = [];
      for (let n = 1; n < 32; n++) {
        const name = signalName(n);
        if (name !== undefined) names.push(`${n} ${name}`);
      }
      await sh.writeFd(1, `${names.join('\n')}\n`);
    }
    return 0;
  }
  if (first === '-s' || first === '-n') {
    const spec = argv[2];
    const parsed = spec === undefined ? undefined : parseSignal(spec);
    if (parsed === undefined) {
      await sh.diagnose(`kill: ${spec ?? ''}: bad signal`);
      return 1;
    }
    signal = parsed;
    i = 3;
  } else if (first !== undefined && first.startsWith('-') && first !== '--' && first.length > 1) {
    const parsed = parseSignal(first.slice(1));
    if (parsed === undefined) {
      await sh.diagnose(`kill: ${first.slice(1)}: bad signal`);
      return 1;
    }
    signal = parsed;
    i = 2;
  } else if (first === '--') {
    i = 2;
  }
  const targets = argv.slice(i);
  if (targets.length === 0) {
    await sh.diagnose('kill: usage: kill [-s signame | -signum | -signame] { job | pid | pgrp } ...');
    return 1;
  }
  let status = 0;
  for (const target of targets) {
    let pid: number;
    if (target.startsWith('%')) {
      const job = [...sh.state.jobs.keys()].at(-1);
      if (job === undefined) {
        await sh.diagnose(`kill: ${target}: no such job`);
        status = 1;
        continue;
      }
      pid = job;
    } else if (/^\d+$/.test(target)) {
      pid = Number(target);
    } else {
      await sh.diagnose(`kill: ${target}: arguments must be jobs or process IDs`);
      status = 1;
      continue;
    }
    const result = sh.kernel.processes.kill(pid, signal, sh.credentials.uid);
    if (result !== 'ok') {
      await sh.diagnose(`kill: ${pid}: ${result === 'ESRCH' ? 'No such process' : 'Operation not permitted'}`);
      status = 1;
    }
  }
  // Killing ourselves takes effect now.
  if (sh.process.signal.aborted) throw sh.process.signal.reason as Error;
  return status;
};

/** Waits for `child`, returning early (128+sig) if a trapped signal arrives. */
function waitInterruptible(sh: ShellInterpreter, child: PhoneProcess): Promise<number> {
  const signal = sh.process.signal;
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise((resolve, reject) => {
    const cleanup = (): void => {
      signal.removeEventListener('abort', onAbort);
      disposeInterrupt();
    };
    const onAbort = (): void => {
      cleanup();
      reject(signal.reason as Error);
    };
    const disposeInterrupt = sh.process.onInterrupt((sig) => {
      cleanup();
      resolve(128 + sig);
    });
    signal.addEventListener('abort', onAbort, { once: true });
    void child.exited.then((status) => {
      cleanup();
      resolve(status);
    });
  });
}

const wait: ShellBuiltin = async (sh, argv) => {
  const targets = argv.slice(1);
  if (targets.length === 0) {
    for (const [pid, child] of [...sh.state.jobs]) {
      const status = await waitInterruptible(sh, child);
      if (child.isAlive) return status;
      sh.state.jobs.delete(pid);
    }
    return 0;
  }
  let status = 0;
  for (const target of targets) {
    const pid = target.startsWith('%') ? [...sh.state.jobs.keys()].at(-1) : Number(target);
    const child = pid === undefined ? undefined : sh.state.jobs.get(pid);
    if (child === undefined) {
      status = 127;
      continue;
    }
    status = await waitInterruptible(sh, child);
    if (!child.isAlive) sh.state.jobs.delete(child.pid);
  }
  return status;
};

function trapName(signal: number): string {
  return signal === 0 ? 'EXIT' : (signalName(signal) ?? String(signal));
}

const trap: ShellBuiltin = async (sh, argv) => {
  const args = argv.slice(1);
  if (args[0] === '--') args.shift();
  if (args.length === 0 || args[0] === '-p') {
    let out = '';
    for (const [signal, action] of [...sh.state.traps].sort(([a], [b]) => a - b)) {
      out += `trap -- '${action.replace(/'/g, `'\\''`)}' ${trapName(signal)}\n`;
    }
    await sh.writeFd(1, out);
    return 0;
  }
  let action: string | undefined = args[0]!;
  let conditions = args.slice(1);
  if (/^\d+$/.test(action)) {
    conditions = args;
    action = undefined;
  } else if (action === '-') {
    action = undefined;
  }
  let status = 0;
  for (const condition of conditions) {
    const signal = condition.toUpperCase() === 'EXIT' ? 0 : parseSignal(condition);
    if (signal === undefined) {
      await sh.diagnose(`trap: bad signal '${condition}'`);
      status = 1;
      continue;
    }
    if (action === undefined) {
      sh.state.traps.delete(signal);
      if (signal !== 0) sh.process.setDisposition(signal, 'default');
    } else {
      sh.state.traps.set(signal, action);
      if (signal !== 0) sh.process.setDisposition(signal, action === '' ? 'ignore' : 'trap');
    }
  }
  return status;
};

const exec: ShellBuiltin = async (sh, argv) => {
  if (argv.length < 2) return 0;
  const status = await sh.execReplacing(argv.slice(1));
  throw new ShellExit(status);
};

const command: ShellBuiltin = async (sh, argv) => {
  let i = 1;
  let describe: 'v' | 'V' | undefined;
  for (; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      i++;
      break;
    }
    if (!/^-[pvV]+$/.test(arg)) break;
    if (arg.includes('v')) describe = 'v';
    if (arg.includes('V')) describe = 'V';
  }
  const rest = argv.slice(i);
  if (rest.length === 0) return 0;
  if (describe !== undefined) return describeCommands(sh, rest, describe === 'V');
  return sh.invoke(rest, { functions: false });
};

const builtin: ShellBuiltin = async (sh, argv) => {
  const rest = argv.slice(1);
  const name = rest[0];
  if (name === undefined) return 0;
  const impl = sh.findBuiltin(name);
  if (impl === undefined) {
    await sh.diagnose(`builtin: ${name}: not found`);
    return 1;
  }
  return impl(sh, rest);
};

async function describeCommands(sh: ShellInterpreter, names: string[], verbose: boolean): Promise<number> {
  let status = 0;
  for (const name of names) {
    const kind = sh.describe(name);
    let line: string;
    if (kind.type === 'not-found') {
      status = 1;
      if (!verbose) continue;
      line = `${name} not found`;
    } else if (kind.type === 'file') {
      line = verbose ? `${name} is ${kind.path}` : kind.path;
    } else if (kind.type === 'function') {
      line = verbose ? `${name} is a function` : name;
    } else if (kind.type === 'keyword') {
      line = verbose ? `${name} is a reserved word` : name;
    } else {
      line = verbose ? `${name} is a ${kind.type === 'special' ? 'special shell builtin' : 'shell builtin'}` : name;
    }
    await sh.writeFd(1, `${line}\n`);
  }
  return status;
}

const whence: ShellBuiltin = async (sh, argv) => {
  const verbose = argv.includes('-v');
  return describeCommands(
    sh,
    argv.slice(1).filter((a) => !a.startsWith('-')),
    verbose,
  );
};

const type: ShellBuiltin = (sh, argv) => describeCommands(sh, argv.slice(1), true);

const jobs: ShellBuiltin = async (sh) => {
  let out = '';
  let n = 1;
  for (const child of sh.state.jobs.values()) {
    if (child.isAlive) out += `[${n}] + Running ${child.argv.join(' ')}\n`;
    n++;
  }
  await sh.writeFd(1, out);
  return 0;
};

export const specialProcessBuiltins: [string, ShellBuiltin][] = [
  ['trap', trap],
  ['exec', exec],
];

export const processBuiltins: [string, ShellBuiltin][] = [
  ['kill', kill],
  ['wait', wait],
  ['command', command],
  ['builtin', builtin],
  ['whence', whence],
  ['type', type],
  ['jobs', jobs],
];
