// Per-session calibration of the battery current: never trust its sign or its unit
// (android-telemetry.md §1.3). The kernel ABI says µA, negative while discharging; real
// phones ship the opposite sign or milliamps.

export interface CurrentCalibration {
  /** Multiply a raw reading by this to get mA drawn from the battery (positive = discharging). */
  toMilliampsDrawn: number;
  unit: 'uA' | 'mA';
  inverted: boolean;
  /** Why the readings cannot be used, in plain words; null when they can. */
  unusable: string | null;
  explanation: string;
}

const INT_MIN = -2147483648;

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * @param raw readings of current_now from a few seconds at session start
 * @param discharging what the framework says (`dumpsys battery` status): true for
 *   discharging or not charging, false for charging or full, null when unknown
 */
export function calibrateBatteryCurrent(raw: readonly number[], discharging: boolean | null): CurrentCalibration {
  const readings = raw.filter((v) => Number.isFinite(v));
  const unusable = (why: string): CurrentCalibration => ({ toMilliampsDrawn: 0, unit: 'uA', inverted: false, unusable: why, explanation: why });
  if (readings.length === 0) return unusable('The phone gave no battery current readings.');
  if (readings.every((v) => v === INT_MIN)) return unusable('The phone reports its battery current as unsupported (the value −2147483648).');
  if (readings.every((v) => v === 0)) return unusable('The phone reports a battery current of 0 all the time; its fuel gauge does not measure current.');
  const m = median(readings);
  if (Math.abs(m) > 20_000_000) return unusable(`The battery current readings (${m}) are beyond 20 A, which no phone draws.`);
  // A phone at work draws tens to thousands of mA: in µA that is ≥ 5000, in mA below it.
  const unit: 'uA' | 'mA' = Math.abs(m) < 5000 ? 'mA' : 'uA';
  const scale = unit === 'uA' ? 1 / 1000 : 1;
  // Kernel convention: negative = discharging. Drawn current is the negation, unless the
  // phone says it is discharging while reporting positive values (an inverted gauge). A
  // charging phone says nothing about the sign: under load its battery may still discharge.
  const inverted = discharging === true && m > 0;
  const sign = inverted ? 1 : -1;
  const parts = [`Battery current is read in ${unit === 'uA' ? 'microamps' : 'milliamps'}`];
  parts.push(inverted ? 'with its sign inverted (positive while discharging)' : 'with the kernel sign convention (negative while discharging)');
  if (discharging !== true) parts.push('assumed, because only a discharging phone shows which sign its gauge uses');
  return { toMilliampsDrawn: sign * scale, unit, inverted, unusable: null, explanation: `${parts.join(', ')}.` };
}

/**
 * How often a source really changed: fuel gauges often update once a second or slower,
 * whatever the polling rate. Counts distinct consecutive values over the time covered.
 */
export function detectUpdateRateHz(timesUs: readonly number[], values: readonly (number | null)[]): number | null {
  let changes = 0;
  let first: number | null = null;
  let last: number | null = null;
  let previous: number | null = null;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) continue;
    if (previous !== null && v !== previous) {
      changes++;
      first ??= timesUs[i]!;
      last = timesUs[i]!;
    }
    previous = v;
  }
  if (changes < 2 || first === null || last === null || last <= first) return null;
  return ((changes - 1) * 1_000_000) / (last - first);
}
