// `tetherscope parse` on every real fixture: the CLI's own entry, in-process, with --json.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../../src/main/cli/index.js';
import { realFixture } from '../fixtures-path.js';

async function parseCli(file: string): Promise<{ code: number; json: Record<string, unknown> }> {
  const out: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((line: unknown) => void out.push(String(line)));
  try {
    const code = await main(['parse', file, '--json']);
    return { code, json: JSON.parse(out.join('\n')) as Record<string, unknown> };
  } finally {
    log.mockRestore();
  }
}

const expectedKind = (name: string): string =>
  name.includes('thermalservice') ? 'thermalservice' : name.includes('battery') ? 'battery' : name.includes('thermalzones') ? 'thermal_zones' : name.includes('powersupply') ? 'power_supply' : name.includes('getprop') ? 'getprop' : 'benchmark_model';

describe('tetherscope parse on the real fixtures', () => {
  for (const dir of ['benchmark', 'telemetry']) {
    const files = readdirSync(realFixture(dir)).filter((f) => f.endsWith('.txt'));
    for (const name of files) {
      it(`${dir}/${name}`, async () => {
        const { code, json } = await parseCli(join(realFixture(dir), name));
        expect(code).toBe(0);
        expect(json['kind']).toBe(expectedKind(name));
      });
    }
  }

  it('prints the figures the issue names for a benchmark run (fixture 06)', async () => {
    const { json } = await parseCli(realFixture('benchmark/06-synaptics-astra-android-nnapi-synapnpu-full-delegation.txt'));
    expect(json).toMatchObject({ init_us: 66002, first_inference_us: 637079, warmup_avg_us: 637079, inference_avg_us: 1885.74, inference_count: 520 });
    expect(json['delegates']).toEqual([expect.objectContaining({ name: 'TfLiteNnapiDelegate', nodes_delegated: 31, nodes_total: 31, partitions: 1 })]);
    for (const key of ['unsupported_ops', 'failures', 'op_profile']) expect(Array.isArray(json[key])).toBe(true);
  });

  it('prints battery and getprop fields', async () => {
    expect((await parseCli(realFixture('telemetry/20-battery-nexus5-hammerhead-crlf-skia.txt'))).json).toMatchObject({ level: 45, scale: 100, voltage_mv: 4189, temperature_c: 18, status: 'full', plugged: 'usb', present: true });
    expect((await parseCli(realFixture('telemetry/50-getprop-moto-g75-5g-sm6475-android14-ppayne.txt'))).json).toMatchObject({ manufacturer: 'motorola', model: 'moto g75 5G', soc_manufacturer: 'QTI', soc_model: 'SM6475', sdk: 34, abi: 'arm64-v8a' });
  });
});
