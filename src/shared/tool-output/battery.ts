/** `dumpsys battery`. Values are what BatteryService last heard from the health HAL. */
export const BatteryStatus = {
  Unknown: 'unknown',
  Charging: 'charging',
  Discharging: 'discharging',
  NotCharging: 'not_charging',
  Full: 'full',
} as const;
export type BatteryStatus = (typeof BatteryStatus)[keyof typeof BatteryStatus];

export const PluggedSource = { Ac: 'ac', Usb: 'usb', Wireless: 'wireless', Dock: 'dock' } as const;
export type PluggedSource = (typeof PluggedSource)[keyof typeof PluggedSource];

export interface BatteryExtra {
  readonly key: string;
  readonly value: string;
}

export interface BatteryResult {
  readonly kind: 'battery';
  readonly level: number | null;
  readonly scale: number | null;
  readonly voltage_mv: number | null;
  readonly temperature_c: number | null;
  readonly status: BatteryStatus | null;
  readonly status_code: number | null;
  /** The first powered source in the order AC, USB, wireless, dock; null when none is. */
  readonly plugged: PluggedSource | null;
  readonly present: boolean | null;
  readonly health_code: number | null;
  readonly technology: string | null;
  readonly max_charging_current_ua: number | null;
  readonly max_charging_voltage_uv: number | null;
  readonly charge_counter_uah: number | null;
  readonly charging_state: number | null;
  readonly charging_policy: number | null;
  readonly capacity_level: number | null;
  /** Samsung's `current now:` line, mA. */
  readonly current_now_ma: number | null;
  /** `(UPDATES STOPPED …)`: someone ran `dumpsys battery unplug/set`; values are frozen. */
  readonly updates_stopped: boolean;
  /** Lines the AOSP format does not have (vendor additions), as printed. */
  readonly extras: readonly BatteryExtra[];
}
