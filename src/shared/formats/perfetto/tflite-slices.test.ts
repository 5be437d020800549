import { describe, expect, it } from 'vitest';
import { formatAtraceBegin, formatAtraceEnd, parseAtrace } from './atrace.js';
import { PerfettoFtraceClock } from './fields.js';
import { ProtoMemorySink } from './proto/chunks.js';
import { readPerfettoTrace } from './reader.js';
import { extractTfliteSlices } from './tflite-slices.js';
import type { PerfettoFtraceEventInput } from './write-types.js';
import { PerfettoTraceWriter } from './writer.js';

const PID = 7000;
const TID = 7001;
const OTHER_TID = 7002;

const B = (ts: bigint, name: string, tid = TID): PerfettoFtraceEventInput => ({ timestamp: ts, pid: tid, print: formatAtraceBegin(PID, name) });
const E = (ts: bigint, tid = TID): PerfettoFtraceEventInput => ({ timestamp: ts, pid: tid, print: formatAtraceEnd(PID) });

/** What the benchmark tool leaves in a trace: setup slices, then inferences with their ops, on one thread. */
function deviceTrace(): Uint8Array {
  const sink = new ProtoMemorySink();
  const writer = new PerfettoTraceWriter(sink);
  const ftrace = writer.openSequence();
  // Tracing started mid-slice: an end with nothing open.
  ftrace.ftraceEvents(0, [E(50n), B(100n, 'AllocateTensors@0/0'), E(150n)]);
  // Inference 1, with the op end and the Invoke end in a later-written bundle from another CPU.
  ftrace.ftraceEvents(1, [E(1_400n), E(1_500n)]);
  ftrace.ftraceEvents(0, [B(1_000n, 'Invoke@0/0'), B(1_100n, 'CONV_2D@0/0'), E(1_200n), B(1_200n, 'SOFTMAX@1/0')]);
  // Inference 2: a delegate kernel, and an app slice of our own around it that is not TFLite's.
  ftrace.ftraceEvents(0, [
    B(2_000n, 'Invoke@0/0'),
    B(2_050n, 'TfLiteGpuDelegateV2@0/0'),
    B(2_060n, 'our own marker'),
    E(2_070n),
    E(2_800n),
    B(2_810n, 'SQUEEZE@1/0'),
    E(2_900n),
    E(3_000n),
  ]);
  // Another thread, on a bundle whose ftrace clock runs 10 µs behind BOOTTIME.
  ftrace.ftraceEvents(2, [B(3_000n, 'Invoke@0/0', OTHER_TID), B(3_100n, 'ADD@0/0', OTHER_TID), E(3_300n, OTHER_TID), E(3_500n, OTHER_TID)], {
    clock: { ftraceClock: PerfettoFtraceClock.MONO_RAW, ftraceTimestamp: 1_000n, bootTimestamp: 11_000n },
  });
  // Tracing stopped mid-inference.
  ftrace.ftraceEvents(0, [B(20_000n, 'Invoke@0/0'), B(20_100n, 'CONV_2D@0/0')]);
  writer.close();
  return sink.concat();
}

describe('extractTfliteSlices', () => {
  const slices = extractTfliteSlices(readPerfettoTrace(deviceTrace()));

  it('finds one slice per inference, on each thread, in BOOTTIME', () => {
    expect(slices.invokes.map((s) => [s.name, s.tid, s.tgid, s.begin, s.end, s.depth])).toEqual([
      ['Invoke@0/0', TID, PID, 1_000n, 1_500n, 0],
      ['Invoke@0/0', TID, PID, 2_000n, 3_000n, 0],
      ['Invoke@0/0', OTHER_TID, PID, 13_000n, 13_500n, 0],
    ]);
  });

  it('finds the ops inside each inference, named and numbered as TFLite names them', () => {
    expect(slices.ops.map((s) => [s.tag, s.nodeIndex, s.subgraphIndex, s.begin, s.end, s.invoke, s.depth])).toEqual([
      ['CONV_2D', 0, 0, 1_100n, 1_200n, 0, 1],
      ['SOFTMAX', 1, 0, 1_200n, 1_400n, 0, 1],
      ['TfLiteGpuDelegateV2', 0, 0, 2_050n, 2_800n, 1, 1],
      ['SQUEEZE', 1, 0, 2_810n, 2_900n, 1, 1],
      ['ADD', 0, 0, 13_100n, 13_300n, 2, 1],
      // Complete op of the inference cut off by the end of tracing: kept, but with no inference.
    ]);
    expect(slices.ops.every((s) => s.kind === 'op')).toBe(true);
  });

  it('keeps TFLite slices outside inferences apart and counts unbalanced prints', () => {
    expect(slices.other.map((s) => [s.name, s.begin, s.end])).toEqual([['AllocateTensors@0/0', 100n, 150n]]);
    expect(slices.unmatchedEnds).toBe(1);
    expect(slices.unclosedBegins).toBe(2);
    expect(slices.unalignedEvents).toBe(0);
  });

  it('filters by process', () => {
    expect(extractTfliteSlices(readPerfettoTrace(deviceTrace()), { tgid: 1 }).invokes).toEqual([]);
  });
});

describe('parseAtrace', () => {
  it('reads the phases systrace knows, tolerating trailing newlines and NULs', () => {
    expect(parseAtrace('B|123|Invoke@0/0\n')).toEqual({ phase: 'B', tgid: 123, name: 'Invoke@0/0' });
    expect(parseAtrace('B|123|a|b')).toEqual({ phase: 'B', tgid: 123, name: 'a|b' });
    expect(parseAtrace('B|123|')).toEqual({ phase: 'B', tgid: 123, name: '[empty slice name]' });
    expect(parseAtrace('E|123\0')).toEqual({ phase: 'E', tgid: 123 });
    expect(parseAtrace('E')).toEqual({ phase: 'E', tgid: null });
    expect(parseAtrace('C|123|queue|-5')).toEqual({ phase: 'C', tgid: 123, name: 'queue', value: -5 });
    expect(parseAtrace('S|123|load|42')).toEqual({ phase: 'S', tgid: 123, name: 'load', cookie: 42 });
    expect(parseAtrace('N|123|track|hello')).toEqual({ phase: 'N', tgid: 123, track: 'track', name: 'hello' });
    expect(parseAtrace('trace_event_clock_sync: parent_ts=1.0')).toBeNull();
    expect(parseAtrace('B|x|name')).toBeNull();
  });
});
