// Which saved setting a benchmark tool's path belongs to: an .apk is the benchmark app, anything else the
// command-line benchmark_model (the host decides the same way, by the file's extension).
import type { AppSettings } from '../../../../shared/api.js';

export type RunnerSettingKey = 'runnerApkPath' | 'runnerCliPath';

export function runnerSettingKey(path: string): RunnerSettingKey {
  return /\.apk$/i.test(path.trim()) ? 'runnerApkPath' : 'runnerCliPath';
}

/** The settings change that saves `path` for later runs, or null when it is blank or already saved. */
export function runnerSettingChange(path: string, saved: Pick<AppSettings, RunnerSettingKey> | null): Partial<Pick<AppSettings, RunnerSettingKey>> | null {
  const trimmed = path.trim();
  if (trimmed === '') return null;
  const key = runnerSettingKey(trimmed);
  if (saved?.[key] === trimmed) return null;
  return { [key]: trimmed };
}
