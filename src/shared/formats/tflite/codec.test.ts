// Round trips through the writer and the reader, plus the reader's answers to files that are not models.
import { Builder } from 'flatbuffers';
import { describe, expect, it } from 'vitest';
import { TfliteFormatError, TfliteSpecError } from './errors.js';
import { TfliteActivation, TflitePadding } from './options.js';
import { readTfliteModel } from './reader.js';
import type { TfliteModelSpec } from './spec.js';
import { writeTfliteModel } from './writer.js';

/** A model touching most of what the writer can express. */
const RICH_SPEC: TfliteModelSpec = {
  description: 'round trip',
  metadata: [{ name: 'min_runtime_version', data: new TextEncoder().encode('1.14.0\0\0\0\0\0\0\0\0\0\0') }],
  subgraphs: [
    {
      name: 'main',
      tensors: [
        { name: 'input', shape: [1, 8, 8, 3] },
        { name: 'conv/weights', shape: [4, 3, 3, 3], data: new Float32Array(4 * 27).map((_, i) => i / 100) },
        { name: 'conv/bias', shape: [4], data: new Float32Array([0.5, -0.5, 1, -1]) },
        { name: 'conv', shape: [1, 8, 8, 4] },
        { name: 'gelu', shape: [1, 8, 8, 4] },
        {
          name: 'q',
          shape: [1, 8, 8, 4],
          type: 'INT8',
          quantization: { scale: [0.05], zeroPoint: [-3n], quantizedDimension: 0 },
        },
        { name: 'shape', shape: [2], type: 'INT32', data: new Int32Array([1, 256]) },
        { name: 'flat', shape: [1, 256], type: 'INT8' },
        { name: 'custom_out', shape: [1, 256], type: 'INT8' },
      ],
      inputs: [0],
      outputs: [8],
      operators: [
        {
          op: 'CONV_2D',
          inputs: [0, 1, 2],
          outputs: [3],
          options: { padding: TflitePadding.SAME, strideW: 1, strideH: 1, fusedActivationFunction: TfliteActivation.RELU6 },
        },
        { op: 'GELU', inputs: [3], outputs: [4], options: { approximate: true } },
        { op: 'QUANTIZE', inputs: [4], outputs: [5] },
        { op: 'RESHAPE', inputs: [5, 6], outputs: [7], options: { newShape: [1, 256] } },
        { op: 'CUSTOM', customCode: 'MyCustomOp', customOptions: new Uint8Array([1, 2, 3]), inputs: [7], outputs: [8] },
      ],
    },
    {
      name: 'second',
      tensors: [
        { name: 'a', shape: [2] },
        { name: 'b', shape: [2] },
      ],
      inputs: [0],
      outputs: [1],
      operators: [{ op: 'RELU', inputs: [0], outputs: [1], version: 2 }],
    },
  ],
};

describe('writeTfliteModel', () => {
  it('writes the TFL3 identifier, version 3 and 16-aligned buffer data', () => {
    const bytes = writeTfliteModel(RICH_SPEC);
    expect(new TextDecoder().decode(bytes.subarray(4, 8))).toBe('TFL3');
    const model = readTfliteModel(bytes);
    expect(model.version).toBe(3);
    expect(model.buffers[0]).toMatchObject({ size: 0, data: null });
    for (const buffer of model.buffers.slice(1)) {
      expect(buffer.data).not.toBeNull();
      expect((buffer.data?.byteOffset ?? 1) % 16).toBe(0);
    }
  });

  it('stores codes of 127 and up in builtin_code, with the placeholder in the old field', () => {
    const model = readTfliteModel(writeTfliteModel(RICH_SPEC));
    const gelu = model.operatorCodes.find((c) => c.opName === 'GELU');
    expect(gelu).toMatchObject({ builtinCode: 150, deprecatedBuiltinCode: 127 });
    const conv = model.operatorCodes.find((c) => c.opName === 'CONV_2D');
    expect(conv).toMatchObject({ builtinCode: 3, deprecatedBuiltinCode: 3 });
  });

  it('gives every op with an options table one, so schema defaults hold (dilation 1, pot_scale true)', () => {
    const model = readTfliteModel(writeTfliteModel(RICH_SPEC));
    const conv = model.subgraphs[0]?.operators[0];
    expect(conv?.options).toEqual({
      table: 'Conv2DOptions',
      values: {
        padding: 0,
        strideW: 1,
        strideH: 1,
        fusedActivationFunction: 3,
        dilationWFactor: 1,
        dilationHFactor: 1,
        quantizedBiasType: 0,
      },
    });
    // QUANTIZE takes no options table (§3.2): union NONE.
    expect(model.subgraphs[0]?.operators[2]).toMatchObject({ optionsType: 0, options: null });
  });

  it('keeps one operator code per (op, custom code, version)', () => {
    const twice = writeTfliteModel({
      subgraphs: [
        {
          tensors: [
            { name: 'a', shape: [1] },
            { name: 'b', shape: [1] },
            { name: 'c', shape: [1] },
            { name: 'd', shape: [1] },
          ],
          inputs: [0],
          outputs: [3],
          operators: [
            { op: 'RELU', inputs: [0], outputs: [1] },
            { op: 'RELU', inputs: [1], outputs: [2] },
            { op: 'RELU', inputs: [2], outputs: [3], version: 2 },
          ],
        },
      ],
    });
    const model = readTfliteModel(twice);
    expect(model.operatorCodes.map((c) => [c.opName, c.version])).toEqual([
      ['RELU', 1],
      ['RELU', 2],
    ]);
    expect(model.subgraphs[0]?.operators.map((o) => o.opcodeIndex)).toEqual([0, 0, 1]);
  });

  it('rejects a tensor index out of range', () => {
    expect(() =>
      writeTfliteModel({
        subgraphs: [{ tensors: [{ name: 'a', shape: [1] }], inputs: [0], outputs: [1], operators: [] }],
      }),
    ).toThrow(TfliteSpecError);
  });

  it('rejects constant data of the wrong size, naming the tensor', () => {
    expect(() =>
      writeTfliteModel({
        subgraphs: [
          {
            tensors: [{ name: 'w', shape: [2, 2], data: new Float32Array(3) }],
            inputs: [],
            outputs: [0],
            operators: [],
          },
        ],
      }),
    ).toThrow(/tensor 'w' of shape \[2, 2\] needs 16 bytes of data, but was given 12/);
  });

  it('rejects a model without subgraphs', () => {
    expect(() => writeTfliteModel({ subgraphs: [] })).toThrow(TfliteSpecError);
  });
});

/**
 * A v3 model written with the `flatbuffers` Builder alone (not our writer), with only the int8
 * deprecated_builtin_code, as files from before schema 3a have.
 */
function handWrittenV3Model(
  opts: { version?: number; withBuffers?: boolean; deprecatedCode?: number; opOutput?: number } = {},
) {
  const b = new Builder(256);
  const tensor = (name: string) => {
    const n = b.createString(name);
    b.startVector(4, 1, 4);
    b.addInt32(4);
    const shape = b.endVector();
    b.startObject(4);
    b.addFieldOffset(0, shape, 0);
    b.addFieldOffset(3, n, 0);
    return b.endObject();
  };
  const t0 = tensor('x');
  const t1 = tensor('y');
  const vec = (items: number[]) => {
    b.startVector(4, items.length, 4);
    for (const i of [...items].reverse()) b.addInt32(i);
    return b.endVector();
  };
  const offsets = (items: number[]) => {
    b.startVector(4, items.length, 4);
    for (const i of [...items].reverse()) b.addOffset(i);
    return b.endVector();
  };
  const opInputs = vec([0]);
  const opOutputs = vec([opts.opOutput ?? 1]);
  b.startObject(3);
  b.addFieldInt32(0, 0, 0);
  b.addFieldOffset(1, opInputs, 0);
  b.addFieldOffset(2, opOutputs, 0);
  const op = b.endObject();
  const tensors = offsets([t0, t1]);
  const inputs = vec([0]);
  const outputs = vec([1]);
  const ops = offsets([op]);
  b.startObject(4);
  b.addFieldOffset(0, tensors, 0);
  b.addFieldOffset(1, inputs, 0);
  b.addFieldOffset(2, outputs, 0);
  b.addFieldOffset(3, ops, 0);
  const subgraph = b.endObject();
  b.startObject(1);
  b.addFieldInt8(0, opts.deprecatedCode ?? 21, 0); // RELU6
  const code = b.endObject();
  b.startObject(0);
  const emptyBuffer = b.endObject();
  const codes = offsets([code]);
  const subgraphs = offsets([subgraph]);
  const buffers = offsets([emptyBuffer]);
  b.startObject(5);
  b.addFieldInt32(0, opts.version ?? 3, 0);
  b.addFieldOffset(1, codes, 0);
  b.addFieldOffset(2, subgraphs, 0);
  if (opts.withBuffers !== false) b.addFieldOffset(4, buffers, 0);
  b.finish(b.endObject(), 'TFL3');
  return b.asUint8Array().slice();
}

function expectFormatError(bytes: Uint8Array, detail: RegExp): TfliteFormatError {
  try {
    readTfliteModel(bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(TfliteFormatError);
    const e = error as TfliteFormatError;
    expect(e.message.startsWith('This file is not a TensorFlow Lite model: ')).toBe(true);
    expect(e.detail).toMatch(detail);
    return e;
  }
  throw new Error('expected a TfliteFormatError');
}

describe('readTfliteModel', () => {
  it('reads back everything the writer wrote', () => {
    const bytes = writeTfliteModel(RICH_SPEC);
    const model = readTfliteModel(bytes);
    expect(model.description).toBe('round trip');
    expect(model.subgraphs.map((s) => s.name)).toEqual(['main', 'second']);
    const main = model.subgraphs[0];
    expect(main?.tensors.map((t) => [t.name, t.shape, t.typeName, t.isConstant])).toEqual([
      ['input', [1, 8, 8, 3], 'FLOAT32', false],
      ['conv/weights', [4, 3, 3, 3], 'FLOAT32', true],
      ['conv/bias', [4], 'FLOAT32', true],
      ['conv', [1, 8, 8, 4], 'FLOAT32', false],
      ['gelu', [1, 8, 8, 4], 'FLOAT32', false],
      ['q', [1, 8, 8, 4], 'INT8', false],
      ['shape', [2], 'INT32', true],
      ['flat', [1, 256], 'INT8', false],
      ['custom_out', [1, 256], 'INT8', false],
    ]);
    expect(main?.tensors[5]?.quantization).toEqual({ scale: [0.05000000074505806], zeroPoint: [-3n], quantizedDimension: 0 });
    expect(main?.operators.map((o) => [o.opName, o.inputs, o.outputs])).toEqual([
      ['CONV_2D', [0, 1, 2], [3]],
      ['GELU', [3], [4]],
      ['QUANTIZE', [4], [5]],
      ['RESHAPE', [5, 6], [7]],
      ['MyCustomOp', [7], [8]],
    ]);
    expect(main?.operators[1]?.options).toEqual({ table: 'GeluOptions', values: { approximate: true } });
    expect(main?.operators[3]?.options).toEqual({ table: 'ReshapeOptions', values: { newShape: [1, 256] } });
    expect(Array.from(main?.operators[4]?.customOptions ?? [])).toEqual([1, 2, 3]);
    const weights = model.buffers[main?.tensors[1]?.buffer ?? 0]?.data;
    expect(Array.from(new Float32Array(weights?.slice().buffer ?? new ArrayBuffer(0))).slice(0, 3)).toEqual([
      0, 0.009999999776482582, 0.019999999552965164,
    ]);
    expect(model.metadata).toEqual([{ name: 'min_runtime_version', buffer: 4 }]);
    expect(model.subgraphs[1]?.operators[0]).toMatchObject({ opName: 'RELU', version: 2 });
  });

  it('summarizes ops, parameters and size', () => {
    const bytes = writeTfliteModel(RICH_SPEC);
    expect(readTfliteModel(bytes).summary).toEqual({
      fileBytes: bytes.length,
      subgraphCount: 2,
      operatorCount: 6,
      tensorCount: 11,
      opCounts: { CONV_2D: 1, GELU: 1, MyCustomOp: 1, QUANTIZE: 1, RELU: 1, RESHAPE: 1 },
      parameterBytes: 4 * 108 + 16 + 8,
      parameterCount: 108 + 4 + 2,
    });
  });

  it('reads a v3 file that has only deprecated_builtin_code', () => {
    const model = readTfliteModel(handWrittenV3Model());
    expect(model.operatorCodes[0]).toMatchObject({ builtinCode: 21, opName: 'RELU6', version: 1 });
    expect(model.subgraphs[0]?.operators[0]?.opName).toBe('RELU6');
  });

  it('takes the larger of the two code fields', () => {
    // 127 in the old field and nothing in the new one: max(127, 0) is the placeholder itself.
    expect(readTfliteModel(handWrittenV3Model({ deprecatedCode: 127 })).operatorCodes[0]?.opName).toBe(
      'PLACEHOLDER_FOR_GREATER_OP_CODES',
    );
  });

  it('says what is wrong with files that are not models', () => {
    expectFormatError(new Uint8Array(0), /empty/);
    expectFormatError(new Uint8Array([1, 2, 3]), /only 3 bytes long/);
    expectFormatError(new TextEncoder().encode('PK\x03\x04 not a model at all'), /ZIP archive/);
    expectFormatError(new TextEncoder().encode('{"traceEvents": []}'), /identifier is 'aceE' where a model has 'TFL3'/);
    expectFormatError(handWrittenV3Model({ version: 2 }), /schema version 2; only version 3/);
    expectFormatError(handWrittenV3Model({ withBuffers: false }), /no buffer list/);
  });

  it('fails cleanly on truncated files', () => {
    const bytes = writeTfliteModel(RICH_SPEC);
    for (const cut of [8, 16, 64, bytes.length / 2, bytes.length - 1]) {
      try {
        readTfliteModel(bytes.subarray(0, Math.floor(cut)));
      } catch (error) {
        expect(error).toBeInstanceOf(TfliteFormatError);
      }
    }
    expectFormatError(bytes.subarray(0, 12), /outside the file|cut off/);
  });

  it('names the offset when the root offset points outside the file', () => {
    const bytes = handWrittenV3Model();
    new DataView(bytes.buffer).setUint32(0, 0x7fff_fff0, true);
    const error = expectFormatError(bytes, /root table points outside the file/);
    expect(error.offset).toBe(0x7fff_fff0);
  });

  it('survives a subgraph list that points back at the model table (a cycle)', () => {
    const bytes = handWrittenV3Model();
    const view = new DataView(bytes.buffer);
    const root = view.getUint32(0, true);
    const vtable = root - view.getInt32(root, true);
    const subgraphsField = root + view.getUint16(vtable + 4 + 2 * 2, true);
    const list = subgraphsField + view.getUint32(subgraphsField, true);
    const slot = list + 4;
    view.setUint32(slot, root - slot, true); // subgraphs[0] = the Model table itself
    // Read as a SubGraph, the Model's fields are garbage: a typed error or a (strange) model, never a hang.
    try {
      readTfliteModel(bytes);
    } catch (error) {
      expect(error).toBeInstanceOf(TfliteFormatError);
    }
  });

  it('bounds the work a file pointing at one big table many times can cause', () => {
    // One tensor with a 20,000-entry shape, listed 20,000 times: 400 M shape entries if read naively.
    const b = new Builder(1024);
    b.startVector(4, 20_000, 4);
    for (let i = 0; i < 20_000; i++) b.addInt32(1);
    const shape = b.endVector();
    b.startObject(4);
    b.addFieldOffset(0, shape, 0);
    const tensor = b.endObject();
    b.startVector(4, 20_000, 4);
    for (let i = 0; i < 20_000; i++) b.addOffset(tensor);
    const tensors = b.endVector();
    b.startObject(1);
    b.addFieldOffset(0, tensors, 0);
    const subgraph = b.endObject();
    b.startVector(4, 1, 4);
    b.addOffset(subgraph);
    const subgraphs = b.endVector();
    b.startObject(0);
    const empty = b.endObject();
    b.startVector(4, 1, 4);
    b.addOffset(empty);
    const buffers = b.endVector();
    b.startObject(5);
    b.addFieldInt32(0, 3, 0);
    b.addFieldOffset(2, subgraphs, 0);
    b.addFieldOffset(4, buffers, 0);
    b.finish(b.endObject(), 'TFL3');
    const started = performance.now();
    expectFormatError(b.asUint8Array().slice(), /same data over and over/);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('rejects indices that point past their lists', () => {
    expectFormatError(handWrittenV3Model({ opOutput: 9 }), /^an output of operator 0 in subgraph 0 names tensor 9, but there are 2$/);
    expectFormatError(handWrittenV3Model({ opOutput: -1 }), /names tensor -1/);
  });
});
