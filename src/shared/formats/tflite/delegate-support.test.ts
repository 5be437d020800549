import { describe, expect, it } from 'vitest';
import { predictDelegateSupport } from './delegate-support.js';
import { TfliteGraphBuilder } from './graph-builder.js';
import { readTfliteModel } from './reader.js';
import { buildFallbackMix, buildMobilenetMini } from './samples.js';
import type { TfliteOperatorSpec } from './spec.js';
import { writeTfliteModel } from './writer.js';

const summary = (p: ReturnType<typeof predictDelegateSupport>) =>
  p.operators.map((o) => `${o.index} ${o.opName} ${o.supported ? 'ok' : 'no'} ${o.delegated ? 'delegated' : 'cpu'}`);

/** A one-op model around `op`, for rule-by-rule checks; tensors: 0 input, 1 output, then `constants`. */
function oneOp(
  op: (io: { input: number; output: number; constants: number[] }) => TfliteOperatorSpec,
  shapes: { input: number[]; output: number[] },
  constants: { shape: number[]; data: Float32Array | Int32Array; type?: 'INT32' }[] = [],
) {
  const g = new TfliteGraphBuilder();
  const input = g.input('in', shapes.input);
  const output = g.tensor('out', shapes.output);
  const ids = constants.map((c, i) => g.constant(`c${i}`, c.shape, c.data, c.type ?? 'FLOAT32'));
  g.op(op({ input, output, constants: ids }));
  return readTfliteModel(writeTfliteModel({ subgraphs: [g.build([output])] }));
}

describe('predictDelegateSupport', () => {
  it('puts all of mobilenet-mini on GPU and NNAPI', () => {
    const model = readTfliteModel(buildMobilenetMini());
    for (const delegate of ['gpu', 'nnapi'] as const) {
      const p = predictDelegateSupport(model, delegate);
      expect(p.operators.every((o) => o.supported && o.delegated && o.reason === null)).toBe(true);
      expect(p.partitionCount).toBe(1);
    }
  });

  it('on GPU, rejects fallback-mix ops with no parser and keeps only the largest partition', () => {
    const p = predictDelegateSupport(readTfliteModel(buildFallbackMix()), 'gpu');
    expect(summary(p)).toEqual([
      '0 CONV_2D ok delegated',
      '1 GELU ok delegated',
      '2 CONCATENATION ok delegated',
      '3 CONV_2D ok delegated',
      '4 MEAN ok delegated',
      '5 SQUEEZE no cpu',
      '6 FULLY_CONNECTED ok cpu',
      '7 SOFTMAX ok cpu',
      '8 ARG_MAX no cpu',
    ]);
    expect(p.operators[5]?.reason).toBe('Operation is not supported.');
    expect(p.operators[6]?.reason).toBe('Supported, but only the largest partition is delegated.');
    expect(p.delegatedPartitions).toEqual([[0, 1, 2, 3, 4]]);
    expect(p.partitionCount).toBe(4);
  });

  it('on NNAPI, rejects GELU and a concatenation with fused activation', () => {
    const p = predictDelegateSupport(readTfliteModel(buildFallbackMix()), 'nnapi');
    expect(p.operators.filter((o) => !o.supported).map((o) => [o.opName, o.reason])).toEqual([
      ['GELU', 'Unsupported operation type.'],
      ['CONCATENATION', 'No fused activation function is supported'],
    ]);
    expect(p.delegatedPartitions).toEqual([[3, 4, 5, 6, 7, 8], [0]]);
    expect(p.delegatedCount).toBe(7);
  });

  it('applies NNAPI API-level rules', () => {
    const model = readTfliteModel(buildFallbackMix());
    const p28 = predictDelegateSupport(model, 'nnapi', { androidSdk: 28 });
    expect(p28.operators[8]).toMatchObject({ opName: 'ARG_MAX', supported: false, reason: 'Android sdk version less than 29' });
    const p26 = predictDelegateSupport(model, 'nnapi', { androidSdk: 26 });
    expect(p26.operators.every((o) => !o.supported && o.reason === 'Android sdk version less than 27')).toBe(true);
  });

  it('rejects SOFTMAX with beta ≠ 1 on GPU in the delegate’s words', () => {
    const model = oneOp(({ input, output }) => ({ op: 'SOFTMAX', inputs: [input], outputs: [output], options: { beta: 0.5 } }), {
      input: [1, 4],
      output: [1, 4],
    });
    expect(predictDelegateSupport(model, 'gpu').operators[0]?.reason).toBe('Softmax.beta != 1 is not supported.');
    expect(predictDelegateSupport(model, 'nnapi').operators[0]?.supported).toBe(true);
  });

  it('rejects op versions above the cap', () => {
    const model = oneOp(({ input, output }) => ({ op: 'RESHAPE', version: 2, inputs: [input], outputs: [output], options: { newShape: [4] } }), {
      input: [1, 4],
      output: [4],
    });
    expect(predictDelegateSupport(model, 'gpu').operators[0]?.reason).toBe('Max version supported: 1. Requested version 2.');
    expect(predictDelegateSupport(model, 'nnapi').operators[0]?.reason).toBe('OP Version higher than 1');
  });

  it('rejects rank-5 tensors on GPU', () => {
    const model = oneOp(({ input, output }) => ({ op: 'RELU', inputs: [input], outputs: [output] }), {
      input: [1, 2, 2, 2, 2],
      output: [1, 2, 2, 2, 2],
    });
    expect(predictDelegateSupport(model, 'gpu').operators[0]?.reason).toBe(
      "OP is supported, but tensor type/shape isn't compatible.",
    );
  });

  it('rejects a CONV_2D without its options table on GPU (strides read as 0)', () => {
    // The parser zero-fills params when the table is missing: built by hand without options.
    const g = new TfliteGraphBuilder();
    const x = g.input('x', [1, 4, 4, 1]);
    const w = g.constant('w', [1, 1, 1, 1], new Float32Array([1]));
    const b = g.constant('b', [1], new Float32Array([0]));
    const y = g.tensor('y', [1, 4, 4, 1]);
    g.op({ op: 'CONV_2D', inputs: [x, w, b], outputs: [y] });
    const p = predictDelegateSupport(readTfliteModel(writeTfliteModel({ subgraphs: [g.build([y])] })), 'gpu');
    expect(p.operators[0]?.reason).toBe('Incorrect stride values: stride_height = 0, stride_width = 0');
  });

  it('needs a CONV_2D bias for NNAPI', () => {
    const model = oneOp(
      ({ input, output, constants }) => ({
        op: 'CONV_2D',
        inputs: [input, constants[0] ?? -1],
        outputs: [output],
        options: { strideW: 1, strideH: 1 },
      }),
      { input: [1, 4, 4, 1], output: [1, 4, 4, 1] },
      [{ shape: [1, 1, 1, 1], data: new Float32Array([1]) }],
    );
    expect(predictDelegateSupport(model, 'nnapi').operators[0]?.reason).toBe('Conv2D with omitted bias not supported');
    expect(predictDelegateSupport(model, 'gpu').operators[0]?.supported).toBe(true);
  });

  it('flags MEAN axes that are not constant on GPU', () => {
    const g = new TfliteGraphBuilder();
    const x = g.input('x', [1, 4, 4, 2]);
    const axes = g.input('axes', [2], 'INT32');
    const y = g.tensor('y', [1, 2]);
    g.op({ op: 'MEAN', inputs: [x, axes], outputs: [y] });
    const p = predictDelegateSupport(readTfliteModel(writeTfliteModel({ subgraphs: [g.build([y])] })), 'gpu');
    expect(p.operators[0]?.reason).toBe('Expected 1 const input tensor(s), but node has 0 const input(s).');
  });

  it('partitions a branching graph the way TFLite does', () => {
    // x → RELU → a; x → ARG_MAX (cpu) → idx; a → TANH → b; on GPU: {RELU, TANH} is one partition.
    const g = new TfliteGraphBuilder();
    const x = g.input('x', [1, 8]);
    const a = g.tensor('a', [1, 8]);
    const axis = g.constant('axis', [1], new Int32Array([1]), 'INT32');
    const idx = g.tensor('idx', [1], 'INT32');
    const b = g.tensor('b', [1, 8]);
    g.op({ op: 'RELU', inputs: [x], outputs: [a] });
    g.op({ op: 'ARG_MAX', inputs: [x, axis], outputs: [idx], options: { outputType: 2 } });
    g.op({ op: 'TANH', inputs: [a], outputs: [b] });
    const p = predictDelegateSupport(readTfliteModel(writeTfliteModel({ subgraphs: [g.build([b, idx])] })), 'gpu');
    expect(p.delegatedPartitions).toEqual([[0, 2]]);
    expect(p.partitionCount).toBe(2);
  });
});
