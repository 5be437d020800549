import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BatteryResult } from '../../../shared/tool-output/battery.js';
import { readRealFixture } from '../../../../tests/fixtures-path.js';
import { arbGarbageLine, arbLinePrefix, expectHandled, expectJsonSafe } from '../../../../tests/parser-fuzz.js';
import { parseBattery } from './battery.js';

const fixture = (name: string): ReturnType<typeof parseBattery> => parseBattery(readRealFixture(`telemetry/${name}`));

describe('dumpsys battery on the real outputs', () => {
  it('20: Nexus 5 with CRLF line ends and no charge-counter lines', () => {
    expect(fixture('20-battery-nexus5-hammerhead-crlf-skia.txt')).toEqual({
      kind: 'battery',
      level: 45,
      scale: 100,
      voltage_mv: 4189,
      temperature_c: 18,
      status: 'full',
      status_code: 5,
      plugged: 'usb',
      present: true,
      health_code: 2,
      technology: 'Li-ion',
      max_charging_current_ua: 0,
      max_charging_voltage_uv: null,
      charge_counter_uah: null,
      charging_state: null,
      charging_policy: null,
      capacity_level: null,
      current_now_ma: null,
      updates_stopped: false,
      extras: [],
    } satisfies BatteryResult);
  });

  it('22: Pixel C behind a root prompt with trailing spaces, on AC', () => {
    expect(fixture('22-battery-pixel-c-dragon-root-syzkaller79.txt')).toMatchObject({
      level: 19,
      scale: 100,
      voltage_mv: 3764,
      temperature_c: 27.5,
      status: 'charging',
      status_code: 2,
      plugged: 'ac',
      present: true,
      max_charging_current_ua: 2400000,
      max_charging_voltage_uv: 5000000,
      charge_counter_uah: 0,
      extras: [],
    });
  });

  it('24: Android 15 lines; "Capacity level: 3" is not the level', () => {
    expect(fixture('24-battery-android15-capacity-level-clusterfuzz4327.txt')).toMatchObject({
      level: 80,
      capacity_level: 3,
      charging_state: 4,
      charging_policy: 1,
      status: 'not_charging',
      plugged: 'ac',
      voltage_mv: 4200,
      temperature_c: 18,
      health_code: 3,
      charge_counter_uah: 3376000,
    });
  });
});

describe('dumpsys battery, vendor additions', () => {
  it('keeps Samsung extras (some at column 0), its current line, tabs and the frozen-updates mark', () => {
    const r = parseBattery(
      [
        'Current Battery Service state:',
        '  (UPDATES STOPPED -- use \'reset\' to restart)',
        '\tAC powered: false',
        '\tUSB powered: false',
        '\tWireless powered: true',
        '\tstatus: 3',
        '\tlevel: 7',
        '\ttemperature: -35',
        '  current now: -321',
        '  LED Charging: true',
        'mSecPlugTypeSummary: 0',
        '  Adaptive Fast Charging Settings: true',
      ].join('\n'),
    );
    expect(r).toMatchObject({
      status: 'discharging',
      level: 7,
      temperature_c: -3.5,
      plugged: 'wireless',
      current_now_ma: -321,
      updates_stopped: true,
      extras: [
        { key: 'LED Charging', value: 'true' },
        { key: 'mSecPlugTypeSummary', value: '0' },
        { key: 'Adaptive Fast Charging Settings', value: 'true' },
      ],
    });
  });

  it('says unknown for other text', () => {
    expect(parseBattery('Thermal Status: 0')).toEqual({ kind: 'unknown', reason: 'No line of this text is output of dumpsys battery.' });
  });
});

interface Battery {
  readonly powered: readonly [boolean, boolean, boolean, boolean | null];
  readonly level: number;
  readonly scale: number;
  readonly voltage: number;
  readonly temperature: number;
  readonly status: number;
  readonly capacityLevel: number | null;
  readonly counter: number | null;
  readonly indent: string;
  readonly crlf: boolean;
  readonly extras: readonly string[];
}

const arbBattery: fc.Arbitrary<Battery> = fc.record({
  powered: fc.tuple(fc.boolean(), fc.boolean(), fc.boolean(), fc.option(fc.boolean(), { nil: null })),
  level: fc.integer({ min: 0, max: 100 }),
  scale: fc.constantFrom(100, 1000),
  voltage: fc.integer({ min: 0, max: 5000 }),
  temperature: fc.integer({ min: -400, max: 900 }),
  status: fc.integer({ min: 1, max: 5 }),
  capacityLevel: fc.option(fc.integer({ min: -1, max: 5 }), { nil: null }),
  counter: fc.option(fc.integer({ min: 0, max: 10_000_000 }), { nil: null }),
  indent: fc.constantFrom('  ', '\t', '', '    '),
  crlf: fc.boolean(),
  extras: fc.array(fc.constantFrom('mSavedBatteryAsoc: 100', 'LED Charging: true', 'batteryMiscEvent: 0'), { maxLength: 3 }),
});

function render(b: Battery): string {
  const [ac, usb, wireless, dock] = b.powered;
  const lines = [
    'Current Battery Service state:',
    `AC powered: ${ac}`,
    `USB powered: ${usb}`,
    `Wireless powered: ${wireless}`,
    ...(dock === null ? [] : [`Dock powered: ${dock}`]),
    'Max charging current: 1500000',
    ...(b.counter === null ? [] : [`Charge counter: ${b.counter}`]),
    `status: ${b.status}`,
    'health: 2',
    'present: true',
    `level: ${b.level}`,
    `scale: ${b.scale}`,
    `voltage: ${b.voltage}`,
    `temperature: ${b.temperature}`,
    'technology: Li-ion',
    ...(b.capacityLevel === null ? [] : [`Capacity level: ${b.capacityLevel}`]),
    ...b.extras,
  ].map((line, i) => (i === 0 ? line : b.indent + line));
  return lines.join(b.crlf ? '\r\n' : '\n');
}

const STATUS = ['', 'unknown', 'charging', 'discharging', 'not_charging', 'full'];

function expected(b: Battery): Partial<BatteryResult> {
  const [ac, usb, wireless, dock] = b.powered;
  return {
    kind: 'battery',
    level: b.level,
    scale: b.scale,
    voltage_mv: b.voltage,
    temperature_c: Number((b.temperature / 10).toPrecision(12)),
    status: STATUS[b.status] as BatteryResult['status'],
    status_code: b.status,
    plugged: ac ? 'ac' : usb ? 'usb' : wireless ? 'wireless' : dock === true ? 'dock' : null,
    present: true,
    capacity_level: b.capacityLevel,
    charge_counter_uah: b.counter,
    extras: b.extras.map((line) => {
      const [key = '', value = ''] = line.split(': ');
      return { key, value };
    }),
  };
}

const REAL = [
  '20-battery-nexus5-hammerhead-crlf-skia.txt',
  '22-battery-pixel-c-dragon-root-syzkaller79.txt',
  '24-battery-android15-capacity-level-clusterfuzz4327.txt',
].map((name) => readRealFixture(`telemetry/${name}`));

describe('dumpsys battery, generated', () => {
  it('reads back every generated dump, whatever the indentation and line ends', () => {
    fc.assert(
      fc.property(arbBattery, (b) => {
        expect(parseBattery(render(b))).toMatchObject(expected(b));
      }),
      { numRuns: 4000 },
    );
  });

  it('gives partial results, never wrong ones, for any whole-line head', () => {
    const arbText = fc.oneof(fc.constantFrom(...REAL), arbBattery.map(render));
    fc.assert(
      fc.property(arbText.chain((text) => fc.tuple(fc.constant(text), arbLinePrefix(text))), ([text, cut]) => {
        const full = parseBattery(text) as unknown as Record<string, unknown>;
        const r = parseBattery(cut.text);
        expectJsonSafe(r);
        if (r.kind === 'unknown') return;
        for (const [key, value] of Object.entries(r)) {
          if (key === 'plugged' || key === 'updates_stopped') continue; // a later "powered: true" line may be cut
          if (Array.isArray(value)) expect(full[key]).toEqual(expect.arrayContaining(value));
          else if (value !== null) expect(value).toEqual(full[key]);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('never throws on garbage; structural garbage is unknown', () => {
    fc.assert(
      fc.property(fc.array(arbGarbageLine, { maxLength: 10 }), (lines) => {
        const r = parseBattery(lines.join('\n'));
        expectHandled(r);
        expectJsonSafe(r);
        if (lines.every((line) => !/[A-Za-z]/.test(line))) expect(r.kind).toBe('unknown');
      }),
      { numRuns: 3000 },
    );
  });
});
