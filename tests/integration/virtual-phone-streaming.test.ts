import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVirtualPhone } from '../../src/main/devices/virtual/virtual-phone.js';
import type { RunningVirtualPhone } from '../../src/main/devices/virtual/virtual-phone.js';
import { startPrivateAdbServer, waitFor } from './helpers/adb-server.js';
import type { PrivateAdbServer } from './helpers/adb-server.js';
import { Adb } from './helpers/adbkit.js';

const ADB_PORT = 15043;
const PERIOD_S = 0.05;

/**
 * A telemetry-style loop of mksh builtins only: `read -t` on a FIFO opened
 * read-write (never blocks, never gets data) is the sleep, so no process is
 * started per sample.
 */
function tickScript(dir: string): string {
  return [
    `f=${dir}/.ts_tick; rm -f $f; mkfifo $f; exec 3<>$f; rm -f $f`,
    'while :; do',
    '  echo $EPOCHREALTIME',
    `  read -t ${PERIOD_S} -u3 _`,
    'done',
  ].join('\n');
}

interface Line {
  readonly arrivedMs: number;
  readonly stampUs: number;
}

function collect(stream: NodeJS.ReadableStream, into: Line[]): void {
  let pending = '';
  stream.on('data', (chunk: Buffer) => {
    pending += chunk.toString('utf8');
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const [s, us] = line.split('.');
      into.push({ arrivedMs: performance.now(), stampUs: Number(s) * 1e6 + Number(us) });
    }
  });
}

describe('streaming loops of builtins', () => {
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

  it('the idiom is valid mksh and ticks at the period under real mksh', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ts-tick-'));
    const script = tickScript(dir);
    try {
      expect(spawnSync('/usr/bin/mksh', ['-n', '-c', script]).status).toBe(0);
      const child = spawn('/usr/bin/mksh', ['-c', script], { stdio: ['ignore', 'pipe', 'inherit'] });
      const lines: Line[] = [];
      collect(child.stdout, lines);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      child.kill('SIGKILL');
      expect(lines.length).toBeGreaterThanOrEqual(15);
      expect(lines.length).toBeLessThanOrEqual(21);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('streams lines at the asked rate for 10 s, starts no process per line, and dies of SIGPIPE when the stream closes', async () => {
    const client = Adb.createClient({ port: ADB_PORT });
    const stream: Duplex = await client.getDevice(sim.serial).shell(tickScript('/data/local/tmp'));
    const lines: Line[] = [];
    collect(stream, lines);
    const startedAt = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const spawnsAfterSetup = sim.phone.spawnCount;
    await new Promise((resolve) => setTimeout(resolve, 9000));
    const spawnsAtEnd = sim.phone.spawnCount;
    stream.destroy();

    // Streamed, not buffered: lines kept arriving across the whole 10 s.
    const firstArrival = lines[0]!.arrivedMs - startedAt;
    expect(firstArrival).toBeLessThan(1500);
    const lastSecond = lines.filter((l) => l.arrivedMs - startedAt > 9000);
    expect(lastSecond.length).toBeGreaterThanOrEqual(14);

    // Rate: 1 / (period + loop overhead); 10 s at 20 Hz nominal.
    const intervals = lines.slice(1).map((l, i) => (l.stampUs - lines[i]!.stampUs) / 1000);
    const mean = intervals.reduce((a, b) => a + b, 0) / intervals.length;
    expect(mean).toBeGreaterThanOrEqual(PERIOD_S * 1000);
    expect(mean).toBeLessThan(PERIOD_S * 1000 * 1.3);
    expect(lines.length).toBeGreaterThanOrEqual(150);
    expect(lines.length).toBeLessThanOrEqual(201);

    expect(spawnsAtEnd).toBe(spawnsAfterSetup);

    // With the stream closed, the shell's next echo hits a pipe with no reader.
    const live = await waitFor(
      () => Promise.resolve(sim.phone.liveProcesses().length),
      (n) => n === 0,
      2000,
      50,
    );
    expect(live).toBe(0);
  }, 20_000);

  it('keeps an orphan running after its stream closes, until it is killed', async () => {
    const client = Adb.createClient({ port: ADB_PORT });
    const stream: Duplex = await client.getDevice(sim.serial).shell('sleep 30');
    const sleeper = await waitFor(
      () => Promise.resolve(sim.phone.liveProcesses().find((p) => p.name === 'sleep')),
      (p) => p !== undefined,
      2000,
      20,
    );
    expect(sleeper).toBeDefined();
    stream.destroy();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const ps = await server.adb(['-s', sim.serial, 'shell', 'ps -A -o PID,NAME,ARGS']);
    expect(ps.output).toMatch(new RegExp(`^\\s*${sleeper!.pid} sleep\\s+sleep 30$`, 'm'));
    const kill = await server.adb(['-s', sim.serial, 'shell', `kill ${sleeper!.pid}`]);
    expect(kill.code).toBe(0);
    expect(await sleeper!.exited).toBe(143);
    expect(sim.phone.liveProcesses()).toHaveLength(0);
  });
});
