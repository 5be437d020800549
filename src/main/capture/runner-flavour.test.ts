import { describe, expect, it } from 'vitest';
import { apkStateFromDumpsys, chooseFlavour } from './runner-flavour.js';

const base = { buildDebuggable: false, apkInstalled: false, apkDebuggable: false, cliAvailable: true, needsCli: false };

describe('chooseFlavour', () => {
  it('uses the CLI on a userdebug build, traced by its argv[0]', () => {
    expect(chooseFlavour({ ...base, buildDebuggable: true })).toMatchObject({ flavour: 'cli', tracedPoints: true, atraceApp: '/data/local/tmp/tetherscope/benchmark_model' });
  });

  it('uses the debuggable APK on a user build, traced by its package', () => {
    expect(chooseFlavour({ ...base, apkInstalled: true, apkDebuggable: true })).toMatchObject({ flavour: 'apk', tracedPoints: true, atraceApp: 'org.tensorflow.lite.benchmark' });
  });

  it('says why a user build with only the CLI gives no points', () => {
    const c = chooseFlavour(base);
    expect(c).toMatchObject({ flavour: 'cli', tracedPoints: false });
    expect('reason' in c && c.reason).toMatch(/user build .* not installed/);
  });

  it('needs the CLI for op profiling and says so when it is missing', () => {
    expect(chooseFlavour({ ...base, cliAvailable: false, needsCli: true, apkInstalled: true, apkDebuggable: true })).toEqual({ error: expect.stringMatching(/command-line tool/) });
    expect(chooseFlavour({ ...base, cliAvailable: false })).toEqual({ error: expect.stringMatching(/No benchmark tool/) });
  });
});

describe('apkStateFromDumpsys', () => {
  it('reads the package flags', () => {
    const text = 'Packages:\n  Package [org.tensorflow.lite.benchmark] (3c1b2a):\n    targetSdk=31\n    pkgFlags=[ DEBUGGABLE HAS_CODE ALLOW_CLEAR_USER_DATA ]\n';
    expect(apkStateFromDumpsys(text)).toEqual({ installed: true, debuggable: true, targetSdk: 31 });
    expect(apkStateFromDumpsys(text.replace('DEBUGGABLE ', ''))).toEqual({ installed: true, debuggable: false, targetSdk: 31 });
    expect(apkStateFromDumpsys('Unable to find package: org.tensorflow.lite.benchmark')).toEqual({ installed: false, debuggable: false, targetSdk: null });
  });
});
