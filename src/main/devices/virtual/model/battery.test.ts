import { describe, expect, it } from 'vitest';
import { BatteryModel } from './battery.js';
import { BUDGET } from './profiles/budget.js';
import { FLAGSHIP } from './profiles/flagship.js';
import { SeededRandom } from './rng.js';

const S = 1e9;

describe('battery and fuel gauge', () => {
  it('publishes once a period the mean current of the window just ended, quantized to its LSB', () => {
    const spec = { ...FLAGSHIP.spec.battery, currentNoiseUa: 0 };
    const b = new BatteryModel(spec, new SeededRandom(1), 0, 1, 30);
    b.setCharger('none');
    const published: number[] = [];
    let last = b.reading;
    for (let t = 0; t < 5 * S; t += 0.05 * S) {
      b.integrate(t, t + 0.05 * S, t < 2 * S ? 1 : 5, 30);
      if (b.reading !== last) published.push(b.reading.currentUa);
      last = b.reading;
    }
    expect(published).toHaveLength(5);
    for (const ua of published) expect(Math.abs(ua - Math.round(ua / spec.currentLsbUa) * spec.currentLsbUa)).toBeLessThanOrEqual(0.5);
    // The load steps from 1 W to 5 W at 2 s: the gauge shows it only from the tick after the window.
    expect(published[1]!).toBeGreaterThan(-400_000);
    expect(published[2]!).toBeLessThan(-1_000_000);
    // The current delivers 5 W at the terminals, whose voltage sags with it.
    const terminal = (i: number): number => b.openCircuitV() + i * spec.internalOhm;
    expect(b.trueCurrentA * terminal(b.trueCurrentA)).toBeCloseTo(-5, 4);
  });

  it('on USB, the cell sees charger-in minus load; unplugged, only the load', () => {
    const b = new BatteryModel(BUDGET.spec.battery, new SeededRandom(2), 0, 0.7, 30);
    expect(b.charger).toBe('usb');
    b.integrate(0, 1 * S, 0.7, 30);
    const terminal = (i: number): number => b.openCircuitV() + i * BUDGET.spec.battery.internalOhm;
    expect(b.trueCurrentA * terminal(b.trueCurrentA)).toBeCloseTo(b.chargerInW - 0.7, 4);
    expect(b.trueCurrentA).toBeGreaterThan(0);
    b.integrate(1 * S, 2 * S, 4, 30);
    expect(b.trueCurrentA).toBeLessThan(0);
    b.setCharger('none');
    b.integrate(2 * S, 3 * S, 0.7, 30);
    expect(b.trueCurrentA * terminal(b.trueCurrentA)).toBeCloseTo(-0.7, 4);
    const before = b.stateOfCharge;
    b.integrate(3 * S, 603 * S, 3, 30);
    // A little more charge than 3 W / OCV: the sagging terminal voltage needs more current.
    const drawn = (before - b.stateOfCharge) * b.capacityC;
    expect(drawn).toBeGreaterThan((600 * 3) / b.openCircuitV());
    expect(drawn).toBeLessThan(((600 * 3) / b.openCircuitV()) * 1.05);
  });
});
