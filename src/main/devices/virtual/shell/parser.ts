import { ShellSyntaxError } from '../errors.js';
import type {
  ShellAndOr,
  ShellAssignment,
  ShellCommand,
  ShellList,
  ShellParamExpansion,
  ShellParamOperator,
  ShellPipeline,
  ShellRedirect,
  ShellRedirectOp,
  ShellWord,
  ShellWordPart,
} from './ast.js';

type Token =
  | { readonly kind: 'word'; readonly word: ShellWord }
  | { readonly kind: 'op'; readonly value: string }
  | { readonly kind: 'io'; readonly fd: number }
  | { readonly kind: 'newline' }
  | { readonly kind: 'eof' };

const OPERATORS = [
  '&&', '||', ';;', ';&', ';|', '<<-', '<<', '>>', '<&', '>&', '<>', '>|', '&>', '((',
  '|', '&', ';', '(', ')', '<', '>',
] as const;

const REDIRECT_OPS = new Set<string>(['<', '>', '>>', '>|', '<>', '<&', '>&', '<<', '<<-', '&>']);
const WORD_BREAK = new Set([' ', '\t', '\n', ';', '&', '|', '<', '>', '(', ')']);
const SPECIAL_PARAMS = new Set(['#', '?', '$', '!', '@', '*', '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;

interface PendingHeredoc {
  readonly redirect: ShellRedirect;
  readonly delimiter: string;
  readonly stripTabs: boolean;
  readonly quoted: boolean;
}

/** Parses a whole script. Throws ShellSyntaxError with mksh's wording. */
export function parseShell(source: string): ShellList {
  return new ShellParser(source).parseProgram();
}

/**
 * Parses one top-level command line at a time, as mksh does: a syntax error
 * further down a script only stops it when execution gets there.
 */
export interface ShellLineParser {
  /** The next command line, or undefined at the end. */
  next(): ShellList | undefined;
  /** True when only blank lines and comments remain. */
  atEnd(): boolean;
}

export function parseShellLines(source: string): ShellLineParser {
  const parser = new ShellParser(source);
  return { next: () => parser.nextLine(), atEnd: () => parser.atEnd() };
}

/**
 * Recursive-descent parser with an on-demand lexer (like real shells: reserved
 * words, here-documents and `$(...)` depend on where the parser is).
 */
class ShellParser {
  #pos = 0;
  #line = 1;
  #peeked: Token | undefined;
  readonly #heredocs: PendingHeredoc[] = [];

  constructor(private readonly src: string) {}

  parseProgram(): ShellList {
    const list = this.#parseList(new Set(), new Set());
    const token = this.#peek();
    if (token.kind !== 'eof') this.#unexpected(token);
    return list;
  }

  nextLine(): ShellList | undefined {
    this.#skipNewlines();
    if (this.#peek().kind === 'eof') return undefined;
    const items: { command: ShellAndOr; background: boolean }[] = [];
    for (;;) {
      const command = this.#parseAndOr();
      const sep = this.#peek();
      if (sep.kind === 'op' && (sep.value === ';' || sep.value === '&')) {
        this.#take();
        items.push({ command, background: sep.value === '&' });
        const next = this.#peek();
        if (next.kind === 'newline' || next.kind === 'eof') break;
        continue;
      }
      items.push({ command, background: false });
      if (sep.kind === 'newline' || sep.kind === 'eof') break;
      this.#unexpected(sep);
    }
    return { type: 'list', items };
  }

  atEnd(): boolean {
    this.#skipNewlines();
    return this.#peek().kind === 'eof';
  }

  // --- grammar ------------------------------------------------------------

  #parseList(stopWords: ReadonlySet<string>, stopOps: ReadonlySet<string>): ShellList {
    const items: { command: ShellAndOr; background: boolean }[] = [];
    for (;;) {
      this.#skipNewlines();
      const token = this.#peek();
      if (token.kind === 'eof') break;
      if (token.kind === 'op' && stopOps.has(token.value)) break;
      if (token.kind === 'word' && stopWords.has(reservedOf(token.word) ?? '')) break;
      const command = this.#parseAndOr();
      const sep = this.#peek();
      if (sep.kind === 'op' && (sep.value === ';' || sep.value === '&')) {
        this.#take();
        items.push({ command, background: sep.value === '&' });
        continue;
      }
      items.push({ command, background: false });
      if (sep.kind === 'newline') continue;
      break;
    }
    return { type: 'list', items };
  }

  #parseAndOr(): ShellAndOr {
    const first = this.#parsePipeline();
    const rest: { op: '&&' | '||'; pipeline: ShellPipeline }[] = [];
    for (;;) {
      const token = this.#peek();
      if (token.kind !== 'op' || (token.value !== '&&' && token.value !== '||')) break;
      this.#take();
      this.#skipNewlines();
      rest.push({ op: token.value, pipeline: this.#parsePipeline() });
    }
    return { type: 'andor', first, rest };
  }

  #parsePipeline(): ShellPipeline {
    let negate = false;
    let token = this.#peek();
    while (token.kind === 'word' && reservedOf(token.word) === '!') {
      this.#take();
      negate = !negate;
      token = this.#peek();
    }
    const commands = [this.#parseCommand()];
    for (;;) {
      const next = this.#peek();
      if (next.kind !== 'op' || next.value !== '|') break;
      this.#take();
      this.#skipNewlines();
      commands.push(this.#parseCommand());
    }
    return { type: 'pipeline', negate, commands };
  }

  #parseCommand(): ShellCommand {
    const token = this.#peek();
    if (token.kind === 'op') {
      if (token.value === '(') {
        this.#take();
        const body = this.#parseList(new Set(), new Set([')']));
        this.#expectOp(')');
        return { type: 'subshell', body, redirects: this.#parseRedirects() };
      }
      if (token.value === '((') {
        this.#take();
        const expr = this.#readArithUntilClose();
        return { type: 'arithcmd', expr, redirects: this.#parseRedirects() };
      }
    }
    if (token.kind === 'word') {
      switch (reservedOf(token.word)) {
        case '{': {
          this.#take();
          const body = this.#parseList(new Set(['}']), new Set());
          this.#expectWord('}');
          return { type: 'group', body, redirects: this.#parseRedirects() };
        }
        case 'if':
          return this.#parseIf();
        case 'while':
        case 'until':
          return this.#parseLoop();
        case 'for':
          return this.#parseFor();
        case 'case':
          return this.#parseCase();
        case 'function':
          return this.#parseFunctionKeyword();
        case '[[':
          return this.#parseDoubleBracket();
        case 'then':
        case 'else':
        case 'elif':
        case 'fi':
        case 'do':
        case 'done':
        case 'esac':
        case '}':
        case 'in':
          this.#unexpected(token);
      }
    }
    return this.#parseSimple();
  }

  #parseSimple(): ShellCommand {
    const assignments: ShellAssignment[] = [];
    const words: ShellWord[] = [];
    const redirects: ShellRedirect[] = [];
    const line = this.#line;
    for (;;) {
      const token = this.#peek();
      if (token.kind === 'io' || (token.kind === 'op' && REDIRECT_OPS.has(token.value))) {
        redirects.push(this.#parseRedirect());
        continue;
      }
      if (token.kind !== 'word') break;
      this.#take();
      if (words.length === 0) {
        const assignment = asAssignment(token.word);
        if (assignment !== undefined) {
          assignments.push(assignment);
          continue;
        }
      }
      words.push(token.word);
      if (words.length === 1 && assignments.length === 0 && redirects.length === 0) {
        const next = this.#peek();
        if (next.kind === 'op' && next.value === '(' && this.#src[this.#pos] === ')') {
          this.#take();
          this.#expectOp(')');
          this.#skipNewlines();
          return { type: 'function', name: token.word.raw, body: this.#parseCommand() };
        }
      }
    }
    if (words.length === 0 && assignments.length === 0 && redirects.length === 0) {
      this.#unexpected(this.#peek());
    }
    return { type: 'simple', assignments, words, redirects, line };
  }

  get #src(): string {
    return this.src;
  }

  #parseIf(): ShellCommand {
    this.#take();
    const clauses: { condition: ShellList; body: ShellList }[] = [];
    let elseBody: ShellList | undefined;
    for (;;) {
      const condition = this.#parseList(new Set(['then']), new Set());
      this.#expectWord('then');
      const body = this.#parseList(new Set(['elif', 'else', 'fi']), new Set());
      clauses.push({ condition, body });
      const next = this.#take();
      const word = next.kind === 'word' ? reservedOf(next.word) : undefined;
      if (word === 'elif') continue;
      if (word === 'else') {
        elseBody = this.#parseList(new Set(['fi']), new Set());
        this.#expectWord('fi');
        break;
      }
      if (word === 'fi') break;
      this.#unexpected(next);
    }
    return { type: 'if', clauses, elseBody, redirects: this.#parseRedirects() };
  }

  #parseLoop(): ShellCommand {
    const keyword = this.#take();
    const type = keyword.kind === 'word' && reservedOf(keyword.word) === 'until' ? 'until' : 'while';
    const condition = this.#parseList(new Set(['do']), new Set());
    const body = this.#parseDoGroup();
    return { type, condition, body, redirects: this.#parseRedirects() };
  }

  #parseDoGroup(): ShellList {
    this.#skipNewlines();
    const token = this.#peek();
    if (token.kind === 'word' && reservedOf(token.word) === '{') {
      this.#take();
      const body = this.#parseList(new Set(['}']), new Set());
      this.#expectWord('}');
      return body;
    }
    this.#expectWord('do');
    const body = this.#parseList(new Set(['done']), new Set());
    this.#expectWord('done');
    return body;
  }

  #parseFor(): ShellCommand {
    this.#take();
    const nameToken = this.#take();
    if (nameToken.kind !== 'word' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(nameToken.word.raw)) this.#unexpected(nameToken);
    const variable = nameToken.word.raw;
    let items: ShellWord[] | undefined;
    let token = this.#peek();
    if (token.kind === 'op' && token.value === ';') {
      this.#take();
    } else {
      this.#skipNewlines();
      token = this.#peek();
      if (token.kind === 'word' && reservedOf(token.word) === 'in') {
        this.#take();
        items = [];
        for (;;) {
          const item = this.#peek();
          if (item.kind !== 'word') break;
          this.#take();
          items.push(item.word);
        }
        const sep = this.#peek();
        if (sep.kind === 'op' && sep.value === ';') this.#take();
        else if (sep.kind !== 'newline') this.#unexpected(sep);
      }
    }
    const body = this.#parseDoGroup();
    return { type: 'for', variable, items, body, redirects: this.#parseRedirects() };
  }

  #parseCase(): ShellCommand {
    this.#take();
    const subjectToken = this.#take();
    if (subjectToken.kind !== 'word') this.#unexpected(subjectToken);
    this.#skipNewlines();
    this.#expectWord('in');
    const items: { patterns: ShellWord[]; body: ShellList; terminator: ';;' | ';&' | ';|' }[] = [];
    for (;;) {
      this.#skipNewlines();
      const token = this.#peek();
      if (token.kind === 'word' && reservedOf(token.word) === 'esac') {
        this.#take();
        break;
      }
      if (token.kind === 'op' && token.value === '(') this.#take();
      const patterns: ShellWord[] = [];
      for (;;) {
        const pattern = this.#take();
        if (pattern.kind !== 'word') this.#unexpected(pattern);
        patterns.push(pattern.word);
        const sep = this.#take();
        if (sep.kind === 'op' && sep.value === '|') continue;
        if (sep.kind === 'op' && sep.value === ')') break;
        this.#unexpected(sep);
      }
      const body = this.#parseList(new Set(['esac']), new Set([';;', ';&', ';|']));
      const end = this.#peek();
      let terminator: ';;' | ';&' | ';|' = ';;';
      if (end.kind === 'op' && (end.value === ';;' || end.value === ';&' || end.value === ';|')) {
        this.#take();
        terminator = end.value;
      } else if (!(end.kind === 'word' && reservedOf(end.word) === 'esac')) {
        this.#unexpected(end);
      }
      items.push({ patterns, body, terminator });
    }
    return { type: 'case', subject: subjectToken.word, items, redirects: this.#parseRedirects() };
  }

  #parseFunctionKeyword(): ShellCommand {
    this.#take();
    const name = this.#take();
    if (name.kind !== 'word') this.#unexpected(name);
    const next = this.#peek();
    if (next.kind === 'op' && next.value === '(') {
      this.#take();
      this.#expectOp(')');
    }
    this.#skipNewlines();
    return { type: 'function', name: name.word.raw, body: this.#parseCommand() };
  }

  #parseDoubleBracket(): ShellCommand {
    this.#take();
    const words: ShellWord[] = [];
    for (;;) {
      const token = this.#take();
      if (token.kind === 'word') {
        if (reservedOf(token.word) === ']]') break;
        words.push(token.word);
        continue;
      }
      if (token.kind === 'op' && ['&&', '||', '(', ')', '<', '>'].includes(token.value)) {
        words.push({ raw: token.value, parts: [{ type: 'literal', value: token.value, quoted: false }] });
        continue;
      }
      this.#unexpected(token);
    }
    return { type: 'dbracket', words, redirects: this.#parseRedirects() };
  }

  #parseRedirects(): ShellRedirect[] {
    const redirects: ShellRedirect[] = [];
    for (;;) {
      const token = this.#peek();
      if (token.kind === 'io' || (token.kind === 'op' && REDIRECT_OPS.has(token.value))) {
        redirects.push(this.#parseRedirect());
        continue;
      }
      return redirects;
    }
  }

  #parseRedirect(): ShellRedirect {
    let fd: number | undefined;
    let token = this.#take();
    if (token.kind === 'io') {
      fd = token.fd;
      token = this.#take();
    }
    if (token.kind !== 'op' || !REDIRECT_OPS.has(token.value)) this.#unexpected(token);
    const op = token.value as ShellRedirectOp;
    const target = this.#take();
    if (target.kind !== 'word') this.#unexpected(target);
    const redirect: ShellRedirect = { fd, op, target: target.word };
    if (op === '<<' || op === '<<-') {
      const quoted = target.word.parts.some((p) => p.quoted);
      const delimiter = target.word.parts.map((p) => (p.type === 'literal' ? p.value : '')).join('');
      this.#heredocs.push({ redirect, delimiter, stripTabs: op === '<<-', quoted });
    }
    return redirect;
  }

  // --- tokens -------------------------------------------------------------

  #peek(): Token {
    this.#peeked ??= this.#lex();
    return this.#peeked;
  }

  #take(): Token {
    const token = this.#peek();
    this.#peeked = undefined;
    return token;
  }

  #skipNewlines(): void {
    while (this.#peek().kind === 'newline') this.#take();
  }

  #expectOp(value: string): void {
    const token = this.#take();
    if (token.kind !== 'op' || token.value !== value) this.#unexpected(token);
  }

  #expectWord(value: string): void {
    const token = this.#take();
    if (token.kind !== 'word' || reservedOf(token.word) !== value) this.#unexpected(token);
  }

  #unexpected(token: Token): never {
    let text: string;
    switch (token.kind) {
      case 'word':
        text = token.word.raw;
        break;
      case 'op':
        text = token.value;
        break;
      case 'io':
        text = String(token.fd);
        break;
      case 'newline':
        text = 'newline';
        break;
      case 'eof':
        throw new ShellSyntaxError(`syntax error: unexpected EOF`);
    }
    throw new ShellSyntaxError(`syntax error: '${text}' unexpected`);
  }

  #lex(): Token {
    const src = this.src;
    for (;;) {
      const c = src[this.#pos];
      if (c === ' ' || c === '\t') {
        this.#pos++;
      } else if (c === '\\' && src[this.#pos + 1] === '\n') {
        this.#pos += 2;
        this.#line++;
      } else if (c === '#') {
        while (this.#pos < src.length && src[this.#pos] !== '\n') this.#pos++;
      } else {
        break;
      }
    }
    if (this.#pos >= src.length) {
      if (this.#heredocs.length > 0) this.#readHeredocBodies();
      return { kind: 'eof' };
    }
    const c = src[this.#pos]!;
    if (c === '\n') {
      this.#pos++;
      this.#line++;
      this.#readHeredocBodies();
      return { kind: 'newline' };
    }
    for (const op of OPERATORS) {
      if (src.startsWith(op, this.#pos)) {
        this.#pos += op.length;
        return { kind: 'op', value: op };
      }
    }
    const start = this.#pos;
    const word = this.#readWord((ch) => WORD_BREAK.has(ch));
    if (/^\d+$/.test(word.raw) && (src[this.#pos] === '<' || src[this.#pos] === '>') && this.#pos === start + word.raw.length) {
      return { kind: 'io', fd: Number(word.raw) };
    }
    return { kind: 'word', word };
  }

  /** Reads one word until `stop` says an unquoted character ends it. */
  #readWord(stop: (ch: string) => boolean): ShellWord {
    const src = this.src;
    const start = this.#pos;
    const parts: ShellWordPart[] = [];
    while (this.#pos < src.length) {
      const c = src[this.#pos]!;
      if (stop(c)) break;
      if (c === '\\') {
        const next = src[this.#pos + 1];
        this.#pos += 2;
        if (next === '\n') {
          this.#line++;
          continue;
        }
        if (next !== undefined) pushLiteral(parts, next, true);
        continue;
      }
      if (c === "'") {
        const end = src.indexOf("'", this.#pos + 1);
        if (end < 0) throw new ShellSyntaxError("syntax error: unterminated '");
        const text = src.slice(this.#pos + 1, end);
        this.#line += countNewlines(text);
        pushLiteral(parts, text, true, true);
        this.#pos = end + 1;
        continue;
      }
      if (c === '"') {
        this.#pos++;
        const inner = this.#readDoubleQuoted('"');
        if (src[this.#pos] !== '"') throw new ShellSyntaxError('syntax error: unterminated "');
        this.#pos++;
        if (inner.length === 0) pushLiteral(parts, '', true, true);
        for (const part of inner) pushPart(parts, part);
        continue;
      }
      if (c === '$') {
        pushPart(parts, this.#readDollar(false));
        continue;
      }
      if (c === '`') {
        pushPart(parts, this.#readBackquote(false));
        continue;
      }
      pushLiteral(parts, c, false);
      this.#pos++;
    }
    return { parts, raw: src.slice(start, this.#pos) };
  }

  /** Parts of a double-quoted string up to (not including) `end`, or to the end of input. */
  #readDoubleQuoted(end: string | undefined): ShellWordPart[] {
    const src = this.src;
    const parts: ShellWordPart[] = [];
    while (this.#pos < src.length && src[this.#pos] !== end) {
      const c = src[this.#pos]!;
      if (c === '\\') {
        const next = src[this.#pos + 1];
        if (next === '\n') {
          this.#pos += 2;
          this.#line++;
          continue;
        }
        if (next === '$' || next === '`' || next === '\\' || (next === '"' && end === '"')) {
          pushLiteral(parts, next, true);
          this.#pos += 2;
          continue;
        }
        pushLiteral(parts, '\\', true);
        this.#pos++;
        continue;
      }
      if (c === '$') {
        pushPart(parts, this.#readDollar(true));
        continue;
      }
      if (c === '`') {
        pushPart(parts, this.#readBackquote(true));
        continue;
      }
      if (c === '\n') this.#line++;
      pushLiteral(parts, c, true);
      this.#pos++;
    }
    return parts;
  }

  #readDollar(quoted: boolean): ShellWordPart {
    const src = this.src;
    const next = src[this.#pos + 1];
    if (next === '(' && src[this.#pos + 2] === '(') {
      this.#pos += 3;
      return { type: 'arith', expr: this.#readArithUntilClose(), quoted };
    }
    if (next === '(') {
      this.#pos += 2;
      return { type: 'command', body: this.#parseNested(), quoted };
    }
    if (next === '{') {
      this.#pos += 2;
      return { type: 'param', expansion: this.#readBraceParam(quoted), quoted };
    }
    if (next !== undefined && SPECIAL_PARAMS.has(next)) {
      this.#pos += 2;
      return { type: 'param', expansion: { name: next, length: false }, quoted };
    }
    if (next !== undefined && NAME_START.test(next)) {
      let end = this.#pos + 1;
      while (end < src.length && NAME_CHAR.test(src[end]!)) end++;
      const name = src.slice(this.#pos + 1, end);
      this.#pos = end;
      return { type: 'param', expansion: { name, length: false }, quoted };
    }
    this.#pos++;
    return { type: 'literal', value: '$', quoted };
  }

  /** `$( ... )`: the same parser continues inside, as mksh does. */
  #parseNested(): ShellList {
    const saved = this.#peeked;
    this.#peeked = undefined;
    const body = this.#parseList(new Set(), new Set([')']));
    this.#expectOp(')');
    this.#peeked = saved;
    return body;
  }

  #readBackquote(quoted: boolean): ShellWordPart {
    const src = this.src;
    let text = '';
    let at = this.#pos + 1;
    for (;;) {
      const c = src[at];
      if (c === undefined) throw new ShellSyntaxError('syntax error: unterminated `');
      if (c === '`') break;
      if (c === '\\' && (src[at + 1] === '`' || src[at + 1] === '\\' || src[at + 1] === '$')) {
        text += src[at + 1];
        at += 2;
        continue;
      }
      text += c;
      at++;
    }
    this.#pos = at + 1;
    try {
      return { type: 'command', body: parseShell(text), quoted };
    } catch (error) {
      if (!(error instanceof ShellSyntaxError)) throw error;
      return { type: 'command', body: { type: 'list', items: [] }, quoted, error: error.message };
    }
  }

  /** After `$((` or `((`: the expression up to the matching `))`. */
  #readArithUntilClose(): ShellWord {
    const src = this.src;
    let depth = 0;
    let at = this.#pos;
    for (;;) {
      const c = src[at];
      if (c === undefined) throw new ShellSyntaxError("syntax error: unterminated '(('");
      if (c === '(') depth++;
      else if (c === ')') {
        if (depth === 0 && src[at + 1] === ')') break;
        depth--;
      }
      at++;
    }
    const text = src.slice(this.#pos, at);
    this.#pos = at + 2;
    const inner = new ShellParser(text);
    const parts = inner.#readDoubleQuoted(undefined);
    return { parts, raw: text };
  }

  #readBraceParam(quoted: boolean): ShellParamExpansion {
    const src = this.src;
    let length = false;
    if (src[this.#pos] === '#' && src[this.#pos + 1] !== '}' && src[this.#pos + 1] !== undefined) {
      length = true;
      this.#pos++;
    }
    let name: string;
    const c = src[this.#pos];
    if (c !== undefined && NAME_START.test(c)) {
      let end = this.#pos;
      while (end < src.length && NAME_CHAR.test(src[end]!)) end++;
      name = src.slice(this.#pos, end);
      this.#pos = end;
    } else if (c !== undefined && /\d/.test(c)) {
      let end = this.#pos;
      while (end < src.length && /\d/.test(src[end]!)) end++;
      name = src.slice(this.#pos, end);
      this.#pos = end;
    } else if (c !== undefined && SPECIAL_PARAMS.has(c)) {
      name = c;
      this.#pos++;
    } else {
      throw new ShellSyntaxError(`\${${src.slice(this.#pos, src.indexOf('}', this.#pos))}}: bad substitution`);
    }
    if (src[this.#pos] === '}') {
      this.#pos++;
      return { name, length };
    }
    if (length) throw new ShellSyntaxError(`\${#${name}...}: bad substitution`);
    const ops: ShellParamOperator[] = [':-', ':=', ':+', ':?', '##', '%%', '//', '-', '=', '+', '?', '#', '%', '/'];
    const op = ops.find((candidate) => src.startsWith(candidate, this.#pos));
    if (op === undefined) throw new ShellSyntaxError(`\${${name}${src[this.#pos] ?? ''}...}: bad substitution`);
    this.#pos += op.length;
    const inBrace = (stopAt: string) => (ch: string) => ch === stopAt || ch === '}';
    if (op === '/' || op === '//') {
      let anchor: 'start' | 'end' | undefined;
      if (op === '/' && (src[this.#pos] === '#' || src[this.#pos] === '%')) {
        anchor = src[this.#pos] === '#' ? 'start' : 'end';
        this.#pos++;
      }
      const arg = this.#readBraceWord(inBrace('/'), quoted);
      let replacement: ShellWord | undefined;
      if (src[this.#pos] === '/') {
        this.#pos++;
        replacement = this.#readBraceWord((ch) => ch === '}', quoted);
      }
      this.#expectBraceEnd();
      return {
        name,
        length,
        op,
        arg,
        ...(replacement === undefined ? {} : { replacement }),
        ...(anchor === undefined ? {} : { anchor }),
      };
    }
    const arg = this.#readBraceWord((ch) => ch === '}', quoted);
    this.#expectBraceEnd();
    return { name, length, op, arg };
  }

  #readBraceWord(stop: (ch: string) => boolean, quoted: boolean): ShellWord {
    if (!quoted) return this.#readWord(stop);
    // Inside "${…}" the argument keeps double-quote rules.
    const start = this.#pos;
    const parts: ShellWordPart[] = [];
    while (this.#pos < this.src.length && !stop(this.src[this.#pos]!)) {
      const before = this.#pos;
      const chunk = this.#readDoubleQuotedUntil(stop);
      for (const part of chunk) pushPart(parts, part);
      if (this.#pos === before) break;
    }
    return { parts, raw: this.src.slice(start, this.#pos) };
  }

  #readDoubleQuotedUntil(stop: (ch: string) => boolean): ShellWordPart[] {
    const parts: ShellWordPart[] = [];
    const src = this.src;
    while (this.#pos < src.length && !stop(src[this.#pos]!)) {
      const c = src[this.#pos]!;
      if (c === '\\' && src[this.#pos + 1] !== undefined) {
        pushLiteral(parts, src[this.#pos + 1]!, true);
        this.#pos += 2;
      } else if (c === '$') {
        pushPart(parts, this.#readDollar(true));
      } else if (c === '`') {
        pushPart(parts, this.#readBackquote(true));
      } else if (c === '"') {
        this.#pos++;
      } else {
        pushLiteral(parts, c, true);
        this.#pos++;
      }
    }
    return parts;
  }

  #expectBraceEnd(): void {
    if (this.src[this.#pos] !== '}') throw new ShellSyntaxError('syntax error: missing }');
    this.#pos++;
  }

  #readHeredocBodies(): void {
    const src = this.src;
    for (const doc of this.#heredocs.splice(0)) {
      const lines: string[] = [];
      for (;;) {
        if (this.#pos >= src.length) break;
        let end = src.indexOf('\n', this.#pos);
        if (end < 0) end = src.length;
        let line = src.slice(this.#pos, end);
        this.#pos = Math.min(src.length, end + 1);
        this.#line++;
        if (doc.stripTabs) line = line.replace(/^\t+/, '');
        if (line === doc.delimiter) break;
        lines.push(line + '\n');
      }
      const text = lines.join('');
      if (doc.quoted) {
        doc.redirect.heredoc = { body: text };
      } else {
        const inner = new ShellParser(text);
        const parts = inner.#readHeredocText();
        doc.redirect.heredoc = { body: { parts, raw: text } };
      }
    }
  }

  /** Here-document text: expansions and `\$ \` \\ \newline`, but `"` is plain. */
  #readHeredocText(): ShellWordPart[] {
    const src = this.src;
    const parts: ShellWordPart[] = [];
    while (this.#pos < src.length) {
      const c = src[this.#pos]!;
      if (c === '\\') {
        const next = src[this.#pos + 1];
        if (next === '\n') {
          this.#pos += 2;
          continue;
        }
        if (next === '$' || next === '`' || next === '\\') {
          pushLiteral(parts, next, true);
          this.#pos += 2;
          continue;
        }
        pushLiteral(parts, '\\', true);
        this.#pos++;
        continue;
      }
      if (c === '$') {
        pushPart(parts, this.#readDollar(true));
        continue;
      }
      if (c === '`') {
        pushPart(parts, this.#readBackquote(true));
        continue;
      }
      pushLiteral(parts, c, true);
      this.#pos++;
    }
    return parts;
  }
}

const RESERVED = new Set([
  'if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'case', 'esac', 'while', 'until', 'for', 'in',
  '{', '}', '!', 'function', '[[', ']]',
]);

/** The reserved word a token spells, if it is one and unquoted. */
function reservedOf(word: ShellWord): string | undefined {
  const only = word.parts[0];
  if (word.parts.length !== 1 || only === undefined || only.type !== 'literal' || only.quoted) return undefined;
  return RESERVED.has(only.value) ? only.value : undefined;
}

function asAssignment(word: ShellWord): ShellAssignment | undefined {
  const first = word.parts[0];
  if (first === undefined || first.type !== 'literal' || first.quoted) return undefined;
  const match = /^([A-Za-z_][A-Za-z0-9_]*)(\+?)=/.exec(first.value);
  if (match === null) return undefined;
  const rest = first.value.slice(match[0].length);
  const parts: ShellWordPart[] = rest === '' ? [] : [{ type: 'literal', value: rest, quoted: false }];
  parts.push(...word.parts.slice(1));
  return {
    name: match[1]!,
    append: match[2] === '+',
    value: { parts, raw: word.raw.slice(match[0].length) },
  };
}

function pushLiteral(parts: ShellWordPart[], value: string, quoted: boolean, force = false): void {
  const last = parts[parts.length - 1];
  if (!force && last !== undefined && last.type === 'literal' && last.quoted === quoted) {
    parts[parts.length - 1] = { type: 'literal', value: last.value + value, quoted };
    return;
  }
  parts.push({ type: 'literal', value, quoted });
}

function pushPart(parts: ShellWordPart[], part: ShellWordPart): void {
  if (part.type === 'literal') pushLiteral(parts, part.value, part.quoted);
  else parts.push(part);
}

function countNewlines(text: string): number {
  let n = 0;
  for (const c of text) if (c === '\n') n++;
  return n;
}
