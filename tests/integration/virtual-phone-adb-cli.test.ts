import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVirtualPhone } from '../../src/main/devices/virtual/virtual-phone.js';
import type { RunningVirtualPhone } from '../../src/main/devices/virtual/virtual-phone.js';
import { deviceState, startPrivateAdbServer } from './helpers/adb-server.js';
import type { PrivateAdbServer } from './helpers/adb-server.js';

const ADB_PORT = 15041;

describe('virtual phone through the adb CLI', () => {
  let server: PrivateAdbServer;
  let sim: RunningVirtualPhone;
  let work: string;
  const shell = (script: string) => server.adb(['-s', sim.serial, 'shell', script]);

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'ts-vp-cli-'));
    server = await startPrivateAdbServer(ADB_PORT);
    sim = await startVirtualPhone({ adbPort: ADB_PORT });
  });

  afterAll(async () => {
    await sim?.stop();
    await server?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('is listed as a device with the profile model', async () => {
    expect(await deviceState(server, sim.serial)).toBe('device');
    const { output } = await server.adb(['devices', '-l']);
    expect(output).toMatch(new RegExp(`${sim.serial.replace(/\./g, '\\.')}\\s+device product:ts_flagship model:Virtual_Flagship device:ts_flagship`));
  });

  it('returns the exit status of `adb shell` (shell v2)', async () => {
    expect((await shell('exit 3')).code).toBe(3);
    expect((await shell('true')).code).toBe(0);
  });

  it('answers getprop with the model and says it is virtual', async () => {
    expect((await shell('getprop ro.product.model')).output).toBe('Virtual Flagship\n');
    expect((await shell('getprop ro.tetherscope.virtual')).output).toBe('1\n');
  });

  it('keeps stdout and stderr apart in shell v2', async () => {
    const result = await new Promise<{ stdout: string; stderr: string; code: number }>((resolve) => {
      execFile('adb', ['-P', String(ADB_PORT), '-s', sim.serial, 'shell', 'echo out; echo err >&2; exit 5'], (error, stdout, stderr) => {
        resolve({ stdout, stderr, code: error === null ? 0 : Number(error.code) });
      });
    });
    expect(result).toEqual({ stdout: 'out\n', stderr: 'err\n', code: 5 });
  });

  it('round-trips a 20 MB file with adb push and adb pull, and lists it', async () => {
    const local = join(work, 'big.bin');
    const back = join(work, 'back.bin');
    const data = randomBytes(20 * 1024 * 1024);
    writeFileSync(local, data);
    const push = await server.adb(['-s', sim.serial, 'push', local, '/data/local/tmp/big.bin'], 60_000);
    expect(push.code, push.output).toBe(0);
    const pull = await server.adb(['-s', sim.serial, 'pull', '/data/local/tmp/big.bin', back], 60_000);
    expect(pull.code, pull.output).toBe(0);
    expect(createHash('sha256').update(readFileSync(back)).digest('hex')).toBe(createHash('sha256').update(data).digest('hex'));

    const ls = await server.adb(['-s', sim.serial, 'ls', '/data/local/tmp']);
    expect(ls.output).toMatch(/^000081a4 01400000 [0-9a-f]{8} big\.bin$/m);
    const shellLs = await shell('ls -l /data/local/tmp');
    expect(shellLs.output).toMatch(/^-rw-r--r-- 1 shell shell 20971520 \d{4}-\d\d-\d\d \d\d:\d\d big\.bin$/m);
    const sum = await shell('sha256sum /data/local/tmp/big.bin');
    expect(sum.output.split(' ')[0]).toBe(createHash('sha256').update(data).digest('hex'));
  }, 60_000);

  it('refuses writes where a phone would', async () => {
    const result = await shell('echo x > /system/x; echo $?');
    expect(result.output.split('\n').sort()).toEqual(['', '/system/bin/sh: can\'t create /system/x: Read-only file system', '1']);
    expect((await shell('ls /data')).output).toBe('ls: /data: Permission denied\n');
  });

  it('leaves nothing running after its commands, and counts what it started', async () => {
    const before = sim.phone.spawnCount;
    await shell('ls /data/local/tmp | wc -l; x=$(getprop ro.product.model)');
    // sh, ls, wc, and the $( ) subshell that execs getprop.
    expect(sim.phone.spawnCount - before).toBe(4);
    // `sh -c 'ps …'` execs ps in place (as mksh does): only ps, a child of adbd, is running.
    const ps = await shell('ps -A -o PID,PPID,NAME,ARGS');
    const ours = ps.output.split('\n').filter((line) => /\b(sh|ps)\b/.test(line));
    expect(ours.map((line) => line.trim().split(/\s+/).slice(1, 3))).toEqual([['901', 'ps']]);
    expect(sim.phone.liveProcesses()).toHaveLength(0);
  });
});
