// One run of the benchmark tool on the phone, in either flavour, with its lines streamed
// as they print and parsed by the same parsers `tetherscope parse` uses.
import type { BenchmarkModelResult } from '../../shared/tool-output/benchmark-model.js';
import type { UnknownResult } from '../../shared/tool-output/unknown.js';
import type { AdbkitDeviceClient } from '../devices/android/adbkit.js';
import { AndroidDeviceError } from '../devices/android/errors.js';
import { runShell, shQuote } from '../devices/android/shell.js';
import { streamShell } from '../devices/android/shell-stream.js';
import { apkCommand, cliCommand } from '../runners/tflite/benchmark-command.js';
import { createBenchmarkModelParser } from '../runners/tflite/benchmark-model-parser.js';
import { findBenchmarkPid, parseBenchmarkLogcat } from '../runners/tflite/logcat.js';
import { ledgerAppendScript } from './phone-ledger.js';
import { BENCHMARK_APK_PACKAGE, PHONE_DIR } from './phone-layout.js';
import type { RunnerFlavour } from './runner-flavour.js';

export const RUNNER_PIDFILE = `${PHONE_DIR}/runner.pid`;
export const LOGCAT_PIDFILE = `${PHONE_DIR}/logcat.pid`;

export interface ToolRunOptions {
  device: AdbkitDeviceClient;
  serial: string;
  flavour: RunnerFlavour;
  binary: string;
  flags: string[];
  timeoutMs: number;
  signal: AbortSignal;
  onLine: (line: string) => void;
}

export interface ToolRunResult {
  result: BenchmarkModelResult | UnknownResult;
  exitCode: number | null;
  cancelled: boolean;
  /** Host times around the run, ms. */
  startedAt: number;
  endedAt: number;
}

async function killByPidfile(device: AdbkitDeviceClient, serial: string, pidfile: string): Promise<void> {
  const p = shQuote(pidfile);
  await runShell(device, serial, `if [ -r ${p} ]; then read -r pid <${p}; kill "$pid" 2>/dev/null; rm -f ${p}; fi`, { timeoutMs: 5000, what: 'stopping the benchmark tool' }).catch(() => {});
}

export async function runTool(o: ToolRunOptions): Promise<ToolRunResult> {
  return o.flavour === 'cli' ? runCli(o) : runApk(o);
}

async function runCli(o: ToolRunOptions): Promise<ToolRunResult> {
  const parser = createBenchmarkModelParser();
  const startedAt = Date.now();
  // exec: the pidfile holds the tool's own pid, so a cancel (or the next connection) can stop it.
  const script = `${ledgerAppendScript({ kind: 'pidfile', path: RUNNER_PIDFILE })}\necho $$ >${shQuote(RUNNER_PIDFILE)}\nexec ${cliCommand(o.binary, o.flags)}`;
  const stream = await streamShell(o.device, script, {
    exitStatus: false,
    onLine: (line) => {
      parser.feed(line);
      o.onLine(line);
    },
  });
  let cancelled = false;
  let timedOut = false;
  const onAbort = (): void => {
    cancelled = true;
    void killByPidfile(o.device, o.serial, RUNNER_PIDFILE);
  };
  o.signal.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(() => {
    timedOut = true;
    void killByPidfile(o.device, o.serial, RUNNER_PIDFILE);
  }, o.timeoutMs);
  try {
    await stream.done;
  } finally {
    clearTimeout(timer);
    o.signal.removeEventListener('abort', onAbort);
  }
  await runShell(o.device, o.serial, `rm -f ${shQuote(RUNNER_PIDFILE)}`, { timeoutMs: 5000, what: 'tidying up' }).catch(() => {});
  if (timedOut) throw new AndroidDeviceError(`The benchmark tool did not finish within ${Math.round(o.timeoutMs / 1000)} s and was stopped.`, 'Lower the number of runs or the duration.');
  return { result: parser.result(), exitCode: null, cancelled, startedAt, endedAt: Date.now() };
}

const LOGCAT_DONE = /Inference timings in us|Average inference timings in us|Benchmarking failed|Error: |A fatal error/;

async function runApk(o: ToolRunOptions): Promise<ToolRunResult> {
  const startedAt = Date.now();
  // Read logcat from now on only: the phone's older lines (earlier runs) stay out.
  const since = await runShell(o.device, o.serial, "date '+%m-%d %H:%M:%S.000'", { timeoutMs: 5000, what: "reading the phone's clock" });
  const sinceArg = shQuote(since.stdout.trim());
  let text = '';
  let finished!: () => void;
  const done = new Promise<void>((resolve) => (finished = resolve));
  const logcat = await streamShell(
    o.device,
    `${ledgerAppendScript({ kind: 'pidfile', path: LOGCAT_PIDFILE })}\necho $$ >${shQuote(LOGCAT_PIDFILE)}\nexec logcat -v threadtime -T ${sinceArg} -s tflite:V tflite_BenchmarkModelActivity:V`,
    {
      exitStatus: false,
      onLine: (line) => {
        text += `${line}\n`;
        const message = / [VDIWEF] [\w.-]+\s*: (.*)$/.exec(line)?.[1];
        if (message !== undefined) o.onLine(message);
        if (LOGCAT_DONE.test(line)) finished();
      },
    },
  );
  let cancelled = false;
  const onAbort = (): void => {
    cancelled = true;
    finished();
  };
  o.signal.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(finished, o.timeoutMs);
  try {
    // `am start -W` waits until the activity finishes, which the benchmark app does only after its run.
    const start = await runShell(o.device, o.serial, apkCommand(o.flags), { timeoutMs: o.timeoutMs + 30_000, what: 'running the benchmark app' });
    if (/Error|Exception/.test(start.stdout)) {
      throw new AndroidDeviceError(`The benchmark app did not start: ${start.stdout.trim().split('\n').slice(-2).join(' ')}`);
    }
    await done;
  } finally {
    clearTimeout(timer);
    o.signal.removeEventListener('abort', onAbort);
    if (cancelled) await runShell(o.device, o.serial, `am force-stop ${BENCHMARK_APK_PACKAGE}`, { timeoutMs: 10_000, what: 'stopping the benchmark app' }).catch(() => {});
    // Lines of the last moment may still be on their way.
    await new Promise((r) => setTimeout(r, 300));
    await killByPidfile(o.device, o.serial, LOGCAT_PIDFILE);
    logcat.stop();
  }
  return { result: parseBenchmarkLogcat(text, findBenchmarkPid(text)), exitCode: null, cancelled, startedAt, endedAt: Date.now() };
}
