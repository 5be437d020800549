import { ShellFatal } from '../control.js';
import type { ShellInterpreter } from '../interpreter.js';
import type { ShellOptions } from '../state.js';
import { justifyValue } from '../variables.js';
import type { ShellJustify } from '../variables.js';
import type { ShellBuiltin } from './index.js';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const OPTION_LETTERS: Record<string, keyof ShellOptions> = {
  e: 'errexit',
  u: 'nounset',
  x: 'xtrace',
  f: 'noglob',
};

const OPTION_NAMES: Record<string, keyof ShellOptions> = {
  errexit: 'errexit',
  nounset: 'nounset',
  xtrace: 'xtrace',
  noglob: 'noglob',
  pipefail: 'pipefail',
};

function quoteValue(value: string): string {
  return /^[A-Za-z0-9_./:@%+,-]*$/.test(value) && value !== '' ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

const set: ShellBuiltin = async (sh, argv) => {
  if (argv.length === 1) {
    let out = '';
    for (const name of sh.state.vars.names()) {
      const value = sh.state.vars.get(name);
      if (value !== undefined) out += `${name}=${quoteValue(value)}\n`;
    }
    await sh.writeFd(1, out);
    return 0;
  }
  let i = 1;
  for (; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      i++;
      sh.state.positional = argv.slice(i);
      return 0;
    }
    if (arg === '-' || arg === '+') {
      i++;
      break;
    }
    if (!/^[-+]/.test(arg)) break;
    const on = arg.startsWith('-');
    if (arg.slice(1) === 'o') {
      const name = argv[++i];
      if (name === undefined) {
        let out = '';
        for (const [optionName, key] of Object.entries(OPTION_NAMES)) {
          out += `${optionName.padEnd(16)}${sh.state.options[key] ? 'on' : 'off'}\n`;
        }
        await sh.writeFd(1, out);
        continue;
      }
      const key = OPTION_NAMES[name];
      if (key === undefined) {
        await sh.diagnose(`set: ${name}: bad option`);
        throw new ShellFatal(1);
      }
      sh.state.options[key] = on;
      continue;
    }
    for (const letter of arg.slice(1)) {
      const key = OPTION_LETTERS[letter];
      if (key === undefined) continue;
      sh.state.options[key] = on;
    }
  }
  if (i < argv.length) sh.state.positional = argv.slice(i);
  return 0;
};

const shift: ShellBuiltin = async (sh, argv) => {
  const n = argv[1] === undefined ? 1 : Number(argv[1]);
  if (!Number.isInteger(n) || n < 0 || n > sh.state.positional.length) {
    await sh.diagnose(`shift: ${argv[1] ?? n}: bad number`);
    return 1;
  }
  sh.state.positional = sh.state.positional.slice(n);
  return 0;
};

const unset: ShellBuiltin = async (sh, argv) => {
  let functions = false;
  let status = 0;
  for (const arg of argv.slice(1)) {
    if (arg === '-f') {
      functions = true;
      continue;
    }
    if (arg === '-v') {
      functions = false;
      continue;
    }
    if (functions) sh.state.functions.delete(arg);
    else if (!sh.state.vars.unset(arg)) {
      await sh.diagnose(`unset: ${arg}: is read only`);
      status = 1;
    }
  }
  return status;
};

/** export / readonly / typeset / local: `name[=value]` arguments. */
function declare(kind: 'export' | 'readonly' | 'typeset'): ShellBuiltin {
  return async (sh, argv) => {
    let exportFlag = kind === 'export';
    let readonlyFlag = kind === 'readonly';
    let integer = false;
    let justify: ShellJustify | undefined;
    const names: string[] = [];
    for (const arg of argv.slice(1)) {
      if (/^[-+](?:[xripU]|[ZRL]\d*)+$/.test(arg) && names.length === 0) {
        const on = arg.startsWith('-');
        for (const [, flag, width] of arg.slice(1).matchAll(/([A-Za-z])(\d*)/g)) {
          if (flag === 'x') exportFlag = on;
          if (flag === 'r') readonlyFlag = on;
          if (flag === 'i') integer = on;
          if (flag === 'Z' || flag === 'R' || flag === 'L') {
            // -Z with -L stays left-justified (mksh): zero fill only applies to right justification.
            const mode = flag === 'Z' && justify?.mode === 'L' ? 'L' : flag === 'R' && justify?.mode === 'Z' ? 'Z' : flag;
            justify = on ? { mode, width: width === '' ? justify?.width : Number(width) } : undefined;
          }
        }
        continue;
      }
      names.push(arg);
    }
    if (names.length === 0) return listDeclared(sh, kind);
    let status = 0;
    for (const arg of names) {
      const eq = arg.indexOf('=');
      const name = eq < 0 ? arg : arg.slice(0, eq);
      let value = eq < 0 ? undefined : arg.slice(eq + 1);
      if (!NAME.test(name)) {
        await sh.diagnose(`${argv[0]}: ${name}: is not an identifier`);
        status = 1;
        continue;
      }
      if (kind === 'typeset' && sh.state.vars.inFunction) sh.state.vars.makeLocal(name);
      const existing = sh.state.vars.variable(name);
      if (existing?.readonly === true && value !== undefined) {
        await sh.diagnose(`${name}: is read only`);
        throw new ShellFatal(2);
      }
      if (integer) {
        if (value !== undefined) value = String(sh.arith(value));
        sh.state.vars.set(name, value ?? existing?.value ?? '');
        const v = sh.state.vars.variable(name);
        if (v !== undefined) v.integer = true;
        if (value === undefined && existing?.value === undefined) v!.value = undefined;
      } else if (value !== undefined && justify === undefined) {
        sh.set(name, value);
      }
      if (justify !== undefined) {
        const fitted: ShellJustify = { mode: justify.mode, width: justify.width };
        const current = value ?? sh.state.vars.get(name);
        if (current !== undefined) sh.set(name, current);
        const v = sh.state.vars.variable(name);
        if (v !== undefined) {
          v.justify = fitted;
          if (v.value !== undefined) v.value = justifyValue(fitted, v.value);
        } else {
          // Declared but unset: the attribute waits for the first assignment.
          sh.state.vars.declare(name, fitted);
        }
      }
      if (exportFlag) sh.state.vars.export(name);
      if (readonlyFlag) sh.state.vars.markReadonly(name);
    }
    return status;
  };
}

async function listDeclared(sh: ShellInterpreter, kind: 'export' | 'readonly' | 'typeset'): Promise<number> {
  let out = '';
  for (const name of sh.state.vars.names()) {
    const v = sh.state.vars.variable(name)!;
    if (kind === 'export' && !v.exported) continue;
    if (kind === 'readonly' && !v.readonly) continue;
    const prefix = kind === 'typeset' ? '' : `${kind} `;
    out += v.value === undefined ? `${prefix}${name}\n` : `${prefix}${name}=${quoteValue(v.value)}\n`;
  }
  await sh.writeFd(1, out);
  return 0;
}

const letBuiltin: ShellBuiltin = async (sh, argv) => {
  let last = 0;
  for (const expression of argv.slice(1)) last = sh.arith(expression);
  return last === 0 ? 1 : 0;
};

export const specialVariableBuiltins: [string, ShellBuiltin][] = [
  ['set', set],
  ['shift', shift],
  ['unset', unset],
  ['export', declare('export')],
  ['readonly', declare('readonly')],
  ['typeset', declare('typeset')],
  // mksh aliases local='\builtin typeset'
  ['local', declare('typeset')],
];

export const variableBuiltins: [string, ShellBuiltin][] = [
  ['let', letBuiltin],
  ['alias', () => Promise.resolve(0)],
  ['unalias', () => Promise.resolve(0)],
];
