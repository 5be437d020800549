// `dumpsys battery` (android-telemetry.md §1.6) from the gauge's last reading, and its shell commands
// `unplug`, `set`, `reset` — which change only what the framework reports, never the current that flows.
import type { PhoneServices } from '../services.js';

const STATUS = { charging: 2, discharging: 3, full: 5 } as const;

export function batteryDump(s: PhoneServices): string {
  const model = s.model;
  model.catchUp();
  const o = s.batteryOverrides;
  const reading = model.battery.reading;
  const usb = model.battery.charger === 'usb' && !o.unplugged;
  const level = o.level ?? reading.capacityPercent;
  const physical = model.battery.charger === 'usb' ? (reading.capacityPercent >= 100 ? STATUS.full : STATUS.charging) : STATUS.discharging;
  const sdk = s.profile.sdk;
  const lines = [
    'Current Battery Service state:',
    ...(o.updatesStopped ? ["  (UPDATES STOPPED -- use 'reset' to restart)"] : []),
    '  AC powered: false',
    `  USB powered: ${usb}`,
    '  Wireless powered: false',
    ...(sdk >= 33 ? ['  Dock powered: false'] : []),
    `  Max charging current: ${usb ? model.hardware.battery.usb.maxCurrentUa : 0}`,
    `  Max charging voltage: ${usb ? model.hardware.battery.usb.maxVoltageUv : 0}`,
    `  Charge counter: ${reading.chargeCounterUah}`,
    `  status: ${o.status ?? physical}`,
    '  health: 2',
    '  present: true',
    `  level: ${level}`,
    '  scale: 100',
    `  voltage: ${Math.round(reading.voltageUv / 1000)}`,
    `  temperature: ${reading.temperatureDeciC}`,
    `  technology: ${model.hardware.battery.technology}`,
    ...(sdk >= 34 ? ['  Charging state: 1', '  Charging policy: 1'] : []),
  ];
  return `${lines.join('\n')}\n`;
}

/** `dumpsys battery unplug|reset|set KEY VALUE`; returns an error message or null. */
export function batteryCommand(s: PhoneServices, args: readonly string[]): string | null {
  const o = s.batteryOverrides;
  const [verb, key, value] = args.filter((a) => a !== '-f');
  switch (verb) {
    case 'unplug':
      o.unplugged = true;
      o.updatesStopped = true;
      return null;
    case 'reset':
      o.unplugged = false;
      o.updatesStopped = false;
      o.level = null;
      o.status = null;
      return null;
    case 'set': {
      const n = Number(value);
      if (!Number.isInteger(n)) return `Bad value: ${value ?? ''}`;
      o.updatesStopped = true;
      if (key === 'level') o.level = n;
      else if (key === 'status') o.status = n;
      else if (key === 'usb' || key === 'ac') o.unplugged = n === 0;
      else return `Unknown set option: ${key ?? ''}`;
      return null;
    }
    default:
      return `Unknown battery command: ${verb ?? ''}`;
  }
}
