import { describe, expect, it } from 'vitest';
import { FACTS_SCRIPT, parseFactsOutput } from '../../../android/device-facts.js';
import { parsePowerStatsEnergyMeter } from '../../../../telemetry/parsers/power-stats.js';
import { VirtualPhone } from '../../phone/phone.js';
import { getVirtualPhoneProfile } from '../../phone/profiles.js';
import { POWER_STATS_SERVICE } from './power-stats-dump.js';

const DUMP = `dumpsys ${POWER_STATS_SERVICE}`;

describe('dumpsys IPowerStats on the virtual phones', () => {
  const pixel = new VirtualPhone(getVirtualPhoneProfile('pixel'), 'rails-pixel');

  it('prints the three sections in the HAL’s layout, the rails cumulative in mWs with two decimals', async () => {
    const { stdout, stderr } = await pixel.run(DUMP);
    expect(stderr).toBe('');
    const lines = stdout.split('\n');
    expect(lines.slice(0, 2)).toEqual(['', '============= PowerStats HAL 2.0 state residencies ==============']);
    const headers = lines.filter((l) => l.startsWith('=='));
    expect(headers).toEqual([
      '============= PowerStats HAL 2.0 state residencies ==============',
      '========== End of PowerStats HAL 2.0 state residencies ==========',
      '============= PowerStats HAL 2.0 energy consumers ==============',
      '========== End of PowerStats HAL 2.0 energy consumers ==========',
      '============= PowerStats HAL 2.0 energy meter ==============',
      '========== End of PowerStats HAL 2.0 energy meter ==========',
    ]);
    expect(stdout).toContain(`\n  ${'Channel'.padStart(32)}   ${'Cumulative Energy'.padStart(18)}\n`);
    expect(stdout).toMatch(/^ {2}\s*\[S4M_VDD_CPUCL0\]:CPU\(LITTLE\) {3}\s*\d+\.\d{2} mWs$/m);
    expect(stdout).toMatch(/^DISPLAY {6}: \s*\d+\.\d{2} mWs$/m);
    expect(stdout).toMatch(/^ {15}SoC {3}\s+ACTIVE {3}\s+\d+ ms {3}\s+1 {3}\s+0 ms$/m);
    const railLine = lines.find((l) => l.includes('[S2S_VDD_G3D]:GPU'))!;
    expect(railLine.indexOf(' mWs')).toBe(2 + 32 + 3 + 14);

    const meter = parsePowerStatsEnergyMeter(stdout);
    expect(meter.complete).toBe(true);
    expect(meter.rails.map((r) => `[${r.rail}]:${r.subsystem}`)).toEqual(
      pixel.profile.spec.powerRails!.rails.map((r) => `[${r.rail}]:${r.subsystem}`),
    );
    expect(meter.rails.find((r) => r.rail === 'S2M_VDD_CPUCL2')?.subsystem).toBe('CPU(BIG)');
    // Idle since the meter started 15 s after boot: the display rail's 0.35 W over about 5385 s.
    const display = meter.rails.find((r) => r.rail === 'VSYS_PWR_DISPLAY')!.energyMws;
    expect(display / 1000).toBeGreaterThan(0.35 * 5380);
    expect(display / 1000).toBeLessThan(0.35 * 5500);
  });

  it('reads what the model’s rails hold, as of the driver’s last refresh', async () => {
    const meter = pixel.model.powerRails!;
    const before = meter.read(pixel.model.nowNs());
    const parsed = parsePowerStatsEnergyMeter((await pixel.run(DUMP)).stdout).rails;
    const after = meter.read(pixel.model.nowNs());
    parsed.forEach((rail, i) => {
      // The HAL prints float(µWs) / 1000: at most a few µWs off at these magnitudes.
      expect(rail.energyMws * 1000).toBeGreaterThanOrEqual((before[i]?.energyUws ?? 0) - 300);
      expect(rail.energyMws * 1000).toBeLessThanOrEqual((after[i]?.energyUws ?? 0) + 300);
    });
  });

  it('prints deltas since the last delta call, shared by every caller, as the HAL’s statics do', async () => {
    const phone = new VirtualPhone(getVirtualPhoneProfile('pixel'), 'rails-delta');
    const first = (await phone.run(`${DUMP} delta`)).stdout;
    expect(first).toContain('\n============= PowerStats HAL 2.0 energy meter ==============\nElapsed time: 0 ms\n');
    expect(first).toContain(`  ${'Channel'.padStart(32)}   ${'Cumulative Energy'.padStart(18)} (${'Delta   '.padStart(14)})\n`);
    expect(first).toMatch(/\[S10M_VDD_TPU\]:TPU {3}\s*\d+\.\d{2} mWs \( {10}0\.00\)$/m);
    await new Promise((resolve) => setTimeout(resolve, 600));
    const second = (await phone.run(`${DUMP} delta`)).stdout;
    const elapsed = Number(/energy meter =+\nElapsed time: (\d+) ms/.exec(second)?.[1]);
    expect(elapsed).toBeGreaterThanOrEqual(550);
    const display = /\[VSYS_PWR_DISPLAY\]:Display\s+(\d+\.\d{2}) mWs \(\s*(\d+\.\d{2})\)/.exec(second);
    expect(Number(display?.[2])).toBeGreaterThan(0.35 * 250);
    expect(parsePowerStatsEnergyMeter(second)).toMatchObject({ complete: true });
    expect(parsePowerStatsEnergyMeter(second).rails).toHaveLength(16);
    // Any other argument list is a plain dump.
    expect((await phone.run(`${DUMP} delta extra`)).stdout).not.toContain('Elapsed time');
  });

  it('is a missing service on phones without rails, as dumpsys says for any unknown service', async () => {
    for (const name of ['flagship', 'midrange', 'budget']) {
      const phone = new VirtualPhone(getVirtualPhoneProfile(name), `rails-${name}`);
      const result = await phone.run(DUMP);
      expect(result.stdout, name).toBe('');
      expect(result.stderr, name).toBe(`Can't find service: ${POWER_STATS_SERVICE}\n`);
      expect((await phone.run('service list')).stdout, name).not.toContain('IPowerStats');
      expect(parsePowerStatsEnergyMeter(result.stdout)).toEqual({ rails: [], complete: false });
    }
    const list = (await pixel.run('service list')).stdout;
    expect(list).toMatch(/^\d+\tandroid\.hardware\.power\.stats\.IPowerStats\/default: \[android\.hardware\.power\.stats\.IPowerStats\]$/m);
  });

  it('makes Tetherscope’s facts script find power rails on the pixel profile only', async () => {
    for (const name of ['pixel', 'flagship', 'midrange', 'budget']) {
      const phone = name === 'pixel' ? pixel : new VirtualPhone(getVirtualPhoneProfile(name), `facts-${name}`);
      const facts = parseFactsOutput((await phone.run(FACTS_SCRIPT)).stdout);
      expect(facts.sources.powerRails, name).toBe(name === 'pixel');
      if (name === 'pixel') {
        expect(facts.facts).toMatchObject({ model: 'Virtual Pixel', sdk: 34, refreshRateHz: 120, accelerators: ['google-edgetpu'] });
        expect([facts.buildType, facts.debuggable]).toEqual(['user', false]);
      }
    }
  });
});
