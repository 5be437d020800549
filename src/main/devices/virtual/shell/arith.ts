/** mksh arithmetic: 32-bit signed integers that wrap, C operators, variables by name. */

export interface ArithVariables {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
}

/** A bad expression; the message is mksh's ("1 +: unexpected 'end of expression'"). */
export class ArithError extends Error {
  override readonly name = 'ArithError';
}

const ASSIGN_OPS = ['<<=', '>>=', '+=', '-=', '*=', '/=', '%=', '&=', '^=', '|=', '='] as const;
const BINARY_LEVELS: readonly (readonly string[])[] = [
  ['||'],
  ['&&'],
  ['|'],
  ['^'],
  ['&'],
  ['==', '!='],
  ['<=', '>=', '<', '>'],
  ['<<', '>>'],
  ['+', '-'],
  ['*', '/', '%'],
];

export function evaluateArith(expression: string, vars: ArithVariables, depth = 0): number {
  if (depth > 64) throw new ArithError(`${expression}: expression recurses on itself`);
  const parser = new ArithParser(expression, vars, depth);
  return parser.run();
}

class ArithParser {
  #pos = 0;

  constructor(
    private readonly text: string,
    private readonly vars: ArithVariables,
    private readonly depth: number,
  ) {}

  run(): number {
    this.#skip();
    if (this.#pos >= this.text.length) return 0;
    const value = this.#comma(true);
    this.#skip();
    if (this.#pos < this.text.length) this.#fail(`unexpected '${this.text.slice(this.#pos)}'`);
    return value;
  }

  #comma(live: boolean): number {
    let value = this.#assign(live);
    while (this.#eat(',')) value = this.#assign(live);
    return value;
  }

  #assign(live: boolean): number {
    const save = this.#pos;
    this.#skip();
    const name = this.#name();
    if (name !== undefined) {
      this.#skip();
      for (const op of ASSIGN_OPS) {
        if (this.text.startsWith(op, this.#pos) && !(op === '=' && this.text[this.#pos + 1] === '=')) {
          this.#pos += op.length;
          const rhs = this.#assign(live);
          if (!live) return 0;
          const current = op === '=' ? 0 : this.#valueOf(name);
          const value = op === '=' ? rhs : binary(op.slice(0, -1), current, rhs, this);
          this.vars.set(name, String(value));
          return value;
        }
      }
    }
    this.#pos = save;
    return this.#ternary(live);
  }

  #ternary(live: boolean): number {
    const condition = this.#binary(0, live);
    if (!this.#eat('?')) return condition;
    const a = this.#assign(live && condition !== 0);
    if (!this.#eat(':')) this.#fail(`unexpected '${this.text.slice(this.#pos) || 'end of expression'}'`);
    const b = this.#assign(live && condition === 0);
    return condition !== 0 ? a : b;
  }

  #binary(level: number, live: boolean): number {
    const ops = BINARY_LEVELS[level];
    if (ops === undefined) return this.#unary(live);
    let left = this.#binary(level + 1, live);
    for (;;) {
      this.#skip();
      const op = ops.find((o) => this.text.startsWith(o, this.#pos) && !this.#isLongerOp(o));
      if (op === undefined) return left;
      this.#pos += op.length;
      if (op === '&&') {
        const right = this.#binary(level + 1, live && left !== 0);
        left = left !== 0 && right !== 0 ? 1 : 0;
      } else if (op === '||') {
        const right = this.#binary(level + 1, live && left === 0);
        left = left !== 0 || right !== 0 ? 1 : 0;
      } else {
        const right = this.#binary(level + 1, live);
        left = live ? binary(op, left, right, this) : 0;
      }
    }
  }

  /** `<` must not match `<<` or `<=`, `&` not `&&`, and an operator not its assignment form. */
  #isLongerOp(op: string): boolean {
    const next = this.text[this.#pos + op.length];
    if ((op === '<' || op === '>') && (next === op || next === '=')) return true;
    if ((op === '&' || op === '|') && next === op) return true;
    if (next === '=' && op !== '==' && op !== '!=' && op !== '<=' && op !== '>=') return true;
    return false;
  }

  #unary(live: boolean): number {
    this.#skip();
    for (const op of ['++', '--'] as const) {
      if (this.text.startsWith(op, this.#pos)) {
        this.#pos += 2;
        this.#skip();
        const name = this.#name();
        if (name === undefined) this.#fail(`unexpected '${op}'`);
        if (!live) return 0;
        const value = wrap(this.#valueOf(name) + (op === '++' ? 1 : -1));
        this.vars.set(name, String(value));
        return value;
      }
    }
    const c = this.text[this.#pos];
    if (c === '!' || c === '~' || c === '-' || c === '+') {
      this.#pos++;
      const value = this.#unary(live);
      if (c === '!') return value === 0 ? 1 : 0;
      if (c === '~') return ~value;
      if (c === '-') return wrap(-value);
      return value;
    }
    return this.#postfix(live);
  }

  #postfix(live: boolean): number {
    this.#skip();
    const c = this.text[this.#pos];
    if (c === '(') {
      this.#pos++;
      const value = this.#comma(live);
      if (!this.#eat(')')) this.#fail(`unexpected '${this.text.slice(this.#pos) || 'end of expression'}'`);
      return value;
    }
    if (c !== undefined && /[0-9]/.test(c)) return this.#number();
    const name = this.#name();
    if (name === undefined) {
      this.#fail(`unexpected '${this.text.slice(this.#pos) || 'end of expression'}'`);
    }
    this.#skip();
    for (const op of ['++', '--'] as const) {
      if (this.text.startsWith(op, this.#pos)) {
        this.#pos += 2;
        if (!live) return 0;
        const value = this.#valueOf(name);
        this.vars.set(name, String(wrap(value + (op === '++' ? 1 : -1))));
        return value;
      }
    }
    return live ? this.#valueOf(name) : 0;
  }

  #number(): number {
    const rest = this.text.slice(this.#pos);
    const based = /^(\d+)#([0-9A-Za-z@_]+)/.exec(rest);
    if (based !== null) {
      this.#pos += based[0].length;
      const base = Number(based[1]);
      let value = 0;
      for (const ch of based[2]!) {
        const digit = parseInt(ch, 36);
        if (Number.isNaN(digit) || digit >= base) this.#fail(`bad number '${based[0]}'`);
        value = wrap(value * base + digit);
      }
      return value;
    }
    const hex = /^0[xX][0-9A-Fa-f]+/.exec(rest);
    if (hex !== null) {
      this.#pos += hex[0].length;
      return wrap(Number.parseInt(hex[0].slice(2), 16));
    }
    const dec = /^\d+/.exec(rest)!;
    this.#pos += dec[0].length;
    if (/^[A-Za-z_]/.test(this.text[this.#pos] ?? '')) this.#fail(`bad number '${dec[0]}${this.text[this.#pos]}'`);
    return wrap(Number(BigInt.asIntN(32, BigInt(dec[0]))));
  }

  #valueOf(name: string): number {
    const raw = this.vars.get(name);
    if (raw === undefined || raw.trim() === '') return 0;
    if (/^-?\d+$/.test(raw.trim())) return wrap(Number(BigInt.asIntN(32, BigInt(raw.trim()))));
    return evaluateArith(raw, this.vars, this.depth + 1);
  }

  #name(): string | undefined {
    const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.text.slice(this.#pos));
    if (match === null) return undefined;
    this.#pos += match[0].length;
    return match[0];
  }

  #eat(token: string): boolean {
    this.#skip();
    if (!this.text.startsWith(token, this.#pos)) return false;
    this.#pos += token.length;
    return true;
  }

  #skip(): void {
    while (/\s/.test(this.text[this.#pos] ?? '')) this.#pos++;
  }

  #fail(what: string): never {
    throw new ArithError(`${this.text.trim()}: ${what}`);
  }

  /** @internal */
  divisionByZero(): never {
    throw new ArithError(`${this.text.trim()}: zero divisor`);
  }
}

function wrap(value: number): number {
  return value | 0;
}

function binary(op: string, a: number, b: number, parser: ArithParser): number {
  switch (op) {
    case '+':
      return wrap(a + b);
    case '-':
      return wrap(a - b);
    case '*':
      return Math.imul(a, b);
    case '/':
      if (b === 0) parser.divisionByZero();
      if (a === -2147483648 && b === -1) return a;
      return wrap(Math.trunc(a / b));
    case '%':
      if (b === 0) parser.divisionByZero();
      if (b === -1) return 0;
      return wrap(a % b);
    case '<<':
      return a << (b & 31);
    case '>>':
      return a >> (b & 31);
    case '&':
      return a & b;
    case '|':
      return a | b;
    case '^':
      return a ^ b;
    case '==':
      return a === b ? 1 : 0;
    case '!=':
      return a !== b ? 1 : 0;
    case '<':
      return a < b ? 1 : 0;
    case '<=':
      return a <= b ? 1 : 0;
    case '>':
      return a > b ? 1 : 0;
    case '>=':
      return a >= b ? 1 : 0;
    default:
      throw new ArithError(`unknown operator ${op}`);
  }
}
