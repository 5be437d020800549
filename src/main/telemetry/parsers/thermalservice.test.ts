import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ThermalReading, ThermalserviceResult } from '../../../shared/tool-output/thermalservice.js';
import { readRealFixture } from '../../../../tests/fixtures-path.js';
import {
  arbGarbageLine,
  arbLineEndings,
  arbLinePrefix,
  createFindings,
  expectHandled,
  expectJsonSafe,
} from '../../../../tests/parser-fuzz.js';
import { parseThermalservice } from './thermalservice.js';

function parsed(text: string): ThermalserviceResult {
  const r = parseThermalservice(text);
  if (r.kind !== 'thermalservice') throw new Error(r.reason);
  return r;
}

const fixture = (name: string): ThermalserviceResult => parsed(readRealFixture(`telemetry/${name}`));
const byName = (r: ThermalserviceResult, name: string): ThermalReading | undefined => r.temperatures.find((t) => t.name === name);

describe('dumpsys thermalservice on the real outputs', () => {
  it('01: Pixel, flat lines without indentation: current HAL readings, not the stale cached ones', () => {
    const r = fixture('01-thermalservice-pixel-qcom-memfault.txt');
    expect(r).toMatchObject({
      status: 0,
      status_override: false,
      hal_ready: true,
      hal_version: 'ThermalHAL 2.0',
      format: 'android11+',
      numbering: 'aosp',
      temperatures_source: 'current',
    });
    expect(r.temperatures).toHaveLength(13);
    expect(r.temperatures[0]).toEqual({ name: 'cpu0-gold-usr', type: 0, type_name: 'CPU', status: 0, celsius: 31.7 });
    expect(byName(r, 'maxfg')).toEqual({ name: 'maxfg', type: 2, type_name: 'BATTERY', status: 0, celsius: 25.900002 });
    expect(byName(r, 'fps-therm-monitor')).toMatchObject({ type: 3, type_name: 'SKIN', celsius: 28.348001 });
    expect(r.cooling_devices).toEqual([
      { name: 'battery', type: 1, value: 0 },
      { name: 'mnh', type: 5, value: 0 },
      { name: 'thermal-cpufreq-0', type: 2, value: 0 },
      { name: 'thermal-cpufreq-4', type: 2, value: 0 },
      { name: 'thermal-devfreq-0', type: 3, value: 0 },
    ]);
  });

  it('02: BCL sensors keep their unit (socd %, vbat volts); NPU sensors are degrees; thresholds read', () => {
    const r = fixture('02-thermalservice-qcom-nsp-memfault.txt');
    expect(r.temperatures_source).toBe('current');
    expect(r.temperatures).toHaveLength(14);
    expect(r.temperatures[0]).toEqual({ name: 'socd', type: 8, type_name: 'BCL_PERCENTAGE', status: 0, celsius: null, value: 11, unit: '%' });
    expect(byName(r, 'vbat')).toEqual({ name: 'vbat', type: 6, type_name: 'BCL_VOLTAGE', status: 0, celsius: null, value: 4.384, unit: 'V' });
    expect(byName(r, 'nsp0')).toEqual({ name: 'nsp0', type: 9, type_name: 'NPU', status: 0, celsius: 34.3 });
    expect(byName(r, 'skin')).toMatchObject({ celsius: 33.136 });
    expect(r.cooling_devices).toHaveLength(12);
    expect(r.thresholds).toHaveLength(14);
    expect(r.thresholds.find((t) => t.name === 'vbat')).toEqual({
      name: 'vbat',
      type: 6,
      hot: [null, null, null, null, null, null, null],
      cold: [null, null, null, 3.2, null, null, 3],
    });
    expect(r.thresholds.find((t) => t.name === 'skin')?.hot).toEqual([null, null, null, 40, null, null, 95]);
  });

  it('05: emulator, names with spaces, four-space indentation', () => {
    const r = fixture('05-thermalservice-emulator-space-in-name-memfault.txt');
    expect(r.status_override).toBeNull();
    expect(r.temperatures).toEqual([{ name: 'test temperature sensor', type: 3, type_name: 'SKIN', status: 0, celsius: 30.8 }]);
    expect(r.cooling_devices).toEqual([{ name: 'test cooling device', type: 0, value: 100 }]);
  });

  it('07: Pixel 6: BCL millivolts and milliamps, virtual sensors of type -1 stay degrees', () => {
    const r = fixture('07-thermalservice-pixel6-tensor-skia.txt');
    expect(r.temperatures_source).toBe('current');
    expect(r.temperatures).toHaveLength(42);
    expect(byName(r, 'smpl_gm')).toEqual({ name: 'smpl_gm', type: 6, type_name: 'BCL_VOLTAGE', status: 0, celsius: null, value: 1300, unit: 'mV' });
    expect(byName(r, 'vdroop1')).toMatchObject({ value: 1050, unit: 'mV', celsius: null });
    expect(byName(r, 'ocp_gpu')).toEqual({ name: 'ocp_gpu', type: 7, type_name: 'BCL_CURRENT', status: 0, celsius: null, value: 11900, unit: 'mA' });
    expect(byName(r, 'soc')).toMatchObject({ type: 8, value: 0, unit: '%' });
    expect(byName(r, 'USB2-MINUS-USB')).toEqual({ name: 'USB2-MINUS-USB', type: -1, type_name: 'UNKNOWN', status: 0, celsius: -0.117000006 });
    expect(byName(r, 'TPU')).toMatchObject({ type: 9, celsius: 25.000002 });
    expect(byName(r, 'battery')).toMatchObject({ type: 2, celsius: 22.1 });
    expect(r.cooling_devices).toEqual([]);
  });
});

describe('dumpsys thermalservice, formats the fixtures lack', () => {
  it('reads Android 10 lines', () => {
    const r = parsed(
      [
        'Thermal Status: 1',
        'Cached temperatures:',
        '\tName: battery, Type: 2, Status: 0, Value: 31.000000',
        'HAL Ready: true',
        'HAL connection:',
        '\tThermalHAL 2.0 connected: yes',
        'Current temperatures from HAL:',
        '\tName: skin therm, Type: 3, Status: 1, Value: 41.500000',
        '\tName: cpu0, Type: 0, Status: 0, Value: NaN',
        'Current cooling devices from HAL:',
        '\tName: thermal-cpufreq-0, Type: 2, Value: 6',
      ].join('\n'),
    );
    expect(r).toMatchObject({ status: 1, format: 'android10', temperatures_source: 'current' });
    expect(r.temperatures).toEqual([
      { name: 'skin therm', type: 3, type_name: 'SKIN', status: 1, celsius: 41.5 },
      { name: 'cpu0', type: 0, type_name: 'CPU', status: 0, celsius: null },
    ]);
    expect(r.cooling_devices).toEqual([{ name: 'thermal-cpufreq-0', type: 2, value: 6 }]);
  });

  it('falls back to the cached section when the HAL is not ready', () => {
    const r = parsed(['Thermal Status: 0', 'Cached temperatures:', '\tTemperature{mValue=1.0E-4, mType=1, mName=gpu, mStatus=0}', 'HAL Ready: false'].join('\n'));
    expect(r).toMatchObject({ hal_ready: false, temperatures_source: 'cached' });
    expect(r.temperatures).toEqual([{ name: 'gpu', type: 1, type_name: 'GPU', status: 0, celsius: 0.0001 }]);
  });

  it('reads Samsung numbering and its -99.9 sentinel, the AIDL connection line, HIDL thresholds', () => {
    const r = parsed(
      [
        'HAL Ready: true',
        'HAL connection:',
        '\tSdhms connected: yes',
        'Current temperatures from HAL:',
        '\tTemperature{mValue=36.9, mType=6, mName=PA, mStatus=0}',
        '\tTemperature{mValue=-99.9, mType=4, mName=SKIN, mStatus=0}',
        'Temperature static thresholds from HAL:',
        '\t{.type = SKIN, .name = skin, .hotThrottlingThresholds = [NaN, 39.0, 43.0, 45.0, 48.0, 52.0, 55.0], .coldThrottlingThresholds = [NaN, NaN, NaN, NaN, NaN, NaN, NaN], .vrThrottlingThreshold = NaN}',
      ].join('\n'),
    );
    expect(r.numbering).toBe('samsung');
    expect(r.temperatures).toEqual([
      { name: 'PA', type: 6, type_name: 'POWER_AMPLIFIER', status: 0, celsius: 36.9 },
      { name: 'SKIN', type: 4, type_name: 'SKIN', status: 0, celsius: null },
    ]);
    expect(r.thresholds).toEqual([
      { name: 'skin', type: 3, hot: [null, 39, 43, 45, 48, 52, 55], cold: [null, null, null, null, null, null, null] },
    ]);
    expect(parsed('HAL connection:\n\tThermalHAL AIDL 1  connected: yes').hal_version).toBe('ThermalHAL AIDL 1');
  });

  it('says unknown for other text', () => {
    expect(parseThermalservice('Current Battery Service state:\n  level: 5')).toEqual({
      kind: 'unknown',
      reason: 'No line of this text is output of dumpsys thermalservice.',
    });
  });
});

interface Sensor {
  readonly name: string;
  readonly type: number;
  readonly status: number;
  readonly value: number | null;
}

interface Dump {
  readonly android10: boolean;
  readonly indent: string;
  readonly status: number;
  readonly cached: readonly Sensor[];
  readonly current: readonly Sensor[] | null;
}

const arbSensor: fc.Arbitrary<Sensor> = fc.record({
  name: fc.stringMatching(/^[A-Za-z][\w -]{0,15}[\w]$/),
  type: fc.integer({ min: -1, max: 19 }),
  status: fc.integer({ min: 0, max: 6 }),
  value: fc.option(fc.double({ min: -50, max: 20_000, noNaN: true, noDefaultInfinity: true }).map((v) => (v === 0 ? 0 : v)), { nil: null, freq: 8 }),
});

const arbDump: fc.Arbitrary<Dump> = fc.record({
  android10: fc.boolean(),
  indent: fc.constantFrom('\t', '    ', '        ', ''),
  status: fc.integer({ min: 0, max: 6 }),
  cached: fc.array(arbSensor, { maxLength: 5 }),
  current: fc.option(fc.array(arbSensor, { maxLength: 6 }), { nil: null }),
});

function renderSensor(s: Sensor, dump: Dump): string {
  const value = s.value === null ? 'NaN' : String(s.value);
  return dump.android10
    ? `${dump.indent}Name: ${s.name}, Type: ${s.type}, Status: ${s.status}, Value: ${value}`
    : `${dump.indent}Temperature{mValue=${value}, mType=${s.type}, mName=${s.name}, mStatus=${s.status}}`;
}

function render(dump: Dump): string {
  const lines = [
    'IsStatusOverride: false',
    'ThermalEventListeners:',
    `${dump.indent}callbacks: 3`,
    `Thermal Status: ${dump.status}`,
    'Cached temperatures:',
    ...dump.cached.map((s) => renderSensor(s, dump)),
    `HAL Ready: ${dump.current !== null}`,
  ];
  if (dump.current !== null) {
    lines.push('HAL connection:', `${dump.indent}ThermalHAL 2.0 connected: yes`, 'Current temperatures from HAL:');
    lines.push(...dump.current.map((s) => renderSensor(s, dump)), 'Current cooling devices from HAL:');
    lines.push(`${dump.indent}CoolingDevice{mValue=3, mType=2, mName=thermal-cpufreq-0}`);
  }
  return lines.join('\n');
}

function expectedReading(s: Sensor): ThermalReading {
  const base = { name: s.name, type: s.type, type_name: TYPE_NAMES[s.type + 1] ?? '', status: s.status };
  if (s.type === 6) return { ...base, celsius: null, value: s.value, unit: s.value !== null && s.value !== 0 && Math.abs(s.value) < 100 ? 'V' : 'mV' };
  if (s.type === 7) return { ...base, celsius: null, value: s.value, unit: 'mA' };
  if (s.type === 8) return { ...base, celsius: null, value: s.value, unit: '%' };
  return { ...base, celsius: s.value };
}

const TYPE_NAMES = 'UNKNOWN CPU GPU BATTERY SKIN USB_PORT POWER_AMPLIFIER BCL_VOLTAGE BCL_CURRENT BCL_PERCENTAGE NPU TPU DISPLAY MODEM SOC WIFI CAMERA FLASHLIGHT SPEAKER AMBIENT POGO'.split(' ');

const REAL = [
  '01-thermalservice-pixel-qcom-memfault.txt',
  '02-thermalservice-qcom-nsp-memfault.txt',
  '05-thermalservice-emulator-space-in-name-memfault.txt',
  '07-thermalservice-pixel6-tensor-skia.txt',
].map((name) => readRealFixture(`telemetry/${name}`));

describe('dumpsys thermalservice, generated', () => {
  it('reads back every generated dump: current readings when the HAL has any, else cached', () => {
    fc.assert(
      fc.property(arbDump, fc.boolean(), (dump, crlf) => {
        const text = render(dump);
        const r = parsed(crlf ? text.replace(/\n/g, '\r\n') : text);
        const useCurrent = dump.current !== null && (dump.current.length > 0 || dump.cached.length === 0);
        expect(r.status).toBe(dump.status);
        expect(r.hal_ready).toBe(dump.current !== null);
        expect(r.temperatures_source).toBe(useCurrent ? 'current' : 'cached');
        expect(r.temperatures).toEqual((useCurrent ? (dump.current ?? []) : dump.cached).map(expectedReading));
      }),
      { numRuns: 4000 },
    );
  });

  it('gives partial results, never wrong ones, for any whole-line head of a real or generated dump', () => {
    const arbText = fc.oneof(fc.constantFrom(...REAL), arbDump.map(render));
    fc.assert(
      fc.property(arbText.chain((text) => fc.tuple(fc.constant(text), arbLinePrefix(text))), ([text, cut]) => {
        const { full, seen, devices } = wholeDump(text);
        const r = parseThermalservice(cut.text);
        if (r.kind === 'unknown') return;
        const findings = createFindings();
        if (r.status !== null) findings.same('status', r.status, full.status);
        for (const reading of r.temperatures) findings.check(`reading ${reading.name}`, seen.has(JSON.stringify(reading)));
        for (const device of r.cooling_devices) findings.check(`device ${device.name}`, devices.has(JSON.stringify(device)));
        findings.expectNone();
      }),
      { numRuns: 2500 },
    );
  });

  it('ignores how lines end', () => {
    fc.assert(
      fc.property(fc.constantFrom(...REAL).chain((text) => fc.tuple(fc.constant(text), arbLineEndings(text))), ([text, reended]) => {
        expect(parseThermalservice(reended)).toEqual(parseThermalservice(text));
      }),
      { numRuns: 800 },
    );
  });

  it('never throws on garbage; structural garbage is unknown', () => {
    fc.assert(
      fc.property(fc.array(arbGarbageLine, { maxLength: 10 }), (lines) => {
        const r = parseThermalservice(lines.join('\n'));
        expectHandled(r);
        expectJsonSafe(r);
        if (lines.every((line) => !/[A-Za-z]/.test(line))) expect(r.kind).toBe('unknown');
      }),
      { numRuns: 3000 },
    );
  });
});

const wholeDumps = new Map<string, { full: ThermalserviceResult; seen: Set<string>; devices: Set<string> }>();

/** A dump's result, with every reading it holds (current and cached) and its cooling devices. */
function wholeDump(text: string): { full: ThermalserviceResult; seen: Set<string>; devices: Set<string> } {
  const known = wholeDumps.get(text);
  if (known !== undefined) return known;
  const full = parsed(text);
  const seen = new Set([...full.temperatures, ...parseCached(text)].map((reading) => JSON.stringify(reading)));
  const entry = { full, seen, devices: new Set(full.cooling_devices.map((device) => JSON.stringify(device))) };
  if (wholeDumps.size < 64) wholeDumps.set(text, entry);
  return entry;
}

/** The cached readings of a dump (what a head cut before the current section holds). */
function parseCached(text: string): ThermalReading[] {
  const head = text.replace(/\r/g, '').split('\nHAL Ready:')[0] ?? '';
  const r = parseThermalservice(head);
  return r.kind === 'thermalservice' ? [...r.temperatures] : [];
}
