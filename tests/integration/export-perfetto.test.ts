// The Perfetto export decoded by our own reader: structure (descriptors before use, one sequence of its own,
// an incremental clock that resolves to BOOTTIME ns), counts equal to the session's, units and the shared
// latency axis, the session's facts, and the phone's own traces merged byte for byte in front.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PathId } from '../../src/shared/api-constants.js';
import {
  PerfettoBuiltinClock,
  PerfettoCounterUnit,
  PerfettoTraceWriter,
  PerfettoTrackEventResolver,
  PerfettoTrackEventType as Type,
  ProtoMemorySink,
  readPerfettoTrace,
  type PerfettoPacket,
  type PerfettoResolvedEvent,
  type PerfettoTrackDescriptor,
} from '../../src/shared/formats/perfetto/index.js';
import { newSessionData } from '../../src/shared/session/read-session.js';
import type { PathResult, SessionEventRecord, TelemetryKind } from '../../src/shared/session/records.js';
import type { PathPoints, SessionData } from '../../src/shared/session/session-data.js';
import type { HostTimeMs } from '../../src/shared/units.js';
import { exportSession } from '../../src/main/export/export-session.js';
import { INFERENCE_NAME, SESSION_EVENT_NAME, WARMUP_NAME } from '../../src/main/export/perfetto-timeline.js';
import { PERFETTO_EXPORT_CLOCK_ID, writePerfetto, type PerfettoExportResult } from '../../src/main/export/perfetto-export.js';
import { testHeader } from '../../src/main/sessions/test-header.js';

const ORIGIN = BigInt(testHeader('x').deviceClockOriginNs);
const at = (tUs: number): bigint => ORIGIN + BigInt(Math.round(tUs * 1000));

function points(start: number, step: number, latencies: readonly number[]): PathPoints {
  return { tUs: latencies.map((_, i) => start + i * step), latUs: [...latencies], repeat: latencies.map(() => 0) };
}

function series(id: string, name: string, kind: TelemetryKind, unit: string, tUs: number[], v: number[]): SessionData['series'][number] {
  return { meta: { r: 'series', id, name, kind, unit, updateHz: 20, source: 'test' }, tUs, v };
}

function event(kind: SessionEventRecord['kind'], tUs: number | null, path: PathId | null, message: string): SessionEventRecord {
  return { r: 'event', kind, at: 0 as HostTimeMs, tUs, path, message };
}

function result(path: PathId, deviceTrace: string | null = null): PathResult {
  return {
    path,
    repeat: 0,
    status: 'ok',
    failure: null,
    runner: 'benchmark_model',
    aggregates: { initUs: 1000, firstUs: 3000, warmupAvgUs: 2400, avgUs: 2000, count: 10 },
    controlAvgUs: 1900,
    delegate: { name: 'NNAPI', nodesDelegated: 40, nodesTotal: 52, partitions: 2 },
    fallbackOps: [{ opType: 'RESIZE_BILINEAR', count: 2, ranOn: 'CPU', reason: null, timeShare: 0.1 }],
    pointsUnavailable: null,
    lostInferences: 0,
    idlePowerW: 0.4,
    startUs: 0,
    endUs: 400_000,
    deviceTrace,
  };
}

/** Three paths, warm-up on one, fractional µs, six telemetry series and events of every kind. */
function richSession(): SessionData {
  const s = newSessionData(testHeader('perfetto-export'));
  s.warmupPoints.npu = points(0, 2600, [2500, 2300]);
  s.points.npu = points(6000, 2100, Array.from({ length: 10 }, (_, i) => 2000 + i * 0.5));
  s.points.gpu = points(100_000, 5200, Array.from({ length: 8 }, (_, i) => 5000 + i));
  s.points.cpu = points(200_000, 12_000, Array.from({ length: 6 }, (_, i) => 11_000.25 + i));
  const t = Array.from({ length: 60 }, (_, i) => i * 5000);
  s.series.push(series('battery.power', 'Battery power drawn', 'power', 'mW', t, t.map((_, i) => 900.5 + i)));
  s.series.push(series('battery.current', 'Battery current drawn', 'current', 'mA', t, t.map((_, i) => 250 + i)));
  s.series.push(series('battery.voltage', 'Battery voltage', 'voltage', 'mV', t, t.map(() => 4012)));
  s.series.push(series('battery.temperature', 'Battery temperature', 'temperature', '°C', t, t.map((_, i) => 31 + i / 10)));
  s.series.push(series('cpu7.freq', 'CPU 7 frequency', 'frequency', 'MHz', t, t.map((_, i) => (i % 2 ? 2841.6 : 1996.8))));
  s.series.push(series('thermal.status', 'Thermal status', 'thermal-status', 'level 0–6', t, t.map((_, i) => (i > 40 ? 1 : 0))));
  s.events.push(event('path-start', -50, 'npu', 'NPU path started.'));
  s.events.push(event('path-end', 28_000, 'npu', 'NPU path ended.'));
  s.events.push(event('path-start', 99_000, 'gpu', 'GPU path started.'));
  s.events.push(event('throttling', 150_000, null, 'Thermal status 1: light throttling.'));
  s.events.push(event('disconnect', null, null, 'The phone went away.'));
  s.events.push(event('note', 260_000, 'cpu', 'CPU path ran hot.'));
  s.results.push(result('npu'), result('gpu'), result('cpu'));
  return s;
}

interface Decoded {
  packets: readonly PerfettoPacket[];
  rows: { packet: PerfettoPacket; event: PerfettoResolvedEvent | null }[];
  resolver: PerfettoTrackEventResolver;
  descriptors: PerfettoTrackDescriptor[];
  issues: number;
}

function decode(bytes: Uint8Array): Decoded {
  const trace = readPerfettoTrace(bytes);
  const resolver = new PerfettoTrackEventResolver();
  const rows = trace.packets.map((packet) => ({ packet, event: resolver.push(packet) }));
  const descriptors = trace.packets.flatMap((p) => (p.trackDescriptor ? [p.trackDescriptor] : []));
  return { packets: trace.packets, rows, resolver, descriptors, issues: trace.issues.length };
}

async function exportTo(session: SessionData, dir = mkdtempSync(join(tmpdir(), 'ts-pftrace-'))): Promise<{ bytes: Uint8Array; result: PerfettoExportResult; dir: string }> {
  const file = join(dir, 'session.pftrace');
  const result = await writePerfetto(session, file, dir);
  return { bytes: readFileSync(file), result, dir };
}

const trackNamed = (d: Decoded, name: string): PerfettoTrackDescriptor => {
  const found = d.descriptors.find((t) => t.name === name);
  if (!found) throw new Error(`no track named ${name}`);
  return found;
};
const eventsOn = (d: Decoded, uuid: bigint | undefined): PerfettoResolvedEvent[] =>
  d.rows.flatMap((r) => (r.event !== null && r.event.trackUuid === uuid ? [r.event] : []));

describe('Perfetto export: structure', async () => {
  const session = richSession();
  const { bytes, result } = await exportTo(session);
  const d = decode(bytes);

  it('reads cleanly, with no dropped packets, unknown iids or undefined clocks', () => {
    expect(d.issues).toBe(0);
    expect({ dropped: d.resolver.dropped, unknownIids: d.resolver.unknownIids, unknownClocks: d.resolver.unknownClocks }).toEqual({ dropped: 0, unknownIids: 0, unknownClocks: 0 });
    expect(result.bytes).toBe(bytes.length);
  });

  it('puts every packet on one non-zero sequence, opened by a clock snapshot that clears its state', () => {
    expect(new Set(d.packets.map((p) => p.trustedPacketSequenceId))).toEqual(new Set([result.sequenceId]));
    expect(result.sequenceId).toBeGreaterThan(0);
    const [first] = d.packets;
    expect((first?.sequenceFlags ?? 0) & 1).toBe(1);
    expect(first?.tracePacketDefaults?.timestampClockId).toBe(PERFETTO_EXPORT_CLOCK_ID);
    expect(first?.clockSnapshot?.clocks).toEqual([
      { clockId: PERFETTO_EXPORT_CLOCK_ID, timestamp: at(-50), isIncremental: true },
      { clockId: PerfettoBuiltinClock.BOOTTIME, timestamp: at(-50) },
    ]);
    // Later packets need the state they rely on.
    expect(d.packets.filter((p) => p.trackEvent).every((p) => ((p.sequenceFlags ?? 0) & 2) === 2)).toBe(true);
  });

  it('declares every track before the first event on it or its counters', () => {
    const declared = new Set<bigint>();
    for (const { packet, event } of d.rows) {
      if (packet.trackDescriptor?.uuid !== undefined) declared.add(packet.trackDescriptor.uuid);
      if (event === null) continue;
      expect(declared.has(event.trackUuid)).toBe(true);
      for (const c of event.extraCounters) expect(declared.has(c.trackUuid)).toBe(true);
    }
    for (const t of d.descriptors) if (t.parentUuid !== undefined) expect(declared.has(t.parentUuid)).toBe(true);
  });

  it('keeps every track in time order, timestamps in BOOTTIME nanoseconds', () => {
    const byTrack = new Map<bigint, bigint[]>();
    for (const { event } of d.rows) if (event) byTrack.set(event.trackUuid, [...(byTrack.get(event.trackUuid) ?? []), event.timestamp]);
    for (const times of byTrack.values()) expect(times).toEqual([...times].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    // Whole file in time order, too: the incremental clock never had to fall back to an absolute time.
    expect(d.packets.every((p) => p.timestampClockId === undefined)).toBe(true);
  });
});

describe('Perfetto export: inferences, counters and events', async () => {
  const session = richSession();
  const { bytes, result } = await exportTo(session);
  const d = decode(bytes);
  const paths: [PathId, string][] = [
    ['npu', 'NPU'],
    ['gpu', 'GPU'],
    ['cpu', 'CPU'],
  ];

  it('has one slice per inference at origin + tUs×1000 ns, ending after its latency, warm-up named apart', () => {
    let total = 0;
    for (const [path, word] of paths) {
      const events = eventsOn(d, trackNamed(d, `${word} path`).uuid);
      const begins = events.filter((e) => e.type === Type.SLICE_BEGIN);
      const ends = events.filter((e) => e.type === Type.SLICE_END);
      const warm = session.warmupPoints[path] ?? { tUs: [], latUs: [] };
      const measured = session.points[path]!;
      const tUs = [...warm.tUs, ...measured.tUs];
      const latUs = [...warm.latUs, ...measured.latUs];
      expect(begins.map((e) => e.timestamp)).toEqual(tUs.map(at));
      expect(ends.map((e) => e.timestamp)).toEqual(tUs.map((t, i) => at(t) + BigInt(Math.round(latUs[i]! * 1000))));
      expect(begins.map((e) => e.name)).toEqual([...warm.tUs.map(() => WARMUP_NAME), ...measured.tUs.map(() => INFERENCE_NAME)]);
      // Strict nesting: begin, end, begin, end…
      expect(events.filter((e) => e.type !== Type.INSTANT).map((e) => e.type)).toEqual(tUs.flatMap(() => [Type.SLICE_BEGIN, Type.SLICE_END]));
      total += tUs.length;
    }
    expect(result.slices).toBe(total);
  });

  it('carries each latency on its slice, into that path’s latency counter, in ns', () => {
    for (const [path, word] of paths) {
      const latency = trackNamed(d, `${word} latency`).uuid;
      const values = d.rows.flatMap((r) => r.event?.extraCounters.filter((c) => c.trackUuid === latency).map((c) => c.value) ?? []);
      const latUs = [...(session.warmupPoints[path]?.latUs ?? []), ...session.points[path]!.latUs];
      expect(values).toEqual(latUs.map((l) => BigInt(Math.round(l * 1000))));
    }
  });

  it('has one counter sample per telemetry sample, on the series’ own track', () => {
    let samples = 0;
    for (const s of session.series) {
      const events = eventsOn(d, trackNamed(d, s.meta.name).uuid);
      expect(events.every((e) => e.type === Type.COUNTER)).toBe(true);
      expect(events.map((e) => e.timestamp)).toEqual(s.tUs.map(at));
      expect(events.map((e) => Number(e.counterValue))).toEqual(s.v);
      samples += s.v.length;
    }
    const slices = session.points.npu!.tUs.length + session.points.gpu!.tUs.length + session.points.cpu!.tUs.length + 2;
    expect(result.counters).toBe(slices + samples);
  });

  it('gives counters their units, and the three latency counters one y axis', () => {
    const latency = paths.map(([, word]) => trackNamed(d, `${word} latency`));
    expect(latency.map((t) => t.counter)).toEqual(latency.map(() => ({ unit: PerfettoCounterUnit.TIME_NS, yAxisShareKey: 'inference-latency' })));
    expect(new Set(latency.map((t) => t.parentUuid)).size).toBe(1);
    expect(trackNamed(d, 'Battery power drawn').counter).toMatchObject({ unitName: 'mW' });
    expect(trackNamed(d, 'Battery current drawn').counter).toMatchObject({ unitName: 'mA' });
    expect(trackNamed(d, 'Battery voltage').counter).toMatchObject({ unitName: 'mV' });
    expect(trackNamed(d, 'Battery temperature').counter).toMatchObject({ unitName: '°C', yAxisShareKey: 'temperature (°C)' });
    expect(trackNamed(d, 'CPU 7 frequency').counter).toMatchObject({ unitName: 'MHz', yAxisShareKey: 'frequency (MHz)' });
    expect(trackNamed(d, 'Thermal status').counter).toEqual({ unitName: 'level 0–6' });
  });

  it('names the phone’s process track, says it is virtual, and carries the session’s facts', () => {
    const phone = d.descriptors.find((t) => t.process !== undefined);
    expect(phone?.name).toBe('Virtual Flagship (virtual phone: modelled, not measured)');
    expect(phone?.process?.processName).toBe(phone?.name);
    expect(phone?.description).toContain(session.header.model.sha256);
    expect(phone?.description).toMatch(/every figure is modelled, not measured/);
    for (const t of d.descriptors) if (t !== phone) expect(t.parentUuid).toBe(phone?.uuid);
    const facts = d.rows.find((r) => r.event?.name === SESSION_EVENT_NAME)?.event;
    expect(facts?.type).toBe(Type.INSTANT);
    expect(facts?.args).toMatchObject({
      virtual: true,
      model: 'mobilenet-mini.tflite',
      model_sha256: session.header.model.sha256,
      device_model: 'Virtual Flagship',
      clock_origin_ns: session.header.deviceClockOriginNs,
      plan: JSON.stringify(session.header.plan),
    });
    expect(trackNamed(d, 'NPU path').description).toMatch(/NNAPI took 40 of 52 nodes.*RESIZE_BILINEAR ×2 on CPU/);
  });

  it('marks path boundaries, throttling and notes as instants; an event with no device time is left out and said', () => {
    const instants = eventsOn(d, trackNamed(d, 'Session events').uuid).filter((e) => e.name !== SESSION_EVENT_NAME);
    expect(instants.map((e) => [e.name, e.timestamp, e.categories[0]])).toEqual([
      ['NPU path started.', at(-50), 'path-start'],
      ['NPU path ended.', at(28_000), 'path-end'],
      ['GPU path started.', at(99_000), 'path-start'],
      ['Thermal status 1: light throttling.', at(150_000), 'throttling'],
      ['CPU path ran hot.', at(260_000), 'note'],
    ]);
    expect(instants[0]?.args).toEqual({ kind: 'path-start', path: 'npu' });
    expect(result.instants).toBe(6);
    expect(result.notes.join(' ')).toMatch(/1 points, samples or events had no usable time/);
  });
});

describe('Perfetto export: the phone’s own traces', () => {
  /** A trace as the phone's traced writes one: sequences 1–3, a BOOTTIME snapshot, prints, an interned track event. */
  function deviceTrace(startNs: bigint, slice: string): Uint8Array {
    const sink = new ProtoMemorySink();
    const writer = new PerfettoTraceWriter(sink);
    writer.openSequence({ sequenceId: 1 }).clockSnapshot(startNs, { clocks: [{ clockId: 6, timestamp: startNs }, { clockId: 1, timestamp: 1_700_000_000_000_000_000n }], primaryTraceClock: 6 });
    writer.openSequence({ sequenceId: 2 }).ftraceEvents(3, [
      { timestamp: startNs + 1000n, pid: 4243, print: 'B|4242|Invoke@0/0' },
      { timestamp: startNs + 900_000n, pid: 4243, print: 'E|4242' },
    ]);
    const app = writer.openSequence({ sequenceId: 3, defaultTrackUuid: 77n });
    app.trackDescriptor({ uuid: 77n, name: 'phone app' });
    app.sliceBegin(startNs + 2000n, slice);
    app.sliceEnd(startNs + 3000n);
    writer.close();
    return sink.concat();
  }

  it('copies the phone’s trace byte for byte, then ours on a sequence id it does not use', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ts-pftrace-dev-'));
    const phone = deviceTrace(ORIGIN, 'Inference'); // same name as ours: interning must not mix across sequences
    writeFileSync(join(dir, 'perfetto-export.npu-0.device.pftrace'), phone);
    const session = richSession();
    session.results[0] = result('npu', 'perfetto-export.npu-0.device.pftrace');
    const { bytes, result: r } = await exportTo(session, dir);

    expect(Buffer.compare(bytes.subarray(0, phone.length), phone)).toBe(0);
    expect(r.deviceTraceBytes).toBe(phone.length);
    expect(r.deviceTraces).toEqual(['perfetto-export.npu-0.device.pftrace']);
    expect(r.sequenceId).toBe(4);
    const d = decode(bytes);
    const theirs = d.packets.filter((p) => p.offset < phone.length);
    const ours = d.packets.filter((p) => p.offset >= phone.length);
    expect(theirs).toEqual(readPerfettoTrace(phone).packets);
    expect(new Set(theirs.map((p) => p.trustedPacketSequenceId))).toEqual(new Set([1, 2, 3]));
    expect(new Set(ours.map((p) => p.trustedPacketSequenceId))).toEqual(new Set([4]));
    expect(d.resolver.dropped + d.resolver.unknownIids + d.resolver.unknownClocks).toBe(0);
    expect(eventsOn(d, 77n).map((e) => [e.name, e.timestamp - ORIGIN])).toEqual([
      ['Inference', 2000n],
      [null, 3000n],
    ]);
    expect(eventsOn(d, trackNamed(d, 'NPU path').uuid).filter((e) => e.type === Type.SLICE_BEGIN)).toHaveLength(12);
  });

  it('merges several traces, drops a cut-off tail and goes on without a missing or foreign file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ts-pftrace-devs-'));
    const a = deviceTrace(ORIGIN, 'a');
    const b = deviceTrace(ORIGIN + 150_000_000n, 'b');
    writeFileSync(join(dir, 'a.pftrace'), a);
    writeFileSync(join(dir, 'b.pftrace'), b.subarray(0, b.length - 3));
    writeFileSync(join(dir, 'c.pftrace'), '{"traceEvents":[]}');
    const session = richSession();
    session.results = [result('npu', 'a.pftrace'), result('gpu', 'b.pftrace'), result('cpu', 'missing.pftrace'), { ...result('cpu', '../escape.pftrace'), repeat: 1 }, { ...result('cpu', 'c.pftrace'), repeat: 2 }];
    const { bytes, result: r } = await exportTo(session, dir);

    expect(r.deviceTraces).toEqual(['a.pftrace', 'b.pftrace']);
    const lastWhole = readPerfettoTrace(b.subarray(0, b.length - 3)).packets.at(-1)!;
    expect(Buffer.compare(bytes.subarray(0, a.length), a)).toBe(0);
    expect(r.deviceTraceBytes).toBeLessThan(a.length + b.length);
    expect(Buffer.compare(bytes.subarray(a.length, r.deviceTraceBytes), b.subarray(0, r.deviceTraceBytes - a.length))).toBe(0);
    expect(r.deviceTraceBytes - a.length).toBeGreaterThan(lastWhole.offset);
    const notes = r.notes.join('\n');
    expect(notes).toMatch(/b\.pftrace is cut off/);
    expect(notes).toMatch(/missing\.pftrace was not found/);
    expect(notes).toMatch(/"\.\.\/escape\.pftrace" is not a plain file name/);
    expect(notes).toMatch(/c\.pftrace could not be read \(it looks like a JSON trace/);
    const d = decode(bytes);
    expect(d.issues).toBe(0);
    expect(new Set(d.packets.filter((p) => p.offset >= r.deviceTraceBytes).map((p) => p.trustedPacketSequenceId))).toEqual(new Set([4]));
    expect(eventsOn(d, trackNamed(d, 'CPU path').uuid).filter((e) => e.type === Type.SLICE_BEGIN)).toHaveLength(6);
  });
});

describe('Perfetto export: size and routing', () => {
  it('costs at most 40 bytes per inference: slice begin, end and latency together', async () => {
    const n = 50_000;
    const bare = richSession();
    bare.points = {};
    bare.warmupPoints = {};
    const busy = richSession();
    busy.warmupPoints = {};
    // Realistic spread: NPU ~0.8 ms, GPU ~1.5 ms, CPU ~3 ms, 30–70 µs apart.
    const third = Math.floor(n / 3);
    let t = 0;
    for (const [path, base] of [['npu', 800], ['gpu', 1500], ['cpu', 3000]] as const) {
      const pts: PathPoints = { tUs: [], latUs: [], repeat: [] };
      for (let i = 0; i < third; i++) {
        const lat = base * (0.9 + ((i * 7919) % 200) / 1000);
        pts.tUs.push(t);
        pts.latUs.push(Math.round(lat * 1000) / 1000);
        pts.repeat.push(0);
        t += lat + 30 + ((i * 104729) % 40);
      }
      busy.points[path] = pts;
    }
    const [withPoints, without] = await Promise.all([exportTo(busy), exportTo(bare)]);
    const perInference = (withPoints.result.bytes - without.result.bytes) / (3 * third);
    expect(perInference).toBeLessThanOrEqual(40);
    expect(withPoints.result.slices).toBe(3 * third);
  });

  it('is what exportSession writes for the perfetto format', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ts-pftrace-route-'));
    const file = join(dir, 's.pftrace');
    const out = await exportSession(richSession(), 'perfetto', file, { budget: { kind: 'device' }, appOverheadMs: 0 });
    expect(out).toEqual({ path: file, bytes: readFileSync(file).length });
    expect(decode(readFileSync(file)).descriptors.length).toBeGreaterThan(5);
  });

  it('keeps interleaved paths apart: each inference on its own track, its latency on its own counter', async () => {
    const s = richSession();
    s.warmupPoints = {};
    s.points = {
      npu: { tUs: [0, 1000, 2000, 3000, NaN], latUs: [400, 410, 420, 430, 1], repeat: [0, 0, 0, 0, 0] },
      gpu: { tUs: [500, 1500, 2500, 3500], latUs: [300, 310, 320, Infinity], repeat: [0, 0, 0, 0] },
    };
    const { bytes, result } = await exportTo(s);
    const d = decode(bytes);
    for (const [word, tUs, latUs] of [
      ['NPU', [0, 1000, 2000, 3000], [400, 410, 420, 430]],
      ['GPU', [500, 1500, 2500], [300, 310, 320]],
    ] as const) {
      const slices = eventsOn(d, trackNamed(d, `${word} path`).uuid).filter((e) => e.type !== Type.INSTANT);
      expect(slices.map((e) => e.timestamp)).toEqual(tUs.flatMap((t, i) => [at(t), at(t + latUs[i]!)]));
      const latency = trackNamed(d, `${word} latency`).uuid;
      const values = d.rows.flatMap((r) => r.event?.extraCounters.filter((c) => c.trackUuid === latency).map((c) => Number(c.value) / 1000) ?? []);
      expect(values).toEqual(latUs);
    }
    expect(result.slices).toBe(7);
    expect(result.notes.join(' ')).toMatch(/3 points, samples or events had no usable time or value/);
  });

  it('ends a slice where the next begins when inferences overlap, and says so', async () => {
    const s = richSession();
    s.points.gpu = { tUs: [100_000, 101_000], latUs: [5000, 5000], repeat: [0, 0] };
    const { bytes, result } = await exportTo(s);
    const d = decode(bytes);
    const gpu = eventsOn(d, trackNamed(d, 'GPU path').uuid);
    expect(gpu.map((e) => [e.type, e.timestamp])).toEqual([
      [Type.SLICE_BEGIN, at(100_000)],
      [Type.SLICE_END, at(101_000)],
      [Type.SLICE_BEGIN, at(101_000)],
      [Type.SLICE_END, at(106_000)],
    ]);
    expect(result.notes.join(' ')).toMatch(/1 inferences overlapped/);
  });
});
