// Independent check of the writer: its output decoded by protobufjs, with a schema typed in here from the field
// numbers in reference/perfetto.md (§1.1–§2.4), not from this codec's own constants.
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { ProtoMemorySink } from './proto/chunks.js';
import { T0, writeTestTrace } from './test-trace.fixture.js';
import { PerfettoTraceWriter } from './writer.js';
import { PerfettoTrackEventType } from './fields.js';

const { Root, Type, Field } = protobuf;

function perfettoSchema(): protobuf.Type {
  const t = (name: string, fields: [name: string, id: number, type: string, rule?: 'repeated'][]) => {
    const type = new Type(name);
    for (const [n, id, ty, rule] of fields) type.add(new Field(n, id, ty, rule));
    return type;
  };
  const root = new Root();
  root.add(t('EventName', [['iid', 1, 'uint64'], ['name', 2, 'string']]));
  root.add(t('InternedData', [['event_categories', 1, 'EventName', 'repeated'], ['event_names', 2, 'EventName', 'repeated']]));
  root.add(t('TrackEventDefaults', [['track_uuid', 11, 'uint64'], ['extra_counter_track_uuids', 31, 'uint64', 'repeated']]));
  root.add(t('TracePacketDefaults', [['timestamp_clock_id', 58, 'uint32'], ['track_event_defaults', 11, 'TrackEventDefaults']]));
  root.add(t('DebugAnnotation', [['name', 10, 'string'], ['bool_value', 2, 'bool'], ['int_value', 4, 'int64'], ['double_value', 5, 'double'], ['string_value', 6, 'string']]));
  root.add(
    t('TrackEvent', [
      ['type', 9, 'int32'],
      ['track_uuid', 11, 'uint64'],
      ['name', 23, 'string'],
      ['name_iid', 10, 'uint64'],
      ['categories', 22, 'string', 'repeated'],
      ['counter_value', 30, 'int64'],
      ['double_counter_value', 44, 'double'],
      ['debug_annotations', 4, 'DebugAnnotation', 'repeated'],
      // perfetto.md §2.3; google/perfetto protos/perfetto/trace/track_event/track_event.proto.
      ['extra_counter_track_uuids', 31, 'uint64', 'repeated'],
      ['extra_counter_values', 12, 'int64', 'repeated'],
    ]),
  );
  root.add(t('ProcessDescriptor', [['pid', 1, 'int32'], ['cmdline', 2, 'string', 'repeated'], ['process_name', 6, 'string']]));
  root.add(t('ThreadDescriptor', [['pid', 1, 'int32'], ['tid', 2, 'int64'], ['thread_name', 5, 'string']]));
  root.add(
    t('CounterDescriptor', [
      ['type', 1, 'int32'],
      ['unit', 3, 'int32'],
      ['unit_multiplier', 4, 'int64'],
      ['is_incremental', 5, 'bool'],
      ['unit_name', 6, 'string'],
      ['y_axis_share_key', 7, 'string'],
    ]),
  );
  root.add(
    t('TrackDescriptor', [
      ['uuid', 1, 'uint64'],
      ['parent_uuid', 5, 'uint64'],
      ['name', 2, 'string'],
      ['description', 14, 'string'],
      ['process', 3, 'ProcessDescriptor'],
      ['thread', 4, 'ThreadDescriptor'],
      ['counter', 8, 'CounterDescriptor'],
    ]),
  );
  root.add(t('PrintFtraceEvent', [['ip', 1, 'uint64'], ['buf', 2, 'string']]));
  root.add(t('CpuFrequencyFtraceEvent', [['state', 1, 'uint32'], ['cpu_id', 2, 'uint32']]));
  root.add(
    t('FtraceEvent', [
      ['timestamp', 1, 'uint64'],
      ['pid', 2, 'uint32'],
      ['print', 3, 'PrintFtraceEvent'],
      ['cpu_frequency', 11, 'CpuFrequencyFtraceEvent'],
    ]),
  );
  root.add(t('FtraceEventBundle', [['cpu', 1, 'uint32'], ['event', 2, 'FtraceEvent', 'repeated']]));
  root.add(
    t('BatteryCounters', [
      ['charge_counter_uah', 1, 'int64'],
      ['capacity_percent', 2, 'float'],
      ['current_ua', 3, 'int64'],
      ['current_avg_ua', 4, 'int64'],
      ['name', 5, 'string'],
      ['energy_counter_uwh', 6, 'int64'],
      ['voltage_uv', 7, 'int64'],
    ]),
  );
  root.add(t('RailDescriptor', [['index', 1, 'uint32'], ['rail_name', 2, 'string'], ['subsys_name', 3, 'string'], ['sampling_rate', 4, 'uint32']]));
  root.add(t('EnergyData', [['index', 1, 'uint32'], ['timestamp_ms', 2, 'uint64'], ['energy', 3, 'uint64']]));
  root.add(t('PowerRails', [['rail_descriptor', 1, 'RailDescriptor', 'repeated'], ['energy_data', 2, 'EnergyData', 'repeated']]));
  root.add(t('Process', [['pid', 1, 'int32'], ['ppid', 2, 'int32'], ['cmdline', 3, 'string', 'repeated'], ['uid', 5, 'int32']]));
  root.add(t('Thread', [['tid', 1, 'int32'], ['name', 2, 'string'], ['tgid', 3, 'int32']]));
  root.add(t('ProcessTree', [['processes', 1, 'Process', 'repeated'], ['threads', 2, 'Thread', 'repeated']]));
  root.add(t('Clock', [['clock_id', 1, 'uint32'], ['timestamp', 2, 'uint64'], ['is_incremental', 3, 'bool'], ['unit_multiplier_ns', 4, 'uint64']]));
  root.add(t('ClockSnapshot', [['clocks', 1, 'Clock', 'repeated'], ['primary_trace_clock', 2, 'int32']]));
  root.add(
    t('TracePacket', [
      ['timestamp', 8, 'uint64'],
      ['timestamp_clock_id', 58, 'uint32'],
      ['trusted_packet_sequence_id', 10, 'uint32'],
      ['sequence_flags', 13, 'uint32'],
      ['interned_data', 12, 'InternedData'],
      ['trace_packet_defaults', 59, 'TracePacketDefaults'],
      ['ftrace_events', 1, 'FtraceEventBundle'],
      ['process_tree', 2, 'ProcessTree'],
      ['clock_snapshot', 6, 'ClockSnapshot'],
      ['track_event', 11, 'TrackEvent'],
      ['track_descriptor', 60, 'TrackDescriptor'],
      ['battery', 38, 'BatteryCounters'],
      ['power_rails', 40, 'PowerRails'],
    ]),
  );
  root.add(t('Trace', [['packet', 1, 'TracePacket', 'repeated']]));
  return root.lookupType('Trace');
}

type Json = Record<string, unknown>;

function decodeWithProtobufjs(bytes: Uint8Array): Json[] {
  const Trace = perfettoSchema();
  const object = Trace.toObject(Trace.decode(bytes), { longs: String, defaults: false }) as { packet?: Json[] };
  return object.packet ?? [];
}

describe('writer output, decoded by protobufjs', () => {
  const packets = decodeWithProtobufjs(writeTestTrace());
  const t = (ns: bigint) => String(T0 + ns);

  it('decodes every packet with sequence ids and clock snapshot', () => {
    expect(packets.length).toBe(21);
    expect(packets.every((p) => Number(p.trusted_packet_sequence_id) > 0)).toBe(true);
    expect(packets[0]).toMatchObject({
      timestamp: String(T0),
      sequence_flags: 1,
      clock_snapshot: { clocks: [{ clock_id: 6, timestamp: String(T0) }, { clock_id: 1, timestamp: '1700000000000000000' }], primary_trace_clock: 6 },
    });
  });

  it('has the process tree, ftrace prints in ATrace text and battery counters', () => {
    expect(packets[1]?.process_tree).toEqual({
      processes: [{ pid: 4242, ppid: 1, cmdline: ['/data/local/tmp/benchmark_model', '--graph=m.tflite'], uid: 2000 }],
      threads: [{ tid: 4243, name: 'tflite', tgid: 4242 }],
    });
    expect(packets[2]?.ftrace_events).toEqual({
      cpu: 2,
      event: [
        { timestamp: t(1000n), pid: 4243, print: { buf: 'B|4242|Invoke@0/0' } },
        { timestamp: t(1100n), pid: 4243, print: { buf: 'B|4242|CONV_2D@0/0' } },
        { timestamp: t(1500n), pid: 4243, print: { buf: 'E|4242' } },
        { timestamp: t(1600n), pid: 4243, print: { buf: 'E|4242' } },
        { timestamp: t(1700n), pid: 4243, cpu_frequency: { state: 1_800_000, cpu_id: 2 } },
      ],
    });
    expect(packets[3]?.battery).toEqual({
      charge_counter_uah: '3000000',
      capacity_percent: 87.5,
      current_ua: '-450000',
      voltage_uv: '4100000',
    });
    expect(packets[4]?.power_rails).toEqual({
      rail_descriptor: [{ index: 0, rail_name: 'S4M_VDD_CPUCL0', subsys_name: 'CPU', sampling_rate: 1000 }],
      energy_data: [{ index: 0, timestamp_ms: String(T0 / 1_000_000n), energy: '123456789' }],
    });
  });

  it('has track descriptors with process, thread, counter unit and y-axis share key', () => {
    const tracks = packets.filter((p) => p.track_descriptor).map((p) => p.track_descriptor);
    expect(tracks).toEqual([
      { uuid: '1', name: 'Tetherscope (virtual)', process: { pid: 4242, process_name: 'benchmark_model' } },
      { uuid: '2', parent_uuid: '1', name: 'tflite thread', thread: { pid: 4242, tid: '4243', thread_name: 'tflite' } },
      {
        uuid: '10',
        parent_uuid: '1',
        name: 'Power',
        description: 'Battery power draw',
        counter: { unit_name: 'mW', y_axis_share_key: 'power' },
      },
      { uuid: '11', parent_uuid: '1', name: 'Latency', counter: { unit: 1, unit_multiplier: '1000' } },
      { uuid: '20', parent_uuid: '1', name: 'NPU inferences' },
    ]);
  });

  it('has slices with interned names, sequence flags and the default track', () => {
    const events = packets.filter((p) => p.track_event);
    const first = events[0];
    expect(first).toMatchObject({
      timestamp: t(10_000n),
      sequence_flags: 3,
      trace_packet_defaults: { track_event_defaults: { track_uuid: '20' } },
      interned_data: { event_names: [{ iid: '1', name: 'Invoke' }] },
      track_event: { type: 1, name_iid: '1' },
    });
    expect(first?.track_event).not.toHaveProperty('track_uuid');
    expect(events[1]).toMatchObject({
      sequence_flags: 2,
      interned_data: { event_names: [{ iid: '2', name: 'CONV_2D' }] },
      track_event: {
        type: 1,
        name_iid: '2',
        categories: ['tflite'],
        debug_annotations: [
          { name: 'node', int_value: '0' },
          { name: 'ratio', double_value: 0.5 },
          { name: 'delegated', bool_value: true },
          { name: 'path', string_value: 'npu' },
          { name: 'big', int_value: String(2n ** 40n) },
        ],
      },
    });
    expect(events[2]).toMatchObject({ timestamp: t(10_900n), sequence_flags: 2, track_event: { type: 2 } });
    // The second Invoke reuses iid 1 and defines nothing.
    expect(events[4]).toMatchObject({ track_event: { type: 1, name_iid: '1' } });
    expect(events[4]).not.toHaveProperty('interned_data');
  });

  it('has instants and counters on the right tracks', () => {
    const events = packets.filter((p) => p.track_event).map((p) => p.track_event as Json);
    expect(events[6]).toEqual({ type: 3, name_iid: '3' });
    expect(events[7]).toEqual({ type: 4, track_uuid: '10', double_counter_value: 1234.5 });
    expect(events[8]).toEqual({ type: 4, track_uuid: '11', counter_value: '1000000' });
    expect(events[9]).toEqual({ type: 1, track_uuid: '2', name_iid: '4' });
    expect(events[10]).toEqual({ type: 2, track_uuid: '2' });
  });

  it('decodes a long inference trace, at no more than 40 bytes per inference', () => {
    const sink = new ProtoMemorySink();
    const writer = new PerfettoTraceWriter(sink);
    const seq = writer.openSequence({ defaultTrackUuid: 1n });
    seq.trackDescriptor({ uuid: 1n, name: 'CPU inferences' });
    const start = writer.bytesWritten;
    const n = 10_000;
    for (let i = 0; i < n; i++) {
      const ts = T0 + BigInt(i) * 5_000_000n;
      seq.sliceBegin(ts, 'Invoke');
      seq.sliceEnd(ts + 4_000_000n);
    }
    const perInference = (writer.bytesWritten - start) / n;
    writer.close();
    expect(perInference).toBeLessThanOrEqual(40);
    const decoded = decodeWithProtobufjs(sink.concat());
    expect(decoded.length).toBe(1 + 2 * n);
    expect(decoded[2 * n - 1]?.timestamp).toBe(String(T0 + BigInt(n - 1) * 5_000_000n));
    expect(decoded[2 * n]).toMatchObject({ timestamp: String(T0 + BigInt(n - 1) * 5_000_000n + 4_000_000n), track_event: { type: 2 } });
  });
});

describe('incremental-clock output, decoded by protobufjs', () => {
  const sink = new ProtoMemorySink();
  const writer = new PerfettoTraceWriter(sink);
  const seq = writer.openSequence({ sequenceId: 9, incrementalClock: { clockId: 64, referenceNs: T0 }, defaultTrackUuid: 1n, defaultExtraCounterTrackUuids: [2n] });
  seq.sliceBegin(100_000, 'Inference', { extraCounterValues: [1_900_000] });
  seq.sliceEnd(2_000_000);
  seq.setTrackEventDefaults({ trackUuid: 3n, extraCounterTrackUuids: [4n] });
  seq.sliceBegin(2_050_000, 'Inference', { trackUuid: 3n, extraCounterTrackUuids: [4n], extraCounterValues: [-5] });
  seq.instant(10, 'before', { trackUuid: 7n });
  writer.close();
  const packets = decodeWithProtobufjs(sink.concat());

  it('opens with a snapshot of an incremental sequence clock and BOOTTIME, with the clock in the defaults', () => {
    expect(packets[0]).toEqual({
      trusted_packet_sequence_id: 9,
      sequence_flags: 1,
      clock_snapshot: { clocks: [{ clock_id: 64, timestamp: String(T0), is_incremental: true }, { clock_id: 6, timestamp: String(T0) }] },
      trace_packet_defaults: { timestamp_clock_id: 64, track_event_defaults: { track_uuid: '1', extra_counter_track_uuids: ['2'] } },
    });
  });

  it('carries deltas and the latency on the slice itself, one field per value', () => {
    const { SLICE_BEGIN, SLICE_END, INSTANT } = PerfettoTrackEventType;
    expect(packets.slice(1).map((p) => [p.timestamp, p.timestamp_clock_id, p.track_event])).toEqual([
      ['100000', undefined, { type: SLICE_BEGIN, name_iid: '1', extra_counter_values: ['1900000'] }],
      ['1900000', undefined, { type: SLICE_END }],
      ['50000', undefined, { type: SLICE_BEGIN, name_iid: '1', extra_counter_values: ['-5'] }],
      [String(T0 + 10n), 6, { type: INSTANT, track_uuid: '7', name_iid: '2' }],
    ]);
    expect(packets[3]?.trace_packet_defaults).toEqual({ timestamp_clock_id: 64, track_event_defaults: { track_uuid: '3', extra_counter_track_uuids: ['4'] } });
  });
});
