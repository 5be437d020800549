// The telemetry side through the real adb server: Tetherscope's facts script, conditions and restore scripts,
// getprop / dumpsys / service / settings through the project's parsers, and the sampler loop at 50 Hz over
// adbkit with no process per sample, showing each profile's battery quirks (sign, unit) and its 1 Hz gauge.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatteryResult } from '../../src/shared/tool-output/battery.js';
import type { GetpropResult } from '../../src/shared/tool-output/getprop.js';
import type { ThermalserviceResult } from '../../src/shared/tool-output/thermalservice.js';
import { restorePhone } from '../../src/main/capture/capture-engine.js';
import { applyConditions } from '../../src/main/capture/conditions.js';
import { readAndroidFacts, type AndroidFacts } from '../../src/main/devices/android/device-facts.js';
import { runShell } from '../../src/main/devices/android/shell.js';
import { streamShell } from '../../src/main/devices/android/shell-stream.js';
import { calibrateBatteryCurrent, detectUpdateRateHz } from '../../src/main/telemetry/calibration/battery-current.js';
import { parseBattery } from '../../src/main/telemetry/parsers/battery.js';
import { parseGetprop } from '../../src/main/telemetry/parsers/getprop.js';
import { parseThermalservice } from '../../src/main/telemetry/parsers/thermalservice.js';
import { parseSamplerLine, type SamplerSample } from '../../src/main/telemetry/sampler/sampler-lines.js';
import { SAMPLER_PIDFILE, samplerScript } from '../../src/main/telemetry/sampler/sampler-script.js';
import type { RunningVirtualPhone } from '../../src/main/devices/virtual/virtual-phone.js';
import { type Rig, WORK, startRig } from './virtual-tools-shared.js';

const ADB_PORT = 15056;
const FACTS_KEYS = [
  'ro.product.manufacturer', 'ro.product.model', 'ro.product.name', 'ro.product.device', 'ro.soc.manufacturer', 'ro.soc.model',
  'ro.board.platform', 'ro.hardware', 'ro.build.version.sdk', 'ro.build.version.release', 'ro.product.cpu.abi',
  'ro.product.cpu.abilist', 'ro.build.type', 'ro.debuggable', 'ro.tetherscope.virtual',
];

describe('telemetry on the virtual phones', () => {
  let rig: Rig;
  let flagship: RunningVirtualPhone;
  let midrange: RunningVirtualPhone;
  let budget: RunningVirtualPhone;
  const facts = new Map<RunningVirtualPhone, AndroidFacts>();

  beforeAll(async () => {
    rig = await startRig(ADB_PORT, [{ profile: 'flagship' }, { profile: 'midrange', battery: 'unplugged' }, { profile: 'budget', battery: 'unplugged' }]);
    [flagship, midrange, budget] = rig.phones as [RunningVirtualPhone, RunningVirtualPhone, RunningVirtualPhone];
    for (const phone of rig.phones) {
      await rig.shell(phone, `mkdir -p ${WORK} && chmod 755 ${WORK}`);
      facts.set(phone, await readAndroidFacts(rig.device(phone), phone.serial));
    }
  });

  afterAll(async () => {
    await rig?.stop();
  });

  const sh = async (phone: RunningVirtualPhone, script: string): Promise<string> =>
    (await runShell(rig.device(phone), phone.serial, script, { timeoutMs: 20_000, what: 'a test command' })).stdout;

  it('answers the facts script: identity, refresh rate, NNAPI devices and readable sources per profile', () => {
    const f = facts.get(flagship)!;
    expect(f.virtual).toBe(true);
    expect(f.facts).toMatchObject({ model: 'Virtual Flagship', sdk: 34, abi: 'arm64-v8a', refreshRateHz: 120 });
    expect([...f.facts.accelerators].sort()).toEqual(['qti-default', 'qti-dsp', 'qti-gpu']);
    expect(f.buildType).toBe('user');
    expect(f.debuggable).toBe(false);
    expect(f.sources.batteryCurrent).toBe('/sys/class/power_supply/battery/current_now');
    expect(f.sources.thermalZones.length).toBeGreaterThan(3);
    expect(f.sources.cpuFreq).toHaveLength(8);
    expect(f.sources.gpuFreq).toBe('/sys/class/kgsl/kgsl-3d0/gpuclk');
    expect(f.sources.powerRails).toBe(false);
    const m = facts.get(midrange)!;
    expect(m.facts).toMatchObject({ refreshRateHz: 90 });
    expect([...m.facts.accelerators].sort()).toEqual(['mtk-gpu_shim', 'mtk-neuron_shim']);
    expect([m.buildType, m.debuggable]).toEqual(['userdebug', true]);
    expect(m.sources.gpuFreq).toBe('/sys/class/misc/mali0/device/cur_freq');
    const b = facts.get(budget)!;
    expect(b.facts).toMatchObject({ refreshRateHz: 60, accelerators: ['mtk-dsp_shim'], sdk: 31 });
    expect([b.buildType, b.debuggable]).toEqual(['user', false]);
  });

  it('prints getprop, dumpsys battery, dumpsys thermalservice and service list as the parsers expect', async () => {
    for (const phone of rig.phones) {
      const props = parseGetprop(await sh(phone, 'getprop')) as GetpropResult;
      expect(props.kind).toBe('getprop');
      for (const key of FACTS_KEYS) expect(props.properties[key], key).toBeTruthy();
      expect(props.properties['ro.tetherscope.virtual']).toBe('1');
      expect(props.debuggable).toBe(phone === midrange);
      const thermal = parseThermalservice(await sh(phone, 'dumpsys thermalservice')) as ThermalserviceResult;
      expect(thermal).toMatchObject({ kind: 'thermalservice', status: 0, hal_ready: true, format: 'android11+', temperatures_source: 'current' });
      expect(thermal.temperatures.some((t) => t.type_name === 'SKIN' && t.celsius !== null && t.celsius > 20)).toBe(true);
      expect(thermal.thresholds[0]?.hot.slice(1, 3)).toEqual(phone === flagship ? [39, 43] : phone === midrange ? [40, 43] : [40, 44]);
    }
    const plugged = parseBattery(await sh(flagship, 'dumpsys battery')) as BatteryResult;
    expect(plugged).toMatchObject({ kind: 'battery', plugged: 'usb', status: 'charging', scale: 100, present: true, max_charging_current_ua: 500000 });
    expect(await sh(flagship, 'dumpsys battery')).toContain('  USB powered: true\n');
    const unplugged = parseBattery(await sh(budget, 'dumpsys battery')) as BatteryResult;
    expect(unplugged).toMatchObject({ plugged: null, status: 'discharging' });
    expect(unplugged.voltage_mv).toBeGreaterThan(3400);
    // `dumpsys battery unplug` changes what the framework says, not the current that flows.
    await sh(flagship, 'dumpsys battery unplug');
    const frozen = await sh(flagship, 'dumpsys battery');
    expect(frozen).toContain("(UPDATES STOPPED -- use 'reset' to restart)");
    expect((parseBattery(frozen) as BatteryResult).plugged).toBeNull();
    expect(flagship.phone.model.battery.charger).toBe('usb');
    await sh(flagship, 'dumpsys battery reset');
    const services = await sh(flagship, 'service list');
    expect(services).toMatch(/^Found \d+ services:$/m);
    expect(services).toMatch(/^\d+\tandroid\.hardware\.neuralnetworks\.IDevice\/qti-dsp: \[android\.hardware\.neuralnetworks\.IDevice\]$/m);
    expect(await sh(flagship, 'dumpsys display | grep -E "renderFrameRate|mActiveSfDisplayMode" | grep -c 120.0')).toBe('2\n');
  });

  it('keeps settings, takes input keyevents, prints the date logcat -T wants, and restores what the engine changed', async () => {
    expect(await sh(flagship, 'settings get global stay_on_while_plugged_in')).toBe('null\n');
    const applied = await applyConditions(rig.device(flagship), flagship.serial);
    expect(applied).toEqual({ screenKeptOn: true, batterySaverOff: true, notes: [] });
    expect(await sh(flagship, 'settings get global stay_on_while_plugged_in; settings get global low_power')).toBe('7\n0\n');
    expect(await sh(flagship, "date '+%m-%d %H:%M:%S.000'")).toMatch(/^\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.000\n$/);
    await restorePhone(rig.device(flagship), flagship.serial, false);
    expect(await sh(flagship, 'settings get global stay_on_while_plugged_in')).toBe('null\n');
    expect(await sh(flagship, 'settings put global x 5; settings get global x; settings delete global x; settings get global x')).toBe('5\nDeleted 1 rows\nnull\n');
  });

  it('runs the sampler at 50 Hz with no process per sample; each profile’s current_now quirk shows', async () => {
    const run = async (phone: RunningVirtualPhone) => {
      const sources = [facts.get(phone)!.sources.batteryCurrent!, ...facts.get(phone)!.sources.thermalZones.slice(0, 2), facts.get(phone)!.sources.cpuFreq[0]!];
      const samples: SamplerSample[] = [];
      let spawnsAtFirst = -1;
      const stream = await streamShell(rig.device(phone), samplerScript({ sources, rateHz: 50, workDir: WORK }), {
        exitStatus: false,
        onLine: (line) => {
          const parsed = parseSamplerLine(line);
          if (parsed.type !== 'sample') return;
          if (samples.length === 0) spawnsAtFirst = phone.phone.spawnCount;
          samples.push(parsed.sample);
        },
      });
      await new Promise((r) => setTimeout(r, 3500));
      const spawnsAtEnd = phone.phone.spawnCount;
      await sh(phone, `read -r p <${WORK}/${SAMPLER_PIDFILE}; kill "$p"`);
      stream.stop();
      return { samples, spawns: spawnsAtEnd - spawnsAtFirst };
    };
    const [f, m, b] = await Promise.all([run(flagship), run(midrange), run(budget)]);
    for (const r of [f, m, b]) {
      expect(r.spawns).toBe(0);
      const spanS = (r.samples.at(-1)!.realtimeUs - r.samples[0]!.realtimeUs) / 1e6;
      expect(r.samples.length / spanS).toBeGreaterThan(38);
      expect(r.samples.length / spanS).toBeLessThan(55);
      // uptime (10 ms resolution, read just after $EPOCHREALTIME) and $EPOCHREALTIME move together: the
      // least-delayed sample of each half gives the same offset.
      const offsets = r.samples.map((s) => s.realtimeUs / 1e6 - s.uptimeUs! / 1e6);
      const half = offsets.length >> 1;
      expect(Math.abs(Math.max(...offsets.slice(0, half)) - Math.max(...offsets.slice(half)))).toBeLessThan(0.011);
      // The fuel gauge publishes about once a second, whatever the polling rate.
      const rate = detectUpdateRateHz(r.samples.map((s) => s.realtimeUs), r.samples.map((s) => s.values[0] ?? null));
      expect(rate).not.toBeNull();
      expect(rate!).toBeGreaterThan(0.6);
      expect(rate!).toBeLessThan(1.6);
    }
    // The last two seconds: the gauge lags, so readings from before a phone was unplugged may linger a moment.
    const current = (r: typeof f): number[] => {
      const end = r.samples.at(-1)!.realtimeUs;
      return r.samples.filter((s) => s.realtimeUs > end - 2_000_000).map((s) => s.values[0]!).filter((v) => Number.isFinite(v));
    };
    // flagship: kernel convention, µA; on USB with a light load the battery charges (positive).
    expect(calibrateBatteryCurrent(current(f), false)).toMatchObject({ unit: 'uA', inverted: false, unusable: null });
    expect(Math.min(...current(f))).toBeGreaterThan(5000);
    // midrange, unplugged: milliamps, negative while discharging.
    expect(current(m).every((v) => v < 0 && v > -5000)).toBe(true);
    expect(calibrateBatteryCurrent(current(m), true)).toMatchObject({ unit: 'mA', inverted: false });
    // budget, unplugged: microamps with the sign inverted (positive while discharging).
    expect(current(b).every((v) => v > 5000)).toBe(true);
    expect(calibrateBatteryCurrent(current(b), true)).toMatchObject({ unit: 'uA', inverted: true });
  });
});
