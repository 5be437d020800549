// Writer → reader round trips, TrackEvent resolution, and what the reader says about damaged files.
import { describe, expect, it } from 'vitest';
import { PerfettoFormatError, PerfettoWriteError } from './errors.js';
import { PerfettoTrackEventType as Type } from './fields.js';
import { ProtoEncoder } from './proto/encoder.js';
import { ProtoMemorySink } from './proto/chunks.js';
import { forEachPerfettoPacket, readPerfettoTrace } from './reader.js';
import { T0, writeTestTrace } from './test-trace.fixture.js';
import { resolvePerfettoTrackEvents } from './track-events.js';
import { PerfettoTraceWriter } from './writer.js';

describe('Perfetto writer and reader', () => {
  const bytes = writeTestTrace();
  const trace = readPerfettoTrace(bytes);

  it('reads back every packet kind', () => {
    expect(trace.issues).toEqual([]);
    const [clock, tree, ftrace, battery, rails] = trace.packets;
    expect(clock?.clockSnapshot).toEqual({
      clocks: [
        { clockId: 6, timestamp: T0 },
        { clockId: 1, timestamp: 1_700_000_000_000_000_000n },
      ],
      primaryTraceClock: 6,
    });
    expect(tree?.processTree?.processes[0]).toEqual({
      pid: 4242,
      ppid: 1,
      cmdline: ['/data/local/tmp/benchmark_model', '--graph=m.tflite'],
      uid: 2000,
    });
    expect(tree?.processTree?.threads).toEqual([{ tid: 4243, tgid: 4242, name: 'tflite' }]);
    expect(ftrace?.timestamp).toBeUndefined();
    expect(ftrace?.ftraceEvents?.cpu).toBe(2);
    expect(ftrace?.ftraceEvents?.events.map((e) => e.print?.buf ?? e.cpuFrequency)).toEqual([
      'B|4242|Invoke@0/0',
      'B|4242|CONV_2D@0/0',
      'E|4242',
      'E|4242',
      { state: 1_800_000, cpuId: 2 },
    ]);
    expect(ftrace?.ftraceEvents?.events[0]).toMatchObject({ timestamp: T0 + 1000n, pid: 4243 });
    expect(battery?.battery).toEqual({
      chargeCounterUah: 3_000_000n,
      capacityPercent: 87.5,
      currentUa: -450_000n,
      voltageUv: 4_100_000n,
    });
    expect(rails?.powerRails).toEqual({
      railDescriptors: [{ index: 0, railName: 'S4M_VDD_CPUCL0', subsysName: 'CPU', samplingRate: 1000 }],
      energyData: [{ index: 0, timestampMs: T0 / 1_000_000n, energy: 123_456_789n }],
    });
  });

  it('puts one non-zero sequence id on every packet and clears state on each sequence’s first packet', () => {
    expect(trace.packets.every((p) => (p.trustedPacketSequenceId ?? 0) > 0)).toBe(true);
    const firstOfEach = new Map<number, number | undefined>();
    for (const p of trace.packets) {
      if (!firstOfEach.has(p.trustedPacketSequenceId ?? 0)) firstOfEach.set(p.trustedPacketSequenceId ?? 0, p.sequenceFlags);
    }
    expect([...firstOfEach.values()].every((flags) => ((flags ?? 0) & 1) === 1)).toBe(true);
  });

  it('writes track descriptors with process, thread and counter details', () => {
    const tracks = trace.packets.flatMap((p) => (p.trackDescriptor ? [p.trackDescriptor] : []));
    expect(tracks.map((t) => t.uuid)).toEqual([1n, 2n, 10n, 11n, 20n]);
    expect(tracks[0]).toMatchObject({ name: 'Tetherscope (virtual)', process: { pid: 4242, processName: 'benchmark_model' } });
    expect(tracks[1]?.thread).toEqual({ pid: 4242, tid: 4243n, threadName: 'tflite' });
    expect(tracks[2]).toMatchObject({ description: 'Battery power draw', counter: { unitName: 'mW', yAxisShareKey: 'power' } });
    expect(tracks[3]?.counter).toEqual({ unit: 1, unitMultiplier: 1000n });
  });

  it('interns event names once per sequence and resolves them back', () => {
    const interned = trace.packets.flatMap((p) => p.internedData?.eventNames ?? []);
    expect(interned).toEqual([
      { iid: 1n, name: 'Invoke' },
      { iid: 2n, name: 'CONV_2D' },
      { iid: 3n, name: 'thermal throttling' },
      { iid: 4n, name: 'on another track' },
    ]);
    const { events, dropped, unknownIids } = resolvePerfettoTrackEvents(trace);
    expect({ dropped, unknownIids }).toEqual({ dropped: 0, unknownIids: 0 });
    expect(events.map((e) => [e.timestamp - T0, e.type, e.trackUuid, e.name, e.counterValue])).toEqual([
      [10_000n, Type.SLICE_BEGIN, 20n, 'Invoke', null],
      [10_100n, Type.SLICE_BEGIN, 20n, 'CONV_2D', null],
      [10_900n, Type.SLICE_END, 20n, null, null],
      [11_000n, Type.SLICE_END, 20n, null, null],
      [20_000n, Type.SLICE_BEGIN, 20n, 'Invoke', null],
      [21_000n, Type.SLICE_END, 20n, null, null],
      [21_500n, Type.INSTANT, 20n, 'thermal throttling', null],
      [22_000n, Type.COUNTER, 10n, null, 1234.5],
      [22_000n, Type.COUNTER, 11n, null, 1_000_000n],
      [23_000n, Type.SLICE_BEGIN, 2n, 'on another track', null],
      [24_000n, Type.SLICE_END, 2n, null, null],
    ]);
    expect(events[1]?.categories).toEqual(['tflite']);
    expect(events[1]?.args).toEqual({ node: 0n, ratio: 0.5, delegated: true, path: 'npu', big: 2n ** 40n });
  });

  it('streams packets with forEachPerfettoPacket', () => {
    let count = 0;
    expect(forEachPerfettoPacket(bytes, () => count++)).toEqual([]);
    expect(count).toBe(trace.packets.length);
  });

  it('writes the same bytes whatever the chunk size', () => {
    expect(writeTestTrace({ chunkBytes: 17 })).toEqual(bytes);
  });

  it('drops packets that need incremental state their sequence never got', () => {
    const sink = new ProtoMemorySink();
    const writer = new PerfettoTraceWriter(sink);
    const seq = writer.openSequence({ defaultTrackUuid: 5n });
    seq.sliceBegin(1n, 'a');
    seq.sliceEnd(2n);
    writer.close();
    const all = readPerfettoTrace(sink.concat());
    // Keep only the second packet: it has flag 2 but its sequence was never cleared.
    const orphan = { packets: all.packets.slice(1), issues: [] };
    expect(resolvePerfettoTrackEvents(orphan)).toMatchObject({ events: [], dropped: 1 });
  });

  it('refuses a second sequence with the same id and writes after close', () => {
    const writer = new PerfettoTraceWriter(() => undefined);
    writer.openSequence({ sequenceId: 7 });
    expect(() => writer.openSequence({ sequenceId: 7 })).toThrow(PerfettoWriteError);
    expect(() => writer.openSequence({ sequenceId: 0 })).toThrow(PerfettoWriteError);
    const seq = writer.openSequence();
    writer.close();
    expect(() => seq.sliceBegin(1n, 'late')).toThrow(/closed/);
    expect(() => writer.openSequence().counter(1n, 1)).toThrow(/counter track/);
  });

  it('opens compressed packets with the inflater it is given', () => {
    // Stand-in "compression": the identity, so the test needs no zlib.
    const inner = writeTestTrace();
    const e = new ProtoEncoder();
    const m = e.fork(1);
    e.bytes(50, inner);
    e.join(m);
    const wrapped = e.view().slice();
    expect(readPerfettoTrace(wrapped, { inflate: (b) => b }).packets.length).toBe(trace.packets.length);
    expect(() => readPerfettoTrace(wrapped)).toThrow(/compressed packets was skipped/);
  });
});

describe('readPerfettoTrace on bad input', () => {
  const bytes = writeTestTrace();

  it('keeps what came before a truncated tail, and says where it stopped', () => {
    const cut = readPerfettoTrace(bytes.subarray(0, bytes.length - 5));
    expect(cut.packets.length).toBe(readPerfettoTrace(bytes).packets.length - 1);
    expect(cut.issues).toHaveLength(1);
    expect(cut.issues[0]?.message).toMatch(/cut off or damaged here/);
  });

  it('skips a damaged packet and reads on', () => {
    const damaged = bytes.slice();
    // The first packet's body starts at byte 2: make its first tag claim field 0.
    damaged[2] = 0x00;
    const read = readPerfettoTrace(damaged);
    expect(read.issues[0]).toMatchObject({ offset: 0 });
    expect(read.issues[0]?.message).toMatch(/damaged packet was skipped/);
    expect(read.packets.length).toBe(readPerfettoTrace(bytes).packets.length - 1);
  });

  it('says plainly when the file is not a Perfetto trace', () => {
    const fails = (input: Uint8Array, detail: RegExp) => {
      expect(() => readPerfettoTrace(input)).toThrow(PerfettoFormatError);
      expect(() => readPerfettoTrace(input)).toThrow(detail);
    };
    fails(new Uint8Array(0), /This file is not a Perfetto trace: the file is empty/);
    fails(new TextEncoder().encode('{"traceEvents":[]}'), /JSON trace/);
    fails(new Uint8Array([0x1f, 0x8b, 8, 0]), /gzip/);
    fails(new Uint8Array([0, 0, 0, 0, 0x54, 0x46, 0x4c, 0x33]), /TensorFlow Lite model/);
    fails(new Uint8Array([0x42, 1, 2]), /starts with 0x42/);
    fails(new Uint8Array([0x0a, 0x7f, 1]), /no packet could be read/);
  });
});
