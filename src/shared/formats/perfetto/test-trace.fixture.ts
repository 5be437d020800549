// A trace exercising every packet kind the writer emits; shared by the codec tests and the independent check.
import { PerfettoCounterUnit } from './fields.js';
import { ProtoMemorySink } from './proto/chunks.js';
import { PerfettoTraceWriter } from './writer.js';

export const T0 = 5n * 86_400n * 1_000_000_000n; // five days of uptime, in ns

export function writeTestTrace(options: { chunkBytes?: number } = {}): Uint8Array {
  const sink = new ProtoMemorySink();
  const writer = new PerfettoTraceWriter(sink, options);
  const device = writer.openSequence();
  device.clockSnapshot(T0, {
    clocks: [
      { clockId: 6, timestamp: T0 },
      { clockId: 1, timestamp: 1_700_000_000_000_000_000n },
    ],
    primaryTraceClock: 6,
  });
  device.processTree(T0, {
    processes: [{ pid: 4242, ppid: 1, cmdline: ['/data/local/tmp/benchmark_model', '--graph=m.tflite'], uid: 2000 }],
    threads: [{ tid: 4243, tgid: 4242, name: 'tflite' }],
  });
  device.ftraceEvents(2, [
    { timestamp: T0 + 1000n, pid: 4243, print: 'B|4242|Invoke@0/0' },
    { timestamp: T0 + 1100n, pid: 4243, print: 'B|4242|CONV_2D@0/0' },
    { timestamp: T0 + 1500n, pid: 4243, print: 'E|4242' },
    { timestamp: T0 + 1600n, pid: 4243, print: 'E|4242' },
    { timestamp: T0 + 1700n, pid: 4243, cpuFrequency: { state: 1_800_000, cpuId: 2 } },
  ]);
  device.battery(T0 + 2000n, {
    chargeCounterUah: 3_000_000,
    capacityPercent: 87.5,
    currentUa: -450_000n,
    voltageUv: 4_100_000,
  });
  device.powerRails(T0 + 2000n, {
    railDescriptors: [{ index: 0, railName: 'S4M_VDD_CPUCL0', subsysName: 'CPU', samplingRate: 1000 }],
    energyData: [{ index: 0, timestampMs: T0 / 1_000_000n, energy: 123_456_789n }],
  });

  const tracks = writer.openSequence();
  const process = { pid: 4242, processName: 'benchmark_model' };
  tracks.trackDescriptor({ uuid: 1n, name: 'Tetherscope (virtual)', process }, T0);
  const thread = { pid: 4242, tid: 4243, threadName: 'tflite' };
  tracks.trackDescriptor({ uuid: 2n, parentUuid: 1n, name: 'tflite thread', thread }, T0);
  tracks.trackDescriptor({
    uuid: 10n,
    parentUuid: 1n,
    name: 'Power',
    description: 'Battery power draw',
    counter: { unitName: 'mW', yAxisShareKey: 'power' },
  });
  const latency = { unit: PerfettoCounterUnit.TIME_NS, unitMultiplier: 1000 };
  tracks.trackDescriptor({ uuid: 11n, parentUuid: 1n, name: 'Latency', counter: latency });

  const npu = writer.openSequence({ defaultTrackUuid: 20n });
  tracks.trackDescriptor({ uuid: 20n, parentUuid: 1n, name: 'NPU inferences' });
  npu.sliceBegin(T0 + 10_000n, 'Invoke');
  const args = { node: 0, ratio: 0.5, delegated: true, path: 'npu', big: 2n ** 40n };
  npu.sliceBegin(T0 + 10_100n, 'CONV_2D', { categories: ['tflite'], args });
  npu.sliceEnd(T0 + 10_900n);
  npu.sliceEnd(T0 + 11_000n);
  npu.sliceBegin(T0 + 20_000n, 'Invoke');
  npu.sliceEnd(T0 + 21_000n);
  npu.instant(T0 + 21_500n, 'thermal throttling');
  npu.counter(T0 + 22_000n, 1234.5, 10n);
  npu.counter(T0 + 22_000n, 1_000_000n, 11n);
  npu.sliceBegin(T0 + 23_000n, 'on another track', { trackUuid: 2n });
  npu.sliceEnd(T0 + 24_000n, 2n);
  writer.close();
  return sink.concat();
}
