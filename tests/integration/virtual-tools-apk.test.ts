// The simulated benchmark APK through the real adb server, driven by Tetherscope's own deploy and tool-run code:
// pm install / list / uninstall, dumpsys package, am start as a new app process that logs to logcat only,
// logcat's formats and filters, am force-stop, and the project's logcat parser over what it printed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BenchmarkModelResult } from '../../src/shared/tool-output/benchmark-model.js';
import { installBenchmarkApk, readApkState } from '../../src/main/capture/deploy.js';
import { BENCHMARK_APK_PACKAGE } from '../../src/main/capture/phone-layout.js';
import { runTool } from '../../src/main/capture/tool-run.js';
import { runShell } from '../../src/main/devices/android/shell.js';
import { findBenchmarkPid, parseBenchmarkLogcat } from '../../src/main/runners/tflite/logcat.js';
import type { RunningVirtualPhone } from '../../src/main/devices/virtual/virtual-phone.js';
import { BENCHMARK_APK, type Rig, WORK, deployBenchmark, startRig, uncataloguedLines } from './virtual-tools-shared.js';

const ADB_PORT = 15052;
const THREADTIME = /^\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3} +\d+ +\d+ [VDIWEF] \S+\s*: /;

describe('the simulated benchmark APK', () => {
  let rig: Rig;
  let phone: RunningVirtualPhone;
  let model: string;

  beforeAll(async () => {
    rig = await startRig(ADB_PORT, [{ profile: 'flagship' }]);
    phone = rig.phones[0]!;
    model = (await deployBenchmark(rig, phone)).model;
  });

  afterAll(async () => {
    await rig?.stop();
  });

  const sh = async (script: string): Promise<string> =>
    (await runShell(rig.device(phone), phone.serial, script, { timeoutMs: 20_000, what: 'a test command' })).stdout;

  it('installs with pm and shows in pm list and dumpsys package as debuggable, targetSdk 31', async () => {
    const target = { device: rig.device(phone), serial: phone.serial, onProgress: () => undefined };
    expect((await readApkState(target)).installed).toBe(false);
    const state = await installBenchmarkApk(target, BENCHMARK_APK);
    expect(state).toEqual({ installed: true, debuggable: true, targetSdk: 31 });
    expect(await sh('pm list packages')).toContain(`package:${BENCHMARK_APK_PACKAGE}\n`);
    const dump = await sh(`dumpsys package ${BENCHMARK_APK_PACKAGE}`);
    expect(dump).toContain(`Package [${BENCHMARK_APK_PACKAGE}]`);
    expect(dump).toMatch(/targetSdk=31/);
    expect(dump).toMatch(/pkgFlags=\[ DEBUGGABLE HAS_CODE .*\]/);
    // Android 14 refuses an APK built for an old SDK.
    await rig.push(phone, Buffer.from('#!tetherscope-virtual benchmark_apk\npackage=old.app\ntargetSdk=21\n'), `${WORK}/old.apk`);
    expect(await sh(`pm install -r -d -g ${WORK}/old.apk`)).toMatch(/^Failure \[INSTALL_FAILED_DEPRECATED_SDK_VERSION: /);
    expect(await sh(`pm install ${WORK}/models/mobilenet-mini.tflite`)).toMatch(/^Failure \[INSTALL_PARSE_FAILED_NOT_APK/);
  });

  it('runs the benchmark in its own app process and writes the CLI’s lines to logcat under tflite', async () => {
    await sh('logcat -c');
    const lines: string[] = [];
    const flags = [`--graph=${model}`, '--num_threads=4', '--use_gpu=true', '--num_runs=40', '--warmup_runs=2', '--warmup_min_secs=0', '--min_secs=0'];
    const run = await runTool({ device: rig.device(phone), serial: phone.serial, flavour: 'apk', binary: '', flags, timeoutMs: 30_000, signal: new AbortController().signal, onLine: (l) => lines.push(l) });
    const result = run.result as BenchmarkModelResult;
    expect(result.kind).toBe('benchmark_model');
    expect(result.source).toBe('logcat');
    expect(result.status).toBe('completed');
    expect(result.inference_count).toBe(40);
    expect(result.warmup?.count).toBe(2);
    expect(result.delegation).toBe('full');
    // The activity's own line (tag tflite_BenchmarkModelActivity, benchmark-tools.md §3) aside, the CLI's catalogue.
    expect(uncataloguedLines(lines.filter((l) => !l.startsWith('Running TensorFlow Lite benchmark with args:')).join('\n'))).toEqual([]);

    const text = await sh('logcat -d -v threadtime -s tflite:V tflite_BenchmarkModelActivity:V');
    const entries = text.split('\n').filter((l) => l !== '' && !l.startsWith('--------- beginning of'));
    expect(entries.every((l) => THREADTIME.test(l))).toBe(true);
    expect(entries.some((l) => / I tflite_BenchmarkModelActivity: Running TensorFlow Lite benchmark with args: --graph=/.test(l))).toBe(true);
    const pid = findBenchmarkPid(text);
    expect(pid).toBe(result.pid);
    const parsed = parseBenchmarkLogcat(text, pid) as BenchmarkModelResult;
    expect(parsed.inference_count).toBe(40);
    // Nothing but the filtered tags.
    expect(entries.every((l) => / (tflite|tflite_BenchmarkModelActivity)\s*: /.test(l))).toBe(true);

    // Its own process: a new pid whose cmdline is the package name, an app uid, started by zygote.
    const ps = await sh(`ps -A -o PID,PPID,USER,ARGS | grep ${BENCHMARK_APK_PACKAGE}`);
    expect(ps).toMatch(new RegExp(`^\\s*${pid}\\s+700 u0_a\\d+\\s+${BENCHMARK_APK_PACKAGE.replaceAll('.', '\\.')}$`, 'm'));
    expect(phone.phone.model.groundTruth.inferences({ pid: pid! })).toHaveLength(42);
    await sh(`am force-stop ${BENCHMARK_APK_PACKAGE}`);
    expect(await sh(`ps -A | grep -c ${BENCHMARK_APK_PACKAGE}`)).toBe('0\n');
  });

  it('answers am start like am: Stopping, Starting, the wait result, and errors for unknown activities', async () => {
    const out = await sh(`am start -S -W -n ${BENCHMARK_APK_PACKAGE}/.BenchmarkModelActivity --es args '--graph=${model} --num_runs=3 --warmup_runs=1 --min_secs=0 --warmup_min_secs=0'`);
    expect(out).toMatch(new RegExp(`^Stopping: ${BENCHMARK_APK_PACKAGE}\\nStarting: Intent \\{ cmp=${BENCHMARK_APK_PACKAGE}/\\.BenchmarkModelActivity \\(has extras\\) \\}\\nStatus: ok\\nLaunchState: COLD\\nActivity: .*\\nTotalTime: \\d+\\nWaitTime: \\d+\\nComplete\\n$`));
    const missing = await sh('am start -n com.example.none/.Main');
    expect(missing).toContain('Error: Activity class {com.example.none/com.example.none.Main} does not exist.');
  });

  it('streams logcat from a time (-T) until killed, and -c clears', async () => {
    const since = (await sh("date '+%m-%d %H:%M:%S.000'")).trim();
    expect(since).toMatch(/^\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.000$/);
    const stream = await rig.device(phone).shell(`echo $$ >${WORK}/lc.pid; exec logcat -v threadtime -T '${since}' -s tflite:V`);
    let text = '';
    stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    await sh(`am start -S -n ${BENCHMARK_APK_PACKAGE}/.BenchmarkModelActivity --es args '--graph=${model} --num_runs=5 --min_secs=0 --warmup_min_secs=0'`);
    for (let i = 0; i < 50 && !text.includes('Inference timings in us'); i++) await new Promise((r) => setTimeout(r, 100));
    expect(text).toContain('Inference timings in us');
    expect(text).not.toContain('Running TensorFlow Lite benchmark with args');
    await sh(`read -r p <${WORK}/lc.pid; kill $p`);
    stream.destroy();
    await sh('logcat -c');
    expect(await sh('logcat -d -s tflite:V')).toBe('');
    expect(await sh(`pm uninstall ${BENCHMARK_APK_PACKAGE}`)).toBe('Success\n');
    expect(await sh('pm list packages -3')).toBe('');
  });
});
