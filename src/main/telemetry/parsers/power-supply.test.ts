import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readRealFixture } from '../../../../tests/fixtures-path.js';
import { arbGarbageLine, arbLinePrefix, expectHandled, expectJsonSafe } from '../../../../tests/parser-fuzz.js';
import { parsePowerSupply } from './power-supply.js';

describe('power-supply uevent on the real output', () => {
  it('40: Mi 8 through acc (no POWER_SUPPLY_ prefix), charging with a negative current kept as printed', () => {
    const r = parsePowerSupply(readRealFixture('telemetry/40-powersupply-xiaomi-mi8-charging-negative-current-acca27.txt'));
    expect(r).toMatchObject({
      kind: 'power_supply',
      name: 'battery',
      status: 'Charging',
      current_ua: -326171,
      voltage_uv: 3888173,
      capacity: 50,
      temp_c: 29,
    });
    if (r.kind !== 'power_supply') return;
    expect(r.supplies).toHaveLength(1);
    expect(r.supplies[0]).toMatchObject({ present: true, health: 'Good', type: null });
    expect(r.supplies[0]?.properties['CHARGE_COUNTER']).toBe('1528169');
    expect(Object.keys(r.supplies[0]?.properties ?? {})).toHaveLength(33);
  });
});

describe('power-supply dumps the fixture lacks', () => {
  it('reads several uevents (cat */uevent) and picks the battery', () => {
    const r = parsePowerSupply(
      [
        'POWER_SUPPLY_NAME=usb',
        'POWER_SUPPLY_TYPE=USB',
        'POWER_SUPPLY_ONLINE=1',
        'POWER_SUPPLY_CURRENT_NOW=450000',
        'POWER_SUPPLY_NAME=battery',
        'POWER_SUPPLY_TYPE=Battery',
        'POWER_SUPPLY_STATUS=Discharging',
        'POWER_SUPPLY_CURRENT_NOW=-2147483648',
        'POWER_SUPPLY_VOLTAGE_NOW=4012000',
        'POWER_SUPPLY_TEMP=-15',
      ].join('\r\n'),
    );
    expect(r).toMatchObject({ name: 'battery', status: 'Discharging', current_ua: -2147483648, voltage_uv: 4012000, temp_c: -1.5 });
    expect(r.kind === 'power_supply' && r.supplies.map((s) => [s.name, s.type, s.current_ua])).toEqual([
      ['usb', 'USB', 450000],
      ['battery', 'Battery', -2147483648],
    ]);
  });

  it('reads grep . /sys/class/power_supply/<name>/* listings', () => {
    const r = parsePowerSupply(
      ['/sys/class/power_supply/bms/current_now:-812000', '/sys/class/power_supply/bms/voltage_now:3950000', '/sys/class/power_supply/bms/status:Discharging'].join('\n'),
    );
    expect(r).toMatchObject({ name: 'bms', status: 'Discharging', current_ua: -812000, voltage_uv: 3950000 });
  });

  it('says unknown for KEY=value text that is not a power supply', () => {
    expect(parsePowerSupply('PATH=/usr/bin\nHOME=/root')).toEqual({
      kind: 'unknown',
      reason: 'No line of this text is a power-supply property (POWER_SUPPLY_KEY=value).',
    });
  });
});

interface Supply {
  readonly name: string;
  readonly type: string;
  readonly status: string;
  readonly current: number;
  readonly voltage: number;
  readonly temp: number;
}

const arbSupply: fc.Arbitrary<Supply> = fc.record({
  name: fc.constantFrom('battery', 'usb', 'bms', 'dc', 'wireless', 'main'),
  type: fc.constantFrom('Battery', 'USB', 'Mains', 'Wireless', 'BMS'),
  status: fc.constantFrom('Charging', 'Discharging', 'Not charging', 'Full', 'Unknown'),
  current: fc.integer({ min: -2_147_483_648, max: 2_147_483_647 }),
  voltage: fc.integer({ min: 0, max: 20_000_000 }),
  temp: fc.integer({ min: -400, max: 900 }),
});

const arbDump = fc.record({
  supplies: fc.array(arbSupply, { minLength: 1, maxLength: 4 }),
  prefixed: fc.boolean(),
  crlf: fc.boolean(),
  blankBetween: fc.boolean(),
});
type Dump = typeof arbDump extends fc.Arbitrary<infer T> ? T : never;

function render(d: Dump): string {
  const p = d.prefixed ? 'POWER_SUPPLY_' : '';
  const blocks = d.supplies.map((s) =>
    [`${p}NAME=${s.name}`, `${p}TYPE=${s.type}`, `${p}STATUS=${s.status}`, `${p}CURRENT_NOW=${s.current}`, `${p}VOLTAGE_NOW=${s.voltage}`, `${p}TEMP=${s.temp}`].join('\n'),
  );
  const text = blocks.join(d.blankBetween ? '\n\n' : '\n');
  return d.crlf ? text.replace(/\n/g, '\r\n') : text;
}

function batteryOf(d: Dump): Supply {
  return d.supplies.find((s) => s.type === 'Battery') ?? d.supplies.find((s) => s.name === 'battery' || s.name === 'bms') ?? (d.supplies[0] as Supply);
}

describe('power-supply, generated', () => {
  it('reads back every supply and picks the battery', () => {
    fc.assert(
      fc.property(arbDump, (d) => {
        const r = parsePowerSupply(render(d));
        const battery = batteryOf(d);
        expect(r).toMatchObject({
          kind: 'power_supply',
          name: battery.name,
          status: battery.status,
          current_ua: battery.current,
          voltage_uv: battery.voltage,
          temp_c: Number((battery.temp / 10).toPrecision(12)),
        });
        if (r.kind === 'power_supply') {
          expect(r.supplies.map((s) => [s.name, s.type, s.status, s.current_ua, s.voltage_uv])).toEqual(
            d.supplies.map((s) => [s.name, s.type, s.status, s.current, s.voltage]),
          );
        }
      }),
      { numRuns: 4000 },
    );
  });

  it('gives partial results, never wrong ones, for any whole-line head', () => {
    fc.assert(
      fc.property(arbDump.chain((d) => fc.tuple(fc.constant(d), arbLinePrefix(render(d)))), ([d, cut]) => {
        const r = parsePowerSupply(cut.text);
        expectJsonSafe(r);
        if (r.kind === 'unknown') return;
        r.supplies.forEach((supply, i) => {
          const source = d.supplies[i];
          expect(source).toBeDefined();
          if (supply.current_ua !== null) expect(supply.current_ua).toBe(source?.current);
          if (supply.status !== null) expect(supply.status).toBe(source?.status);
          if (supply.name !== null) expect(supply.name).toBe(source?.name);
        });
      }),
      { numRuns: 3000 },
    );
  });

  it('never throws on garbage; structural garbage is unknown', () => {
    fc.assert(
      fc.property(fc.array(arbGarbageLine, { maxLength: 10 }), (lines) => {
        const r = parsePowerSupply(lines.join('\n'));
        expectHandled(r);
        expectJsonSafe(r);
        if (lines.every((line) => !/[A-Za-z]/.test(line))) expect(r.kind).toBe('unknown');
      }),
      { numRuns: 3000 },
    );
  });
});
