import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shQuote, splitExitMarker, withExitMarker } from './shell.js';

// The phone's shell is mksh: every quoting and wrapping rule is checked against the real one.
const mksh = (script: string): string => {
  try {
    return execFileSync('mksh', ['-c', script], { encoding: 'utf8' });
  } catch (error) {
    return String((error as { stdout?: string }).stdout ?? '');
  }
};

describe('shQuote', () => {
  it('keeps every argument literal under the real mksh', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }).filter((s) => !s.includes('\0')), (value) => {
        const out = mksh(`printf '%s' ${shQuote(value)}`);
        expect(out).toBe(value);
      }),
      { numRuns: 150 },
    );
  });

  it('quotes the nasty cases', () => {
    for (const value of ["it's", '$(reboot)', '`id`', 'a b;c', '\\n', "''", 'naïve ✓']) {
      expect(mksh(`printf '%s' ${shQuote(value)}`)).toBe(value);
    }
    expect(() => shQuote('a\0b')).toThrow(/NUL/);
  });
});

describe('exit marker', () => {
  it('brings the exit status and stderr back in-band, checked with the real mksh', () => {
    const result = splitExitMarker(mksh(withExitMarker('echo out; echo err >&2; exit 3')));
    expect(result).toEqual({ stdout: 'out\nerr\n', exitCode: 3 });
    expect(splitExitMarker(mksh(withExitMarker('true')))).toEqual({ stdout: '', exitCode: 0 });
    expect(execFileSync('mksh', ['-n', '-c', withExitMarker('if true; then echo x; fi')], { encoding: 'utf8' })).toBe('');
  });

  it('reports a cut-off answer as missing', () => {
    expect(splitExitMarker('partial output')).toBeNull();
    expect(splitExitMarker('x\r\n__TETHERSCOPE_EXIT__0\r\n')).toEqual({ stdout: 'x\n', exitCode: 0 });
  });
});
