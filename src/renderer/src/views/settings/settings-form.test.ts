import { describe, expect, it } from 'vitest';
import { ApiInputSchemas } from '../../../../shared/api-schemas.js';
import type { AppSettings } from '../../../../shared/api.js';
import { checkSettingsForm, formFromSettings, SETTINGS_WORDS, settingsChange } from './settings-form.js';

const SETTINGS: AppSettings = {
  runnerCliPath: null,
  runnerApkPath: '/opt/litert/android_aarch64_benchmark_model.apk',
  adbServerPort: null,
  telemetryRateHz: 20,
  baselineWaitMaxS: 60,
  idleBaselineS: 3,
  probeWaitS: 120,
  usbmuxdAddress: null,
};

describe('settings form', () => {
  it('round-trips the settings, empty fields meaning none', () => {
    const check = checkSettingsForm(formFromSettings(SETTINGS));
    expect(check).toEqual({ ok: true, settings: SETTINGS });
  });

  it('makes the change the host accepts, only of what differs', () => {
    const form = { ...formFromSettings(SETTINGS), telemetryRateHz: '50', adbServerPort: ' 15037 ', runnerApkPath: '  ', usbmuxdAddress: 'UNIX:/var/run/usbmuxd' };
    const check = checkSettingsForm(form);
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    const change = settingsChange(SETTINGS, check.settings);
    expect(change).toEqual({ telemetryRateHz: 50, adbServerPort: 15037, runnerApkPath: null, usbmuxdAddress: 'UNIX:/var/run/usbmuxd' });
    expect(ApiInputSchemas.updateSettings.safeParse(change).success).toBe(true);
  });

  it('names each field the host would refuse, in plain words', () => {
    const form = { ...formFromSettings(SETTINGS), telemetryRateHz: '500', idleBaselineS: 'soon', adbServerPort: '70000', probeWaitS: '' };
    const check = checkSettingsForm(form);
    expect(check).toEqual({
      ok: false,
      errors: { telemetryRateHz: SETTINGS_WORDS.telemetryRateHz, idleBaselineS: SETTINGS_WORDS.idleBaselineS, adbServerPort: SETTINGS_WORDS.adbServerPort, probeWaitS: SETTINGS_WORDS.probeWaitS },
    });
  });
});
