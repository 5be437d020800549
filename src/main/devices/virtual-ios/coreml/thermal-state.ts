import type { ProbeThermalState } from '../../../../shared/ios-probe/probe-protocol.js';

/** ProcessInfo.ThermalState by the thermal model's status (0 nominal … 3 critical). */
export const IPHONE_THERMAL_STATES: readonly ProbeThermalState[] = ['nominal', 'fair', 'serious', 'critical'];

export function iphoneThermalState(status: number): ProbeThermalState {
  return IPHONE_THERMAL_STATES[Math.min(Math.max(0, status), IPHONE_THERMAL_STATES.length - 1)] ?? 'nominal';
}
