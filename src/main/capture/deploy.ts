// Puts what a run needs on the phone: the model under its content hash (skipped when
// already there), the runner binary or app, each recorded in the phone ledger first.
import { basename } from 'node:path';
import type { AdbkitDeviceClient } from '../devices/android/adbkit.js';
import { AndroidDeviceError } from '../devices/android/errors.js';
import { runShell, shQuote } from '../devices/android/shell.js';
import { pushToPhone } from '../devices/android/transfer.js';
import type { ModelFile } from './model-file.js';
import { ledgerAppendScript } from './phone-ledger.js';
import { BENCHMARK_APK_PACKAGE, PHONE_DIR, PHONE_MODELS_DIR, PHONE_RUNNER, phoneModelPath } from './phone-layout.js';
import { apkStateFromDumpsys } from './runner-flavour.js';

export interface DeployTarget {
  device: AdbkitDeviceClient;
  serial: string;
  onProgress: (message: string, fraction: number) => void;
}

async function sh(t: DeployTarget, script: string, what: string, timeoutMs = 30_000): Promise<string> {
  const r = await runShell(t.device, t.serial, script, { timeoutMs, what });
  if (r.exitCode !== 0) throw new AndroidDeviceError(`The phone refused ${what}: ${r.stdout.trim().split('\n').slice(-3).join(' ') || `exit status ${r.exitCode}`}.`);
  return r.stdout;
}

/** Size of a file on the phone, or null when it is not there. */
async function remoteSize(t: DeployTarget, path: string): Promise<number | null> {
  const out = await runShell(t.device, t.serial, `if [ -f ${shQuote(path)} ]; then ls -l ${shQuote(path)}; fi`, { timeoutMs: 10_000, what: 'looking for a file' });
  const m = /^\S+\s+\d+\s+\S+\s+\S+\s+(\d+)\s/m.exec(out.stdout);
  return m?.[1] ? Number(m[1]) : null;
}

export async function prepareFolder(t: DeployTarget): Promise<void> {
  await sh(t, `mkdir -p ${shQuote(PHONE_MODELS_DIR)} && chmod 755 ${shQuote(PHONE_DIR)} ${shQuote(PHONE_MODELS_DIR)}`, "creating Tetherscope's folder");
}

/**
 * Copies the model as <sha256>.tflite, readable by the benchmark app (0644) and no more.
 * A partial copy goes to a temporary name, so a file under the final name is always whole.
 */
export async function deployModel(t: DeployTarget, model: ModelFile): Promise<{ path: string; pushed: boolean }> {
  const path = phoneModelPath(model.info.sha256);
  if ((await remoteSize(t, path)) === model.info.bytes) return { path, pushed: false };
  const partial = `${path}.partial`;
  const total = model.info.bytes;
  await pushToPhone(t.device, t.serial, Buffer.from(model.bytes.buffer, model.bytes.byteOffset, model.bytes.byteLength), partial, {
    mode: 0o644,
    stallMs: 30_000,
    onProgress: (bytes) => t.onProgress(`Copying the model to the phone: ${(bytes / 1e6).toFixed(1)} of ${(total / 1e6).toFixed(1)} MB`, bytes / total),
  });
  await sh(t, `mv -f ${shQuote(partial)} ${shQuote(path)} && chmod 644 ${shQuote(path)}`, 'storing the model');
  return { path, pushed: true };
}

export async function deployRunnerBinary(t: DeployTarget, hostPath: string): Promise<string> {
  t.onProgress(`Copying ${basename(hostPath)} to the phone`, 0);
  await pushToPhone(t.device, t.serial, hostPath, `${PHONE_RUNNER}.partial`, { mode: 0o755, stallMs: 30_000 });
  await sh(t, `mv -f ${shQuote(`${PHONE_RUNNER}.partial`)} ${shQuote(PHONE_RUNNER)} && chmod 755 ${shQuote(PHONE_RUNNER)}`, 'storing the benchmark tool');
  return PHONE_RUNNER;
}

export interface ApkState {
  installed: boolean;
  debuggable: boolean;
  targetSdk: number | null;
}

export async function readApkState(t: DeployTarget): Promise<ApkState> {
  const r = await runShell(t.device, t.serial, `dumpsys package ${BENCHMARK_APK_PACKAGE}`, { timeoutMs: 15_000, what: 'looking for the benchmark app' });
  return apkStateFromDumpsys(r.stdout);
}

/** Installs the benchmark app from a host .apk when it is not installed yet. */
export async function installBenchmarkApk(t: DeployTarget, hostApk: string): Promise<ApkState> {
  const before = await readApkState(t);
  if (before.installed) return before;
  const remote = `${PHONE_DIR}/benchmark.apk`;
  t.onProgress('Copying the benchmark app to the phone', 0);
  await pushToPhone(t.device, t.serial, hostApk, remote, { mode: 0o644, stallMs: 30_000 });
  await sh(t, ledgerAppendScript({ kind: 'package', name: BENCHMARK_APK_PACKAGE }), 'recording the app install');
  const r = await runShell(t.device, t.serial, `pm install -r -d -g ${shQuote(remote)}; rm -f ${shQuote(remote)}`, { timeoutMs: 120_000, what: 'installing the benchmark app' });
  if (!/\bSuccess\b/.test(r.stdout)) {
    const code = /INSTALL_[A-Z_]+/.exec(r.stdout)?.[0] ?? 'an unknown reason';
    if (code === 'INSTALL_FAILED_DEPRECATED_SDK_VERSION') {
      throw new AndroidDeviceError(
        'The phone refused the benchmark app because it targets an old Android version (Android 14 and later refuse apps built for Android 5.1 and earlier).',
        'Use a current benchmark_model.apk (the LiteRT nightly build targets a recent SDK and is debuggable), or run with the benchmark_model binary instead.',
      );
    }
    throw new AndroidDeviceError(`The phone refused to install the benchmark app (${code}).`, 'Check the .apk file, or uninstall an older copy of org.tensorflow.lite.benchmark and try again.');
  }
  return await readApkState(t);
}
