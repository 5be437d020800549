import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSessionText } from '../../shared/session/read-session.js';
import type { HostTimeMs } from '../../shared/units.js';
import { SessionStore } from './session-store.js';
import { SessionWriter } from './session-writer.js';
import { testHeader } from './test-header.js';

const at = 1_764_000_001_000 as HostTimeMs;

async function writeSample(dir: string, id: string, finish = true): Promise<SessionWriter> {
  const w = await SessionWriter.create(dir, testHeader(id));
  w.append({ r: 'event', kind: 'path-start', at, tUs: 0, path: 'npu', message: 'NPU path started' });
  w.append({ r: 'points', path: 'npu', repeat: 0, warmup: false, tUs: [10, 2010, 4010], latUs: [1900, 1950, 2100] });
  w.append({ r: 'series', id: 'battery.current', name: 'Battery current', kind: 'current', unit: 'mA', updateHz: 1, source: '/sys/class/power_supply/battery/current_now' });
  w.append({ r: 'samples', id: 'battery.current', tUs: [0, 50_000], v: [-310, -320] });
  w.append({ r: 'points', path: 'npu', repeat: 0, warmup: false, tUs: [6010], latUs: [2000] });
  if (finish) await w.close({ r: 'end', at, status: 'complete', message: null });
  else await w.flush();
  return w;
}

describe('session files', () => {
  it('write, list, reopen and delete', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tetherscope-sessions-'));
    const store = new SessionStore(dir);
    await writeSample(dir, 's-one');
    const list = await store.list();
    expect(list).toEqual([
      expect.objectContaining({ sessionId: 's-one', status: 'complete', virtual: true, deviceLabel: 'Virtual Flagship', paths: ['npu', 'cpu'] }),
    ]);
    const detail = await store.open({ sessionId: 's-one' });
    expect(detail.warnings).toEqual([]);
    expect(detail.session.points.npu?.latUs).toEqual([1900, 1950, 2100, 2000]);
    expect(detail.session.series[0]?.v).toEqual([-310, -320]);
    await store.delete('s-one');
    expect(await store.list()).toEqual([]);
    await expect(store.open({ sessionId: 's-one' })).rejects.toThrow(/was not found/);
  });

  it('refuses to overwrite an existing session file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tetherscope-sessions-'));
    await writeSample(dir, 'dup');
    await expect(SessionWriter.create(dir, testHeader('dup'))).rejects.toThrow();
  });

  it('reads an unfinished session as interrupted, keeping what was flushed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tetherscope-sessions-'));
    await writeSample(dir, 'cut', false);
    const store = new SessionStore(dir);
    expect((await store.list())[0]?.status).toBe('interrupted');
    const detail = await store.open({ sessionId: 'cut' });
    expect(detail.session.points.npu?.latUs).toHaveLength(4);
    expect(detail.warnings.join(' ')).toMatch(/interrupted/);
  });

  it('reads every prefix of a session file without throwing, keeping all whole records', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tetherscope-sessions-'));
    await writeSample(dir, 'prefix');
    const text = readFileSync(join(dir, 'prefix.tsession'), 'utf8');
    const headerEnd = text.indexOf('\n') + 1;
    for (let cut = 0; cut <= text.length; cut++) {
      const read = readSessionText(text.slice(0, cut));
      if (cut < headerEnd - 1) {
        expect(read.ok).toBe(false);
        continue;
      }
      expect(read.ok).toBe(true);
      if (!read.ok) continue;
      const wholeLines = text.slice(0, cut).split('\n').length - 1;
      const points = read.session.points.npu?.latUs.length ?? 0;
      // Points arrive in records on lines 2 and 6: the count follows the lines completed.
      expect(points).toBe((wholeLines >= 3 || (wholeLines === 2 && text.slice(0, cut).endsWith(']}')) ? 3 : 0) + (wholeLines >= 6 || (wholeLines === 5 && text.slice(0, cut).endsWith(']}')) ? 1 : 0));
    }
  });

  it('explains a newer format, damaged lines and foreign files', () => {
    const header = JSON.stringify(testHeader('new', { version: 7 }));
    const text = `${header}\n{"r":"points","path":"cpu","repeat":0,"warmup":false,"tUs":[1],"latUs":[5]}\n{garbage\n{"r":"hologram","x":1}\n`;
    const read = readSessionText(text);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.session.points.cpu?.latUs).toEqual([5]);
    expect(read.warnings.join(' ')).toMatch(/newer Tetherscope \(format 7/);
    expect(read.warnings.join(' ')).toMatch(/1 damaged line was skipped/);
    expect(readSessionText('PK\u0003\u0004zipdata')).toEqual({ ok: false, error: expect.stringMatching(/not a Tetherscope session/) });
    expect(readSessionText('')).toEqual({ ok: false, error: 'The session file is empty.' });
  });

  it('refuses to open a file that is not a session, in words', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tetherscope-sessions-'));
    writeFileSync(join(dir, 'x.tsession'), 'hello\n');
    await expect(new SessionStore(dir).open({ sessionId: 'x' })).rejects.toThrow(/could not be opened: This file is not a Tetherscope session/);
  });
});
