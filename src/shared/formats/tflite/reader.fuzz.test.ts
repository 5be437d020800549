// Garbled, truncated and foreign bytes: the reader returns a model or throws TfliteFormatError, nothing else.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TfliteFormatError } from './errors.js';
import { readTfliteModel } from './reader.js';
import { buildFallbackMix, buildMobilenetMini } from './samples.js';

const models = [buildMobilenetMini(), buildFallbackMix()];

function readsOrFailsCleanly(bytes: Uint8Array): void {
  try {
    readTfliteModel(bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(TfliteFormatError);
    // The reader's last-resort wrapper says "could not be decoded": reaching it means a check is missing.
    expect((error as TfliteFormatError).detail).not.toMatch(/could not be decoded/);
  }
}

const aModel = fc.constantFrom(...models);

describe('readTfliteModel on damaged input', () => {
  it('handles truncation anywhere', () => {
    fc.assert(
      fc.property(aModel, fc.double({ min: 0, max: 1, noNaN: true }), (model, fraction) => {
        readsOrFailsCleanly(model.subarray(0, Math.floor(model.length * fraction)));
      }),
      { numRuns: 2000 },
    );
  });

  it('handles flipped bytes', () => {
    fc.assert(
      fc.property(
        aModel,
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 24 }),
        (model, edits) => {
          const bytes = model.slice();
          for (const [at, value] of edits) bytes[at % bytes.length] = value;
          readsOrFailsCleanly(bytes);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('handles damaged offsets near the start (root, vtables, first tables)', () => {
    fc.assert(
      fc.property(aModel, fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 0xffffffff }), (model, at, value) => {
        const bytes = model.slice();
        new DataView(bytes.buffer).setUint32(Math.min(at, bytes.length - 4) & ~3, value, true);
        readsOrFailsCleanly(bytes);
      }),
      { numRuns: 3000 },
    );
  });

  it('handles random bytes behind a TFL3 header', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 8, maxLength: 2048 }), fc.nat(2048), (random, root) => {
        const bytes = random.slice();
        new DataView(bytes.buffer).setUint32(0, root, true);
        bytes.set([0x54, 0x46, 0x4c, 0x33], 4);
        readsOrFailsCleanly(bytes);
      }),
      { numRuns: 3000 },
    );
  });

  it('handles foreign bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 512 }), readsOrFailsCleanly), { numRuns: 2000 });
  });
});
