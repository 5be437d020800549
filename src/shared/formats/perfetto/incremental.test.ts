// Sequences timed on an incremental clock, with counter values carried by events and defaults that change
// mid-sequence: written, read back, and resolved to BOOTTIME the way trace processor does.
import { describe, expect, it } from 'vitest';
import { PerfettoWriteError } from './errors.js';
import { PerfettoTrackEventType as Type } from './fields.js';
import { ProtoMemorySink } from './proto/chunks.js';
import { readPerfettoTrace } from './reader.js';
import { T0 } from './test-trace.fixture.js';
import { resolvePerfettoTrackEvents } from './track-events.js';
import { PerfettoTraceWriter } from './writer.js';

function write(build: (w: PerfettoTraceWriter) => void): Uint8Array {
  const sink = new ProtoMemorySink();
  const writer = new PerfettoTraceWriter(sink);
  build(writer);
  writer.close();
  return sink.concat();
}

const clock = { clockId: 64, referenceNs: T0 };

describe('incremental clock', () => {
  const bytes = write((w) => {
    const seq = w.openSequence({ incrementalClock: clock, defaultTrackUuid: 1n, defaultExtraCounterTrackUuids: [2n] });
    seq.trackDescriptor({ uuid: 1n, name: 'slices' }, 0);
    seq.trackDescriptor({ uuid: 2n, name: 'latency', counter: { unit: 1 } });
    seq.sliceBegin(1_000, 'Inference', { extraCounterValues: [2_000_000] });
    seq.sliceEnd(2_001_000);
    seq.counter(T0 + 3_000_000n, 42n, 9n); // a bigint: absolute BOOTTIME, still written as a delta
    seq.instant(500, 'late', { trackUuid: 9n }); // earlier than the clock: absolute, on BOOTTIME
    seq.sliceBegin(4_000_000, 'Inference', { extraCounterValues: [7] });
    seq.sliceEnd(4_000_007);
  });
  const trace = readPerfettoTrace(bytes);

  it('opens with a snapshot tying the clock to BOOTTIME, and names the clock in the defaults', () => {
    const [first] = trace.packets;
    expect(first).toMatchObject({
      sequenceFlags: 1,
      clockSnapshot: { clocks: [{ clockId: 64, timestamp: T0, isIncremental: true }, { clockId: 6, timestamp: T0 }] },
      tracePacketDefaults: { timestampClockId: 64, trackEventDefaults: { trackUuid: 1n, extraCounterTrackUuids: [2n] } },
    });
    expect(first?.timestamp).toBeUndefined();
  });

  it('writes deltas, and an absolute BOOTTIME time for a packet earlier than the clock', () => {
    const timed = trace.packets.filter((p) => p.timestamp !== undefined);
    expect(timed.map((p) => [p.timestamp, p.timestampClockId])).toEqual([
      [0n, undefined],
      [1_000n, undefined],
      [2_000_000n, undefined],
      [999_000n, undefined],
      [T0 + 500n, 6],
      [1_000_000n, undefined],
      [7n, undefined],
    ]);
  });

  it('resolves every event to BOOTTIME ns, with its extra counter values on the default tracks', () => {
    const { events, dropped, unknownIids, unknownClocks } = resolvePerfettoTrackEvents(trace);
    expect({ dropped, unknownIids, unknownClocks }).toEqual({ dropped: 0, unknownIids: 0, unknownClocks: 0 });
    expect(events.map((e) => [e.timestamp - T0, e.type, e.trackUuid, e.name, e.extraCounters])).toEqual([
      [1_000n, Type.SLICE_BEGIN, 1n, 'Inference', [{ trackUuid: 2n, value: 2_000_000n }]],
      [2_001_000n, Type.SLICE_END, 1n, null, []],
      [3_000_000n, Type.COUNTER, 9n, null, []],
      [500n, Type.INSTANT, 9n, 'late', []],
      [4_000_000n, Type.SLICE_BEGIN, 1n, 'Inference', [{ trackUuid: 2n, value: 7n }]],
      [4_000_007n, Type.SLICE_END, 1n, null, []],
    ]);
  });

  it('costs 34 bytes for an inference of ~2 ms with its latency', () => {
    const one = write((w) => {
      const seq = w.openSequence({ incrementalClock: clock, defaultTrackUuid: 1n, defaultExtraCounterTrackUuids: [2n] });
      seq.sliceBegin(0, 'Inference', { extraCounterValues: [1] });
      seq.sliceEnd(1);
      const before = w.bytesWritten;
      seq.sliceBegin(100_001, 'Inference', { extraCounterValues: [1_900_000] });
      seq.sliceEnd(2_000_001);
      expect(w.bytesWritten - before).toBe(34);
    });
    expect(one.length).toBeGreaterThan(34);
  });
});

describe('defaults that change mid-sequence', () => {
  const bytes = write((w) => {
    const seq = w.openSequence({ incrementalClock: clock, defaultTrackUuid: 1n, defaultExtraCounterTrackUuids: [2n] });
    seq.sliceBegin(0, 'A', { extraCounterValues: [5] });
    seq.sliceEnd(10);
    seq.setTrackEventDefaults({ trackUuid: 3n, extraCounterTrackUuids: [4n] });
    seq.sliceBegin(20, 'A', { trackUuid: 3n, extraCounterTrackUuids: [4n], extraCounterValues: [6] });
    seq.sliceEnd(30, 1n); // an explicit track that is no longer the default
    seq.sliceBegin(40, 'B', { trackUuid: 1n, extraCounterTrackUuids: [2n], extraCounterValues: [8] });
    seq.clearIncrementalState();
    seq.sliceEnd(50);
  });
  const trace = readPerfettoTrace(bytes);

  it('writes the new defaults once, on the next packet, and names tracks only when they differ', () => {
    const events = trace.packets.filter((p) => p.trackEvent);
    expect(events.map((p) => [p.tracePacketDefaults?.trackEventDefaults?.trackUuid, p.trackEvent?.trackUuid, p.trackEvent?.extraCounterTrackUuids])).toEqual([
      [undefined, undefined, []],
      [undefined, undefined, []],
      [3n, undefined, []],
      [undefined, 1n, []],
      [undefined, 1n, [2n]],
      [undefined, undefined, []],
    ]);
    // Clearing the state sends the snapshot (at the clock's current value) and defaults again.
    const snapshots = trace.packets.filter((p) => p.clockSnapshot);
    expect(snapshots.map((p) => [p.clockSnapshot?.clocks[0]?.timestamp, p.sequenceFlags, p.tracePacketDefaults?.trackEventDefaults?.trackUuid])).toEqual([
      [T0, 1, 1n],
      [T0 + 40n, 1, 3n],
    ]);
  });

  it('resolves tracks and counter tracks through whichever defaults held', () => {
    const { events } = resolvePerfettoTrackEvents(trace);
    expect(events.map((e) => [e.timestamp - T0, e.trackUuid, e.extraCounters.map((c) => [c.trackUuid, c.value])])).toEqual([
      [0n, 1n, [[2n, 5n]]],
      [10n, 1n, []],
      [20n, 3n, [[4n, 6n]]],
      [30n, 1n, []],
      [40n, 1n, [[2n, 8n]]],
      [50n, 3n, []],
    ]);
  });
});

describe('incremental clock misuse', () => {
  it('refuses non-sequence clock ids, fractional times and number times without a clock', () => {
    const w = new PerfettoTraceWriter(() => undefined);
    expect(() => w.openSequence({ incrementalClock: { clockId: 6, referenceNs: 0n } })).toThrow(PerfettoWriteError);
    const seq = w.openSequence({ incrementalClock: clock, defaultTrackUuid: 1n });
    expect(() => seq.sliceBegin(1.5, 'x')).toThrow(/whole number/);
    expect(() => seq.sliceBegin(1, 'x', { extraCounterValues: [1] })).toThrow(/default counter tracks/);
    expect(() => seq.sliceBegin(1, 'x', { extraCounterTrackUuids: [2n], extraCounterValues: [0.5] })).toThrow(/not an integer/);
    expect(() => w.openSequence().sliceBegin(1, 'x')).toThrow(/incremental clock/);
  });
});

describe('a refused event', () => {
  it('leaves the clock and the interning table as they were', () => {
    const bytes = write((w) => {
      const seq = w.openSequence({ incrementalClock: clock, defaultTrackUuid: 1n });
      expect(() => seq.sliceBegin(1, 'first', { extraCounterValues: [1] })).toThrow(PerfettoWriteError);
      seq.sliceBegin(2, 'first');
      seq.sliceEnd(3);
    });
    const { events, unknownIids } = resolvePerfettoTrackEvents(readPerfettoTrace(bytes));
    expect(unknownIids).toBe(0);
    expect(events.map((e) => [e.name, e.timestamp - T0])).toEqual([
      ['first', 2n],
      [null, 3n],
    ]);
  });
});
