// Energy per inference = (energy during the path − idle power × path time) / inferences.
// Every figure carries where it came from, or why there is none.

export type EnergySource = 'power-rails' | 'battery-current';

export type EnergyPerInference =
  | { available: true; joulesPerInference: number; source: EnergySource; caveats: string[] }
  | { available: false; reason: string; wayOut: string | null };

export interface EnergyInputs {
  /** Energy the phone drew during the path, in joules (integrated power). */
  energyJ: number;
  /** Idle power measured just before the path, in watts. */
  idlePowerW: number;
  durationS: number;
  inferences: number;
  source: EnergySource;
  /** True while USB charges the phone. */
  charging: boolean;
  /** How often the power source really updated, in Hz. */
  sourceUpdateHz: number | null;
  /** Which way out of charging to offer; Android when not said. */
  platform?: 'android' | 'ios';
}

export const CHARGING_REASON =
  'The phone is charging over USB, so its battery current is charger input minus load, not what the model used, and this phone has no power rails to measure instead.';
export const CHARGING_WAY_OUT =
  'Switch to Wi-Fi debugging (`adb tcpip 5555`, then `adb connect <phone-ip>:5555`), unplug the cable, and run again.';

export const CHARGING_WAY_OUT_IOS =
  'On macOS or Windows, let the iPhone be reached over Wi-Fi (in Finder or the Apple Devices app: "Show this iPhone when on Wi-Fi"), unplug the cable, and run again; Linux usbmuxd reaches iPhones by cable only.';

export function energyPerInference(inputs: EnergyInputs): EnergyPerInference {
  if (inputs.charging && inputs.source === 'battery-current') {
    return { available: false, reason: CHARGING_REASON, wayOut: inputs.platform === 'ios' ? CHARGING_WAY_OUT_IOS : CHARGING_WAY_OUT };
  }
  if (inputs.inferences <= 0) return { available: false, reason: 'No inferences were recorded on this path.', wayOut: null };
  if (!(inputs.durationS > 0) || !Number.isFinite(inputs.energyJ) || !Number.isFinite(inputs.idlePowerW)) {
    return { available: false, reason: 'The power readings do not cover this path.', wayOut: null };
  }
  const caveats: string[] = [];
  if (inputs.sourceUpdateHz !== null && inputs.sourceUpdateHz * inputs.durationS < 10) {
    caveats.push(
      `The power sensor updated only ${inputs.sourceUpdateHz.toFixed(1)} times a second, so fewer than 10 readings cover this path; run it longer for a steadier figure.`,
    );
  }
  const net = inputs.energyJ - inputs.idlePowerW * inputs.durationS;
  if (net < 0) caveats.push('The path drew less than the idle baseline; the figure is within the sensor noise.');
  return { available: true, joulesPerInference: net / inputs.inferences, source: inputs.source, caveats };
}

/** Integrates power samples (time in s, power in W) by the trapezoid rule over [from, to]. */
export function integrateEnergyJ(timesS: ArrayLike<number>, powerW: ArrayLike<number>, fromS: number, toS: number): number {
  let energy = 0;
  for (let i = 1; i < timesS.length; i++) {
    const t0 = Math.max(timesS[i - 1]!, fromS);
    const t1 = Math.min(timesS[i]!, toS);
    if (t1 <= t0) continue;
    const span = timesS[i]! - timesS[i - 1]!;
    const at = (t: number): number => powerW[i - 1]! + ((powerW[i]! - powerW[i - 1]!) * (t - timesS[i - 1]!)) / span;
    energy += ((at(t0) + at(t1)) / 2) * (t1 - t0);
  }
  return energy;
}
