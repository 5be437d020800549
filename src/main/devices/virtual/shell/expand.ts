import type { ShellList, ShellParamExpansion, ShellWord } from './ast.js';
import { evaluateArith } from './arith.js';
import type { ArithVariables } from './arith.js';
import type { PatternSegment } from './pattern.js';
import { hasGlobChars, patternToRegex } from './pattern.js';

/** What word expansion needs from the running shell. */
export interface ShellExpansionHost extends ArithVariables {
  /** Positional parameters $1…; */
  positional(): readonly string[];
  readonly nounset: boolean;
  /** Runs `$(…)` in a subshell and returns its standard output. */
  commandSubstitution(body: ShellList): Promise<string>;
  /** Directory entries for globbing, or undefined if not a readable directory. */
  listDirectory(path: string): string[] | undefined;
  readonly cwd: string;
}

/** A failed expansion (`${x:?msg}`, `set -u`, bad arithmetic): mksh's message. */
export class ShellExpansionError extends Error {
  override readonly name = 'ShellExpansionError';
}

interface Segment extends PatternSegment {
  /** Result of an unquoted expansion: subject to field splitting. */
  readonly split: boolean;
}

/** A field break produced by "$@". */
const BREAK = Symbol('field-break');
type Piece = Segment | typeof BREAK;

/** Full expansion: parameters, substitutions, splitting, globbing, quote removal. */
export async function expandWords(words: readonly ShellWord[], host: ShellExpansionHost): Promise<string[]> {
  const out: string[] = [];
  for (const word of words) {
    const pieces = await expandParts(word, host, true);
    for (const field of splitFields(pieces, ifsOf(host))) {
      if (hasGlobChars(field)) {
        const matches = glob(field, host);
        if (matches.length > 0) {
          out.push(...matches);
          continue;
        }
      }
      out.push(field.map((s) => s.text).join(''));
    }
  }
  return out;
}

/** One string, no splitting or globbing (assignments, redirections, case subjects, here-documents). */
export async function expandString(word: ShellWord, host: ShellExpansionHost): Promise<string> {
  const pieces = await expandParts(word, host, false);
  return pieces.map((p) => (p === BREAK ? ' ' : p.text)).join('');
}

/** A pattern: quoted parts stay literal. */
export async function expandPattern(word: ShellWord, host: ShellExpansionHost): Promise<PatternSegment[]> {
  const pieces = await expandParts(word, host, false);
  return pieces.map((p) => (p === BREAK ? { text: ' ', quoted: true } : { text: p.text, quoted: p.quoted }));
}

async function expandParts(word: ShellWord, host: ShellExpansionHost, tilde: boolean): Promise<Piece[]> {
  const pieces: Piece[] = [];
  for (const [index, part] of word.parts.entries()) {
    switch (part.type) {
      case 'literal': {
        let value = part.value;
        if (tilde && index === 0 && !part.quoted && (value === '~' || value.startsWith('~/'))) {
          value = (host.get('HOME') ?? '/') + value.slice(1);
        }
        pieces.push({ text: value, quoted: part.quoted, split: false });
        break;
      }
      case 'param':
        pieces.push(...(await expandParam(part.expansion, part.quoted, host)));
        break;
      case 'command': {
        if (part.error !== undefined) throw new ShellExpansionError(part.error);
        const output = (await host.commandSubstitution(part.body)).replace(/\n+$/, '');
        pieces.push({ text: output, quoted: part.quoted, split: !part.quoted });
        break;
      }
      case 'arith': {
        const expression = await expandString(part.expr, host);
        let value: number;
        try {
          value = evaluateArith(expression, host);
        } catch (error) {
          throw new ShellExpansionError((error as Error).message);
        }
        pieces.push({ text: String(value), quoted: part.quoted, split: !part.quoted });
        break;
      }
    }
  }
  return pieces;
}

function lookup(name: string, host: ShellExpansionHost): string | undefined {
  if (/^\d+$/.test(name) && name !== '0') return host.positional()[Number(name) - 1];
  if (name === '@' || name === '*') return host.positional().join(' ');
  if (name === '#') return String(host.positional().length);
  return host.get(name);
}

async function expandParam(exp: ShellParamExpansion, quoted: boolean, host: ShellExpansionHost): Promise<Piece[]> {
  const value = lookup(exp.name, host);
  const result = (text: string): Piece[] => [{ text, quoted, split: !quoted }];

  if (exp.length) {
    if (exp.name === '@' || exp.name === '*') return result(String(host.positional().length));
    if (value === undefined && host.nounset) throw new ShellExpansionError(`${exp.name}: parameter not set`);
    return result(String([...(value ?? '')].length));
  }

  if (exp.op === undefined) {
    if (exp.name === '@' && quoted) {
      const params = host.positional();
      const pieces: Piece[] = [];
      params.forEach((param, i) => {
        if (i > 0) pieces.push(BREAK);
        pieces.push({ text: param, quoted: true, split: false });
      });
      if (params.length === 0) pieces.push(BREAK, BREAK); // "$@" with no parameters yields no field
      return pieces;
    }
    if (exp.name === '*' && quoted) {
      const sep = (host.get('IFS') ?? ' \t\n').slice(0, 1);
      return result(host.positional().join(sep));
    }
    if (value === undefined && host.nounset && !['@', '*', '!'].includes(exp.name)) {
      throw new ShellExpansionError(`${exp.name}: parameter not set`);
    }
    return result(value ?? '');
  }

  const op = exp.op;
  const isNull = value === undefined || (op.startsWith(':') && value === '');
  const arg = (): Promise<string> => (exp.arg === undefined ? Promise.resolve('') : expandString(exp.arg, host));
  switch (op) {
    case '-':
    case ':-':
      if (isNull) return exp.arg === undefined ? result('') : reQuote(await expandParts(exp.arg, host, true), quoted);
      return result(value ?? '');
    case '=':
    case ':=':
      if (isNull) {
        const assigned = await arg();
        host.set(exp.name, assigned);
        return result(assigned);
      }
      return result(value ?? '');
    case '+':
    case ':+':
      if (isNull) return result('');
      return exp.arg === undefined ? result('') : reQuote(await expandParts(exp.arg, host, true), quoted);
    case '?':
    case ':?':
      if (isNull) {
        const message = await arg();
        throw new ShellExpansionError(`${exp.name}: ${message === '' ? 'parameter null or not set' : message}`);
      }
      return result(value ?? '');
    case '#':
    case '##':
    case '%':
    case '%%': {
      if (value === undefined && host.nounset) throw new ShellExpansionError(`${exp.name}: parameter not set`);
      const pattern = patternToRegex(exp.arg === undefined ? [] : await expandPattern(exp.arg, host));
      return result(trimPattern(value ?? '', pattern, op));
    }
    case '/':
    case '//': {
      const pattern = patternToRegex(exp.arg === undefined ? [] : await expandPattern(exp.arg, host));
      const replacement = exp.replacement === undefined ? '' : await expandString(exp.replacement, host);
      return result(replacePattern(value ?? '', pattern, replacement, op === '//', exp.anchor));
    }
  }
}

/** Inside double quotes, a default word's pieces are quoted too. */
function reQuote(pieces: Piece[], quoted: boolean): Piece[] {
  if (!quoted) return pieces;
  return pieces.map((p) => (p === BREAK ? p : { text: p.text, quoted: true, split: false }));
}

function trimPattern(value: string, pattern: RegExp, op: '#' | '##' | '%' | '%%'): string {
  const n = value.length;
  if (op === '#') {
    for (let i = 0; i <= n; i++) if (pattern.test(value.slice(0, i))) return value.slice(i);
  } else if (op === '##') {
    for (let i = n; i >= 0; i--) if (pattern.test(value.slice(0, i))) return value.slice(i);
  } else if (op === '%') {
    for (let i = n; i >= 0; i--) if (pattern.test(value.slice(i))) return value.slice(0, i);
  } else {
    for (let i = 0; i <= n; i++) if (pattern.test(value.slice(i))) return value.slice(0, i);
  }
  return value;
}

function replacePattern(value: string, pattern: RegExp, replacement: string, all: boolean, anchor?: 'start' | 'end'): string {
  if (anchor === 'start') {
    for (let j = value.length; j >= 0; j--) if (pattern.test(value.slice(0, j))) return replacement + value.slice(j);
    return value;
  }
  if (anchor === 'end') {
    for (let i = 0; i <= value.length; i++) if (pattern.test(value.slice(i))) return value.slice(0, i) + replacement;
    return value;
  }
  let out = '';
  let i = 0;
  let replaced = false;
  while (i < value.length) {
    let matched = -1;
    if (!replaced || all) {
      for (let j = value.length; j > i; j--) {
        if (pattern.test(value.slice(i, j))) {
          matched = j;
          break;
        }
      }
    }
    if (matched > i) {
      out += replacement;
      i = matched;
      replaced = true;
    } else {
      out += value[i];
      i++;
    }
  }
  return out;
}

function ifsOf(host: ShellExpansionHost): string {
  return host.get('IFS') ?? ' \t\n';
}

/** Field splitting on IFS, applied only to the results of unquoted expansions. */
function splitFields(pieces: readonly Piece[], ifs: string): Segment[][] {
  const fields: Segment[][] = [];
  let current: Segment[] = [];
  let hasContent = false;
  let emittedByWhitespace = false;
  let sawAtBreak = false;
  const emit = (): void => {
    fields.push(current);
    current = [];
    hasContent = false;
  };
  for (const piece of pieces) {
    if (piece === BREAK) {
      if (hasContent) emit();
      sawAtBreak = true;
      continue;
    }
    if (!piece.split || ifs === '') {
      current.push(piece);
      if (piece.text !== '' || piece.quoted) hasContent = true;
      emittedByWhitespace = false;
      continue;
    }
    let buffer = '';
    const flush = (): void => {
      if (buffer !== '') {
        current.push({ text: buffer, quoted: false, split: true });
        hasContent = true;
        buffer = '';
      }
    };
    for (const ch of piece.text) {
      if (!ifs.includes(ch)) {
        buffer += ch;
        emittedByWhitespace = false;
        continue;
      }
      flush();
      if (/\s/.test(ch)) {
        if (hasContent) {
          emit();
          emittedByWhitespace = true;
        }
      } else {
        if (!emittedByWhitespace) emit();
        emittedByWhitespace = false;
      }
    }
    flush();
  }
  if (hasContent) emit();
  // "$@" with no parameters: no field at all.
  if (sawAtBreak) return fields.filter((f) => f.length > 0);
  return fields;
}

function glob(field: readonly Segment[], host: ShellExpansionHost): string[] {
  // Split the pattern into path components, keeping quoting per character.
  const components: PatternSegment[][] = [[]];
  for (const segment of field) {
    const pieces = segment.text.split('/');
    pieces.forEach((piece, i) => {
      if (i > 0) components.push([]);
      if (piece !== '') components[components.length - 1]!.push({ text: piece, quoted: segment.quoted });
    });
  }
  const absolute = field[0]?.text.startsWith('/') === true;
  if (absolute) components.shift();
  let paths: string[] = [absolute ? '/' : ''];
  for (const [index, component] of components.entries()) {
    const last = index === components.length - 1;
    const next: string[] = [];
    for (const base of paths) {
      if (component.length === 0) {
        next.push(base === '' ? '' : base.endsWith('/') ? base : `${base}/`);
        continue;
      }
      if (!hasGlobChars(component)) {
        next.push(joinGlob(base, component.map((s) => s.text).join('')));
        continue;
      }
      const dir = base === '' ? host.cwd : base;
      const entries = host.listDirectory(dir);
      if (entries === undefined) continue;
      const regex = patternToRegex(component, true);
      const dotAllowed = component[0]?.text.startsWith('.') === true;
      for (const name of entries) {
        if (name.startsWith('.') && !dotAllowed) continue;
        if (regex.test(name)) next.push(joinGlob(base, name));
      }
    }
    paths = next;
    if (!last && paths.length === 0) return [];
  }
  const existing = paths.filter((p) => p !== '');
  // Non-glob components must exist too: confirm through the directory listing.
  return existing
    .filter((path) => {
      const slash = path.replace(/\/$/, '').lastIndexOf('/');
      const dir = slash < 0 ? host.cwd : slash === 0 ? '/' : path.slice(0, slash);
      const name = path.replace(/\/$/, '').slice(slash + 1);
      return host.listDirectory(dir.startsWith('/') ? dir : `${host.cwd}/${dir}`)?.includes(name) ?? false;
    })
    .sort();
}

function joinGlob(base: string, name: string): string {
  if (base === '') return name;
  return base.endsWith('/') ? base + name : `${base}/${name}`;
}
