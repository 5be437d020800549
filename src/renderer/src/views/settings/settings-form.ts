// The settings screen's values (as typed) and the settings they make. The contract's own zod schema decides
// what is valid, so the window refuses exactly what the host would; the words shown are ours.
import '../../zod-setup.js';
import { SettingsSchema } from '../../../../shared/api-schemas.js';
import type { AppSettings } from '../../../../shared/api.js';

export type SettingsField = keyof AppSettings;

export type SettingsForm = Record<SettingsField, string>;

export const SETTINGS_WORDS: Readonly<Record<SettingsField, string>> = {
  runnerApkPath: 'Give the full path of the benchmark app (.apk), or leave it empty.',
  runnerCliPath: 'Give the full path of the benchmark_model binary, or leave it empty.',
  adbServerPort: 'The adb server port is a whole number from 1 to 65535, or empty for ANDROID_ADB_SERVER_PORT or 5037.',
  telemetryRateHz: 'The telemetry rate is from 1 to 100 readings a second.',
  baselineWaitMaxS: 'The longest cool-down is from 0 to 600 s.',
  idleBaselineS: 'The idle baseline is from 0 to 60 s.',
  probeWaitS: 'The wait for Tetherscope Probe is from 5 to 3,600 s.',
  usbmuxdAddress: 'Give UNIX:/path/to/socket or host:port, or leave it empty.',
};

/** Read when Tetherscope starts: a change is used after a restart. */
export const SETTINGS_READ_AT_START: readonly SettingsField[] = ['adbServerPort', 'usbmuxdAddress'];

export function formFromSettings(s: AppSettings): SettingsForm {
  return {
    runnerApkPath: s.runnerApkPath ?? '',
    runnerCliPath: s.runnerCliPath ?? '',
    adbServerPort: s.adbServerPort === null ? '' : String(s.adbServerPort),
    telemetryRateHz: String(s.telemetryRateHz),
    baselineWaitMaxS: String(s.baselineWaitMaxS),
    idleBaselineS: String(s.idleBaselineS),
    probeWaitS: String(s.probeWaitS),
    usbmuxdAddress: s.usbmuxdAddress ?? '',
  };
}

const text = (v: string): string | null => (v.trim() === '' ? null : v.trim());
const num = (v: string): number => (v.trim() === '' ? Number.NaN : Number(v));

function draft(form: SettingsForm): Record<SettingsField, unknown> {
  return {
    runnerApkPath: text(form.runnerApkPath),
    runnerCliPath: text(form.runnerCliPath),
    adbServerPort: form.adbServerPort.trim() === '' ? null : num(form.adbServerPort),
    telemetryRateHz: num(form.telemetryRateHz),
    baselineWaitMaxS: num(form.baselineWaitMaxS),
    idleBaselineS: num(form.idleBaselineS),
    probeWaitS: num(form.probeWaitS),
    usbmuxdAddress: text(form.usbmuxdAddress),
  };
}

export type SettingsCheck = { ok: true; settings: AppSettings } | { ok: false; errors: Partial<Record<SettingsField, string>> };

export function checkSettingsForm(form: SettingsForm): SettingsCheck {
  const parsed = SettingsSchema.safeParse(draft(form));
  if (parsed.success) return { ok: true, settings: parsed.data };
  const errors: Partial<Record<SettingsField, string>> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if (typeof field === 'string' && field in SETTINGS_WORDS) errors[field as SettingsField] ??= SETTINGS_WORDS[field as SettingsField];
  }
  return { ok: false, errors };
}

/** The fields whose value differs, as the partial update the host takes. */
export function settingsChange(before: AppSettings, after: AppSettings): Partial<AppSettings> {
  const change: Partial<Record<SettingsField, unknown>> = {};
  for (const key of Object.keys(after) as SettingsField[]) if (after[key] !== before[key]) change[key] = after[key];
  return change as Partial<AppSettings>;
}
