// A tiny float32 reference for the ops in the sample models, run straight from the model as our reader sees it:
// NHWC layout, TFLite's SAME padding and fused activations. Slow and simple on purpose; it exists to check
// that the weights we write are the weights LiteRT computes with.
import type { TfliteModel, TfliteOperator, TfliteTensor } from '../../src/shared/formats/tflite/index.js';

type Values = Float64Array;

export function runTfliteReference(model: TfliteModel, inputs: readonly Float32Array[]): Values[] {
  const graph = model.subgraphs[0];
  if (graph === undefined) throw new Error('no main graph');
  const values = new Map<number, Values>();
  graph.inputs.forEach((t, i) => values.set(t, Float64Array.from(inputs[i] ?? [])));
  const read = (index: number): Values => {
    const known = values.get(index);
    if (known !== undefined) return known;
    const tensor = graph.tensors[index];
    const data = tensor ? model.buffers[tensor.buffer]?.data : undefined;
    if (tensor === undefined || data === undefined || data === null) throw new Error(`tensor ${index} has no value`);
    const copy = data.slice();
    const typed = tensor.typeName === 'INT32' ? new Int32Array(copy.buffer) : new Float32Array(copy.buffer);
    return Float64Array.from(typed);
  };
  for (const op of graph.operators) {
    const ins = op.inputs.map((i) => (i < 0 ? null : { t: graph.tensors[i] as TfliteTensor, v: read(i) }));
    const out = graph.tensors[op.outputs[0] ?? -1] as TfliteTensor;
    values.set(op.outputs[0] ?? -1, evaluate(op, ins, out));
  }
  return graph.outputs.map((i) => read(i));
}

type In = { t: TfliteTensor; v: Values } | null;
const opt = (op: TfliteOperator, field: string): number =>
  Number((op.options?.values as Record<string, unknown> | undefined)?.[field] ?? 0);
const activate = (x: number, act: number) => (act === 1 ? Math.max(0, x) : act === 3 ? Math.min(6, Math.max(0, x)) : x);
const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

function evaluate(op: TfliteOperator, ins: In[], out: TfliteTensor): Values {
  const [a, b, c] = ins;
  if (a === null || a === undefined) throw new Error(`${op.opName} without input`);
  switch (op.opName) {
    case 'CONV_2D':
    case 'DEPTHWISE_CONV_2D':
      return conv(op, a, b ?? null, c ?? null, out);
    case 'AVERAGE_POOL_2D': {
      const [, h = 0, w = 0, ch = 0] = a.t.shape;
      const [, oh = 0, ow = 0] = out.shape;
      const [fh, fw, sh, sw] = [opt(op, 'filterHeight'), opt(op, 'filterWidth'), opt(op, 'strideH'), opt(op, 'strideW')];
      const y = new Float64Array(size(out.shape));
      for (let oy = 0; oy < oh; oy++)
        for (let ox = 0; ox < ow; ox++)
          for (let k = 0; k < ch; k++) {
            let sum = 0;
            for (let dy = 0; dy < fh; dy++) for (let dx = 0; dx < fw; dx++) sum += a.v[((oy * sh + dy) * w + ox * sw + dx) * ch + k] ?? 0;
            y[(oy * ow + ox) * ch + k] = activate(sum / (fh * fw), opt(op, 'fusedActivationFunction'));
          }
      void h;
      return y;
    }
    case 'RESHAPE':
    case 'SQUEEZE':
      return a.v;
    case 'FULLY_CONNECTED': {
      const inputs = a.t.shape.at(-1) ?? 0;
      const units = b?.t.shape[0] ?? 0;
      const y = new Float64Array(units);
      for (let u = 0; u < units; u++) {
        let sum = c?.v[u] ?? 0;
        for (let i = 0; i < inputs; i++) sum += (a.v[i] ?? 0) * (b?.v[u * inputs + i] ?? 0);
        y[u] = activate(sum, opt(op, 'fusedActivationFunction'));
      }
      return y;
    }
    case 'SOFTMAX': {
      const beta = opt(op, 'beta');
      const max = Math.max(...a.v);
      const e = a.v.map((x) => Math.exp((x - max) * beta));
      const total = e.reduce((s, x) => s + x, 0);
      return e.map((x) => x / total);
    }
    case 'GELU':
      return a.v.map((x) => 0.5 * x * (1 + erf(x / Math.SQRT2)));
    case 'CONCATENATION': {
      // Along the last axis only, which is what the samples use.
      const parts = ins.filter((i): i is NonNullable<In> => i !== null);
      const channels = parts.map((p) => p.t.shape.at(-1) ?? 0);
      const total = channels.reduce((s, n) => s + n, 0);
      const y = new Float64Array(size(out.shape));
      const pixels = y.length / total;
      for (let p = 0; p < pixels; p++) {
        let at = 0;
        parts.forEach((part, i) => {
          const n = channels[i] ?? 0;
          for (let k = 0; k < n; k++) y[p * total + at + k] = activate(part.v[p * n + k] ?? 0, opt(op, 'fusedActivationFunction'));
          at += n;
        });
      }
      return y;
    }
    case 'MEAN': {
      // Over H and W of an NHWC tensor.
      const [, h = 0, w = 0, ch = 0] = a.t.shape;
      const y = new Float64Array(ch);
      for (let p = 0; p < h * w; p++) for (let k = 0; k < ch; k++) y[k] = (y[k] ?? 0) + (a.v[p * ch + k] ?? 0) / (h * w);
      return y;
    }
    case 'ARG_MAX':
      return Float64Array.of(a.v.indexOf(Math.max(...a.v)));
    default:
      throw new Error(`the reference has no ${op.opName}`);
  }
}

function conv(op: TfliteOperator, x: NonNullable<In>, w: In, bias: In, out: TfliteTensor): Values {
  const depthwise = op.opName === 'DEPTHWISE_CONV_2D';
  const [, h = 0, wd = 0, cin = 0] = x.t.shape;
  const [, oh = 0, ow = 0, cout = 0] = out.shape;
  const [kh = 1, kw = 1] = w?.t.shape.slice(1, 3) ?? [];
  const [sh, sw] = [opt(op, 'strideH'), opt(op, 'strideW')];
  // SAME: total padding (out − 1) × stride + kernel − in, the smaller half before.
  const padTop = opt(op, 'padding') === 0 ? Math.floor(Math.max((oh - 1) * sh + kh - h, 0) / 2) : 0;
  const padLeft = opt(op, 'padding') === 0 ? Math.floor(Math.max((ow - 1) * sw + kw - wd, 0) / 2) : 0;
  const y = new Float64Array(oh * ow * cout);
  for (let oy = 0; oy < oh; oy++)
    for (let ox = 0; ox < ow; ox++)
      for (let o = 0; o < cout; o++) {
        let sum = bias?.v[o] ?? 0;
        for (let dy = 0; dy < kh; dy++) {
          const iy = oy * sh + dy - padTop;
          if (iy < 0 || iy >= h) continue;
          for (let dx = 0; dx < kw; dx++) {
            const ix = ox * sw + dx - padLeft;
            if (ix < 0 || ix >= wd) continue;
            if (depthwise) sum += (x.v[(iy * wd + ix) * cin + o] ?? 0) * (w?.v[(dy * kw + dx) * cout + o] ?? 0);
            else for (let i = 0; i < cin; i++) sum += (x.v[(iy * wd + ix) * cin + i] ?? 0) * (w?.v[((o * kh + dy) * kw + dx) * cin + i] ?? 0);
          }
        }
        y[(oy * ow + ox) * cout + o] = activate(sum, opt(op, 'fusedActivationFunction'));
      }
  return y;
}

/** erf to ~1e-12 (series for small |x|, continued fraction beyond). */
function erf(x: number): number {
  const ax = Math.abs(x);
  if (ax < 2.5) {
    let term = ax;
    let sum = ax;
    for (let n = 1; n < 60; n++) {
      term *= (-ax * ax) / n;
      sum += term / (2 * n + 1);
    }
    return Math.sign(x) * ((2 / Math.sqrt(Math.PI)) * sum);
  }
  let f = 0;
  for (let n = 60; n >= 1; n--) f = n / 2 / (ax + f);
  return Math.sign(x) * (1 - Math.exp(-ax * ax) / Math.sqrt(Math.PI) / (ax + f));
}
