/**
 * Virtual phone throughput and latency through the real adb server:
 * `npx tsx tests/bench/sim.bench.ts`. Ends with name=value lines.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { startVirtualPhone } from '../../src/main/devices/virtual/virtual-phone.js';
import { startPrivateAdbServer } from '../integration/helpers/adb-server.js';
import { Adb } from '../integration/helpers/adbkit.js';

const ADB_PORT = 15090;
const PUSH_BYTES = 20 * 1024 * 1024;
const PUSH_ROUNDS = 5;
const RTT_ROUNDS = 100;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** The median round: single pushes swing widely on a shared 2-core machine. */
function median(values: number[]): number {
  return percentile([...values].sort((a, b) => a - b), 50);
}

const work = mkdtempSync(join(tmpdir(), 'ts-sim-bench-'));
const server = await startPrivateAdbServer(ADB_PORT);
const sim = await startVirtualPhone({ adbPort: ADB_PORT }).catch(async (error: unknown) => {
  await server.stop();
  throw error;
});
try {
  const data = randomBytes(PUSH_BYTES);
  const local = join(work, 'push.bin');
  writeFileSync(local, data);
  const device = Adb.createClient({ port: ADB_PORT }).getDevice(sim.serial);

  const kitRates: number[] = [];
  for (let round = 0; round < PUSH_ROUNDS; round++) {
    const start = performance.now();
    const transfer = await device.push(Readable.from([data]), '/data/local/tmp/bench.bin');
    await new Promise<void>((resolve, reject) => {
      transfer.on('end', () => resolve());
      transfer.on('error', reject);
    });
    kitRates.push(PUSH_BYTES / 1e6 / ((performance.now() - start) / 1000));
  }

  const cliRates: number[] = [];
  for (let round = 0; round < PUSH_ROUNDS; round++) {
    const start = performance.now();
    await new Promise<void>((resolve, reject) => {
      execFile('adb', ['-P', String(ADB_PORT), '-s', sim.serial, 'push', local, '/data/local/tmp/bench-cli.bin'], (error) =>
        error === null ? resolve() : reject(error),
      );
    });
    cliRates.push(PUSH_BYTES / 1e6 / ((performance.now() - start) / 1000));
  }

  const rtts: number[] = [];
  for (let round = 0; round < RTT_ROUNDS; round++) {
    const start = performance.now();
    const out = await Adb.util.readAll(await device.shell('echo ping'));
    if (out.toString() !== 'ping\n') throw new Error(`unexpected shell output ${JSON.stringify(out.toString())}`);
    rtts.push(performance.now() - start);
  }
  rtts.sort((a, b) => a - b);

  console.log(`adbkit push ${PUSH_ROUNDS}x ${PUSH_BYTES / 1048576} MiB: ${kitRates.map((r) => r.toFixed(1)).join(', ')} MB/s`);
  console.log(`adb CLI push ${PUSH_ROUNDS}x ${PUSH_BYTES / 1048576} MiB: ${cliRates.map((r) => r.toFixed(1)).join(', ')} MB/s (process start included)`);
  console.log(`adbkit shell('echo ping') round trip over ${RTT_ROUNDS} runs`);
  console.log(`push_mb_s=${median(kitRates).toFixed(1)}`);
  console.log(`adb_cli_push_mb_s=${median(cliRates).toFixed(1)}`);
  console.log(`shell_rtt_p50_ms=${percentile(rtts, 50).toFixed(2)}`);
  console.log(`shell_rtt_p95_ms=${percentile(rtts, 95).toFixed(2)}`);
} finally {
  await sim.stop();
  await server.stop();
  rmSync(work, { recursive: true, force: true });
}
