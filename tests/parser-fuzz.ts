// Arbitraries and checks shared by the text parsers' property tests: cut, re-terminated,
// noisy and foreign versions of real outputs, and assertions every parse result must meet.
import fc from 'fast-check';
import { expect } from 'vitest';

/** C++ default stream formatting (6 significant digits, `%g`), as the tools print floats. */
export function cppG(x: number): string {
  if (x === 0) return '0';
  const strip = (t: string): string => (t.includes('.') ? t.replace(/0+$/, '').replace(/\.$/, '') : t);
  const exponent = Math.floor(Math.log10(Math.abs(Number(x.toPrecision(6)))));
  if (exponent >= -4 && exponent < 6) return strip(x.toPrecision(6));
  const [mantissa = '', power = ''] = x.toExponential(5).split('e');
  const sign = power.startsWith('-') ? '-' : '+';
  return `${strip(mantissa)}e${sign}${power.replace(/^[-+]/, '').padStart(2, '0')}`;
}

export function linesOf(text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** The first k whole lines of `text`, k from 0 to all. */
export function arbLinePrefix(text: string): fc.Arbitrary<{ text: string; lines: number }> {
  const lines = linesOf(text);
  return fc.nat({ max: lines.length }).map((k) => ({ text: lines.slice(0, k).join('\n'), lines: k }));
}

/** The last k whole lines of `text` (a capture that started late). */
export function arbLineSuffix(text: string): fc.Arbitrary<string> {
  const lines = linesOf(text);
  return fc.nat({ max: lines.length }).map((k) => lines.slice(lines.length - k).join('\n'));
}

/** `text` cut at any character, as a stream that stopped mid-line. */
export function arbCharCut(text: string): fc.Arbitrary<string> {
  return fc.nat({ max: text.length }).map((n) => text.slice(0, n));
}

/** `text` with every line ended by \n, \r\n or (old Mac) \r at random. */
export function arbLineEndings(text: string): fc.Arbitrary<string> {
  const lines = linesOf(text);
  return fc
    .array(fc.constantFrom('\n', '\r\n'), { minLength: lines.length, maxLength: lines.length })
    .map((ends) => lines.map((line, i) => line + (ends[i] ?? '\n')).join(''));
}

const SPECIAL = ['[', ']', ':', '=', '{', '}', '\t', ' ', ',', '%', '(', ')', '/', '*', '-', '.', '0', '1', '9', 'e', 'E', '\r'];

/** Short lines of mostly structural characters: the shapes parsers split on, in random order. */
export const arbGarbageLine: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.array(fc.constantFrom(...SPECIAL), { maxLength: 30 }).map((chars) => chars.join('')),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

export const arbGarbageText: fc.Arbitrary<string> = fc.array(arbGarbageLine, { maxLength: 12 }).map((lines) => lines.join('\n'));

/** Inserts `noise` lines at random places among the lines of `text`. */
export function arbWithNoise(text: string, noise: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const lines = linesOf(text);
  return fc
    .array(fc.tuple(fc.nat({ max: lines.length }), noise), { maxLength: 6 })
    .map((inserts) => {
      const out = [...lines];
      for (const [at, line] of [...inserts].sort(([a], [b]) => b - a)) out.splice(at, 0, line);
      return out.join('\n');
    });
}

/** Lists what would not survive JSON: non-finite numbers, undefined, functions, class instances. */
function jsonProblems(value: unknown, path: string, problems: string[]): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) problems.push(`${path} is ${value}`);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => jsonProblems(item, `${path}[${i}]`, problems));
    return;
  }
  if (typeof value === 'object') {
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) problems.push(`${path} is not a plain object`);
    for (const [key, item] of Object.entries(value)) jsonProblems(item, `${path}.${key}`, problems);
    return;
  }
  problems.push(`${path} is ${typeof value}`);
}

/** The value is plain JSON: it survives JSON.stringify/parse unchanged. */
export function expectJsonSafe(value: unknown): void {
  const problems: string[] = [];
  jsonProblems(value, '$', problems);
  expect(problems).toEqual([]);
}

/** The parser handled the input itself (its boundary guard did not have to catch anything). */
export function expectHandled(result: { kind: string; reason?: string }): void {
  if (result.kind === 'unknown') expect(result.reason ?? '').not.toMatch(/^The parser failed inside/);
}

/**
 * Collects broken expectations without an `expect` call each (those cost microseconds that
 * add up over ten thousand runs); `expectNone` reports them all at once.
 */
export interface Findings {
  same(label: string, actual: unknown, expected: unknown): void;
  check(label: string, ok: boolean): void;
  expectNone(): void;
}

export function createFindings(): Findings {
  const found: string[] = [];
  return {
    same(label, actual, expected) {
      if (!Object.is(actual, expected) && JSON.stringify(actual) !== JSON.stringify(expected)) {
        found.push(`${label}: got ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
      }
    },
    check(label, ok) {
      if (!ok) found.push(label);
    },
    expectNone() {
      expect(found).toEqual([]);
    },
  };
}

/** Caches a parse of the few fixed texts (the real fixtures) that properties compare against. */
export function memoByText<T>(parse: (text: string) => T, limit = 64): (text: string) => T {
  const cache = new Map<string, T>();
  return (text) => {
    const known = cache.get(text);
    if (known !== undefined) return known;
    const value = parse(text);
    if (cache.size < limit) cache.set(text, value);
    return value;
  };
}
