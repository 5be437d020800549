// `dumpsys battery` (android-telemetry.md §1.6). Every pattern is anchored at the start of
// the line: "Capacity level: 3" must not be read as the level (clusterfuzz PR #4327).
import {
  BatteryStatus,
  PluggedSource,
  type BatteryExtra,
  type BatteryResult,
} from '../../../shared/tool-output/battery.js';
import type { UnknownResult } from '../../../shared/tool-output/unknown.js';
import { MAX_LINE_LENGTH, splitLines } from '../../parsing/lines.js';
import { parseInteger, scale } from '../../parsing/numbers.js';
import { guarded, unknownResult } from '../../parsing/unknown.js';

const HEADER = /^\s*Current Battery Service state:\s*$/;
const UPDATES_STOPPED = /^\s*\(UPDATES STOPPED/;
const POWERED = /^\s*(AC|USB|Wireless|Dock) powered: (true|false)\s*$/;
const PRESENT = /^\s*present: (true|false)\s*$/;
const TECHNOLOGY = /^\s*technology: (.*)$/;
const INTEGER_LINE = /^\s*(Max charging current|Max charging voltage|Charge counter|status|health|level|scale|voltage|temperature|Charging state|Charging policy|Capacity level|current now): (-?\d{1,15})\s*$/;
const KEY_VALUE = /^\s*([^:]{1,80}?): (.*)$/;

const STATUS_BY_CODE: Readonly<Record<number, BatteryStatus>> = {
  1: BatteryStatus.Unknown,
  2: BatteryStatus.Charging,
  3: BatteryStatus.Discharging,
  4: BatteryStatus.NotCharging,
  5: BatteryStatus.Full,
};

const PLUGGED_BY_NAME: Readonly<Record<string, PluggedSource>> = {
  AC: PluggedSource.Ac,
  USB: PluggedSource.Usb,
  Wireless: PluggedSource.Wireless,
  Dock: PluggedSource.Dock,
};
const PLUGGED_ORDER: readonly PluggedSource[] = [PluggedSource.Ac, PluggedSource.Usb, PluggedSource.Wireless, PluggedSource.Dock];

const MAX_EXTRAS = 200;

export function parseBattery(text: string): BatteryResult | UnknownResult {
  return guarded(() => {
    let recognised = 0;
    let inDump = false;
    let updatesStopped = false;
    let present: boolean | null = null;
    let technology: string | null = null;
    const powered = new Set<PluggedSource>();
    const integers = new Map<string, number | null>();
    const extras: BatteryExtra[] = [];

    for (const raw of splitLines(text)) {
      if (raw.length > MAX_LINE_LENGTH) continue;
      let m: RegExpExecArray | null;
      if (HEADER.test(raw)) {
        inDump = true;
      } else if (UPDATES_STOPPED.test(raw)) {
        updatesStopped = true;
      } else if ((m = POWERED.exec(raw))) {
        const source = PLUGGED_BY_NAME[m[1] ?? ''];
        if (source !== undefined && m[2] === 'true') powered.add(source);
      } else if ((m = PRESENT.exec(raw))) {
        present = m[1] === 'true';
      } else if ((m = INTEGER_LINE.exec(raw))) {
        integers.set(m[1] ?? '', parseInteger(m[2]));
      } else if ((m = TECHNOLOGY.exec(raw))) {
        technology = (m[1] ?? '').trim();
      } else {
        // Vendor additions (Samsung appends many, some at column 0) are kept as printed.
        const extra = inDump ? KEY_VALUE.exec(raw) : null;
        if (extra && extras.length < MAX_EXTRAS) extras.push({ key: (extra[1] ?? '').trim(), value: (extra[2] ?? '').trim() });
        continue;
      }
      recognised++;
    }
    if (recognised === 0) return unknownResult('No line of this text is output of dumpsys battery.');

    const get = (key: string): number | null => integers.get(key) ?? null;
    const statusCode = get('status');
    const temperatureTenths = get('temperature');
    return {
      kind: 'battery',
      level: get('level'),
      scale: get('scale'),
      voltage_mv: get('voltage'),
      temperature_c: scale(temperatureTenths, 0.1),
      status: statusCode === null ? null : (STATUS_BY_CODE[statusCode] ?? BatteryStatus.Unknown),
      status_code: statusCode,
      plugged: PLUGGED_ORDER.find((source) => powered.has(source)) ?? null,
      present,
      health_code: get('health'),
      technology,
      max_charging_current_ua: get('Max charging current'),
      max_charging_voltage_uv: get('Max charging voltage'),
      charge_counter_uah: get('Charge counter'),
      charging_state: get('Charging state'),
      charging_policy: get('Charging policy'),
      capacity_level: get('Capacity level'),
      current_now_ma: get('current now'),
      updates_stopped: updatesStopped,
      extras,
    };
  });
}
