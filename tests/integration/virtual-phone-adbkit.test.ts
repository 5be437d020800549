import { spawnSync } from 'node:child_process';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVirtualPhone } from '../../src/main/devices/virtual/virtual-phone.js';
import type { RunningVirtualPhone } from '../../src/main/devices/virtual/virtual-phone.js';
import { startPrivateAdbServer } from './helpers/adb-server.js';
import type { PrivateAdbServer } from './helpers/adb-server.js';
import { Adb } from './helpers/adbkit.js';

const ADB_PORT = 15042;

/** The same loop three ways: renamed variables, reordered statements, different spacing. */
const SAME_LOOP = [
  'i=0; while [ $i -lt 5 ]; do echo "line $i"; i=$((i+1)); done',
  'count=0\nwhile [ "$count" -lt 5 ]\ndo\n    echo "line $count"\n    count=$(( count + 1 ))\ndone\n',
  'k=-1;while k=$((k+1));[ $k -lt 5 ];do echo line\\ $k;done',
];

describe('virtual phone through adbkit', () => {
  let server: PrivateAdbServer;
  let sim: RunningVirtualPhone;

  beforeAll(async () => {
    server = await startPrivateAdbServer(ADB_PORT);
    sim = await startVirtualPhone({ adbPort: ADB_PORT });
  });

  afterAll(async () => {
    await sim?.stop();
    await server?.stop();
  });

  const device = () => Adb.createClient({ port: ADB_PORT }).getDevice(sim.serial);
  const shellText = async (command: string): Promise<string> => {
    const stream = await device().shell(command);
    return (await Adb.util.readAll(stream)).toString('utf8');
  };

  it('lists it and reads its properties', async () => {
    const devices = await Adb.createClient({ port: ADB_PORT }).listDevices();
    expect(devices).toContainEqual({ id: sim.serial, type: 'device' });
    const props = await device().getProperties();
    expect(props['ro.product.model']).toBe('Virtual Flagship');
    expect(props['ro.tetherscope.virtual']).toBe('1');
    expect(props['ro.build.version.sdk']).toBe('34');
  });

  it('runs shell commands (legacy shell: merged output, no exit code)', async () => {
    expect(await shellText('echo hi; echo err >&2; getprop ro.product.device')).toBe('hi\nerr\nts_flagship\n');
    // adbkit's LineTransform looks at the first byte: `echo &&` must give exactly "\n".
    expect(await shellText('echo && echo after')).toBe('\nafter\n');
  });

  it('pushes, lists, stats and pulls files', async () => {
    const content = Buffer.from('model bytes\n'.repeat(1000));
    const transfer = await device().push(Readable.from([content]), '/data/local/tmp/kit/model.bin', 0o644);
    await new Promise<void>((resolve, reject) => {
      transfer.on('end', () => resolve());
      transfer.on('error', reject);
    });
    const entries = await device().readdir('/data/local/tmp/kit');
    expect(entries.map((e: { name: string; size: number }) => [e.name, e.size])).toEqual([['model.bin', content.length]]);
    const stat = await device().stat('/data/local/tmp/kit/model.bin');
    expect(stat.size).toBe(content.length);
    expect(stat.mode & 0o170777).toBe(0o100644);
    const pulled = await Adb.util.readAll(await device().pull('/data/local/tmp/kit/model.bin'));
    expect(pulled.equals(content)).toBe(true);
    await expect(device().stat('/data/local/tmp/kit/missing')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('interprets scripts: the same loop written three ways streams the same lines', async () => {
    const outputs: string[] = [];
    for (const script of SAME_LOOP) {
      expect(spawnSync('/usr/bin/mksh', ['-n', '-c', script]).status).toBe(0);
      const real = spawnSync('/usr/bin/mksh', ['-c', script], { encoding: 'utf8' }).stdout;
      const ours = await shellText(script);
      expect(ours).toBe(real);
      outputs.push(ours);
    }
    expect(new Set(outputs).size).toBe(1);
    expect(outputs[0]).toBe('line 0\nline 1\nline 2\nline 3\nline 4\n');
  });
});
