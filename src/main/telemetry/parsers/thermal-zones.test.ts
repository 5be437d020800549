import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ThermalZonesResult } from '../../../shared/tool-output/thermal-zones.js';
import { readRealFixture } from '../../../../tests/fixtures-path.js';
import { arbGarbageLine, arbLinePrefix, createFindings, expectHandled, expectJsonSafe } from '../../../../tests/parser-fuzz.js';
import { celsiusOf, parseThermalZones, sortedZoneIndices } from './thermal-zones.js';

function zones(text: string): ThermalZonesResult {
  const r = parseThermalZones(text);
  if (r.kind !== 'thermal_zones') throw new Error(r.reason);
  return r;
}

describe('thermal zones on the real output', () => {
  it('30: Xperia types read one file per prompt line', () => {
    const r = zones(readRealFixture('telemetry/30-thermalzones-sony-xperia-kugo-types-PARTIAL-pr28.txt'));
    expect(r.indexing).toBe('paths');
    expect(r.zones.map((z) => [z.index, z.type, z.temp_raw])).toEqual([
      [0, 'bms', null],
      [1, 'battery', null],
      [2, 'pa_therm1', null],
      [3, 'xo_therm', null],
      [4, 'xo_therm_buf', null],
      [5, 'case_therm', null],
      [6, 'flash_therm', null],
      [7, 'tsens_tz_sensor0', null],
      [8, 'tsens_tz_sensor1', null],
      [9, 'tsens_tz_sensor2', null],
      [10, 'tsens_tz_sensor3', null],
      [11, 'tsens_tz_sensor4', null],
      [12, 'tsens_tz_sensor5', null],
      [13, 'tsens_tz_sensor6', null],
      [14, 'tsens_tz_sensor7', null],
    ]);
  });
});

describe('thermal-zone listings the fixture lacks', () => {
  it('maps `cat thermal_zone*/temp` values in the shell’s sorted-name order (0, 1, 10, 11, 2, …)', () => {
    expect(sortedZoneIndices(12)).toEqual([0, 1, 10, 11, 2, 3, 4, 5, 6, 7, 8, 9]);
    const values = sortedZoneIndices(12).map((index) => 30000 + index * 100);
    const r = zones(['$ adb shell cat /sys/class/thermal/thermal_zone*/temp', ...values.map(String)].join('\n'));
    expect(r.indexing).toBe('sorted_names');
    expect(r.zones.map((z) => [z.index, z.temp_raw])).toEqual(Array.from({ length: 12 }, (_, i) => [i, 30000 + i * 100]));
    expect(r.zones[3]).toEqual({ index: 3, type: null, temp_raw: 30300, celsius: 30.3, temp_unit: 'millidegree' });
  });

  it('skips zones whose read failed, and pairs type and temp lists', () => {
    const order = sortedZoneIndices(12);
    const text = [
      'cat /sys/class/thermal/thermal_zone*/type',
      ...order.map((i) => `zone_${i}`),
      'cat */temp',
      ...order.filter((i) => i !== 10).map((i) => String(40 + i)),
      'cat: thermal_zone10/temp: Invalid argument',
    ].join('\n');
    const r = zones(text);
    expect(r.zones).toHaveLength(12);
    expect(r.zones[10]).toEqual({ index: 10, type: 'zone_10', temp_raw: null, celsius: null, temp_unit: null });
    expect(r.zones[11]).toEqual({ index: 11, type: 'zone_11', temp_raw: 51, celsius: 51, temp_unit: 'degree' });
  });

  it('reads grep, head and loop listings and every unit', () => {
    expect(zones('/sys/class/thermal/thermal_zone0/type:tsens_tz_sensor0\n/sys/class/thermal/thermal_zone0/temp:309').zones).toEqual([
      { index: 0, type: 'tsens_tz_sensor0', temp_raw: 309, celsius: 30.9, temp_unit: 'decidegree' },
    ]);
    expect(zones('==> /sys/class/thermal/thermal_zone7/temp <==\n-5000\n').zones).toEqual([
      { index: 7, type: null, temp_raw: -5000, celsius: -5, temp_unit: 'millidegree' },
    ]);
    expect(zones('/sys/class/thermal/thermal_zone3 cpu-0-0-usr 41000\nthermal_zone4: gpuss-0-usr 39500').zones.map((z) => [z.index, z.type, z.celsius])).toEqual([
      [3, 'cpu-0-0-usr', 41],
      [4, 'gpuss-0-usr', 39.5],
    ]);
    expect(celsiusOf(31)).toEqual({ celsius: 31, unit: 'degree' });
  });

  it('says unknown for text that lists no zone', () => {
    expect(parseThermalZones('')).toEqual({
      kind: 'unknown',
      reason: 'No line of this text lists a thermal zone (/sys/class/thermal/thermal_zone*).',
    });
  });
});

interface Zone {
  readonly type: string;
  readonly temp: number | null;
}

const arbZones = fc.array(
  fc.record({
    type: fc.stringMatching(/^[a-z][a-z0-9_-]{0,15}$/),
    temp: fc.option(fc.integer({ min: -40_000, max: 150_000 }), { nil: null, freq: 6 }),
  }),
  { minLength: 1, maxLength: 15 },
);

type Format = 'grep' | 'loop' | 'glob' | 'prompt';
const arbFormat = fc.constantFrom<Format>('grep', 'loop', 'glob', 'prompt');

function render(list: readonly Zone[], format: Format, shuffle: readonly number[]): string {
  const base = '/sys/class/thermal/thermal_zone';
  const temp = (z: Zone): string => (z.temp === null ? '' : String(z.temp));
  switch (format) {
    case 'grep': {
      const lines = list.flatMap((z, i) => [
        `${base}${i}/type:${z.type}`,
        z.temp === null ? `grep: ${base}${i}/temp: Invalid argument` : `${base}${i}/temp:${temp(z)}`,
      ]);
      // With paths on every line, order does not matter.
      return shuffle.reduce((acc, n, i) => swap(acc, i % acc.length, n % acc.length), lines).join('\n');
    }
    case 'loop':
      return list.map((z, i) => (z.temp === null ? `${base}${i}/type:${z.type}` : `${base}${i} ${z.type} ${temp(z)}`)).join('\n');
    case 'glob': {
      const order = sortedZoneIndices(list.length);
      return [
        `shell@phone:/ $ cat ${base}*/type`,
        ...order.map((i) => list[i]?.type ?? ''),
        `shell@phone:/ $ cat ${base}*/temp`,
        ...order.map((i) => (list[i]?.temp === null ? `cat: ${base}${i}/temp: Invalid argument` : String(list[i]?.temp))),
      ].join('\n');
    }
    case 'prompt':
      return list
        .flatMap((z, i) => [`user@host:~$ adb shell cat ${base}${i}/type`, z.type, ...(z.temp === null ? [] : [`user@host:~$ adb shell cat ${base}${i}/temp`, temp(z)])])
        .join('\n');
  }
}

function swap<T>(items: readonly T[], a: number, b: number): T[] {
  const out = [...items];
  const x = out[a] as T;
  out[a] = out[b] as T;
  out[b] = x;
  return out;
}

describe('thermal zones, generated', () => {
  it('reads back every zone in every listing format', () => {
    fc.assert(
      fc.property(arbZones, arbFormat, fc.array(fc.nat(), { maxLength: 10 }), fc.boolean(), (list, format, shuffle, crlf) => {
        const text = render(list, format, shuffle);
        const r = zones(crlf ? text.replace(/\n/g, '\r\n') : text);
        expect({ indexing: r.indexing, zones: r.zones.map((z) => [z.index, z.type, z.temp_raw, z.celsius]) }).toEqual({
          indexing: format === 'glob' ? 'sorted_names' : 'paths',
          zones: list.map((z, i) => [i, z.type, z.temp, z.temp === null ? null : celsiusOf(z.temp).celsius]),
        });
      }),
      { numRuns: 4000 },
    );
  });

  it('gives partial results, never wrong ones, for any whole-line head of a listing with paths', () => {
    fc.assert(
      fc.property(
        fc.tuple(arbZones, fc.constantFrom<Format>('grep', 'loop', 'prompt')).chain(([list, format]) =>
          fc.tuple(fc.constant(list), arbLinePrefix(render(list, format, []))),
        ),
        ([list, cut]) => {
          const r = parseThermalZones(cut.text);
          if (r.kind === 'unknown') return;
          const findings = createFindings();
          for (const zone of r.zones) {
            const source = list[zone.index];
            findings.check(`zone ${zone.index} exists`, source !== undefined);
            if (zone.type !== null) findings.same(`zone ${zone.index} type`, zone.type, source?.type);
            if (zone.temp_raw !== null) findings.same(`zone ${zone.index} temp`, zone.temp_raw, source?.temp);
          }
          findings.expectNone();
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('never throws on garbage and returns plain JSON', () => {
    fc.assert(
      fc.property(fc.array(arbGarbageLine, { maxLength: 10 }), (lines) => {
        const r = parseThermalZones(lines.join('\n'));
        expectHandled(r);
        expectJsonSafe(r);
        if (r.kind === 'thermal_zones') for (const zone of r.zones) expect(Number.isInteger(zone.index)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});
