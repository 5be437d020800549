import { describe, expect, it } from 'vitest';
import { FLAGSHIP } from './profiles/flagship.js';
import { ThermalModel } from './thermal.js';

describe('thermal RC model', () => {
  const spec = FLAGSHIP.spec.thermal;

  it('starts at the idle steady state and heats toward ambient + P·R', () => {
    const t = new ThermalModel(spec, 1);
    expect(t.skinC).toBeCloseTo(spec.ambientC + spec.skinToAmbientKPerW, 5);
    for (let i = 0; i < 4000; i++) t.advance(1, 3);
    expect(t.skinC).toBeCloseTo(spec.ambientC + 3 * spec.skinToAmbientKPerW, 1);
    expect(t.dieC).toBeCloseTo(t.skinC + 3 * spec.dieToSkinKPerW, 1);
  });

  it('steps its status up through the skin thresholds and back down with hysteresis', () => {
    const t = new ThermalModel(spec, 1);
    const seen: number[] = [];
    t.onStatusChange((s) => seen.push(s));
    for (let i = 0; i < 3000 && t.status < 2; i++) t.advance(1, 6);
    expect(seen).toEqual([1, 2]);
    expect(t.skinC).toBeGreaterThanOrEqual(43);
    // Cooling just below the threshold is not enough to drop a step (1 °C hysteresis).
    t.setTemperatures(t.dieC, 42.5);
    expect(t.status).toBe(2);
    t.setTemperatures(t.dieC, 41.5);
    expect(t.status).toBe(1);
  });

  it('runs thermal time faster with the time-scale knob', () => {
    const slow = new ThermalModel(spec, 1);
    const fast = new ThermalModel(spec, 1);
    fast.timeScale = 40;
    slow.advance(400, 5);
    fast.advance(10 * fast.timeScale, 5);
    expect(fast.skinC).toBeCloseTo(slow.skinC, 6);
    expect(() => (fast.timeScale = 0)).toThrow(RangeError);
  });
});
