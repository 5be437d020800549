// Power-supply uevent dumps (`cat /sys/class/power_supply/*/uevent`): `POWER_SUPPLY_KEY=value`
// lines, or `KEY=value` as tools like acc print them (android-telemetry.md §1.1). Also reads
// `grep . /sys/class/power_supply/<name>/*` listings (`…/<name>/<attr>:value`).
import type { PowerSupplyEntry, PowerSupplyResult } from '../../../shared/tool-output/power-supply.js';
import type { UnknownResult } from '../../../shared/tool-output/unknown.js';
import { MAX_LINE_LENGTH, splitLines } from '../../parsing/lines.js';
import { parseInteger, scale } from '../../parsing/numbers.js';
import { guarded, unknownResult } from '../../parsing/unknown.js';

const UEVENT = /^\s*(?:POWER_SUPPLY_)?([A-Z][A-Z0-9_]{0,63})=(.*)$/;
const SYSFS_ATTRIBUTE = /^\s*\/sys\/class\/power_supply\/([^/\s]+)\/([a-z0-9_]{1,64}):(.*)$/;

/** Keys that only a power supply has: a `KEY=value` dump must hold one to count as one. */
const SUPPLY_KEYS = new Set([
  'NAME',
  'STATUS',
  'CURRENT_NOW',
  'CURRENT_AVG',
  'VOLTAGE_NOW',
  'CAPACITY',
  'TEMP',
  'CHARGE_COUNTER',
  'HEALTH',
  'TECHNOLOGY',
  'ONLINE',
  'CHARGE_TYPE',
  'CYCLE_COUNT',
  'CHARGE_FULL',
]);

class Block {
  readonly values = new Map<string, string>();
  constructor(readonly sysfsName: string | null = null) {}
}

function toEntry(block: Block): PowerSupplyEntry {
  const get = (key: string): string | null => block.values.get(key)?.trim() ?? null;
  const integer = (key: string): number | null => parseInteger(get(key) ?? undefined);
  const present = get('PRESENT');
  return {
    name: get('NAME') ?? block.sysfsName,
    type: get('TYPE'),
    status: get('STATUS'),
    current_ua: integer('CURRENT_NOW'),
    voltage_uv: integer('VOLTAGE_NOW'),
    capacity: integer('CAPACITY'),
    temp_c: scale(integer('TEMP'), 0.1),
    present: present === null ? null : present === '1',
    health: get('HEALTH'),
    properties: Object.fromEntries(block.values),
  };
}

/** The battery among the supplies: TYPE=Battery, else one named like a battery, else the first. */
function batteryOf(entries: readonly PowerSupplyEntry[]): PowerSupplyEntry | null {
  return (
    entries.find((e) => e.type?.toLowerCase() === 'battery') ??
    entries.find((e) => e.name !== null && /^(?:battery|bms|bat\d*|mainbattery)$/i.test(e.name)) ??
    entries[0] ??
    null
  );
}

export function parsePowerSupply(text: string): PowerSupplyResult | UnknownResult {
  return guarded(() => {
    const blocks: Block[] = [];
    let current: Block | null = null;
    let supplyKeySeen = false;
    const startBlock = (sysfsName: string | null): Block => {
      const block = new Block(sysfsName);
      blocks.push(block);
      return block;
    };
    for (const raw of splitLines(text)) {
      if (raw.length > MAX_LINE_LENGTH) continue;
      const sysfs = SYSFS_ATTRIBUTE.exec(raw);
      if (sysfs) {
        const name = sysfs[1] ?? '';
        const block: Block = current !== null && current.sysfsName === name ? current : startBlock(name);
        block.values.set((sysfs[2] ?? '').toUpperCase(), sysfs[3] ?? '');
        current = block;
        supplyKeySeen = true;
        continue;
      }
      const m = UEVENT.exec(raw);
      if (!m) {
        // A blank line or a prompt between dumps ends the supply being read.
        current = null;
        continue;
      }
      const key = m[1] ?? '';
      // Each uevent starts with NAME; a key seen twice also means the next supply began.
      const startsNew = current === null || current.sysfsName !== null || key === 'NAME' || current.values.has(key);
      const block: Block = startsNew || current === null ? startBlock(null) : current;
      block.values.set(key, m[2] ?? '');
      current = block;
      if (SUPPLY_KEYS.has(key) || raw.trimStart().startsWith('POWER_SUPPLY_')) supplyKeySeen = true;
    }
    const supplies = blocks.map(toEntry);
    const battery = batteryOf(supplies);
    if (!supplyKeySeen || battery === null) {
      return unknownResult('No line of this text is a power-supply property (POWER_SUPPLY_KEY=value).');
    }
    return {
      kind: 'power_supply',
      name: battery.name,
      status: battery.status,
      current_ua: battery.current_ua,
      voltage_uv: battery.voltage_uv,
      capacity: battery.capacity,
      temp_c: battery.temp_c,
      supplies,
    };
  });
}
