import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { VirtualPhone } from '../phone/phone.js';
import { getVirtualPhoneProfile } from '../phone/profiles.js';
import { DIFFERENTIAL_SCRIPTS } from './testdata/differential-scripts.js';

const MKSH = '/usr/bin/mksh';

function runRealMksh(script: string): { stdout: string; status: number } {
  const dir = mkdtempSync(join(tmpdir(), 'ts-mksh-'));
  try {
    const result = spawnSync(MKSH, ['-c', script], {
      cwd: dir,
      env: { PATH: '/usr/bin:/bin', HOME: '/' },
      encoding: 'utf8',
      timeout: 10_000,
    });
    return { stdout: result.stdout, status: result.status ?? -1 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the shell against real mksh', () => {
  const phone = new VirtualPhone(getVirtualPhoneProfile('flagship'), 'diff');
  afterAll(() => phone.shutdown());

  it('has /usr/bin/mksh to compare with', () => {
    expect(spawnSync(MKSH, ['-c', 'echo $KSH_VERSION'], { encoding: 'utf8' }).stdout).toMatch(/MIRBSD KSH/);
  });

  for (const [index, { name, script }] of DIFFERENTIAL_SCRIPTS.entries()) {
    it(`${name}: mksh -n accepts it iff we do, and both print the same`, async () => {
      const syntax = spawnSync(MKSH, ['-n', '-c', script], { encoding: 'utf8' });
      const dir = `/data/local/tmp/diff${index}`;
      await phone.run(`mkdir -p ${dir}`);
      const ours = await phone.run(script, { cwd: dir });
      const real = runRealMksh(script);
      if (syntax.status !== 0) expect(ours.status).not.toBe(0);
      expect({ stdout: ours.stdout, status: ours.status }).toEqual(real);
    });
  }
});
