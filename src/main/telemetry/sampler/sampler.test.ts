import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BoottimeClockMap } from './clock-map.js';
import { parseSamplerLine, type SamplerSample } from './sampler-lines.js';
import { realFixture } from '../../../../tests/fixtures-path.js';
import { shQuote } from '../../devices/android/shell.js';
import { parseThermalservice } from '../parsers/thermalservice.js';
import { SAMPLER_PIDFILE, samplerScript, thermalDumpFilter } from './sampler-script.js';

function fakeSysfs() {
  const root = mkdtempSync(join(tmpdir(), 'tetherscope-sysfs-'));
  const bat = join(root, 'sys/class/power_supply/battery');
  mkdirSync(bat, { recursive: true });
  writeFileSync(join(bat, 'current_now'), '-312000\n');
  writeFileSync(join(bat, 'voltage_now'), '3987000\n');
  const tz = join(root, 'sys/class/thermal/thermal_zone0');
  mkdirSync(tz, { recursive: true });
  writeFileSync(join(tz, 'temp'), '36500\n');
  writeFileSync(join(root, 'uptime'), '12345.67 9876.54\n');
  const work = join(root, 'data/local/tmp/tetherscope');
  mkdirSync(work, { recursive: true });
  return {
    root,
    work,
    sources: [join(bat, 'current_now'), join(bat, 'voltage_now'), join(tz, 'temp'), join(root, 'sys/missing')],
    uptime: join(root, 'uptime'),
  };
}

describe('sampler script', () => {
  it('passes mksh -n', () => {
    const fs = fakeSysfs();
    const script = samplerScript({ sources: fs.sources, rateHz: 20, workDir: fs.work });
    expect(execFileSync('mksh', ['-n', '-c', script], { encoding: 'utf8' })).toBe('');
  });

  it('streams samples at the asked rate under the real mksh, from a fake sysfs tree', async () => {
    const fs = fakeSysfs();
    const script = samplerScript({ sources: fs.sources, rateHz: 20, workDir: fs.work, uptimeFile: fs.uptime });
    const child = spawn('mksh', ['-c', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let tail = '';
    const samples: SamplerSample[] = [];
    let header: string[] | null = null;
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdout.on('data', (c: Buffer) => {
      const lines = (tail + c.toString()).split('\n');
      tail = lines.pop() ?? '';
      for (const line of lines) {
        const parsed = parseSamplerLine(line);
        if (parsed.type === 'header') header = parsed.header.sources;
        if (parsed.type === 'sample') samples.push(parsed.sample);
      }
    });
    // Batches of 0.7 s: by 2.5 s the third (samples 30–43) is out.
    await new Promise((r) => setTimeout(r, 2500));
    // What it printed to stderr while running (the kill itself interrupts its read -t).
    expect(stderr).toBe('');
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    expect(header).toEqual(fs.sources);
    // 20 Hz, sent every 0.7 s, allowing for start-up.
    expect(samples.length).toBeGreaterThanOrEqual(36);
    expect(samples.length).toBeLessThanOrEqual(50);
    expect(samples[0]?.values).toEqual([-312000, 3987000, 36500, null]);
    expect(samples[0]?.uptimeUs).toBe(12_345_670_000);
    expect(samples.map((s) => s.seq)).toEqual(samples.map((_, i) => i + 1));
    const spans = samples.slice(1).map((s, i) => s.realtimeUs - samples[i]!.realtimeUs);
    const mean = spans.reduce((a, b) => a + b, 0) / spans.length;
    expect(mean).toBeGreaterThan(45_000);
    expect(mean).toBeLessThan(55_000);
    expect(Number(readFileSync(join(fs.work, SAMPLER_PIDFILE), 'utf8'))).toBe(child.pid);
  });

  it('refuses rates it cannot pace', () => {
    expect(() => samplerScript({ sources: [], rateHz: 5000, workDir: '/x' })).toThrow(/outside/);
  });
});

describe('sampler lines', () => {
  it('parses samples and headers, and takes a cut-off line for no sample', () => {
    expect(parseSamplerLine('H 2 /a /b')).toEqual({ type: 'header', header: { sources: ['/a', '/b'] } });
    expect(parseSamplerLine('S 1 1700000000.000100 100.01 5 NA')).toEqual({
      type: 'sample',
      sample: { seq: 1, realtimeUs: 1_700_000_000_000_100, uptimeUs: 100_010_000, values: [5, null] },
    });
    expect(parseSamplerLine('S 2 17000').type).toBe('other');
    expect(parseSamplerLine('H 3 /a').type).toBe('other');
  });
});

describe('BoottimeClockMap', () => {
  it('converges on the true offset from 10 ms uptime ticks', () => {
    const trueOffset = -1_700_000_000_000_000 + 12_345_678_901;
    const map = new BoottimeClockMap();
    for (let i = 0; i < 200; i++) {
      const realtime = 1_700_000_000_000_000 + i * 20_013; // a period that walks across the 10 ms tick
      const boot = realtime + trueOffset;
      map.observe(realtime, Math.floor(boot / 10_000) * 10_000);
    }
    expect(Math.abs(map.offsetUs! - trueOffset)).toBeLessThan(100);
  });
});

/** Runs the sampler under the real mksh for 1.8 s with a fake `dumpsys` (a sh script) first on PATH; returns its output. */
async function runWithFakeDumpsys(dumpsysScript: string, options: { powerRails?: boolean } = {}): Promise<string> {
  const fs = fakeSysfs();
  const bin = join(fs.root, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'dumpsys'), dumpsysScript, { mode: 0o755 });
  const script = samplerScript({ sources: fs.sources.slice(0, 1), rateHz: 20, workDir: fs.work, uptimeFile: fs.uptime, thermalEveryS: 0.5, ...options });
  expect(execFileSync('mksh', ['-n', '-c', script], { encoding: 'utf8' })).toBe('');
  const child = spawn('mksh', ['-c', script], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PATH: `${bin}:${process.env['PATH'] ?? ''}` } });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  // Two batches of 0.7 s at 20 Hz.
  await new Promise((r) => setTimeout(r, 1800));
  const thermalPid = Number(readFileSync(join(fs.work, 'sampler-thermal.pid'), 'utf8'));
  child.kill('SIGTERM');
  process.kill(thermalPid, 'SIGTERM');
  await new Promise((r) => child.once('exit', r));
  return out;
}

describe('sampler thermal dumps', () => {
  it('wraps each dumpsys thermalservice dump in T+ and T- lines from one background loop', async () => {
    const out = await runWithFakeDumpsys('#!/bin/sh\necho "IsStatusOverride: false"\necho "Thermal Status: 2"\n');
    const lines = out.split('\n');
    const opens = lines.filter((l) => l === 'T+').length;
    expect(opens).toBeGreaterThanOrEqual(2);
    const first = lines.indexOf('T+');
    const block = lines.slice(first + 1, lines.indexOf('T-', first)).filter((l) => !l.startsWith('S '));
    expect(block[0]).toMatch(/^@thermal-at \d+\.\d{6}$/);
    // Filtered on the phone: the override flag is not read by the host.
    expect(block.slice(1)).toEqual(['Thermal Status: 2']);
    // Samples come in batches, yet every one arrives whole and in order.
    const seqs = lines.filter((l) => l.startsWith('S ')).map((l) => Number(l.split(' ')[1]));
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    expect(seqs.length).toBeGreaterThanOrEqual(28);
  });
});

describe('sampler power rails', () => {
  it('sends only the energy meter section of each IPowerStats dump, between two timestamps, inside the thermal block', async () => {
    const dump = [
      '',
      '============= PowerStats HAL 2.0 state residencies ==============',
      '  CPU0   OFF   100 ms   3   90 ms',
      '========== End of PowerStats HAL 2.0 state residencies ==========',
      '',
      '============= PowerStats HAL 2.0 energy consumers ==============',
      'CPU_CLUSTER :        12.00 mWs',
      '========== End of PowerStats HAL 2.0 energy consumers ==========',
      '',
      '============= PowerStats HAL 2.0 energy meter ==============',
      '                           Channel    Cumulative Energy',
      '              [S4M_VDD_CPUCL0]:CPU(LITTLE)          1234.56 mWs',
      '                  [S2S_VDD_G3D]:GPU            78.90 mWs',
      '========== End of PowerStats HAL 2.0 energy meter ==========',
    ];
    const out = await runWithFakeDumpsys(
      ['#!/bin/sh', 'if [ "$1" = thermalservice ]; then echo "Thermal Status: 0"; exit 0; fi', 'if [ "$1" = android.hardware.power.stats.IPowerStats/default ]; then', ...dump.map((l) => `echo '${l}'`), 'fi'].join('\n'),
      { powerRails: true },
    );
    // Every block: the thermal dump, then the rails section between its two timestamps. (A dump being
    // rewritten while a slow reader reads it may come through cut; the host skips such a block.)
    const blocks: string[][] = [];
    let open: string[] | null = null;
    for (const line of out.split('\n')) {
      if (line === 'T+') open = [];
      else if (line === 'T-' && open) {
        blocks.push(open);
        open = null;
      }
      else if (open && !line.startsWith('S ')) open.push(line);
    }
    expect(blocks.length).toBeGreaterThanOrEqual(2);
    // The thermal dump and the rails are each sent once written, so a block holds either or both, thermal first.
    const thermal = blocks.find((b) => b[0]?.startsWith('@thermal-at '))!;
    expect(thermal.slice(1, 2)).toEqual(['Thermal Status: 0']);
    const withRails = blocks.find((b) => b.some((l) => l.startsWith('@rails-begin ')))!;
    expect(withRails).toBeDefined();
    const block = withRails.slice(withRails.findIndex((l) => l.startsWith('@rails-begin ')));
    expect(block[0]).toMatch(/^@rails-begin \d+\.\d{6}$/);
    expect(block.slice(1, -1)).toEqual(dump.slice(9));
    expect(block.at(-1)).toMatch(/^@rails-end \d+\.\d{6}$/);
    const [begin, end] = [block[0]!, block.at(-1)!].map((l) => Number(l.split(' ')[1]));
    expect(end!).toBeGreaterThanOrEqual(begin!);
  });
});

describe('the phone-side thermal filter', () => {
  it('keeps, under the real mksh, what the host reads of every real dump: the status and the live HAL temperatures', () => {
    const dir = realFixture('telemetry');
    const names = readdirSync(dir).filter((n) => n.includes('thermalservice'));
    expect(names.length).toBeGreaterThanOrEqual(4);
    for (const name of names) {
      const whole = readFileSync(join(dir, name), 'utf8');
      const kept = execFileSync('mksh', ['-c', thermalDumpFilter(shQuote(join(dir, name)))], { encoding: 'utf8' });
      const full = parseThermalservice(whole);
      const filtered = parseThermalservice(kept);
      if (full.kind !== 'thermalservice' || filtered.kind !== 'thermalservice') throw new Error(`${name} not read`);
      expect(filtered.status, name).toBe(full.status);
      expect(filtered.numbering, name).toBe(full.numbering);
      expect(filtered.hal_version, name).toBe(full.hal_version);
      // The listeners and the cached readings stay on the phone.
      expect(kept, name).not.toMatch(/Listeners:|Cached temperatures:|IsStatusOverride/);
      if (full.temperatures_source === 'current') expect(filtered.temperatures, name).toEqual(full.temperatures);
      else expect(filtered.temperatures, name).toEqual([]);
      expect(kept.length, name).toBeLessThan(whole.length);
    }
    // Samsung's HAL, named in a HAL connection section after another listeners section: its numbering survives.
    const samsung = join(mkdtempSync(join(tmpdir(), 'tetherscope-thermal-')), 'dump');
    writeFileSync(
      samsung,
      'ThermalStatusListeners:\n\tcallbacks: 1\nThermal Status: 1\nHAL Ready: true\nThermalHeadroomListeners:\n\tcallbacks: 0\nHAL connection:\n\tSdhms connected: yes\nCurrent temperatures from HAL:\n\tTemperature{mValue=30.0, mType=4, mName=skin, mStatus=1}\n',
    );
    const samsungKept = execFileSync('mksh', ['-c', thermalDumpFilter(shQuote(samsung))], { encoding: 'utf8' });
    expect(samsungKept).not.toContain('callbacks');
    const samsungParsed = parseThermalservice(samsungKept);
    if (samsungParsed.kind !== 'thermalservice') throw new Error('Samsung dump not read');
    expect(samsungParsed.numbering).toBe('samsung');
    expect(samsungParsed.status).toBe(1);
    expect(samsungParsed.temperatures.map((t) => [t.name, t.type_name, t.celsius])).toEqual([['skin', 'SKIN', 30]]);
    // A vendor's sensor name is passed on as it is, backslashes included.
    const odd = join(mkdtempSync(join(tmpdir(), 'tetherscope-thermal-')), 'dump');
    writeFileSync(odd, 'Thermal Status: 1\nCurrent temperatures from HAL:\n\tTemperature{mValue=30.0, mType=3, mName=skin\\c\\t -n, mStatus=1}\n');
    expect(execFileSync('mksh', ['-c', thermalDumpFilter(shQuote(odd))], { encoding: 'utf8' })).toBe(readFileSync(odd, 'utf8'));
  });
});
