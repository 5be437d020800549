// Which clock a session's device times are on: an Android phone's BOOTTIME (the clock of its
// Perfetto traces), or an iPhone's monotonic clock as Tetherscope Probe reads it.
import type { DevicePlatform } from '../api.js';

export function deviceClockName(platform: DevicePlatform): string {
  return platform === 'ios' ? "the iPhone's monotonic clock (mach_continuous_time)" : "the phone's BOOTTIME";
}
