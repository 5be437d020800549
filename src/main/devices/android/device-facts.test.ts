import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { realFixture } from '../../../../tests/fixtures-path.js';
import { FACTS_SCRIPT, parseFactsOutput } from './device-facts.js';

describe('the facts script', () => {
  it('runs under the real mksh and its output reads back into facts', () => {
    const bin = mkdtempSync(join(tmpdir(), 'tetherscope-facts-'));
    const tool = (name: string, body: string): void => writeFileSync(join(bin, name), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
    tool('getprop', `cat '${realFixture('telemetry/50-getprop-moto-g75-5g-sm6475-android14-ppayne.txt')}'`);
    tool('dumpsys', 'case "$1" in display) echo \'  DisplayDeviceInfo{"Built-in Screen": uniqueId="local:1", 1080 x 2400, modeId 1, renderFrameRate 120.0, defaultModeId 1}\' ;; *) echo "energy 42" ;; esac');
    tool('service', "echo '12\tandroid.hardware.neuralnetworks.IDevice/qti-dsp: [android.hardware.neuralnetworks.IDevice]'");
    expect(execFileSync('mksh', ['-n', '-c', FACTS_SCRIPT], { encoding: 'utf8' })).toBe('');
    const out = execFileSync('mksh', ['-c', FACTS_SCRIPT], { encoding: 'utf8', env: { ...process.env, PATH: `${bin}:${process.env['PATH'] ?? ''}` } });
    const facts = parseFactsOutput(out);
    expect(facts.facts).toMatchObject({ manufacturer: 'motorola', model: 'moto g75 5G', soc: 'QTI SM6475', sdk: 34, refreshRateHz: 120, accelerators: ['qti-dsp'] });
    expect(facts.virtual).toBe(false);
    expect(facts.sources.powerRails).toBe(true);
  });
});
