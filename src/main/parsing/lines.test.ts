import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLineBuffer, splitLines } from './lines.js';

describe('lines', () => {
  it('splits on LF, CRLF and CR and drops only the final empty line', () => {
    expect(splitLines('a\r\nb\rc\n\nd\n')).toEqual(['a', 'b', 'c', '', 'd']);
    expect(splitLines('')).toEqual([]);
  });

  it('gives the same lines from any chunking of a stream as from the whole text', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('\n', '\r\n', '\r')), { maxLength: 30 }).map((parts) => parts.join('')),
        fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 6 }),
        (text, sizes) => {
          const buffer = createLineBuffer();
          const lines: string[] = [];
          let at = 0;
          for (let i = 0; at < text.length; i++) {
            const size = sizes[i % sizes.length] ?? 1;
            lines.push(...buffer.push(text.slice(at, at + size)));
            at += size;
          }
          lines.push(...buffer.flush());
          expect(lines).toEqual(splitLines(text));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
