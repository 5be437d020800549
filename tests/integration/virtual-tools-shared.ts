// Shared by the virtual-tools-*.test.ts files: a private adb server with virtual phones on it, the adb CLI
// with stdout and stderr kept apart (shell protocol v2), adbkit clients, and the stand-in files to push.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { adbkit, type AdbkitDeviceClient } from '../../src/main/devices/android/adbkit.js';
import { pushToPhone } from '../../src/main/devices/android/transfer.js';
import { startVirtualPhone, type RunningVirtualPhone, type StartVirtualPhoneOptions } from '../../src/main/devices/virtual/virtual-phone.js';
import { startPrivateAdbServer, type PrivateAdbServer } from './helpers/adb-server.js';

export const BENCHMARK_BINARY = fileURLToPath(new URL('../../resources/virtual-phone/benchmark_model', import.meta.url));
export const BENCHMARK_APK = fileURLToPath(new URL('../../resources/virtual-phone/benchmark_model.apk', import.meta.url));
export const modelFile = (name: string): string => fileURLToPath(new URL(`../../resources/models/${name}.tflite`, import.meta.url));

/** Where the tests keep things on a phone (the capture engine's own layout). */
export const WORK = '/data/local/tmp/tetherscope';

export interface Rig {
  readonly server: PrivateAdbServer;
  readonly phones: RunningVirtualPhone[];
  device(phone: RunningVirtualPhone): AdbkitDeviceClient;
  /** `adb shell` through the CLI: separate stdout and stderr, and the exit status. */
  shell(phone: RunningVirtualPhone, command: string, timeoutMs?: number): Promise<{ stdout: string; stderr: string; code: number }>;
  /** Pushes a host file (or bytes) with a mode. */
  push(phone: RunningVirtualPhone, source: string | Buffer, remote: string, mode?: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startRig(adbPort: number, phones: readonly StartVirtualPhoneOptions[]): Promise<Rig> {
  const server = await startPrivateAdbServer(adbPort);
  const started: RunningVirtualPhone[] = [];
  const client = adbkit.Adb.createClient({ port: adbPort });
  const rig: Rig = {
    server,
    phones: started,
    device: (phone) => client.getDevice(phone.serial),
    shell: (phone, command, timeoutMs = 30_000) =>
      new Promise((resolve) => {
        execFile('adb', ['-P', String(adbPort), '-s', phone.serial, 'shell', command], { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
          const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
          resolve({ stdout, stderr, code });
        });
      }),
    push: async (phone, source, remote, mode = 0o644) => {
      const data = typeof source === 'string' ? readFileSync(source) : source;
      await pushToPhone(client.getDevice(phone.serial), phone.serial, data, remote, { mode, stallMs: 20_000 });
    },
    async stop() {
      for (const phone of started) await phone.stop().catch(() => undefined);
      await server.stop();
    },
  };
  try {
    for (const options of phones) started.push(await startVirtualPhone({ ...options, adbPort }));
  } catch (error) {
    await rig.stop();
    throw error;
  }
  return rig;
}

/** Pushes the stand-in binary and a sample model the way the capture engine lays them out. */
export async function deployBenchmark(rig: Rig, phone: RunningVirtualPhone, model = 'mobilenet-mini'): Promise<{ binary: string; model: string }> {
  await rig.shell(phone, `mkdir -p ${WORK}/models && chmod 755 ${WORK} ${WORK}/models`);
  await rig.push(phone, BENCHMARK_BINARY, `${WORK}/benchmark_model`, 0o755);
  await rig.push(phone, modelFile(model), `${WORK}/models/${model}.tflite`, 0o644);
  return { binary: `${WORK}/benchmark_model`, model: `${WORK}/models/${model}.tflite` };
}

// The line catalogue of benchmark-tools.md §2.5, §2.6 and §9, written out here independently of the parser.
const NUM = String.raw`([-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?|nan|-?inf)`;
const CATALOGUE: readonly RegExp[] = [
  /^STARTING!$/,
  /^Log parameter values verbosely: \[[01]\]$/,
  /^([A-Za-z#][^:[]*?) ?: \[(.*)\]$/,
  /^NNAPI accelerators available: \[(.*)\]$/,
  /^Loaded model (.+)$/,
  /^Initialized TensorFlow Lite runtime\.$/,
  /^Created TensorFlow Lite delegate for (?:GPU|NNAPI)\.$/,
  /^Created TensorFlow Lite XNNPACK delegate for CPU\.$/,
  /^(\S+) delegate created\.$/,
  /^Explicitly applied (\S+) delegate, and the model graph will be (completely|partially) executed by the delegate(?: w\/ (\d+) delegate kernels)?\.$/,
  /^Though (\S+) delegate is explicitly applied, the model graph will not be executed by the delegate\.$/,
  /^Failed to apply (\S+) delegate\.$/,
  /^Replacing (\d+)(?: out of (\d+))? node\(s\) with delegate \((.+?)\) node, yielding (\d+) partitions(?: for the whole graph| for subgraph (\d+)(?: \((.*)\))?)?\.$/,
  /^Initialized OpenCL-based API\.$/,
  /^Created (\d+) GPU delegate kernels\.$/,
  /^(?:(\d+) operations will run on the GPU, and the remaining (\d+) operations will run on the CPU|No operations will run on the GPU, and all (\d+) operations will run on the CPU)\.$/,
  new RegExp(String.raw`^The input model file size \(MB\): ${NUM}$`),
  new RegExp(String.raw`^Initialized session in ${NUM} ?ms\.?$`),
  new RegExp(String.raw`^Running benchmark for at least (\d+) iterations and at least ${NUM} seconds(?: but terminate if exceeding ${NUM} seconds)?\.?$`),
  new RegExp(String.raw`^count=(\d+)(?: first=(-?\d+))?(?: curr=(-?\d+))?(?:\(all same\))?(?: min=(-?\d+) max=(-?\d+) avg=${NUM} std=(\d+))?(?: p5=(-?\d+) median=(-?\d+) p95=(-?\d+))?$`),
  new RegExp(String.raw`^Inference timings in us: Init: (\d+), First inference: ${NUM}, Warmup \(avg\): ${NUM}, Inference \(avg\): ${NUM}$`),
  /^Note: as the benchmark tool itself affects memory footprint, the following is only APPROXIMATE to the actual memory footprint of the model at runtime\. Take the information at your discretion\.$/,
  new RegExp(String.raw`^(?:Memory footprint delta from the start of the tool|Peak memory footprint) \(MB\): init=${NUM} overall=${NUM}\s*$`),
  /^Benchmarking failed\.$/,
  /^Disallowed CPU fallback detected\.$/,
  /^Node number (\d+) \((.+?)\) failed to (prepare|invoke)\.$/,
  /^Restored original execution plan after delegate application failure\.$/,
  /^Could not find the specified NNAPI accelerator: (.*)\. Must be one of: \{(.*)\}\.$/,
  /^Failed to load model (.+)$/,
  /^Could not open '(.+)'\.$/,
  /^(Profiling Info for Benchmark Initialization|Operator-wise Profiling Info for Regular Benchmark Runs):$/,
  /^={30} (Run Order|Top by Computation Time|Top by Memory Use|Summary by node type) ={30}$/,
  /^Number of nodes executed: (\d+)$/,
  /^(?:Subgraph \(index: (\d+), name: (.*?)\) )?Timings \(microseconds\): (count=.*)$/,
  /^Memory \(bytes\): (count=.*)$/,
  /^(\d+) nodes observed$/,
];
const GPU_HEADER = /^(?:Following|Next) operations are not supported by GPU delegate:\s*$/;
const GPU_OP = /^([A-Za-z0-9_]+): ?(.*)$/;
const GPU_COUNT = /^(?:(\d+) operations will run on the GPU|No operations will run on the GPU)/;
const PREFIX = /^(?:INFO|WARN|WARNING|ERROR|VERBOSE|FATAL|DEBUG): /;

/** Lines (after the severity prefix) that match no format of the catalogue; [] when every line is known. */
export function uncataloguedLines(text: string): string[] {
  const problems: string[] = [];
  let inGpuReport = false;
  for (const raw of text.split('\n')) {
    if (raw.trim() === '') continue;
    if (raw.startsWith('\t')) {
      // op-profile table header or row: tab-separated fields (§2.7)
      if (raw.split('\t').length < 8) problems.push(raw);
      continue;
    }
    const line = raw.replace(PREFIX, '');
    if (GPU_HEADER.test(line)) {
      inGpuReport = true;
      continue;
    }
    if (inGpuReport && GPU_COUNT.test(line)) inGpuReport = false;
    else if (inGpuReport && GPU_OP.test(line)) continue;
    if (!CATALOGUE.some((re) => re.test(line))) problems.push(raw);
  }
  return problems;
}
