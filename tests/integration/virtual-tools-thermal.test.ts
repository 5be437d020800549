// Heat: a long CPU run on the flagship (thermal time sped up 40× through the documented knob) warms the skin
// past the first throttling threshold. dumpsys thermalservice's status and cooling devices rise, the CPU
// frequency cap and the thermal zones follow, and the latencies the tool measures grow with the throttling.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TfliteGraphBuilder } from '../../src/shared/formats/tflite/graph-builder.js';
import { TfliteActivation, TflitePadding } from '../../src/shared/formats/tflite/options.js';
import { writeTfliteModel } from '../../src/shared/formats/tflite/writer.js';
import type { BenchmarkModelResult } from '../../src/shared/tool-output/benchmark-model.js';
import type { ThermalserviceResult } from '../../src/shared/tool-output/thermalservice.js';
import { runShell } from '../../src/main/devices/android/shell.js';
import { parseBenchmarkModel } from '../../src/main/runners/tflite/benchmark-model-parser.js';
import { parseThermalservice } from '../../src/main/telemetry/parsers/thermalservice.js';
import type { RunningVirtualPhone } from '../../src/main/devices/virtual/virtual-phone.js';
import { BENCHMARK_BINARY, type Rig, WORK, startRig } from './virtual-tools-shared.js';

const ADB_PORT = 15058;

/** Three 3×3 convolutions over 48×48×32: ~64 M MACs, a couple of milliseconds on four big cores. */
function convStack(): Uint8Array {
  const g = new TfliteGraphBuilder();
  let x = g.input('input', [1, 48, 48, 32]);
  for (let i = 0; i < 3; i++) {
    const weights = g.constant(`conv${i}/weights`, [32, 3, 3, 32], new Float32Array(32 * 9 * 32).fill(0.01));
    const bias = g.constant(`conv${i}/bias`, [32], new Float32Array(32));
    const out = g.tensor(`conv${i}`, [1, 48, 48, 32]);
    g.op({ op: 'CONV_2D', inputs: [x, weights, bias], outputs: [out], options: { padding: TflitePadding.SAME, strideW: 1, strideH: 1, fusedActivationFunction: TfliteActivation.RELU } });
    x = out;
  }
  return writeTfliteModel({ description: 'conv stack', subgraphs: [g.build([x], 'main')] });
}

describe('a phone that heats up', () => {
  let rig: Rig;
  let phone: RunningVirtualPhone;

  beforeAll(async () => {
    rig = await startRig(ADB_PORT, [{ profile: 'flagship', thermalSpeed: 40 }]);
    phone = rig.phones[0]!;
    await rig.shell(phone, `mkdir -p ${WORK}/models && chmod 755 ${WORK} ${WORK}/models`);
    await rig.push(phone, BENCHMARK_BINARY, `${WORK}/benchmark_model`, 0o755);
    await rig.push(phone, Buffer.from(convStack()), `${WORK}/models/conv.tflite`);
  });

  afterAll(async () => {
    await rig?.stop();
  });

  const sh = async (script: string): Promise<string> =>
    (await runShell(rig.device(phone), phone.serial, script, { timeoutMs: 30_000, what: 'a test command' })).stdout;
  const bench = async (flags: string): Promise<BenchmarkModelResult> =>
    parseBenchmarkModel(await sh(`${WORK}/benchmark_model --graph=${WORK}/models/conv.tflite --num_threads=4 --use_xnnpack=true ${flags} 2>&1`)) as BenchmarkModelResult;

  it('throttles step by step, visible in thermalservice, thermal zones, cpufreq caps and latencies', async () => {
    const zone = (await sh('for z in /sys/class/thermal/thermal_zone*; do read -r t <$z/type; [ "$t" = skin-therm ] && echo $z; done')).trim();
    const capPath = '/sys/devices/system/cpu/cpu7/cpufreq/scaling_max_freq';
    const read = async (): Promise<{ status: number; cooling: number; cap: number; skin: number }> => {
      const dump = parseThermalservice(await sh('dumpsys thermalservice')) as ThermalserviceResult;
      const [cap, skin] = (await sh(`cat ${capPath} ${zone}/temp`)).trim().split('\n').map(Number);
      const cooling = dump.cooling_devices.find((d) => d.name === 'thermal-cpufreq-7')?.value ?? -1;
      return { status: dump.status ?? -1, cooling, cap: cap!, skin: skin! / 1000 };
    };
    const cold = await read();
    expect(cold).toMatchObject({ status: 0, cooling: 0, cap: 3187200 });
    const coldRun = await bench('--num_runs=60 --min_secs=0 --warmup_runs=1 --warmup_min_secs=0');

    const seen: Awaited<ReturnType<typeof read>>[] = [];
    let polling = true;
    const poller = (async () => {
      while (polling) {
        seen.push(await read());
        await new Promise((r) => setTimeout(r, 800));
      }
    })();
    const before = phone.phone.model.groundTruth.inferences().length;
    const long = await bench('--num_runs=1 --min_secs=9 --warmup_runs=1 --warmup_min_secs=0');
    polling = false;
    await poller;
    const hot = await read();
    const hotRun = await bench('--num_runs=60 --min_secs=0 --warmup_runs=1 --warmup_min_secs=0');

    expect(long.status).toBe('completed');
    // Status rose 0 → 1 (→ 2 …) during the run, never skipping back while the load lasted.
    const statuses = seen.map((s) => s.status);
    expect(Math.max(...statuses)).toBeGreaterThanOrEqual(1);
    expect(statuses).toEqual([...statuses].sort((a, b) => a - b));
    expect(hot.status).toBeGreaterThanOrEqual(1);
    expect(hot.cooling).toBe(hot.status);
    expect(hot.cap).toBeLessThan(cold.cap);
    expect(hot.skin).toBeGreaterThan(cold.skin + 8);

    // The same inferences ran slower once throttled, and the tool's own averages show it.
    const truth = phone.phone.model.groundTruth.inferences().slice(before).filter((t) => t.kind === 'regular');
    const mean = (xs: readonly { latencyUs: number }[]): number => xs.reduce((s, x) => s + x.latencyUs, 0) / xs.length;
    const unthrottled = truth.filter((t) => t.throttleStep === 0);
    const throttled = truth.filter((t) => t.throttleStep >= 1);
    expect(unthrottled.length).toBeGreaterThan(10);
    expect(throttled.length).toBeGreaterThan(10);
    expect(mean(throttled)).toBeGreaterThan(mean(unthrottled) * 1.1);
    expect(hotRun.inference_avg_us!).toBeGreaterThan(coldRun.inference_avg_us! * 1.1);
    expect(long.inference?.max_us).toBeGreaterThan(long.inference?.p5_us ?? Number.POSITIVE_INFINITY);
  });
});
