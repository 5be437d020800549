import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodePlist, PlistCodecError, decodePlistDict, encodeBinaryPlist, encodeXmlPlist } from './plist-codec.js';

const SAMPLE = { Request: 'GetValue', Number: -437, Real: 1.5, Flag: true, Data: Buffer.from([0, 1, 254]), List: ['a', 2, false], Nested: { Key: 'v' } };

describe('plist codec', () => {
  it('round-trips XML and binary to the same value, data as Buffer', () => {
    const fromXml = decodePlist(encodeXmlPlist(SAMPLE));
    const fromBinary = decodePlist(encodeBinaryPlist(SAMPLE));
    expect(fromXml).toEqual(SAMPLE);
    expect(fromBinary).toEqual(SAMPLE);
    expect(Buffer.isBuffer((fromXml as { Data: unknown }).Data)).toBe(true);
  });

  it('answers XML, as a device does', () => {
    expect(encodeXmlPlist({ A: 1 }).toString('utf8')).toMatch(/^<\?xml[\s\S]*<plist version="1.0">[\s\S]*<integer>1<\/integer>/);
  });

  it.each([
    ['empty', ''],
    ['truncated XML', '<?xml version="1.0"?><plist version="1.0"><dict><key>A</key>'],
    ['not a plist', 'hello world'],
    ['bad integer', '<plist version="1.0"><dict><key>A</key><integer>x</integer></dict></plist>'],
    ['truncated binary', 'bplist00\xd1\x01\x02'],
  ])('refuses %s with a PlistCodecError', (_name, text) => {
    expect(() => decodePlist(Buffer.from(text, 'latin1'))).toThrow(PlistCodecError);
  });

  it('insists on a dictionary where protocols need one', () => {
    expect(() => decodePlistDict(encodeXmlPlist(['a']))).toThrow(PlistCodecError);
  });

  it('never throws anything but PlistCodecError on arbitrary bytes', () => {
    const prefixes = [Buffer.alloc(0), Buffer.from('bplist00'), Buffer.from('<plist version="1.0">')];
    fc.assert(
      fc.property(fc.constantFrom(...prefixes), fc.uint8Array({ maxLength: 200 }), (prefix, tail) => {
        try {
          decodePlist(Buffer.concat([prefix, tail]));
        } catch (error) {
          if (!(error instanceof PlistCodecError)) throw error;
        }
      }),
      { numRuns: 500 },
    );
  });
});
