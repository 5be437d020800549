import { useEffect, useState } from 'react';
import { PATH_IDS } from '../../../../shared/api-constants.js';
import { call, describeError, hostApi } from '../../api.js';
import { PathChip } from '../../components/PathChip.js';
import { CORE_ML_UNVERIFIED_WORDS, IOS_PATH_DETAIL, pathLabels, PathLabelsContext } from '../../paths.js';
import { VirtualBadge } from '../../components/VirtualBadge.js';
import { startRun } from '../../store/run-actions.js';
import { appStore, useAppStore } from '../../store/store.js';
import { described, Field } from './Field.js';
import { ModelField } from './ModelField.js';
import { checkRunForm, DEFAULT_RUN_FORM, type RunForm, type RunFormField } from './run-form.js';
import { RunnerField, type SavedRunners } from './RunnerField.js';
import { runnerSettingChange, type RunnerSettingKey } from './runner-setting.js';

type Errors = Partial<Record<RunFormField, string>>;

function NumberField({ id, label, unit, value, error, onChange }: { id: RunFormField; label: string; unit?: string; value: string; error: string | undefined; onChange(v: string): void }) {
  return (
    <Field id={`run-${id}`} label={label} error={error}>
      <span className="inline-field">
        <input id={`run-${id}`} type="number" inputMode="numeric" value={value} onChange={(e) => onChange(e.target.value)} {...described(`run-${id}`, error)} />
        {unit && <span className="unit">{unit}</span>}
      </span>
    </Field>
  );
}

export function RunSetup() {
  const device = useAppStore((s) => s.devices.find((d) => d.id === s.selectedDeviceId) ?? null);
  const iphone = device?.platform === 'ios';
  // A first run needs no model of one's own: the first sample model of the phone's kind is preselected.
  const sampleModel = useAppStore((s) => s.appInfo?.sampleModels.find((m) => m.path.endsWith(iphone ? '.mlmodel' : '.tflite'))?.path ?? '');
  const samplePaths = useAppStore((s) => s.appInfo?.sampleModels.map((m) => m.path).join('\n') ?? '');
  const [form, setForm] = useState<RunForm>(() => ({ ...DEFAULT_RUN_FORM, modelPath: sampleModel }));
  // Switching between an Android phone and an iPhone swaps a preselected sample for one of the other kind.
  useEffect(() => {
    setForm((f) => (f.modelPath === '' || samplePaths.split('\n').includes(f.modelPath) ? { ...f, modelPath: sampleModel } : f));
  }, [sampleModel, samplePaths]);
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<{ message: string; hint: string | null } | null>(null);
  const [starting, setStarting] = useState(false);
  const [savedRunners, setSavedRunners] = useState<SavedRunners | null>(null);
  const [savedError, setSavedError] = useState<string | null>(null);
  const [rememberRunner, setRememberRunner] = useState(true);
  useEffect(() => {
    let live = true;
    call(hostApi(), 'getSettings').then(
      (s) => live && setSavedRunners({ runnerApkPath: s.runnerApkPath, runnerCliPath: s.runnerCliPath }),
      (error: unknown) => live && setSavedError(describeError(error).message),
    );
    return () => {
      live = false;
    };
  }, []);
  const saveRunners = async (change: Partial<SavedRunners>): Promise<void> => {
    try {
      const s = await call(hostApi(), 'updateSettings', change);
      setSavedRunners({ runnerApkPath: s.runnerApkPath, runnerCliPath: s.runnerCliPath });
      setSavedError(null);
    } catch (error) {
      setSavedError(describeError(error).message);
    }
  };
  const forgetRunner = (key: RunnerSettingKey): void => void saveRunners({ [key]: null });
  const set = <K extends keyof RunForm>(key: K, value: RunForm[K]): void => setForm((f) => ({ ...f, [key]: value }));
  const usable = device?.state === 'device';
  const accelerators = device?.facts?.accelerators ?? [];

  const start = async (): Promise<void> => {
    setFailure(null);
    const check = checkRunForm(iphone ? { ...form, acceleratorName: '' } : form, usable ? device.id : null);
    if (!check.ok) {
      setErrors(check.errors);
      return;
    }
    setErrors({});
    setStarting(true);
    const change = rememberRunner && !iphone ? runnerSettingChange(form.runnerPath, savedRunners) : null;
    const outcome = await startRun(hostApi(), appStore, check.plan);
    setStarting(false);
    if (!outcome.ok) setFailure({ message: outcome.message, hint: outcome.hint });
    else if (change) await saveRunners(change);
  };

  return (
    <section className="run-setup" aria-labelledby="setup-title">
      <h2 id="setup-title">New run</h2>
      <p className="device-line" data-testid="setup-device">
        {device ? (
          <>
            Phone: <strong>{device.facts?.model ?? device.id}</strong> {device.virtual && <VirtualBadge />}
            {!usable && <span className="error"> — not ready: {device.hint ?? 'it is not authorized or offline.'}</span>}
          </>
        ) : (
          <span className={errors.device ? 'error' : 'muted'}>Choose a phone on the left first.</span>
        )}
      </p>
      {iphone && (
        <p className="notice" data-testid="ios-notice">
          iPhones run Core ML models (.mlmodel) in the Tetherscope Probe app, which must be open on the phone. {CORE_ML_UNVERIFIED_WORDS}
        </p>
      )}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void start();
        }}
      >
        <ModelField value={form.modelPath} error={errors.modelPath} onChange={(v) => set('modelPath', v)} />

        <fieldset className={errors.paths ? 'invalid' : undefined}>
          <legend>Paths to run</legend>
          <PathLabelsContext.Provider value={pathLabels(device?.platform)}>
          <div className="path-choices">
            {PATH_IDS.map((p) => (
              <label key={p} className="check">
                <input type="checkbox" checked={form.paths[p]} onChange={(e) => set('paths', { ...form.paths, [p]: e.target.checked })} />
                <PathChip path={p} />
                {iphone && <span className="muted"> {IOS_PATH_DETAIL[p]}</span>}
              </label>
            ))}
          </div>
          </PathLabelsContext.Provider>
          {errors.paths && <span className="error field-error">{errors.paths}</span>}
          {form.paths.npu && !iphone && (
            <Field id="run-accelerator" label="NNAPI accelerator name (NPU path)" error={errors.acceleratorName} help={accelerators.length ? `This phone reports: ${accelerators.join(', ')}.` : 'Leave empty to let NNAPI choose.'}>
              <input id="run-accelerator" type="text" list="run-accelerators" spellCheck={false} value={form.acceleratorName} onChange={(e) => set('acceleratorName', e.target.value)} {...described('run-accelerator', errors.acceleratorName, true)} />
              <datalist id="run-accelerators">
                {accelerators.map((a) => (
                  <option key={a} value={a} />
                ))}
              </datalist>
            </Field>
          )}
        </fieldset>

        <fieldset>
          <legend>How long each path runs</legend>
          <div className="radio-row">
            <label className="check">
              <input type="radio" name="length" checked={form.lengthKind === 'runs'} onChange={() => set('lengthKind', 'runs')} /> A number of runs
            </label>
            <label className="check">
              <input type="radio" name="length" checked={form.lengthKind === 'duration'} onChange={() => set('lengthKind', 'duration')} /> A duration
            </label>
          </div>
          <div className="field-row">
            {form.lengthKind === 'runs' ? (
              <NumberField id="runs" label="Runs per path" unit="runs" value={form.runs} error={errors.runs} onChange={(v) => set('runs', v)} />
            ) : (
              <NumberField id="durationS" label="Duration per path" unit="s" value={form.durationS} error={errors.durationS} onChange={(v) => set('durationS', v)} />
            )}
            <NumberField id="warmupRuns" label="Warm-up runs" unit="runs" value={form.warmupRuns} error={errors.warmupRuns} onChange={(v) => set('warmupRuns', v)} />
            {!iphone && <NumberField id="threads" label="CPU threads" unit="threads" value={form.threads} error={errors.threads} onChange={(v) => set('threads', v)} />}
            <NumberField id="repeats" label="Repeats of every path" unit="times" value={form.repeats} error={errors.repeats} onChange={(v) => set('repeats', v)} />
          </div>
        </fieldset>

        <fieldset>
          <legend>Frame budget</legend>
          <div className="field-row">
            <Field id="run-budget" label="Measure against">
              <select id="run-budget" value={form.budget} onChange={(e) => set('budget', e.target.value as RunForm['budget'])}>
                <option value="device">{device?.facts?.refreshRateHz ? `the phone’s rate (${device.facts.refreshRateHz} Hz)` : 'the phone’s rate'}</option>
                <option value="60">60 Hz (16.67 ms)</option>
                <option value="90">90 Hz (11.11 ms)</option>
                <option value="120">120 Hz (8.33 ms)</option>
                <option value="ms">a budget in ms</option>
              </select>
            </Field>
            {form.budget === 'ms' && <NumberField id="budgetMs" label="Budget" unit="ms" value={form.budgetMs} error={errors.budgetMs} onChange={(v) => set('budgetMs', v)} />}
          </div>
        </fieldset>

        {!iphone && (
          <RunnerField
            value={form.runnerPath}
            error={errors.runnerPath}
            onChange={(v) => set('runnerPath', v)}
            remember={rememberRunner}
            onRemember={setRememberRunner}
            saved={savedRunners}
            savedError={savedError}
            onForget={forgetRunner}
            virtualPhone={device?.virtual ?? false}
          />
        )}

        {Object.keys(errors).length > 0 && (
          <p className="error" role="alert" data-testid="setup-errors">
            Some settings need a change before the run can start; each is marked above.
          </p>
        )}
        {failure && (
          <div className="error-box" role="alert" data-testid="setup-failure">
            <p>
              <strong>The run did not start.</strong> {failure.message}
            </p>
            {failure.hint && <p>{failure.hint}</p>}
          </div>
        )}
        <button type="submit" className="primary" disabled={starting}>
          {starting ? 'Starting…' : 'Start run'}
        </button>
      </form>
    </section>
  );
}
