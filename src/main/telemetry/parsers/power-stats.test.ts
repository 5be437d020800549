// There is no real capture of this dump in fixtures/real; the inputs here are built from the HAL's printf
// formats as android-telemetry.md §2.1 quotes them from Pixel `powerstats/PowerStatsAidl.cpp` [S28].
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbCharCut, arbGarbageLine, arbLineEndings, arbLinePrefix, createFindings, expectJsonSafe, linesOf } from '../../../../tests/parser-fuzz.js';
import { type PowerRailEnergy, parsePowerStatsEnergyMeter } from './power-stats.js';

const s = (width: number, text: string): string => text.padStart(width);
const f = (width: number, value: number): string => value.toFixed(2).padStart(width);

interface Channel {
  readonly rail: string;
  readonly subsystem: string;
  readonly mws: number;
  readonly deltaMws: number;
}

interface Dump {
  readonly delta: boolean;
  readonly channels: readonly Channel[];
  readonly consumers: readonly { readonly name: string; readonly mws: number }[];
}

/** The three sections as PowerStats::dump writes them (residencies and consumers only for shape). */
function render(dump: Dump): string {
  const out: string[] = [];
  out.push('', '============= PowerStats HAL 2.0 state residencies ==============');
  if (dump.delta) {
    out.push('Elapsed time: 1003 ms');
    out.push(`  ${s(16, 'Entity')}   ${s(18, 'State')}   ${s(16, 'Total time')} (${s(14, 'Delta   ')})   ${s(15, 'Total entries')} (${s(16, 'Delta   ')})   ${s(17, 'Last entry tstamp')} (${s(14, 'Delta ')})`);
    out.push(`  ${s(16, 'SoC')}   ${s(18, 'SLEEP')}   ${s(13, '120')} ms (${s(14, '0')})   ${s(15, '3')} (${s(16, '0')})   ${s(14, '5000')} ms (${s(14, '0')})`);
  } else {
    out.push(`  ${s(16, 'Entity')}   ${s(18, 'State')}   ${s(16, 'Total time')}   ${s(15, 'Total entries')}   ${s(17, 'Last entry tstamp')}`);
    out.push(`  ${s(16, 'SoC')}   ${s(18, 'SLEEP')}   ${s(13, '120')} ms   ${s(15, '3')}   ${s(14, '5000')} ms`);
  }
  out.push('========== End of PowerStats HAL 2.0 state residencies ==========');
  out.push('', '============= PowerStats HAL 2.0 energy consumers ==============');
  for (const c of dump.consumers) out.push(`${c.name.padEnd(12)} : ${f(14, c.mws)} mWs`, `  ${s(10, '10123')} - ${f(14, c.mws / 2)} mWs`);
  out.push('========== End of PowerStats HAL 2.0 energy consumers ==========');
  out.push('', '============= PowerStats HAL 2.0 energy meter ==============');
  if (dump.delta) {
    out.push('Elapsed time: 1003 ms');
    out.push(`  ${s(32, 'Channel')}   ${s(18, 'Cumulative Energy')} (${s(14, 'Delta   ')})`);
  } else out.push(`  ${s(32, 'Channel')}   ${s(18, 'Cumulative Energy')}`);
  for (const c of dump.channels) {
    const channel = s(32, `[${c.rail}]:${c.subsystem}`);
    out.push(dump.delta ? `  ${channel}   ${f(14, c.mws)} mWs (${f(14, c.deltaMws)})` : `  ${channel}   ${f(14, c.mws)} mWs`);
  }
  out.push('========== End of PowerStats HAL 2.0 energy meter ==========');
  return `${out.join('\n')}\n`;
}

const expected = (dump: Dump): PowerRailEnergy[] =>
  dump.channels.map((c) => ({ rail: c.rail, subsystem: c.subsystem, energyMws: Number(c.mws.toFixed(2)) }));

const PIXEL6: Dump = {
  delta: false,
  channels: [
    { rail: 'S10M_VDD_TPU', subsystem: 'TPU', mws: 3161.25, deltaMws: 0 },
    { rail: 'VSYS_PWR_MODEM', subsystem: 'Modem', mws: 48480.31, deltaMws: 0 },
    { rail: 'S2M_VDD_CPUCL2', subsystem: 'CPU(BIG)', mws: 28071.87, deltaMws: 0 },
    { rail: 'S3M_VDD_CPUCL1', subsystem: 'CPU(MID)', mws: 17477.14, deltaMws: 0 },
    { rail: 'S4M_VDD_CPUCL0', subsystem: 'CPU(LITTLE)', mws: 113447.45, deltaMws: 0 },
    { rail: 'VSYS_PWR_DISPLAY', subsystem: 'Display', mws: 611687.45, deltaMws: 0 },
    { rail: 'S2S_VDD_G3D', subsystem: 'GPU', mws: 0, deltaMws: 0 },
  ],
  consumers: [
    { name: 'CPUCL0', mws: 113447.45 },
    { name: 'DISPLAY', mws: 611687.45 },
  ],
};

describe('dumpsys IPowerStats energy meter', () => {
  it('reads every rail of the meter section and none of the consumer or residency lines', () => {
    const r = parsePowerStatsEnergyMeter(render(PIXEL6));
    expect(r.complete).toBe(true);
    expect(r.rails).toEqual(expected(PIXEL6));
    expect(r.rails.find((x) => x.rail === 'S2M_VDD_CPUCL2')).toEqual({ rail: 'S2M_VDD_CPUCL2', subsystem: 'CPU(BIG)', energyMws: 28071.87 });
  });

  it('reads the delta form: the cumulative value, not the delta after it', () => {
    const dump: Dump = { ...PIXEL6, delta: true, channels: PIXEL6.channels.map((c) => ({ ...c, deltaMws: 12.5 })) };
    const text = render(dump);
    expect(text).toContain('mWs (         12.50)');
    const r = parsePowerStatsEnergyMeter(text);
    expect(r).toEqual({ rails: expected(PIXEL6), complete: true });
  });

  it('keeps subsystems with spaces and parentheses, channels wider than the column, negative values', () => {
    const text = [
      '============= PowerStats HAL 2.0 energy meter ==============',
      '                           Channel    Cumulative Energy',
      '  [S2M_VDD_CPU2]:CPU(BIG)   12.00 mWs',
      '     [VSYS_PWR_MMWAVE]:Cellular mmWave 2      7.25 mWs',
      '  [L15M_VDD_SLC_M_A_VERY_LONG_RAIL_NAME]:System Level Cache (SLC)            -0.50 mWs',
      '========== End of PowerStats HAL 2.0 energy meter ==========',
    ].join('\r\n');
    expect(parsePowerStatsEnergyMeter(text)).toEqual({
      complete: true,
      rails: [
        { rail: 'S2M_VDD_CPU2', subsystem: 'CPU(BIG)', energyMws: 12 },
        { rail: 'VSYS_PWR_MMWAVE', subsystem: 'Cellular mmWave 2', energyMws: 7.25 },
        { rail: 'L15M_VDD_SLC_M_A_VERY_LONG_RAIL_NAME', subsystem: 'System Level Cache (SLC)', energyMws: -0.5 },
      ],
    });
  });

  it('gives no rails for foreign text, a missing service or a meter without channels', () => {
    expect(parsePowerStatsEnergyMeter('')).toEqual({ rails: [], complete: false });
    expect(parsePowerStatsEnergyMeter("Can't find service: android.hardware.power.stats.IPowerStats/default\n")).toEqual({ rails: [], complete: false });
    expect(parsePowerStatsEnergyMeter('Current Battery Service state:\n  AC powered: false\n  [X]:Y   1.00 mWs\n')).toEqual({ rails: [], complete: false });
    expect(parsePowerStatsEnergyMeter(render({ delta: false, channels: [], consumers: [] }))).toEqual({ rails: [], complete: true });
    // The HAL 1.0 layout (lshal debug) is another format: not read here.
    expect(parsePowerStatsEnergyMeter('============= PowerStats HAL 1.0 rail energy data ==============\n[X]:Y   1.00 mWs\n').rails).toEqual([]);
  });

  it('reads the last of two dumps in one text', () => {
    const later: Dump = { ...PIXEL6, channels: PIXEL6.channels.map((c) => ({ ...c, mws: c.mws + 100 })) };
    expect(parsePowerStatsEnergyMeter(render(PIXEL6) + render(later)).rails).toEqual(expected(later));
    const cut = linesOf(render(later)).slice(0, -3).join('\n');
    expect(parsePowerStatsEnergyMeter(render(PIXEL6) + cut)).toEqual({ rails: expected(later).slice(0, -2), complete: false });
  });
});

const arbChannel: fc.Arbitrary<Channel> = fc.record({
  rail: fc.stringMatching(/^[A-Z][A-Z0-9_]{0,30}$/),
  subsystem: fc.oneof(fc.stringMatching(/^[A-Za-z][\w() .-]{0,20}[\w)]$/), fc.constantFrom('CPU(BIG)', 'CPU(LITTLE)', 'Display', 'TPU', 'GPU 2')),
  mws: fc.integer({ min: 0, max: 4_000_000_000 }).map((x) => x / 100),
  deltaMws: fc.integer({ min: -100_000, max: 10_000_000 }).map((x) => x / 100),
});

const arbDump: fc.Arbitrary<Dump> = fc.record({
  delta: fc.boolean(),
  channels: fc.array(arbChannel, { maxLength: 16 }),
  consumers: fc.array(fc.record({ name: fc.stringMatching(/^[A-Z][A-Z0-9_]{0,11}$/), mws: fc.integer({ min: 0, max: 1e9 }).map((x) => x / 100) }), { maxLength: 4 }),
});

describe('dumpsys IPowerStats energy meter, generated', () => {
  it('reads back every generated dump, in either line ending', () => {
    fc.assert(
      fc.property(arbDump, fc.boolean(), (dump, crlf) => {
        const text = render(dump);
        expect(parsePowerStatsEnergyMeter(crlf ? text.replace(/\n/g, '\r\n') : text)).toEqual({ rails: expected(dump), complete: true });
      }),
      { numRuns: 2000 },
    );
  });

  it('gives a head of the rails, with their exact values, for any whole-line or mid-line cut; complete only with the end line', () => {
    fc.assert(
      fc.property(
        arbDump.chain((dump) => fc.tuple(fc.constant(dump), fc.oneof(arbLinePrefix(render(dump)).map((c) => c.text), arbCharCut(render(dump))))),
        ([dump, cut]) => {
          const all = expected(dump);
          const r = parsePowerStatsEnergyMeter(cut);
          const findings = createFindings();
          findings.same('rails', r.rails, all.slice(0, r.rails.length));
          findings.check('complete only when the end line is there', r.complete === cut.includes('========== End of PowerStats HAL 2.0 energy meter =========='));
          if (r.complete) findings.same('all rails when complete', r.rails.length, all.length);
          findings.expectNone();
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('ignores how lines end', () => {
    fc.assert(
      fc.property(arbDump.chain((dump) => fc.tuple(fc.constant(render(dump)), arbLineEndings(render(dump)))), ([text, reended]) => {
        expect(parsePowerStatsEnergyMeter(reended)).toEqual(parsePowerStatsEnergyMeter(text));
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on garbage, before, inside or after a dump; its results stay plain JSON', () => {
    fc.assert(
      fc.property(fc.array(arbGarbageLine, { maxLength: 10 }), fc.option(arbDump, { nil: null }), fc.nat(), (garbage, dump, at) => {
        const lines = dump === null ? [] : linesOf(render(dump));
        lines.splice(at % (lines.length + 1), 0, ...garbage);
        const r = parsePowerStatsEnergyMeter(lines.join('\n'));
        expectJsonSafe(r);
        if (dump === null) expect(r).toEqual({ rails: [], complete: false });
      }),
      { numRuns: 2000 },
    );
  });
});
