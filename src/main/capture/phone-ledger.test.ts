import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ledgerAppendScript, parseLedger, restoreScript, type LedgerEntry } from './phone-ledger.js';

const entries: LedgerEntry[] = [
  { kind: 'prop', name: 'debug.tflite.trace', old: '' },
  { kind: 'setting', namespace: 'global', name: 'stay_on_while_plugged_in', old: '0' },
  { kind: 'pidfile', path: '/data/local/tmp/tetherscope/sampler.pid' },
  { kind: 'file', path: '/data/misc/perfetto-traces/tetherscope-s1-npu.pftrace' },
  { kind: 'prop', name: 'debug.tflite.trace', old: '1' },
  { kind: 'package', name: 'org.tensorflow.lite.benchmark' },
];

describe('phone ledger', () => {
  it('round-trips entries and counts damaged lines', () => {
    const text = entries.map((e) => JSON.stringify(e)).join('\n') + '\n{"kind":"file","path":"/etc/passwd"}\nnot json\n';
    expect(parseLedger(text)).toEqual({ entries, damaged: 2 });
  });

  it('refuses entries outside our own places', () => {
    expect(() => ledgerAppendScript({ kind: 'file', path: '/sdcard/DCIM/x' })).toThrow(/only touches its own files/);
    expect(() => ledgerAppendScript({ kind: 'file', path: '/data/local/tmp/tetherscope/../../x' })).toThrow();
    expect(() => ledgerAppendScript({ kind: 'prop', name: 'a;reboot', old: '' })).toThrow(/Unsafe name/);
  });

  it('restores the oldest value of each property, kills before restoring, and keeps caches after a run', () => {
    const script = restoreScript(entries, { full: false });
    expect(script).toContain("setprop debug.tflite.trace ''");
    expect(script).not.toContain("setprop debug.tflite.trace '1'");
    expect(script.indexOf('kill')).toBeLessThan(script.indexOf('setprop'));
    expect(script).not.toContain('pm uninstall');
    expect(script).not.toContain('rm -rf');
    const clean = restoreScript(entries, { full: true });
    expect(clean).toContain('pm uninstall org.tensorflow.lite.benchmark');
    expect(clean).toContain("rm -rf '/data/local/tmp/tetherscope'");
  });

  it('writes scripts the real mksh accepts', () => {
    for (const script of [restoreScript(entries, { full: false }), restoreScript(entries, { full: true }), ...entries.map(ledgerAppendScript)]) {
      expect(execFileSync('mksh', ['-n', '-c', script], { encoding: 'utf8' })).toBe('');
    }
  });
});
