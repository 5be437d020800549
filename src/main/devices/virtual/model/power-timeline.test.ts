import { describe, expect, it } from 'vitest';
import { PowerTimeline } from './power-timeline.js';

describe('PowerTimeline', () => {
  it('integrates the step function exactly, before and after old points are dropped', () => {
    const t = new PowerTimeline({ startEnergyJ: 5, maxPoints: 8 });
    // 1 W, 2 W, 1 W, … each for one second.
    for (let k = 0; k < 20; k++) t.record(k * 1e9, 1 + (k % 2));
    expect(t.energyJ(18.5e9, 19.5e9)).toBeCloseTo(1.5, 9);
    // Kept points start later; what was accumulated before them still counts.
    expect(t.firstNs).toBeGreaterThan(0);
    expect(t.accumulatedJ(20e9)).toBeCloseTo(5 + 10 * 1 + 10 * 2, 9);
    expect(t.energyJ(0, 20e9)).toBeCloseTo(20e9 / 1e9 * 1.5 - (t.firstNs! / 1e9) * 1.5, 9);
    expect(t.accumulatedJ(t.firstNs! - 1)).toBeNull();
    expect(t.powerAt(19.5e9)).toBe(2);
  });
});
