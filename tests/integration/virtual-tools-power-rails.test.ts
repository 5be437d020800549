// ODPM power rails through the real adb server: Tetherscope's facts script finds them on the virtual `pixel`
// and not on a phone without them, and the PowerStats HAL dump, read over adbkit, parses into the rails the
// device model holds, unmoved by USB charging.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAndroidFacts } from '../../src/main/devices/android/device-facts.js';
import { runShell } from '../../src/main/devices/android/shell.js';
import type { RunningVirtualPhone } from '../../src/main/devices/virtual/virtual-phone.js';
import { parsePowerStatsEnergyMeter } from '../../src/main/telemetry/parsers/power-stats.js';
import { type Rig, startRig } from './virtual-tools-shared.js';

const ADB_PORT = 15093;
const DUMP = 'dumpsys android.hardware.power.stats.IPowerStats/default';

describe('power rails on the virtual phones', () => {
  let rig: Rig;
  let pixel: RunningVirtualPhone;
  let flagship: RunningVirtualPhone;

  beforeAll(async () => {
    rig = await startRig(ADB_PORT, [{ profile: 'pixel' }, { profile: 'flagship' }]);
    [pixel, flagship] = rig.phones as [RunningVirtualPhone, RunningVirtualPhone];
  });

  afterAll(async () => {
    await rig?.stop();
  });

  const sh = async (phone: RunningVirtualPhone, script: string): Promise<string> =>
    (await runShell(rig.device(phone), phone.serial, script, { timeoutMs: 20_000, what: 'a test command' })).stdout;

  it('answers the facts script with power rails on the pixel profile only', async () => {
    const p = await readAndroidFacts(rig.device(pixel), pixel.serial);
    expect(p.virtual).toBe(true);
    expect(p.sources.powerRails).toBe(true);
    expect(p.facts).toMatchObject({ model: 'Virtual Pixel', sdk: 34, refreshRateHz: 120, accelerators: ['google-edgetpu'] });
    expect([p.buildType, p.debuggable]).toEqual(['user', false]);
    expect(p.sources.gpuFreq).toBe('/sys/class/misc/mali0/device/cur_freq');
    const f = await readAndroidFacts(rig.device(flagship), flagship.serial);
    expect(f.sources.powerRails).toBe(false);
  });

  it('dumps rails that parse into the model’s readings and do not move with the charger', async () => {
    const before = parsePowerStatsEnergyMeter(await sh(pixel, DUMP));
    expect(before.complete).toBe(true);
    expect(before.rails).toHaveLength(16);
    // Over the CLI, the HAL's "missing service" goes to stderr and nothing to stdout.
    const missing = await rig.shell(flagship, DUMP);
    expect([missing.stdout, missing.stderr]).toEqual(['', "Can't find service: android.hardware.power.stats.IPowerStats/default\n"]);

    const model = pixel.phone.model;
    const sum = (rails: { energyMws: number }[]): number => rails.reduce((s, r) => s + r.energyMws, 0);
    const fromNs = model.nowNs();
    pixel.phone.setCharger('none');
    await new Promise((resolve) => setTimeout(resolve, 700));
    pixel.phone.setCharger('usb');
    await new Promise((resolve) => setTimeout(resolve, 700));
    const after = parsePowerStatsEnergyMeter(await sh(pixel, DUMP));
    const toNs = model.nowNs();
    // Idle all along: the rails grew by the metered idle power, whatever the charger did; the window is
    // known to the driver's 250 ms refresh at each end.
    const grownJ = (sum(after.rails) - sum(before.rails)) / 1000;
    const meteredIdleW = model.groundTruth.meteredIdleW!;
    expect(grownJ).toBeGreaterThan(meteredIdleW * ((toNs - fromNs) / 1e9 - 0.6));
    expect(grownJ).toBeLessThan(meteredIdleW * ((toNs - fromNs) / 1e9 + 0.6));
  });
});
