import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { budgetMs, standardBudgetShares } from './frame-budget.js';
import { CHARGING_REASON, energyPerInference, integrateEnergyJ } from './energy.js';
import { latencyStats } from './latency-stats.js';
import { quantileSorted, shareAtOrBelow, sortedFinite } from './quantiles.js';

describe('quantiles', () => {
  it('interpolates like numpy (R-7)', () => {
    const s = sortedFinite([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(quantileSorted(s, 0.5)).toBe(5.5);
    expect(quantileSorted(s, 0.9)).toBeCloseTo(9.1, 10);
    expect(quantileSorted(s, 0.99)).toBeCloseTo(9.91, 10);
    expect(quantileSorted([], 0.5)).toBeNull();
  });

  it('counts the share at or below a limit by bisection, equal to a linear count', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 })), fc.integer({ min: -1, max: 51 }), (values, limit) => {
        const s = sortedFinite(values);
        const expected = values.length ? values.filter((v) => v <= limit).length / values.length : null;
        expect(shareAtOrBelow(s, limit)).toBe(expected);
      }),
    );
  });
});

describe('latencyStats', () => {
  it('gives the figures of a known series, ignoring non-finite values', () => {
    const s = latencyStats([1000, 3000, 2000, Number.NaN, 4000]);
    expect(s).toMatchObject({ count: 4, minUs: 1000, maxUs: 4000, meanUs: 2500, p50Us: 2500 });
    // consecutive differences: 2000, 1000, 2000 -> mean 1666.67
    expect(s.jitterUs).toBeCloseTo(5000 / 3, 6);
    expect(latencyStats([]).p50Us).toBeNull();
  });

  it('keeps p50 ≤ p90 ≤ p99 ≤ max for any series', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1 }), (values) => {
        const s = latencyStats(values);
        expect(s.p50Us!).toBeLessThanOrEqual(s.p90Us!);
        expect(s.p90Us!).toBeLessThanOrEqual(s.p99Us!);
        expect(s.p99Us!).toBeLessThanOrEqual(s.maxUs!);
      }),
    );
  });
});

describe('frame budgets', () => {
  it('uses the phone rate, a rate or a duration', () => {
    expect(budgetMs({ kind: 'hz', hz: 120 }, 60)).toBeCloseTo(8.333, 3);
    expect(budgetMs({ kind: 'ms', ms: 16.7 }, null)).toBe(16.7);
    expect(budgetMs({ kind: 'device' }, 90)).toBeCloseTo(11.111, 3);
    expect(budgetMs({ kind: 'device' }, null)).toBeNull();
  });

  it('takes the app overhead out of the budget', () => {
    const latencies = [5000, 7000, 9000, 15000]; // µs
    const shares = standardBudgetShares(latencies, 120, 1);
    const byLabel = Object.fromEntries(shares.map((s) => [s.label, s.shareInside]));
    // 120 Hz: 8.33 ms − 1 ms = 7.33 ms → 5 and 7 ms fit.
    expect(byLabel['phone (120 Hz)']).toBe(0.5);
    expect(byLabel['120 Hz']).toBe(0.5);
    // 60 Hz: 16.67 − 1 = 15.67 ms → all fit.
    expect(byLabel['60 Hz']).toBe(1);
    // 90 Hz: 11.11 − 1 = 10.11 ms → three fit.
    expect(byLabel['90 Hz']).toBe(0.75);
  });
});

describe('energy per inference', () => {
  it('subtracts the idle baseline', () => {
    const r = energyPerInference({ energyJ: 10, idlePowerW: 0.5, durationS: 10, inferences: 1000, source: 'battery-current', charging: false, sourceUpdateHz: 1 });
    expect(r).toMatchObject({ available: true, caveats: [] });
    if (r.available) expect(r.joulesPerInference).toBeCloseTo(0.005, 12);
  });

  it('refuses a number while charging without power rails, and says the way out', () => {
    const r = energyPerInference({ energyJ: 10, idlePowerW: 0.5, durationS: 10, inferences: 1000, source: 'battery-current', charging: true, sourceUpdateHz: 1 });
    expect(r).toEqual({ available: false, reason: CHARGING_REASON, wayOut: expect.stringContaining('adb tcpip') });
    const rails = energyPerInference({ energyJ: 10, idlePowerW: 0.5, durationS: 10, inferences: 1000, source: 'power-rails', charging: true, sourceUpdateHz: 10 });
    expect(rails.available).toBe(true);
  });

  it('warns when a slow sensor covers a path with few readings', () => {
    const r = energyPerInference({ energyJ: 2, idlePowerW: 0.5, durationS: 3, inferences: 100, source: 'battery-current', charging: false, sourceUpdateHz: 1 });
    expect(r.available && r.caveats[0]).toMatch(/updated only 1\.0 times a second/);
  });

  it('integrates power over a window, clipping partial intervals', () => {
    expect(integrateEnergyJ([0, 1, 2, 3], [2, 2, 2, 2], 0, 3)).toBeCloseTo(6, 12);
    expect(integrateEnergyJ([0, 2], [0, 4], 0.5, 1.5)).toBeCloseTo(2, 12);
  });
});
