// Bare `getprop` output, one `[key]: [value]` per line (android-telemetry.md §5.1), with the
// device facts picked out in the order DESIGN.md gives (SoC from ro.soc.*, then the board).
import type { GetpropResult } from '../../../shared/tool-output/getprop.js';
import type { UnknownResult } from '../../../shared/tool-output/unknown.js';
import { MAX_LINE_LENGTH, splitLines } from '../../parsing/lines.js';
import { parseInteger } from '../../parsing/numbers.js';
import { guarded, unknownResult } from '../../parsing/unknown.js';

const PROPERTY = /^\s*\[([^\]]+)\]: \[(.*)\]\s*$/s;

/** Partition variants, read when the plain key is missing (newer builds split them, sample 50). */
const PARTITIONS = ['', 'product.', 'system.', 'vendor.', 'odm.', 'system_ext.'] as const;

function firstOf(props: ReadonlyMap<string, string>, keys: readonly string[]): string | null {
  for (const key of keys) {
    const value = props.get(key)?.trim();
    if (value !== undefined && value !== '') return value;
  }
  return null;
}

const productKeys = (field: string): string[] => PARTITIONS.map((partition) => `ro.product.${partition}${field}`);
const buildKeys = (field: string): string[] => [
  `ro.build.${field}`,
  ...['product', 'system', 'vendor', 'odm', 'system_ext'].map((partition) => `ro.${partition}.build.${field}`),
  `ro.product.build.${field}`,
];

export function parseGetprop(text: string): GetpropResult | UnknownResult {
  return guarded(() => {
    const props = new Map<string, string>();
    for (const raw of splitLines(text)) {
      if (raw.length > MAX_LINE_LENGTH) continue;
      const m = PROPERTY.exec(raw);
      if (m?.[1] !== undefined) props.set(m[1], m[2] ?? '');
    }
    if (props.size === 0) return unknownResult('No line of this text is a getprop property ([key]: [value]).');

    const abiList = firstOf(props, ['ro.product.cpu.abilist', 'ro.system.product.cpu.abilist', 'ro.vendor.product.cpu.abilist']);
    const abis = abiList === null ? [] : abiList.split(',').map((abi) => abi.trim()).filter((abi) => abi !== '');
    const debuggable = firstOf(props, ['ro.debuggable']);
    return {
      kind: 'getprop',
      manufacturer: firstOf(props, productKeys('manufacturer')),
      model: firstOf(props, productKeys('model')),
      soc_manufacturer: firstOf(props, ['ro.soc.manufacturer']),
      soc_model: firstOf(props, ['ro.soc.model']),
      board_platform: firstOf(props, ['ro.board.platform']),
      hardware: firstOf(props, ['ro.hardware', 'ro.boot.hardware']),
      sdk: parseInteger(firstOf(props, buildKeys('version.sdk')) ?? undefined),
      release: firstOf(props, buildKeys('version.release')),
      abi: firstOf(props, ['ro.product.cpu.abi']) ?? abis[0] ?? null,
      abi_list: abis,
      build_type: firstOf(props, buildKeys('type')),
      debuggable: debuggable === null ? null : debuggable === '1',
      fingerprint: firstOf(props, buildKeys('fingerprint')),
      properties: Object.fromEntries(props),
    };
  });
}
