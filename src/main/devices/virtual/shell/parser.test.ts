import { describe, expect, it } from 'vitest';
import { ShellSyntaxError } from '../errors.js';
import { evaluateArith } from './arith.js';
import { parseShell, parseShellLines } from './parser.js';

describe('parseShell', () => {
  it('builds lists, pipelines and compound commands', () => {
    const list = parseShell('a | b && c; d &\nwhile :; do x=$((1+2)) y; done >out');
    expect(list.items).toHaveLength(3);
    expect(list.items[0]!.command.first.commands).toHaveLength(2);
    expect(list.items[0]!.command.rest[0]!.op).toBe('&&');
    expect(list.items[1]!.background).toBe(true);
    const loop = list.items[2]!.command.first.commands[0]!;
    expect(loop.type).toBe('while');
    if (loop.type === 'while') expect(loop.redirects[0]).toMatchObject({ op: '>', fd: undefined });
  });

  it('reads here-documents after the line that names them', () => {
    const list = parseShell('cat <<EOF; echo after\nbody $x\nEOF\n');
    const cat = list.items[0]!.command.first.commands[0]!;
    expect(cat.type === 'simple' && typeof cat.redirects[0]!.heredoc?.body === 'object').toBe(true);
    expect(list.items).toHaveLength(2);
  });

  it('reports syntax errors in mksh words, one line at a time', () => {
    expect(() => parseShell('if true; then echo; done')).toThrow(ShellSyntaxError);
    expect(() => parseShell('echo "unterminated')).toThrow(/unterminated/);
    const lines = parseShellLines('echo ok\nfi\n');
    expect(lines.next()?.items).toHaveLength(1);
    expect(() => lines.next()).toThrow("syntax error: 'fi' unexpected");
  });
});

describe('evaluateArith', () => {
  const vars = (init: Record<string, string> = {}) => {
    const map = new Map(Object.entries(init));
    return { get: (n: string) => map.get(n), set: (n: string, v: string) => void map.set(n, v), map };
  };

  it('wraps at 32 bits and follows C precedence', () => {
    expect(evaluateArith('2147483647 + 1', vars())).toBe(-2147483648);
    expect(evaluateArith('1 + 2 * 3 << 1', vars())).toBe(14);
    expect(evaluateArith('-7 / 2', vars())).toBe(-3);
    expect(evaluateArith('x = 3, x += 2, x * 2', vars())).toBe(10);
    expect(evaluateArith('0 && (y = 1)', vars())).toBe(0);
  });

  it('evaluates variables recursively and reports zero divisors', () => {
    const v = vars({ a: 'b + 1', b: '4' });
    expect(evaluateArith('a * 2', v)).toBe(10);
    expect(() => evaluateArith('1 / 0', v)).toThrow('zero divisor');
    expect(() => evaluateArith('1 +', v)).toThrow();
  });
});
