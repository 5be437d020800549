// An on-phone Perfetto trace around one traced pass: started in the background with its pid
// in a pidfile, stopped by kill, waited for, copied to the host and removed from the phone.
import type { AdbkitDeviceClient } from '../devices/android/adbkit.js';
import { AndroidDeviceError } from '../devices/android/errors.js';
import { runShell, shQuote } from '../devices/android/shell.js';
import { pullFromPhone } from '../devices/android/transfer.js';
import { startTraceCommand, tfliteTraceConfig } from '../runners/tflite/perfetto-config.js';
import { ledgerAppendScript } from './phone-ledger.js';
import { PHONE_DIR } from './phone-layout.js';

export const PERFETTO_PIDFILE = `${PHONE_DIR}/perfetto.pid`;

export interface DeviceTrace {
  stop(): Promise<Uint8Array>;
}

export async function startDeviceTrace(
  device: AdbkitDeviceClient,
  serial: string,
  options: { atraceApp: string; maxDurationMs: number; outputPath: string },
): Promise<DeviceTrace> {
  const config = tfliteTraceConfig({ atraceApp: options.atraceApp, durationMs: options.maxDurationMs, bufferKb: 65536 });
  const out = shQuote(options.outputPath);
  const script = [
    ledgerAppendScript({ kind: 'file', path: options.outputPath }),
    ledgerAppendScript({ kind: 'pidfile', path: PERFETTO_PIDFILE }),
    `rm -f ${out}`,
    `pid=$(${startTraceCommand(config, options.outputPath)} 2>/dev/null)`,
    'case "$pid" in *[!0-9]*|\'\') echo "perfetto did not start: $pid"; exit 5 ;; esac',
    `echo "$pid" >${shQuote(PERFETTO_PIDFILE)}`,
    'echo "$pid"',
  ].join('\n');
  const started = await runShell(device, serial, script, { timeoutMs: 20_000, what: 'starting a trace' });
  if (started.exitCode !== 0) {
    throw new AndroidDeviceError(`The phone could not start a Perfetto trace: ${started.stdout.trim()}`, 'Tracing needs Android 9 or later (on Android 9 and 10, `adb shell setprop persist.traced.enable 1` first).');
  }
  // The tracing service needs a moment before its data sources record.
  await new Promise((r) => setTimeout(r, 300));
  return {
    stop: async () => {
      const p = shQuote(PERFETTO_PIDFILE);
      // kill ends the trace; perfetto then writes out its buffers and exits.
      await runShell(
        device,
        serial,
        `if [ -r ${p} ]; then read -r pid <${p}; kill "$pid" 2>/dev/null; n=0; while kill -0 "$pid" 2>/dev/null && [ $n -lt 100 ]; do sleep 0.1; n=$((n + 1)); done; rm -f ${p}; fi`,
        { timeoutMs: 20_000, what: 'stopping the trace' },
      );
      const bytes = await pullFromPhone(device, serial, options.outputPath, 30_000);
      await runShell(device, serial, `rm -f ${out}`, { timeoutMs: 5000, what: 'removing the trace from the phone' }).catch(() => {});
      return new Uint8Array(bytes);
    },
  };
}
