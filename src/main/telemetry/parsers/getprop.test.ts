import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readRealFixture } from '../../../../tests/fixtures-path.js';
import { arbGarbageLine, arbLinePrefix, expectHandled, expectJsonSafe } from '../../../../tests/parser-fuzz.js';
import { parseGetprop } from './getprop.js';

describe('getprop on the real outputs', () => {
  it('50: moto g75 excerpt with fastboot lines in the same paste', () => {
    const r = parseGetprop(readRealFixture('telemetry/50-getprop-moto-g75-5g-sm6475-android14-ppayne.txt'));
    expect(r).toMatchObject({
      kind: 'getprop',
      manufacturer: 'motorola',
      model: 'moto g75 5G',
      soc_manufacturer: 'QTI',
      soc_model: 'SM6475',
      board_platform: null,
      hardware: null,
      sdk: 34,
      release: null,
      abi: 'arm64-v8a',
      abi_list: ['arm64-v8a', 'armeabi-v7a', 'armeabi'],
    });
    if (r.kind !== 'getprop') return;
    expect(Object.keys(r.properties)).toHaveLength(47);
    expect(r.properties['gsm.version.ril-impl']).toBe('Qualcomm RIL 1.0');
    expect(r.properties['(bootloader) sku']).toBeUndefined();
  });

  it('52: emulator preview with a letter for the release', () => {
    expect(parseGetprop(readRealFixture('telemetry/52-getprop-emulator-ranchu-api27-preview-P-PARTIAL-nativerun45.txt'))).toMatchObject({
      manufacturer: null,
      model: null,
      soc_model: null,
      hardware: 'ranchu',
      sdk: 27,
      release: 'P',
      abi: null,
      build_type: 'userdebug',
      debuggable: true,
    });
  });

  it('falls back from ro.soc.* absent to the board, and from abi to the first of abilist', () => {
    const r = parseGetprop(
      ['[ro.board.platform]: [taro]', '[ro.boot.hardware]: [qcom]', '[ro.product.cpu.abilist]: [arm64-v8a,armeabi-v7a]', '[ro.build.version.sdk]: [33]', '[weird]: [a]b]'].join(
        '\r\n',
      ),
    );
    expect(r).toMatchObject({ board_platform: 'taro', hardware: 'qcom', abi: 'arm64-v8a', sdk: 33, properties: { weird: 'a]b' } });
  });

  it('says unknown for other text', () => {
    expect(parseGetprop('Graph: [x]')).toEqual({ kind: 'unknown', reason: 'No line of this text is a getprop property ([key]: [value]).' });
  });
});

const arbKey = fc.stringMatching(/^[a-z][a-z0-9_.]{0,30}$/);
const arbValue = fc.string({ maxLength: 30 }).map((v) => v.replace(/[\r\n]/g, ''));
const FACTS = {
  'ro.product.manufacturer': fc.constantFrom('Google', 'samsung', 'Xiaomi'),
  'ro.product.model': fc.constantFrom('Pixel 8', 'SM-S918B', 'moto g75 5G'),
  'ro.soc.model': fc.constantFrom('SM8550', 'Tensor G3', 'MT6835'),
  'ro.build.version.sdk': fc.integer({ min: 21, max: 36 }).map(String),
  'ro.build.version.release': fc.constantFrom('14', '15', 'P'),
} as const;

const arbProps = fc.record({
  facts: fc.record(FACTS, { requiredKeys: [] }),
  others: fc.dictionary(arbKey, arbValue, { maxKeys: 8 }),
  indent: fc.constantFrom('', ' '),
  crlf: fc.boolean(),
});

type Props = typeof arbProps extends fc.Arbitrary<infer T> ? T : never;

function render(p: Props): string {
  const entries = [...Object.entries(p.others), ...Object.entries(p.facts)];
  return entries.map(([k, v]) => `${p.indent}[${k}]: [${v}]`).join(p.crlf ? '\r\n' : '\n');
}

describe('getprop, generated', () => {
  it('reads back every property and the facts', () => {
    fc.assert(
      fc.property(arbProps, (p) => {
        const r = parseGetprop(render(p));
        const entries = [...Object.entries(p.others), ...Object.entries(p.facts)];
        if (entries.length === 0) {
          expect(r.kind).toBe('unknown');
          return;
        }
        const all = Object.fromEntries(entries);
        const fact = (key: string): string | null => {
          const value = (all[key] as string | undefined)?.trim();
          return value === undefined || value === '' ? null : value;
        };
        expect(r).toMatchObject({
          kind: 'getprop',
          manufacturer: fact('ro.product.manufacturer'),
          model: fact('ro.product.model'),
          soc_model: fact('ro.soc.model'),
          release: fact('ro.build.version.release'),
          properties: all,
        });
        const sdk = p.facts['ro.build.version.sdk'];
        if (sdk !== undefined) expect(r).toMatchObject({ sdk: Number(sdk) });
      }),
      { numRuns: 4000 },
    );
  });

  it('gives the properties of any whole-line head', () => {
    fc.assert(
      fc.property(arbProps.chain((p) => fc.tuple(fc.constant(render(p)), arbLinePrefix(render(p)))), ([text, cut]) => {
        const full = parseGetprop(text);
        const r = parseGetprop(cut.text);
        if (r.kind === 'unknown' || full.kind === 'unknown') return;
        for (const [key, value] of Object.entries(r.properties)) expect(full.properties[key]).toBe(value);
      }),
      { numRuns: 3000 },
    );
  });

  it('recognises exactly the [key]: [value] lines of any garbage', () => {
    fc.assert(
      fc.property(fc.array(arbGarbageLine, { maxLength: 10 }), (lines) => {
        const r = parseGetprop(lines.join('\n'));
        expectHandled(r);
        expectJsonSafe(r);
        const props = lines.flatMap((line) => line.split(/\r\n|\r|\n/)).filter((line) => /^\s*\[[^\]]+\]: \[.*\]\s*$/s.test(line));
        expect(r.kind).toBe(props.length > 0 ? 'getprop' : 'unknown');
      }),
      { numRuns: 3000 },
    );
  });
});
