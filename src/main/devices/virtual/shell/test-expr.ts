import type { VfsNode } from '../fs/vfs-node.js';
import { VfsAccess } from '../fs/vfs.js';
import { VfsNodeKind, vfsStat } from '../fs/vfs-node.js';

/** What `test`, `[` and `[[` need to know about files. */
export interface TestHost {
  stat(path: string, follow: boolean): VfsNode | undefined;
  access(node: VfsNode, mode: VfsAccess): boolean;
  isTerminal(fd: number): boolean;
}

export interface TestOptions {
  /** `[[ ]]`: `==`/`!=` match patterns, `&&`/`||`/`<`/`>` allowed. */
  readonly extended?: boolean;
  /** The right-hand side of `==` at token `index`, as a pattern. */
  readonly pattern?: (index: number) => Promise<RegExp>;
}

export interface TestResult {
  readonly value: boolean;
  readonly error?: string;
}

const UNARY = new Set(['-e', '-a', '-f', '-d', '-c', '-b', '-p', '-h', '-L', '-S', '-r', '-w', '-x', '-s', '-u', '-g', '-k', '-O', '-G', '-n', '-z', '-t']);
const BINARY = new Set(['=', '==', '!=', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-nt', '-ot', '-ef', '<', '>', '=~']);

class TestSyntaxError extends Error {}

/** Evaluates `test` arguments (without the closing `]`). */
export async function evaluateTest(args: readonly string[], host: TestHost, options: TestOptions = {}): Promise<TestResult> {
  try {
    const parser = new TestParser(args, host, options);
    if (args.length === 0) return { value: false };
    const value = await parser.parse();
    return { value };
  } catch (error) {
    if (error instanceof TestSyntaxError) return { value: false, error: error.message };
    throw error;
  }
}

class TestParser {
  #i = 0;
  constructor(
    private readonly args: readonly string[],
    private readonly host: TestHost,
    private readonly options: TestOptions,
  ) {}

  async parse(): Promise<boolean> {
    const value = await this.#or();
    if (this.#i < this.args.length) throw new TestSyntaxError(`${this.args[this.#i]}: unexpected operator/operand`);
    return value;
  }

  async #or(): Promise<boolean> {
    let value = await this.#and();
    while (this.#peek() === '-o' || (this.options.extended === true && this.#peek() === '||')) {
      this.#i++;
      const right = await this.#and();
      value = value || right;
    }
    return value;
  }

  async #and(): Promise<boolean> {
    let value = await this.#not();
    while (this.#peek() === '-a' || (this.options.extended === true && this.#peek() === '&&')) {
      this.#i++;
      const right = await this.#not();
      value = value && right;
    }
    return value;
  }

  async #not(): Promise<boolean> {
    if (this.#peek() === '!' && this.#i + 1 < this.args.length) {
      this.#i++;
      return !(await this.#not());
    }
    return this.#primary();
  }

  async #primary(): Promise<boolean> {
    const token = this.#peek();
    if (token === undefined) throw new TestSyntaxError('argument expected');
    const next = this.args[this.#i + 1];
    if (next !== undefined && BINARY.has(next) && this.#i + 2 < this.args.length) {
      const left = token;
      const rightIndex = this.#i + 2;
      const right = this.args[rightIndex]!;
      this.#i += 3;
      return this.#binary(left, next, right, rightIndex);
    }
    if (token === '(' && this.args.length - this.#i > 2) {
      this.#i++;
      const value = await this.#or();
      if (this.#peek() !== ')') throw new TestSyntaxError("')' expected");
      this.#i++;
      return value;
    }
    if (UNARY.has(token) && next !== undefined) {
      this.#i += 2;
      return this.#unary(token, next);
    }
    this.#i++;
    return token !== '';
  }

  #peek(): string | undefined {
    return this.args[this.#i];
  }

  async #binary(left: string, op: string, right: string, rightIndex: number): Promise<boolean> {
    switch (op) {
      case '=':
      case '==':
      case '!=': {
        let equal: boolean;
        if (this.options.extended === true && this.options.pattern !== undefined) {
          equal = (await this.options.pattern(rightIndex)).test(left);
        } else {
          equal = left === right;
        }
        return op === '!=' ? !equal : equal;
      }
      case '<':
        return left < right;
      case '>':
        return left > right;
      case '=~':
        try {
          return new RegExp(right).test(left);
        } catch {
          throw new TestSyntaxError(`${right}: bad regular expression`);
        }
      case '-nt':
      case '-ot': {
        const a = this.host.stat(left, true);
        const b = this.host.stat(right, true);
        if (op === '-nt') return a !== undefined && (b === undefined || a.mtimeMs > b.mtimeMs);
        return b !== undefined && (a === undefined || a.mtimeMs < b.mtimeMs);
      }
      case '-ef': {
        const a = this.host.stat(left, true);
        return a !== undefined && a === this.host.stat(right, true);
      }
      default: {
        const a = toInteger(left);
        const b = toInteger(right);
        switch (op) {
          case '-eq':
            return a === b;
          case '-ne':
            return a !== b;
          case '-lt':
            return a < b;
          case '-le':
            return a <= b;
          case '-gt':
            return a > b;
          default:
            return a >= b;
        }
      }
    }
  }

  #unary(op: string, arg: string): boolean {
    switch (op) {
      case '-n':
        return arg !== '';
      case '-z':
        return arg === '';
      case '-t':
        return this.host.isTerminal(toInteger(arg));
    }
    const node = this.host.stat(arg, op !== '-h' && op !== '-L');
    if (node === undefined) return false;
    switch (op) {
      case '-e':
      case '-a':
        return true;
      case '-f':
        return node.kind === VfsNodeKind.File || node.kind === VfsNodeKind.Dynamic;
      case '-d':
        return node.kind === VfsNodeKind.Directory;
      case '-c':
        return node.kind === VfsNodeKind.CharDevice;
      case '-b':
        return false;
      case '-p':
        return node.kind === VfsNodeKind.Fifo;
      case '-h':
      case '-L':
        return node.kind === VfsNodeKind.Symlink;
      case '-S':
        return false;
      case '-r':
        return this.host.access(node, VfsAccess.Read);
      case '-w':
        return this.host.access(node, VfsAccess.Write);
      case '-x':
        return this.host.access(node, VfsAccess.Execute);
      case '-s':
        return vfsStat(node).size > 0;
      case '-u':
        return (node.mode & 0o4000) !== 0;
      case '-g':
        return (node.mode & 0o2000) !== 0;
      case '-k':
        return (node.mode & 0o1000) !== 0;
      default:
        return true;
    }
  }
}

function toInteger(text: string): number {
  const trimmed = text.trim();
  if (!/^[-+]?\d+$/.test(trimmed)) throw new TestSyntaxError(`${text}: bad number`);
  return Number(trimmed);
}
