// Garbled, truncated and foreign bytes: the reader returns a model or throws a CoremlError, nothing else, and
// never reaches its last-resort wrapper.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildFallbackMix } from '../tflite/samples.js';
import { CoremlError, CoremlFormatError } from './errors.js';
import { readCoremlModel } from './reader.js';
import { buildCoremlFallbackMix, buildCoremlMobilenetMini } from './samples.js';

const models = [buildCoremlMobilenetMini(), buildCoremlFallbackMix()];
const aModel = fc.constantFrom(...models);

function readsOrFailsCleanly(bytes: Uint8Array): void {
  try {
    const model = readCoremlModel(bytes);
    // What comes back is usable: counts add up to the layers.
    expect(model.ops.reduce((n, o) => n + o.count, 0)).toBe(model.layers.length);
  } catch (error) {
    expect(error).toBeInstanceOf(CoremlError);
    if (error instanceof CoremlFormatError) expect(error.detail).not.toMatch(/could not be decoded/);
  }
}

describe('readCoremlModel on damaged input', () => {
  it('handles truncation anywhere', () => {
    fc.assert(
      fc.property(aModel, fc.double({ min: 0, max: 1, noNaN: true }), (model, fraction) => {
        readsOrFailsCleanly(model.subarray(0, Math.floor(model.length * fraction)));
      }),
      { numRuns: 1500 },
    );
  });

  it('handles flipped bytes', () => {
    fc.assert(
      fc.property(aModel, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 24 }), (model, edits) => {
        const bytes = model.slice();
        for (const [at, value] of edits) bytes[at % bytes.length] = value;
        readsOrFailsCleanly(bytes);
      }),
      { numRuns: 3000 },
    );
  });

  it('handles random bytes, alone and after a plausible first field', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 512 }), readsOrFailsCleanly), { numRuns: 2000 });
    fc.assert(fc.property(fc.uint8Array({ maxLength: 512 }), (random) => readsOrFailsCleanly(Uint8Array.of(0x08, 0x05, ...random))), { numRuns: 2000 });
  });

  it('handles random layers inside valid framing', () => {
    const head = models[0]!.subarray(0, 2);
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 60 }), { maxLength: 12 }), (bodies) => {
        const layers = bodies.flatMap((body) => [0x0a, body.length, ...body]);
        // description {input {name "x"}} then neuralNetwork (500, LEN) around the random layers.
        const description = [0x12, 0x05, 0x0a, 0x03, 0x0a, 0x01, 0x78];
        readsOrFailsCleanly(Uint8Array.from([...head, ...description, 0xa2, 0x1f, ...varint(layers.length), ...layers]));
      }),
      { numRuns: 3000 },
    );
  });

  it('rejects a .tflite outright', () => {
    expect(() => readCoremlModel(buildFallbackMix())).toThrow(/TensorFlow Lite/);
  });
});

function varint(n: number): number[] {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return out;
}
