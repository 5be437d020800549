// What the simulated programs share: the phone's device model, log buffer, package manager, tracing service
// and settings, beside the kernel every program already sees.
import type { DeviceModel } from '../model/device-model.js';
import type { PhoneKernel } from '../phone/kernel.js';
import type { VirtualPhoneProfile } from '../phone/profiles.js';
import type { PackageRegistry } from './apk/packages.js';
import type { LogBuffer } from './logcat/log-buffer.js';
import type { TracingService } from './perfetto/tracing-service.js';
import type { SettingsStore } from './system/settings.js';

export interface PhoneServices {
  readonly profile: VirtualPhoneProfile;
  readonly kernel: PhoneKernel;
  readonly model: DeviceModel;
  readonly logs: LogBuffer;
  readonly packages: PackageRegistry;
  readonly tracing: TracingService;
  readonly settings: SettingsStore;
  /** The framework's own view of the battery (`dumpsys battery unplug/set/reset`), not the electrons'. */
  readonly batteryOverrides: BatteryOverrides;
}

export interface BatteryOverrides {
  updatesStopped: boolean;
  unplugged: boolean;
  level: number | null;
  status: number | null;
}

/** Fixed pids of the system daemons the tools speak for. */
export const SYSTEM_PIDS = { zygote: 700, systemServer: 1210 } as const;
