import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeToolOutput } from './decode-text.js';

const utf16le = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'utf16le'));
const utf16be = (text: string): Uint8Array => {
  const le = utf16le(text);
  const be = new Uint8Array(le.length);
  for (let i = 0; i + 1 < le.length; i += 2) {
    be[i] = le[i + 1] ?? 0;
    be[i + 1] = le[i] ?? 0;
  }
  return be;
};
const withBom = (bom: number[], body: Uint8Array): Uint8Array => new Uint8Array([...bom, ...body]);

describe('decodeToolOutput', () => {
  const text = 'count=50 first=1 curr=2\r\nThermal Status: 0 – °C\n';

  it('decodes UTF-8 with and without a BOM, and UTF-16 in both byte orders with and without a BOM', () => {
    expect(decodeToolOutput(new TextEncoder().encode(text))).toBe(text);
    expect(decodeToolOutput(withBom([0xef, 0xbb, 0xbf], new TextEncoder().encode(text)))).toBe(text);
    expect(decodeToolOutput(withBom([0xff, 0xfe], utf16le(text)))).toBe(text);
    expect(decodeToolOutput(withBom([0xfe, 0xff], utf16be(text)))).toBe(text);
    expect(decodeToolOutput(utf16le(text))).toBe(text);
    expect(decodeToolOutput(utf16be(text))).toBe(text);
  });

  it('round-trips any text saved as UTF-8 or as UTF-16LE with a BOM, and never throws on bytes', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (s) => {
        const clean = s.replace(/^\uFEFF/, '');
        expect(decodeToolOutput(withBom([0xff, 0xfe], utf16le(clean)))).toBe(clean);
        if (!clean.includes('\0')) expect(decodeToolOutput(new TextEncoder().encode(clean))).toBe(clean);
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect(typeof decodeToolOutput(bytes)).toBe('string');
      }),
      { numRuns: 500 },
    );
  });
});
