import { PhoneFsError } from '../../fs/errno.js';
import { ProcessSignalled } from '../../process/signals.js';
import type { ShellInterpreter } from '../interpreter.js';
import { evaluateTest } from '../test-expr.js';
import { directoryBuiltins } from './directory.js';
import { interpretEscapes } from './escapes.js';
import type { ShellBuiltin } from './index.js';

/** `read -t` timed out: mksh returns 128 + SIGALRM. */
const READ_TIMEOUT_STATUS = 142;

const echo: ShellBuiltin = async (sh, argv) => {
  let i = 1;
  let newline = true;
  let escapes = true;
  while (i < argv.length && /^-[neE]+$/.test(argv[i]!)) {
    for (const flag of argv[i]!.slice(1)) {
      if (flag === 'n') newline = false;
      else if (flag === 'e') escapes = true;
      else escapes = false;
    }
    i++;
  }
  let text = argv.slice(i).join(' ');
  if (escapes) {
    const result = interpretEscapes(text);
    text = result.text;
    if (result.noNewline) newline = false;
  }
  return writeOut(sh, 1, newline ? `${text}\n` : text, 'echo');
};

const print: ShellBuiltin = async (sh, argv) => {
  let i = 1;
  let newline = true;
  let escapes = true;
  let fd = 1;
  for (; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      i++;
      break;
    }
    if (!/^-[nrReu0-9s]+$/.test(arg)) break;
    for (let k = 1; k < arg.length; k++) {
      const flag = arg[k]!;
      if (flag === 'n') newline = false;
      else if (flag === 'r') escapes = false;
      else if (flag === 'R') escapes = false;
      else if (flag === 'e') escapes = true;
      else if (flag === 's') fd = 1;
      else if (flag === 'u') {
        const digits = /^\d*/.exec(arg.slice(k + 1))![0];
        fd = digits === '' ? 1 : Number(digits);
        k += digits.length;
      }
    }
  }
  let text = argv.slice(i).join(' ');
  if (escapes) {
    const result = interpretEscapes(text);
    text = result.text;
    if (result.noNewline) newline = false;
  }
  return writeOut(sh, fd, newline ? `${text}\n` : text, 'print');
};

async function writeOut(sh: ShellInterpreter, fd: number, text: string, name: string): Promise<number> {
  try {
    await sh.writeFd(fd, text);
    return 0;
  } catch (error) {
    if (error instanceof PhoneFsError) {
      await sh.diagnose(`${name}: write error: ${error.reason}`);
      return 1;
    }
    throw error;
  }
}

/**
 * `read [-r] [-t secs] [-u fd] [-d delim] [-n|-N count] [name ...]`. Reads a
 * line without reading past it (pipes are shared with other readers).
 */
const read: ShellBuiltin = async (sh, argv) => {
  let raw = false;
  let timeoutMs: number | undefined;
  let fd = 0;
  let delimiter = 0x0a;
  let count: number | undefined;
  let exact = false;
  let i = 1;
  for (; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      i++;
      break;
    }
    if (!arg.startsWith('-') || arg === '-') break;
    for (let k = 1; k < arg.length; k++) {
      const flag = arg[k]!;
      const takeValue = (): string | undefined => {
        const inline = arg.slice(k + 1);
        k = arg.length;
        if (inline !== '') return inline;
        i++;
        return argv[i];
      };
      switch (flag) {
        case 'r':
          raw = true;
          break;
        case 's':
          break;
        case 't': {
          const value = takeValue();
          if (value === undefined || !/^\d*\.?\d*$/.test(value) || value === '' || value === '.') {
            await sh.diagnose(`read: -t: ${value ?? ''}: bad number`);
            return 2;
          }
          timeoutMs = Number(value) * 1000;
          break;
        }
        case 'u': {
          const digits = /^\d*/.exec(arg.slice(k + 1))![0];
          fd = digits === '' ? 0 : Number(digits);
          k += digits.length;
          break;
        }
        case 'd': {
          const value = takeValue() ?? '';
          delimiter = value === '' ? 0 : value.charCodeAt(0);
          break;
        }
        case 'n':
        case 'N': {
          const value = takeValue();
          count = Number(value);
          exact = flag === 'N';
          break;
        }
        default:
          await sh.diagnose(`read: -${flag}: unknown option`);
          return 2;
      }
    }
  }
  const names = argv.slice(i);
  const file = sh.state.fds.get(fd);
  if (file === undefined) {
    await sh.diagnose(`read: -u${fd}: bad file descriptor`);
    return 2;
  }
  // A ref'd timer (AbortSignal.timeout's is not): a sleeping phone must keep the host's event loop alive.
  const timeout = timeoutMs === undefined ? undefined : new AbortController();
  const timer = timeout === undefined ? undefined : setTimeout(() => timeout.abort(new Error('read timed out')), Math.max(0, timeoutMs ?? 0));
  const signal = timeout === undefined ? sh.process.signal : AbortSignal.any([sh.process.signal, timeout.signal]);
  let data: Buffer = Buffer.alloc(0);
  let eof = false;
  let timedOut = false;
  try {
    for (;;) {
      const want = count === undefined ? 65536 : count - data.length;
      if (want <= 0) break;
      let chunk: Buffer | null;
      try {
        chunk = await file.read(want, signal, count === undefined || !exact ? delimiter : undefined);
      } catch (error) {
        if (error instanceof PhoneFsError) {
          await sh.diagnose(`read: ${error.reason}`);
          return 2;
        }
        throw error;
      }
      if (chunk === null) {
        eof = true;
        break;
      }
      data = data.length === 0 ? chunk : Buffer.concat([data, chunk]);
      if (count === undefined || !exact) {
        if (data[data.length - 1] === delimiter) {
          // A backslash before the newline continues the line unless -r.
          if (!raw && delimiter === 0x0a && data.length >= 2 && data[data.length - 2] === 0x5c) {
            data = data.subarray(0, data.length - 2);
            continue;
          }
          data = data.subarray(0, data.length - 1);
          break;
        }
      }
    }
  } catch (error) {
    if (sh.process.signal.aborted) throw sh.process.signal.reason as Error;
    if (error instanceof ProcessSignalled) throw error;
    if (signal.aborted) timedOut = true;
    else throw error;
  } finally {
    clearTimeout(timer);
  }
  let line = data.toString('utf8');
  if (!raw) line = line.replace(/\\(.)/g, '$1');
  assignFields(sh, names.length === 0 ? ['REPLY'] : names, line, names.length === 0);
  if (timedOut) return READ_TIMEOUT_STATUS;
  return eof ? 1 : 0;
};

function assignFields(sh: ShellInterpreter, names: string[], line: string, whole: boolean): void {
  const ifs = sh.state.vars.get('IFS') ?? ' \t\n';
  const ifsWhite = [...ifs].filter((c) => /\s/.test(c)).join('');
  const trimRe = ifsWhite === '' ? undefined : new RegExp(`^[${escapeClass(ifsWhite)}]+|[${escapeClass(ifsWhite)}]+$`, 'g');
  if (whole) {
    sh.set(names[0]!, trimRe === undefined ? line : line.replace(trimRe, ''));
    return;
  }
  let rest = trimRe === undefined ? line : line.replace(new RegExp(`^[${escapeClass(ifsWhite)}]+`), '');
  for (const [index, name] of names.entries()) {
    if (index === names.length - 1) {
      sh.set(name, trimRe === undefined ? rest : rest.replace(new RegExp(`[${escapeClass(ifsWhite)}]+$`), ''));
      break;
    }
    let end = 0;
    while (end < rest.length && !ifs.includes(rest[end]!)) end++;
    sh.set(name, rest.slice(0, end));
    // Skip one separator: IFS whitespace around at most one non-whitespace IFS char.
    let at = end;
    while (at < rest.length && ifsWhite.includes(rest[at]!)) at++;
    if (at < rest.length && ifs.includes(rest[at]!) && !ifsWhite.includes(rest[at]!)) {
      at++;
      while (at < rest.length && ifsWhite.includes(rest[at]!)) at++;
    }
    rest = rest.slice(at);
  }
}

function escapeClass(chars: string): string {
  return chars.replace(/[\\\]^-]/g, (c) => `\\${c}`).replace(/\t/g, '\\t').replace(/\n/g, '\\n');
}

const test: ShellBuiltin = async (sh, argv) => {
  let args = argv.slice(1);
  if (argv[0] === '[') {
    if (args[args.length - 1] !== ']') {
      await sh.diagnose(`[: missing ]`);
      return 2;
    }
    args = args.slice(0, -1);
  }
  const result = await evaluateTest(args, sh.testHost());
  if (result.error !== undefined) {
    await sh.diagnose(`${argv[0]}: ${result.error}`);
    return 2;
  }
  return result.value ? 0 : 1;
};

export const ioBuiltins: [string, ShellBuiltin][] = [
  ['echo', echo],
  ['print', print],
  ['read', read],
  ['test', test],
  ['[', test],
  ...directoryBuiltins,
];
