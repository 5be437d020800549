import { describe, expect, it } from 'vitest';
import { calibrateBatteryCurrent, detectUpdateRateHz } from './battery-current.js';

describe('calibrateBatteryCurrent', () => {
  it('reads the kernel convention: µA, negative while discharging', () => {
    const c = calibrateBatteryCurrent([-312000, -305000, -330000], true);
    expect(c).toMatchObject({ unit: 'uA', inverted: false, unusable: null });
    expect(-312000 * c.toMilliampsDrawn).toBeCloseTo(312, 9);
  });

  it('flips an inverted gauge (Xiaomi, Poco: positive while discharging)', () => {
    const c = calibrateBatteryCurrent([326171, 330000, 310000], true);
    expect(c.inverted).toBe(true);
    expect(326171 * c.toMilliampsDrawn).toBeCloseTo(326.171, 6);
  });

  it('takes small magnitudes as milliamps (Samsung, Huawei)', () => {
    const c = calibrateBatteryCurrent([-321, -340, -300], true);
    expect(c.unit).toBe('mA');
    expect(-321 * c.toMilliampsDrawn).toBe(321);
  });

  it('keeps the kernel convention while charging, since a loaded phone may discharge on USB (the Mi 8 fixture: Charging, -326171)', () => {
    const c = calibrateBatteryCurrent([-326171], false);
    expect(c.inverted).toBe(false);
    expect(c.explanation).toMatch(/assumed/);
  });

  it('refuses sentinels and constants in words', () => {
    expect(calibrateBatteryCurrent([-2147483648, -2147483648], true).unusable).toMatch(/unsupported/);
    expect(calibrateBatteryCurrent([0, 0, 0], true).unusable).toMatch(/does not measure current/);
    expect(calibrateBatteryCurrent([], true).unusable).toMatch(/no battery current/);
    expect(calibrateBatteryCurrent([50_000_000], true).unusable).toMatch(/20 A/);
  });
});

describe('detectUpdateRateHz', () => {
  it('sees a 1 Hz fuel gauge behind 20 Hz polling', () => {
    const times: number[] = [];
    const values: number[] = [];
    for (let i = 0; i < 200; i++) {
      times.push(i * 50_000);
      values.push(-300000 - Math.floor(i / 20) * 1000); // changes every 20 polls = 1 s
    }
    expect(detectUpdateRateHz(times, values)).toBeCloseTo(1, 5);
  });

  it('has no answer for a value that never changes', () => {
    expect(detectUpdateRateHz([0, 1, 2], [5, 5, 5])).toBeNull();
  });
});
