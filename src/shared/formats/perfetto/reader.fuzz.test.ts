// Garbled, truncated and foreign bytes: the reader returns what it could read or throws PerfettoFormatError,
// and what it returns is safe to hand to the resolvers.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PerfettoFormatError } from './errors.js';
import { readPerfettoTrace } from './reader.js';
import { writeTestTrace } from './test-trace.fixture.js';
import { extractTfliteSlices } from './tflite-slices.js';
import { resolvePerfettoTrackEvents } from './track-events.js';

const trace = writeTestTrace();

function readsOrFailsCleanly(bytes: Uint8Array): void {
  try {
    const read = readPerfettoTrace(bytes, { inflate: (b) => b });
    resolvePerfettoTrackEvents(read);
    extractTfliteSlices(read);
  } catch (error) {
    expect(error).toBeInstanceOf(PerfettoFormatError);
  }
}

describe('readPerfettoTrace on damaged input', () => {
  it('handles truncation anywhere', () => {
    fc.assert(
      fc.property(fc.nat(trace.length), (cut) => readsOrFailsCleanly(trace.subarray(0, cut))),
      { numRuns: 2000 },
    );
  });

  it('handles flipped bytes', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 16 }), (edits) => {
        const bytes = trace.slice();
        for (const [at, value] of edits) bytes[at % bytes.length] = value;
        readsOrFailsCleanly(bytes);
      }),
      { numRuns: 3000 },
    );
  });

  it('handles random bytes that start like a trace', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (random) => readsOrFailsCleanly(Uint8Array.of(0x0a, ...random))),
      { numRuns: 3000 },
    );
  });

  it('handles random packets inside valid framing', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 120 }), { maxLength: 20 }), (bodies) => {
        const parts = bodies.flatMap((body) => [0x0a, body.length, ...body]);
        readsOrFailsCleanly(Uint8Array.from(parts));
      }),
      { numRuns: 3000 },
    );
  });

  it('handles foreign bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 256 }), readsOrFailsCleanly), { numRuns: 2000 });
  });
});
