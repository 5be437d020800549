import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newSessionData } from '../../shared/session/read-session.js';
import type { HostTimeMs } from '../../shared/units.js';
import { testHeader } from '../sessions/test-header.js';
import { writeChromeJson } from './chrome-json-export.js';
import { CSV_HEADER, writeCsv } from './csv-export.js';
import { sessionSummary } from './summary-export.js';

function sample() {
  const s = newSessionData(testHeader('exp'));
  s.points.npu = { tUs: [100, 2100, 4100], latUs: [1900.5, 1950, 2100], repeat: [0, 0, 0] };
  s.warmupPoints.npu = { tUs: [0], latUs: [5000], repeat: [0] };
  s.points.cpu = { tUs: [9000, 19000], latUs: [9000, 9100], repeat: [0, 0] };
  s.series.push({ meta: { r: 'series', id: 'battery.current', name: 'Battery current drawn', kind: 'current', unit: 'mA', updateHz: 1, source: 'x' }, tUs: [0, 50_000], v: [310, 320] });
  s.events.push({ r: 'event', kind: 'path-start', at: 0 as HostTimeMs, tUs: 0, path: 'npu', message: 'NPU path started.' });
  s.events.push({ r: 'event', kind: 'throttling', at: 0 as HostTimeMs, tUs: 3000, path: null, message: 'thermal status 1' });
  return s;
}

describe('text exports', () => {
  it('CSV has one row per inference and per sample', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ts-csv-')), 's.csv');
    const { rows } = await writeCsv(sample(), file);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(rows).toBe(6 + 2);
    expect(lines).toHaveLength(rows + 1);
    expect(lines[0]).toBe(CSV_HEADER);
    expect(lines).toContain('inference,npu,0,false,,,100,1900.5,');
    expect(lines).toContain('inference,npu,0,true,,,0,5000,');
    expect(lines).toContain('sample,,,,battery.current,mA,50000,,320');
    expect(lines.filter((l) => l.startsWith('inference')).length).toBe(6);
  });

  it('Chrome JSON follows the Trace Event Format: compact, µs, one thread per path, metadata', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ts-json-')), 's.json');
    await writeChromeJson(sample(), file);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toMatch(/\n/);
    const trace = JSON.parse(text) as { traceEvents: { ph: string; name: string; tid?: number; ts?: number; dur?: number; args?: Record<string, unknown> }[]; metadata: Record<string, unknown> };
    const x = trace.traceEvents.filter((e) => e.ph === 'X');
    expect(x).toHaveLength(6);
    expect(x.find((e) => e.ts === 100)).toMatchObject({ dur: 1900.5, tid: 1, name: 'Inference' });
    expect(new Set(x.filter((e) => e.tid === 1).map((e) => e.ts))).toEqual(new Set([0, 100, 2100, 4100]));
    const c = trace.traceEvents.filter((e) => e.ph === 'C');
    expect(c.map((e) => e.args?.['value'])).toEqual([310, 320]);
    expect(trace.traceEvents.filter((e) => e.ph === 'M').map((e) => e.name)).toContain('process_name');
    expect(trace.traceEvents.find((e) => e.ph === 'M' && e.name === 'process_name')?.args?.['name']).toMatch(/virtual phone/);
    expect(trace.traceEvents.filter((e) => e.ph === 'i')).toHaveLength(2);
    expect(trace.metadata['virtual']).toBe(true);
  });

  it('the summary carries the analysis and says when the phone is virtual', () => {
    const summary = sessionSummary(sample(), { budget: { kind: 'hz', hz: 120 }, appOverheadMs: 0 }) as { note: string; analysis: { paths: { path: string; latency: { count: number } }[] } };
    expect(summary.note).toMatch(/virtual phone/);
    expect(summary.analysis.paths.find((p) => p.path === 'npu')?.latency.count).toBe(3);
  });
});
