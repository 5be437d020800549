// The benchmark tool for Android runs: what is saved for every run (the host's settings), a file for this
// run, and whether to save that file for later runs.
import type { AppSettings } from '../../../../shared/api.js';
import { described, Field } from './Field.js';
import type { RunnerSettingKey } from './runner-setting.js';

export type SavedRunners = Pick<AppSettings, RunnerSettingKey>;

const SAVED_WORDS: Readonly<Record<RunnerSettingKey, string>> = {
  runnerApkPath: 'Benchmark app (.apk)',
  runnerCliPath: 'Command-line benchmark_model',
};

export function RunnerField(props: {
  value: string;
  error: string | undefined;
  onChange(value: string): void;
  remember: boolean;
  onRemember(value: boolean): void;
  saved: SavedRunners | null;
  savedError: string | null;
  onForget(key: RunnerSettingKey): void;
  virtualPhone: boolean;
}) {
  const { value, error, onChange, remember, onRemember, saved, savedError, onForget, virtualPhone } = props;
  const keys: RunnerSettingKey[] = ['runnerApkPath', 'runnerCliPath'];
  return (
    <details className="advanced" open={Boolean(error)}>
      <summary>Benchmark tool</summary>
      <div data-testid="saved-runners">
        {savedError !== null ? (
          <p className="error">The saved benchmark tools could not be read: {savedError}</p>
        ) : saved === null ? (
          <p className="muted">Reading the saved benchmark tools…</p>
        ) : (
          <dl className="saved-runners" aria-label="Saved for every run on an Android phone">
            {keys.map((key) => (
              <div key={key}>
                <dt>{SAVED_WORDS[key]}</dt>
                <dd>
                  {saved[key] ?? <span className="muted">none saved</span>}
                  {saved[key] !== null && (
                    <>
                      {' '}
                      <button type="button" className="link-like" onClick={() => onForget(key)}>
                        Forget
                      </button>
                    </>
                  )}
                </dd>
              </div>
            ))}
          </dl>
        )}
      </div>
      <Field
        id="run-runner"
        label="Another benchmark tool for this run (optional)"
        error={error}
        help={
          virtualPhone
            ? 'A virtual phone brings its own model of both tools; a file given here replaces it for this run.'
            : 'An .apk is the benchmark app; any other file is a benchmark_model binary for the phone’s ABI. With nothing saved or given, the benchmark app already installed on the phone is used.'
        }
      >
        <input id="run-runner" type="text" spellCheck={false} placeholder="/opt/litert/android_aarch64_benchmark_model.apk" value={value} onChange={(e) => onChange(e.target.value)} {...described('run-runner', error, true)} />
      </Field>
      <label className="check">
        <input type="checkbox" checked={remember} onChange={(e) => onRemember(e.target.checked)} /> Save it for later runs when the run starts
      </label>
    </details>
  );
}
