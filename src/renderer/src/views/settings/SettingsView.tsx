// Settings kept between runs: the benchmark tools, how telemetry and conditioning behave, and where the adb
// server and usbmuxd are. What the host holds is shown; a save sends only what changed.
import { useEffect, useState } from 'react';
import type { AppSettings } from '../../../../shared/api.js';
import { call, describeError, hostApi } from '../../api.js';
import { described, Field } from '../setup/Field.js';
import { checkSettingsForm, formFromSettings, SETTINGS_READ_AT_START, settingsChange, type SettingsField, type SettingsForm } from './settings-form.js';

type Errors = Partial<Record<SettingsField, string>>;

interface FieldSpec {
  key: SettingsField;
  label: string;
  unit?: string;
  help: string;
  number?: boolean;
  placeholder?: string;
}

const GROUPS: readonly { legend: string; fields: readonly FieldSpec[] }[] = [
  {
    legend: 'Benchmark tool for Android phones',
    fields: [
      { key: 'runnerApkPath', label: 'Benchmark app (.apk)', help: 'Per-inference timing on ordinary retail phones. Installed on a phone that does not have it.', placeholder: '/opt/litert/android_aarch64_benchmark_model.apk' },
      { key: 'runnerCliPath', label: 'Command-line benchmark_model', help: 'For userdebug phones, op profiling and external delegates.', placeholder: '/opt/litert/android_aarch64_benchmark_model' },
    ],
  },
  {
    legend: 'Recording',
    fields: [
      { key: 'telemetryRateHz', label: 'Telemetry rate', unit: 'readings/s', number: true, help: 'Battery, temperatures and clocks, read by one loop on the phone.' },
      { key: 'baselineWaitMaxS', label: 'Longest cool-down before each path', unit: 's', number: true, help: 'Each path waits until the phone is back at its starting temperature, at most this long.' },
      { key: 'idleBaselineS', label: 'Idle baseline before each path', unit: 's', number: true, help: 'Idle power, taken off the energy of each inference.' },
      { key: 'probeWaitS', label: 'Wait for Tetherscope Probe on an iPhone', unit: 's', number: true, help: 'How long an iPhone run waits for you to open the probe app.' },
    ],
  },
  {
    legend: 'Connections',
    fields: [
      { key: 'adbServerPort', label: 'adb server port', number: true, help: 'Empty: ANDROID_ADB_SERVER_PORT, else 5037.', placeholder: '5037' },
      { key: 'usbmuxdAddress', label: 'usbmuxd address', help: 'Empty: USBMUXD_SOCKET_ADDRESS, else the system’s usbmuxd.', placeholder: 'UNIX:/var/run/usbmuxd' },
    ],
  },
];

export function SettingsView() {
  const [saved, setSaved] = useState<AppSettings | null>(null);
  const [form, setForm] = useState<SettingsForm | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    let live = true;
    call(hostApi(), 'getSettings').then(
      (s) => {
        if (!live) return;
        setSaved(s);
        setForm(formFromSettings(s));
      },
      (error: unknown) => live && setStatus({ kind: 'error', text: `The settings could not be read: ${describeError(error).message}` }),
    );
    return () => {
      live = false;
    };
  }, []);

  const save = async (): Promise<void> => {
    if (!form || !saved) return;
    setStatus(null);
    const check = checkSettingsForm(form);
    if (!check.ok) {
      setErrors(check.errors);
      return;
    }
    setErrors({});
    const change = settingsChange(saved, check.settings);
    if (Object.keys(change).length === 0) {
      setStatus({ kind: 'ok', text: 'Nothing changed.' });
      return;
    }
    setSaving(true);
    try {
      const next = await call(hostApi(), 'updateSettings', change);
      setSaved(next);
      setForm(formFromSettings(next));
      const later = SETTINGS_READ_AT_START.filter((k) => k in change);
      setStatus({ kind: 'ok', text: later.length ? 'Saved. The adb server port and the usbmuxd address are used after Tetherscope restarts; the rest from the next run.' : 'Saved; used from the next run.' });
    } catch (error) {
      const { message, hint } = describeError(error);
      setStatus({ kind: 'error', text: hint ? `${message} ${hint}` : message });
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="settings-view" aria-labelledby="settings-title">
      <h2 id="settings-title">Settings</h2>
      {form === null ? (
        <p className={status?.kind === 'error' ? 'error' : 'muted'} role={status?.kind === 'error' ? 'alert' : undefined}>
          {status?.text ?? 'Reading the settings…'}
        </p>
      ) : (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          {GROUPS.map((group) => (
            <fieldset key={group.legend}>
              <legend>{group.legend}</legend>
              {group.fields.map((f) => (
                <Field key={f.key} id={`settings-${f.key}`} label={f.label} error={errors[f.key]} help={f.help}>
                  <span className="inline-field">
                    <input
                      id={`settings-${f.key}`}
                      type={f.number ? 'number' : 'text'}
                      inputMode={f.number ? 'decimal' : undefined}
                      spellCheck={false}
                      placeholder={f.placeholder}
                      value={form[f.key]}
                      onChange={(e) => setForm({ ...form, [f.key]: e.target.value })}
                      {...described(`settings-${f.key}`, errors[f.key], true)}
                    />
                    {f.unit && <span className="unit">{f.unit}</span>}
                  </span>
                </Field>
              ))}
            </fieldset>
          ))}
          {Object.keys(errors).length > 0 && (
            <p className="error" role="alert" data-testid="settings-errors">
              Some settings need a change before they can be saved; each is marked above.
            </p>
          )}
          {status && (
            <p className={status.kind === 'error' ? 'error' : 'ok'} role={status.kind === 'error' ? 'alert' : 'status'} data-testid="settings-status">
              {status.text}
            </p>
          )}
          <button type="submit" className="primary" disabled={saving}>
            {saving ? 'Saving…' : 'Save settings'}
          </button>
        </form>
      )}
    </section>
  );
}
