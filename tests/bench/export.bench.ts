/**
 * Export speed, size and memory on a large session: `npx tsx tests/bench/export.bench.ts`.
 *
 * The session: 1 000 000 inferences over three paths (two repeats each, paths rotated, 50 warm-up inferences
 * per run, NPU ~0.8 ms, GPU ~1.5 ms, CPU ~3 ms, 30–70 µs apart) and 30 minutes of 20 Hz telemetry in six
 * series. Each format runs in a child process of its own that builds the session and then exports it; the time
 * is the export alone, the peak RSS (the child's maxRSS) covers building the session too, so a
 * `session` child that only builds it is run as well, to show what the session itself costs.
 * Ends with name=value lines.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PathId } from '../../src/shared/api-constants.js';
import { newSessionData } from '../../src/shared/session/read-session.js';
import type { SessionData } from '../../src/shared/session/session-data.js';
import type { HostTimeMs } from '../../src/shared/units.js';
import { writeChromeJson } from '../../src/main/export/chrome-json-export.js';
import { writeCsv } from '../../src/main/export/csv-export.js';
import { writePerfetto } from '../../src/main/export/perfetto-export.js';
import { writeSummary } from '../../src/main/export/summary-export.js';
import { testHeader } from '../../src/main/sessions/test-header.js';

const INFERENCES = 1_000_000;
const WARMUP_PER_RUN = 50;
const TELEMETRY_S = 30 * 60;
const TELEMETRY_HZ = 20;
const FORMATS = ['session', 'perfetto', 'json', 'csv', 'summary'] as const;
type Format = (typeof FORMATS)[number];

interface ChildReport {
  format: Format;
  seconds: number;
  bytes: number;
  maxRssMb: number;
  inferences: number;
  /** Perfetto only: the same session exported without its inferences. */
  bytesWithoutInferences?: number;
}

/** xorshift32: the same session in every child. */
function random(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

function buildSession(): SessionData {
  const rnd = random(0x7e7e);
  const s = newSessionData(testHeader('export-bench', { deviceClockOriginNs: '987654321000000' }));
  const base: Record<PathId, number> = { npu: 800, gpu: 1500, cpu: 3000 };
  const order: PathId[][] = [
    ['npu', 'gpu', 'cpu'],
    ['gpu', 'cpu', 'npu'],
  ];
  const perRun = Math.floor(INFERENCES / 6) - WARMUP_PER_RUN;
  let extra = INFERENCES - 6 * (perRun + WARMUP_PER_RUN);
  let t = 0;
  const event = (kind: 'path-start' | 'path-end' | 'throttling', path: PathId | null, message: string): void => {
    s.events.push({ r: 'event', kind, at: 0 as HostTimeMs, tUs: t, path, message });
  };
  order.forEach((paths, repeat) => {
    for (const path of paths) {
      event('path-start', path, `${path.toUpperCase()} path started (repeat ${repeat + 1}).`);
      const warm = (s.warmupPoints[path] ??= { tUs: [], latUs: [], repeat: [] });
      const pts = (s.points[path] ??= { tUs: [], latUs: [], repeat: [] });
      const count = perRun + (extra > 0 ? 1 : 0);
      if (extra > 0) extra--;
      for (let i = 0; i < WARMUP_PER_RUN + count; i++) {
        const spike = rnd() < 0.001 ? 4 : 1;
        const lat = Math.round(base[path] * (0.9 + 0.2 * rnd()) * spike * 1000) / 1000;
        const target = i < WARMUP_PER_RUN ? warm : pts;
        target.tUs.push(t);
        target.latUs.push(i < WARMUP_PER_RUN ? lat * 1.5 : lat);
        target.repeat.push(repeat);
        t += lat * (i < WARMUP_PER_RUN ? 1.5 : 1) + 30 + 40 * rnd();
      }
      event('path-end', path, `${path.toUpperCase()} path ended.`);
      t += 5_000_000; // cool-down between paths
    }
    event('throttling', null, `Thermal status ${repeat + 1}.`);
  });
  const samples = TELEMETRY_S * TELEMETRY_HZ;
  const times = Array.from({ length: samples }, (_, i) => i * (1e6 / TELEMETRY_HZ));
  const series = (id: string, name: string, kind: SessionData['series'][number]['meta']['kind'], unit: string, value: (i: number) => number): void => {
    s.series.push({ meta: { r: 'series', id, name, kind, unit, updateHz: TELEMETRY_HZ, source: 'bench' }, tUs: times.slice(), v: times.map((_, i) => value(i)) });
  };
  series('battery.power', 'Battery power drawn', 'power', 'mW', (i) => Math.round((2200 + 600 * Math.sin(i / 500) + 100 * rnd()) * 10) / 10);
  series('battery.current', 'Battery current drawn', 'current', 'mA', (i) => Math.round(540 + 150 * Math.sin(i / 500) + 20 * rnd()));
  series('battery.voltage', 'Battery voltage', 'voltage', 'mV', (i) => Math.round(4100 - i / 100));
  series('battery.temperature', 'Battery temperature', 'temperature', '°C', (i) => 30 + Math.round(i / 3000) / 10);
  series('thermal.zone0', 'Thermal zone 0', 'temperature', '°C', (i) => 38 + Math.round(i / 1500 + 5 * rnd()) / 10);
  series('cpu7.freq', 'CPU 7 frequency', 'frequency', 'MHz', (i) => (i % 400 < 300 ? 2841.6 : 2419.2));
  return s;
}

const count = (s: SessionData): number =>
  Object.values(s.points).reduce((n, p) => n + (p?.tUs.length ?? 0), 0) + Object.values(s.warmupPoints).reduce((n, p) => n + (p?.tUs.length ?? 0), 0);

async function runChild(format: Format, dir: string): Promise<void> {
  const session = buildSession();
  const file = join(dir, `bench.${format}`);
  const start = performance.now();
  let bytesWithoutInferences: number | undefined;
  if (format === 'perfetto') await writePerfetto(session, file, dir);
  else if (format === 'json') await writeChromeJson(session, file);
  else if (format === 'csv') await writeCsv(session, file);
  else if (format === 'summary') await writeSummary(session, file, { budget: { kind: 'hz', hz: 120 }, appOverheadMs: 0 });
  const seconds = (performance.now() - start) / 1000;
  const bytes = format === 'session' ? 0 : statSync(file).size;
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  if (format === 'perfetto') {
    const bare: SessionData = { ...session, points: {}, warmupPoints: {} };
    bytesWithoutInferences = (await writePerfetto(bare, join(dir, 'bare.pftrace'), dir)).bytes;
  }
  const report: ChildReport = { format, seconds, bytes, maxRssMb, inferences: count(session), ...(bytesWithoutInferences === undefined ? {} : { bytesWithoutInferences }) };
  process.send?.(report);
}

function runInChild(format: Format, dir: string): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['child', format, dir], { stdio: 'inherit' });
    let report: ChildReport | undefined;
    child.on('message', (m) => (report = m as ChildReport));
    child.on('error', reject);
    child.on('exit', (code) => (report && code === 0 ? resolve(report) : reject(new Error(`the ${format} child exited with ${code}`))));
  });
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ts-export-bench-'));
  try {
    const reports = new Map<Format, ChildReport>();
    for (const format of FORMATS) {
      const r = await runInChild(format, dir);
      reports.set(format, r);
      console.log(`${format.padEnd(9)} ${r.seconds.toFixed(2).padStart(6)} s  ${(r.bytes / 1e6).toFixed(1).padStart(7)} MB  peak RSS ${r.maxRssMb.toFixed(0).padStart(4)} MB  (${r.inferences} inferences)`);
    }
    const get = (f: Format): ChildReport => reports.get(f)!;
    const p = get('perfetto');
    const inferenceOnly = (p.bytes - (p.bytesWithoutInferences ?? 0)) / p.inferences;
    console.log(`perfetto: ${(p.bytes / p.inferences).toFixed(2)} B per inference for the whole file (telemetry, events and descriptors included), ${inferenceOnly.toFixed(2)} B for the inferences alone`);
    console.log(`peak RSS covers building the session (${get('session').maxRssMb.toFixed(0)} MB on its own) plus the export, in each format's own process`);
    const mb = (bytes: number): string => (bytes / 1e6).toFixed(1);
    console.log(
      [
        `perfetto_s=${p.seconds.toFixed(2)}`,
        `perfetto_mb=${mb(p.bytes)}`,
        `perfetto_bytes_per_inference=${(p.bytes / p.inferences).toFixed(2)}`,
        `json_s=${get('json').seconds.toFixed(2)}`,
        `json_mb=${mb(get('json').bytes)}`,
        `csv_s=${get('csv').seconds.toFixed(2)}`,
        `csv_mb=${mb(get('csv').bytes)}`,
        `peak_rss_mb=${Math.max(...[...reports.values()].map((r) => r.maxRssMb)).toFixed(0)}`,
      ].join('\n'),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === 'child') await runChild(process.argv[3] as Format, process.argv[4]!);
else await main();
