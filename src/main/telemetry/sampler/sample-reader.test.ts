import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SampleReader } from './sample-reader.js';
import { parseSamplerLine } from './sampler-lines.js';

/** What the reader holds after a successful read, in parseSamplerLine's shape. */
function held(reader: SampleReader): unknown {
  return { seq: reader.seq, realtimeUs: reader.realtimeUs, uptimeUs: reader.uptimeUs, values: reader.values.slice(0, reader.valueCount) };
}

const arbDigits = (min: number, max: number): fc.Arbitrary<string> => fc.stringMatching(new RegExp(`^[0-9]{${min},${max}}$`));
const arbValue = fc.oneof(
  fc.integer({ min: -3_000_000_000, max: 3_000_000_000 }).map(String),
  fc.constantFrom('NA', '-0', '007', '1.5', '-2.25', '1.', '.5', '--1', '1e3', '0x10', '12a', 'Infinity', '٣'),
  arbDigits(1, 22),
  fc.tuple(arbDigits(1, 18), arbDigits(1, 8)).map(([a, b]) => `${a}.${b}`),
);
const arbSampleLine = fc
  .record({
    seq: fc.oneof(fc.nat().map(String), arbDigits(1, 20), fc.constantFrom('-1', 'x', '')),
    seconds: fc.oneof(fc.integer({ min: 0, max: 4_000_000_000 }).map(String), arbDigits(0, 18)),
    micros: fc.oneof(arbDigits(6, 6), arbDigits(0, 8)),
    uptime: fc.oneof(fc.double({ min: 0, max: 1e7, noNaN: true }).map((v) => v.toFixed(2)), fc.constantFrom('NA', '12', '1e3', '-5.5', '0x1f', ' ')),
    values: fc.array(arbValue, { maxLength: 20 }),
    separator: fc.constantFrom(' ', ' ', ' ', '  ', '\t'),
    ending: fc.constantFrom('', '', '\r', ' ', '\r\r'),
  })
  .map(({ seq, seconds, micros, uptime, values, separator, ending }) => `S ${seq} ${seconds}.${micros} ${uptime}${values.map((v) => `${separator}${v}`).join('')}${ending}`);

describe('SampleReader', () => {
  it('reads a sample line as parseSamplerLine does', () => {
    const reader = new SampleReader();
    expect(reader.read('S 12 1700000000.000100 100.01 5 NA -312000 1.5')).toBe(true);
    expect(held(reader)).toEqual({ seq: 12, realtimeUs: 1_700_000_000_000_100, uptimeUs: 100_010_000, values: [5, null, -312000, 1.5] });
    // A shorter line after a longer one: the stale values stay out of reach.
    expect(reader.read('S 13 1700000000.020100 NA 7')).toBe(true);
    expect(held(reader)).toEqual({ seq: 13, realtimeUs: 1_700_000_000_020_100, uptimeUs: null, values: [7] });
    for (const other of ['S 2 17000', 'H 3 /a', 'T+', '', 'S ', 'S 1 1.000001 2 3 ']) expect(reader.read(other)).toBe(false);
  });

  it('agrees with parseSamplerLine on every line, well-formed or not', () => {
    const reader = new SampleReader();
    fc.assert(
      fc.property(fc.oneof(arbSampleLine, fc.string({ maxLength: 40 }).map((s) => `S ${s}`)), (line) => {
        const parsed = parseSamplerLine(line);
        const read = reader.read(line);
        expect(read).toBe(parsed.type === 'sample');
        if (parsed.type === 'sample') expect(held(reader)).toEqual(parsed.sample);
      }),
      { numRuns: 5000 },
    );
  });
});
