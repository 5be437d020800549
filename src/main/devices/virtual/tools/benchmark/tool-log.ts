// Where benchmark_model's lines go (benchmark-tools.md §2.4): tool lines (TFLITE_LOG) INFO/WARN on stdout and
// ERROR on stderr, runtime and delegate lines (TFLITE_LOG_PROD) on stderr, each with its severity prefix on the
// first line of a message; on Android every line also goes to logcat under the tag `tflite`, without a prefix.
// The benchmark APK writes to logcat only.
import type { LogBuffer } from '../logcat/log-buffer.js';
import type { LogPriority } from '../logcat/log-buffer.js';

export type ToolSeverity = 'INFO' | 'WARN' | 'ERROR';
export type RuntimeSeverity = 'INFO' | 'WARNING' | 'ERROR' | 'VERBOSE';

export interface BenchmarkLog {
  tool(severity: ToolSeverity, message: string): Promise<void>;
  runtime(severity: RuntimeSeverity, message: string): Promise<void>;
}

export const TFLITE_LOG_TAG = 'tflite';

const PRIORITY: Readonly<Record<ToolSeverity | RuntimeSeverity, LogPriority>> = {
  INFO: 'I',
  WARN: 'W',
  WARNING: 'W',
  ERROR: 'E',
  VERBOSE: 'V',
};

export interface ProcessOutput {
  stdout(text: string): Promise<void>;
  stderr(text: string): Promise<void>;
}

/** The CLI binary: stdout and stderr, and logcat. */
export function cliBenchmarkLog(out: ProcessOutput, logs: LogBuffer, pid: number): BenchmarkLog {
  const logcat = (severity: ToolSeverity | RuntimeSeverity, message: string): void =>
    logs.log({ pid, priority: PRIORITY[severity], tag: TFLITE_LOG_TAG, message });
  return {
    async tool(severity, message) {
      logcat(severity, message);
      const text = `${severity}: ${message}\n`;
      await (severity === 'ERROR' ? out.stderr(text) : out.stdout(text));
    },
    async runtime(severity, message) {
      logcat(severity, message);
      await out.stderr(`${severity}: ${message}\n`);
    },
  };
}

/** The benchmark APK: logcat only. */
export function apkBenchmarkLog(logs: LogBuffer, pid: number): BenchmarkLog {
  const logcat = (severity: ToolSeverity | RuntimeSeverity, message: string): Promise<void> => {
    logs.log({ pid, priority: PRIORITY[severity], tag: TFLITE_LOG_TAG, message });
    return Promise.resolve();
  };
  return { tool: logcat, runtime: logcat };
}
