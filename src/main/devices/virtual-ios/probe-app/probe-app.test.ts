// The virtual probe app driven over a real loopback socket, line by line, as the host drives the Swift app.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type AddressInfo, type Server, type Socket, connect, createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readCoremlModel } from '../../../../shared/formats/coreml/reader.js';
import { writeCoremlModel } from '../../../../shared/formats/coreml/writer.js';
import { buildFallbackMix } from '../../../../shared/formats/tflite/samples.js';
import { ProbeAppMessage, type ProbeComputeUnits } from '../../../../shared/ios-probe/probe-protocol.js';
import { type VirtualIphone, createVirtualIphoneModel } from '../coreml/create.js';
import type { IosAppContainer } from '../virtual-iphone-contracts.js';
import { serveProbeConnection } from './serve-probe-connection.js';

const modelsDir = join(import.meta.dirname, '..', '..', '..', '..', '..', 'resources', 'models');
const MOBILENET = new Uint8Array(readFileSync(join(modelsDir, 'mobilenet-mini.mlmodel')));
const FALLBACK_MIX = new Uint8Array(readFileSync(join(modelsDir, 'fallback-mix.mlmodel')));
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const pathOf = (bytes: Uint8Array, ext = 'mlmodel') => `/Documents/models/${sha(bytes)}.${ext}`;

class MapContainer implements IosAppContainer {
  readonly bundleId = 'dev.tetherscope.probe';
  readonly files = new Map<string, Uint8Array>();
  put(bytes: Uint8Array, path = pathOf(bytes)): string {
    this.files.set(path, bytes);
    return path;
  }
  readFile(path: string): Uint8Array | null {
    return this.files.get(path) ?? null;
  }
}

type AppMessage = ProbeAppMessage;

class Host {
  readonly messages: AppMessage[] = [];
  #buffer = '';
  #waiters: (() => void)[] = [];

  constructor(readonly socket: Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (text: string) => {
      this.#buffer += text;
      let newline: number;
      while ((newline = this.#buffer.indexOf('\n')) >= 0) {
        const line = this.#buffer.slice(0, newline);
        this.#buffer = this.#buffer.slice(newline + 1);
        // Every line the app sends must follow the protocol.
        this.messages.push(ProbeAppMessage.parse(JSON.parse(line)));
      }
      for (const wake of this.#waiters.splice(0)) wake();
    });
  }

  send(message: unknown): void {
    this.socket.write(`${typeof message === 'string' ? message : JSON.stringify(message)}\n`);
  }

  async waitFor<T extends AppMessage>(match: (m: AppMessage) => m is T, timeoutMs = 10_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(match);
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`timed out; got ${this.messages.map((m) => m.type).join(', ')}`);
      await new Promise<void>((resolve) => {
        this.#waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  of<K extends AppMessage['type']>(type: K): Extract<AppMessage, { type: K }>[] {
    return this.messages.filter((m): m is Extract<AppMessage, { type: K }> => m.type === type);
  }
}

const is =
  <K extends AppMessage['type']>(type: K, id?: string) =>
  (m: AppMessage): m is Extract<AppMessage, { type: K }> =>
    m.type === type && (id === undefined || !('id' in m) || m.id === id);

const servers: Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

async function start(profile = 'iphone-16-pro', options: { thermalSpeed?: number; maxLineBytes?: number } = {}): Promise<{ phone: VirtualIphone; container: MapContainer; connectHost: () => Promise<Host> }> {
  const phone = createVirtualIphoneModel(profile, { thermalSpeed: options.thermalSpeed ?? 1, seed: 7 });
  const container = new MapContainer();
  const server = createServer((socket) => serveProbeConnection(socket, { container, model: phone.model, ...(options.maxLineBytes === undefined ? {} : { maxLineBytes: options.maxLineBytes }) }));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const connectHost = async (): Promise<Host> => {
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', resolve));
    return new Host(socket);
  };
  return { phone, container, connectHost };
}

const plan = (id: string, modelPath: string, bytes: Uint8Array, computeUnits: ProbeComputeUnits, warmup: number, runs: number, computePlan = true) => ({
  v: 1,
  type: 'plan',
  id,
  modelPath,
  sha256: sha(bytes),
  computeUnits,
  warmup,
  runs,
  computePlan,
});

describe('virtual probe app', () => {
  it('says hello with the phone\'s facts and tells its clock', async () => {
    const { phone, connectHost } = await start();
    const host = await connectHost();
    host.send({ v: 1, type: 'hello', host: 'test' });
    const hello = await host.waitFor(is('hello'));
    expect(hello).toMatchObject({ osVersion: '18.1', productType: 'iPhone17,1', computePlan: true, thermalState: 'nominal', virtual: true, protocol: 1 });
    const before = phone.body.nowNs();
    host.send({ v: 1, type: 'clock', hostMs: 1234.5 });
    const clock = await host.waitFor(is('clock'));
    expect(clock.hostMs).toBe(1234.5);
    expect(BigInt(clock.tNs)).toBeGreaterThanOrEqual(before);
    expect(BigInt(clock.tNs) - before).toBeLessThan(1_000_000_000n);
    host.socket.destroy();
  });

  it('runs a plan: compiled, loaded, compute plan, warm-up kept apart, one point per run, done', async () => {
    const { phone, container, connectHost } = await start();
    const host = await connectHost();
    const path = container.put(MOBILENET);
    host.send(plan('p1', path, MOBILENET, 'cpuAndNeuralEngine', 5, 300));
    const done = await host.waitFor(is('done', 'p1'));
    expect(done).toMatchObject({ predictions: 300, warmup: 5, cancelled: false });
    const order = host.messages.map((m) => m.type).filter((t) => t !== 'thermal');
    expect(order.slice(0, 3)).toEqual(['compiled', 'loaded', 'compute-plan']);
    expect(order.at(-1)).toBe('done');
    const batches = host.of('predictions');
    const warm = batches.filter((b) => b.warmup);
    const regular = batches.filter((b) => !b.warmup);
    expect(warm.reduce((n, b) => n + b.startNs.length, 0)).toBe(5);
    expect(regular.reduce((n, b) => n + b.startNs.length, 0)).toBe(300);
    // Warm-up batches all come first; each kind's indices run on without a gap.
    expect(batches.findIndex((b) => !b.warmup)).toBe(warm.length);
    let next = 0;
    for (const b of regular) {
      expect(b.first).toBe(next);
      expect(b.durNs).toHaveLength(b.startNs.length);
      next += b.startNs.length;
    }
    // The points are the phone's true predictions.
    const truth = phone.groundTruth.predictions({ planId: 'p1', kind: 'regular' });
    const starts = regular.flatMap((b) => b.startNs);
    const durations = regular.flatMap((b) => b.durNs);
    expect(starts).toEqual(truth.map((p) => p.beginNs.toString()));
    expect(durations).toEqual(truth.map((p) => Math.round(Number(p.endNs - p.beginNs))));
    for (let i = 1; i < starts.length; i++) expect(BigInt(starts[i]!)).toBeGreaterThan(BigInt(starts[i - 1]!));
    // The cold first prediction is the slowest warm-up.
    const firstWarm = warm[0]?.durNs[0] ?? 0;
    expect(firstWarm).toBeGreaterThan(Math.max(...durations));
    const compiled = host.of('compiled')[0];
    const loaded = host.of('loaded')[0];
    expect(compiled?.compileMs).toBeGreaterThan(0);
    expect(loaded?.loadMs).toBeGreaterThan(compiled?.compileMs ?? 0);
    host.socket.destroy();
  });

  it('reports as fallbacks under cpuAndNeuralEngine exactly the layers the profile rejects', async () => {
    const { phone, container, connectHost } = await start();
    const host = await connectHost();
    host.send(plan('fm', container.put(FALLBACK_MIX), FALLBACK_MIX, 'cpuAndNeuralEngine', 0, 20));
    const computePlan = await host.waitFor(is('compute-plan', 'fm'));
    expect(computePlan.unavailable).toBeNull();
    const ops = computePlan.ops ?? [];
    expect(ops).toHaveLength(12);
    const fallbacks = ops.filter((o) => o.preferred !== 'neuralEngine');
    const rejected = phone.groundTruth.neuralEngineFallbacks(readCoremlModel(FALLBACK_MIX), 'cpuAndNeuralEngine').map((p) => p.name);
    expect(fallbacks.map((o) => o.name)).toEqual(rejected);
    expect(rejected).toEqual(['conv_dilated', 'add_broadcast', 'concat_nd', 'swish']);
    for (const op of fallbacks) {
      expect(op.supported).toEqual(['cpu']);
      expect(op.weight).toBeNull();
    }
    expect(ops.find((o) => o.name === 'conv_a')).toMatchObject({ opType: 'convolution', preferred: 'neuralEngine', supported: ['neuralEngine', 'cpu'] });
    await host.waitFor(is('done', 'fm'));
    host.socket.destroy();
  });

  it('says why there is no compute plan before iOS 17.4', async () => {
    const { container, connectHost } = await start('iphone-12');
    const host = await connectHost();
    host.send(plan('old', container.put(MOBILENET), MOBILENET, 'all', 1, 3));
    const computePlan = await host.waitFor(is('compute-plan', 'old'));
    expect(computePlan.ops).toBeNull();
    expect(computePlan.unavailable).toMatch(/iOS 17\.4 or later; this iPhone runs iOS 16\.7\.10/);
    expect(await host.waitFor(is('done', 'old'))).toMatchObject({ predictions: 3, warmup: 1 });
    host.socket.destroy();
  });

  it('answers missing, changed and unreadable models with errors in plain words', async () => {
    const { container, connectHost } = await start();
    const host = await connectHost();
    host.send(plan('missing', pathOf(MOBILENET), MOBILENET, 'all', 0, 1));
    expect(await host.waitFor(is('error', 'missing'))).toMatchObject({ code: 'model-missing', message: expect.stringMatching(/no model at \/Documents\/models\//) });
    container.put(FALLBACK_MIX, pathOf(MOBILENET));
    host.send(plan('changed', pathOf(MOBILENET), MOBILENET, 'all', 0, 1));
    expect(await host.waitFor(is('error', 'changed'))).toMatchObject({ code: 'model-missing', message: expect.stringMatching(/push it again/) });
    const garbage = new TextEncoder().encode('this is not a model at all, just text');
    host.send(plan('garbage', container.put(garbage), garbage, 'all', 0, 1));
    expect(await host.waitFor(is('error', 'garbage'))).toMatchObject({ code: 'compile-failed', message: expect.stringMatching(/^Core ML could not compile the model: /) });
    const tflite = buildFallbackMix();
    host.send(plan('tflite', container.put(tflite), tflite, 'all', 0, 1));
    expect(await host.waitFor(is('error', 'tflite'))).toMatchObject({ code: 'compile-failed', message: expect.stringMatching(/TensorFlow Lite/) });
    const dangling = writeCoremlModel({
      specificationVersion: 4,
      description: { inputs: [{ name: 'x', shortDescription: '', type: { kind: 'multiArray', shape: [4], dataType: 'FLOAT32' } }], outputs: [], metadata: null },
      layers: [{ name: 'act', inputs: ['nowhere'], outputs: ['y'], params: { type: 'activation', activation: 'ReLU', alpha: 0 } }],
    });
    host.send(plan('dangling', container.put(dangling), dangling, 'all', 0, 1));
    expect(await host.waitFor(is('error', 'dangling'))).toMatchObject({ code: 'compile-failed', message: expect.stringMatching(/reads "nowhere", which no input or earlier layer produces/) });
    expect(host.of('done')).toEqual([]);
    host.socket.destroy();
  });

  it('answers bad lines with bad-message and lives on', async () => {
    const { connectHost } = await start('iphone-14', { maxLineBytes: 1024 });
    const host = await connectHost();
    host.send('{not json');
    host.send({ v: 1, type: 'plan', id: 'x' });
    host.send({ v: 1, type: 'launch-missiles' });
    host.send({ v: 2, type: 'hello', host: 'future' });
    host.send(`{"v":1,"type":"hello","host":"${'x'.repeat(5000)}"}`);
    host.send({ v: 1, type: 'hello', host: 'after' });
    const hello = await host.waitFor(is('hello'));
    expect(hello.productType).toBe('iPhone14,7');
    const errors = host.of('error');
    expect(errors.map((e) => e.code)).toEqual(['bad-message', 'bad-message', 'bad-message', 'unsupported-version', 'bad-message']);
    expect(errors[0]?.message).toMatch(/not JSON/);
    expect(errors[1]?.message).toMatch(/does not follow the probe protocol at modelPath|does not follow the probe protocol/);
    expect(errors[4]?.message).toMatch(/longer than the 1024 allowed/);
    for (const e of errors) expect(e.id).toBeNull();
    host.socket.destroy();
  });

  it('runs one plan at a time, cancels on request, and heats up on a long run', async () => {
    const { phone, container, connectHost } = await start('iphone-16-pro', { thermalSpeed: 1000 });
    const host = await connectHost();
    const other = await connectHost();
    const path = container.put(MOBILENET);
    host.send(plan('long', path, MOBILENET, 'cpuOnly', 2, 1_000_000, false));
    await host.waitFor(is('loaded', 'long'));
    other.send(plan('second', path, MOBILENET, 'all', 0, 1));
    expect(await other.waitFor(is('error', 'second'))).toMatchObject({ code: 'busy', message: expect.stringMatching(/Plan long is still running/) });
    // Sustained CPU work at 1000× thermal time: fair, then serious.
    const serious = await host.waitFor((m): m is Extract<AppMessage, { type: 'thermal' }> => m.type === 'thermal' && m.state === 'serious', 15_000);
    const states = host.of('thermal').map((t) => t.state);
    expect(states.indexOf('fair')).toBeLessThan(states.indexOf('serious'));
    expect(BigInt(serious.tNs)).toBeLessThanOrEqual(phone.body.nowNs());
    // Let some predictions run while serious before cancelling.
    const hotRuns = () => phone.groundTruth.predictions({ planId: 'long', kind: 'regular' }).filter((p) => p.thermalState === 'serious');
    for (let i = 0; i < 200 && hotRuns().length < 50; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    host.send({ v: 1, type: 'cancel', id: 'long' });
    const done = await host.waitFor(is('done', 'long'));
    expect(done.cancelled).toBe(true);
    expect(done.predictions).toBeGreaterThan(50);
    expect(done.predictions).toBeLessThan(1_000_000);
    const regular = host.of('predictions').filter((b) => !b.warmup);
    expect(regular.reduce((n, b) => n + b.startNs.length, 0)).toBe(done.predictions);
    expect(regular.length).toBeGreaterThanOrEqual(2);
    // Throttled predictions (serious) take longer than a warm one at nominal is expected to.
    const hot = hotRuns();
    expect(hot.length).toBeGreaterThanOrEqual(50);
    const mean = hot.reduce((sum, p) => sum + p.latencyUs, 0) / hot.length;
    expect(mean).toBeGreaterThan(phone.groundTruth.latencyUs(readCoremlModel(MOBILENET), 'cpuOnly') * 1.3);
    // The app is free again.
    other.send(plan('third', path, MOBILENET, 'all', 0, 2));
    expect(await other.waitFor(is('done', 'third'))).toMatchObject({ predictions: 2, cancelled: false });
    host.socket.destroy();
    other.socket.destroy();
  });
});
