// The model file: a path typed in, or a file chosen. A browser tells the page only the
// chosen file's name, never its folder, so the path must still be typed; a host that can
// show a native file picker would fill in the whole path instead.
import { useState } from 'react';
import type { ModelInfo } from '../../../../shared/api.js';
import { call, describeError, hostApi } from '../../api.js';
import { formatBytes, formatCount } from '../../format/units.js';
import { described, Field } from './Field.js';

interface Props {
  value: string;
  error: string | undefined;
  onChange(path: string): void;
}

function ModelSummary({ info }: { info: ModelInfo }) {
  const total = info.ops.reduce((n, op) => n + op.count, 0);
  return (
    <div className="model-info" data-testid="model-info">
      <p>
        <strong>{info.name}</strong> · {info.format} · {formatBytes(info.bytes)} · sha256 <code>{info.sha256.slice(0, 12)}…</code>
      </p>
      <details>
        <summary>
          {formatCount(total)} ops of {info.ops.length} types
        </summary>
        <table className="ops-table">
          <thead>
            <tr>
              <th scope="col">Op type</th>
              <th scope="col" className="num">
                Count
              </th>
            </tr>
          </thead>
          <tbody>
            {info.ops.map((op) => (
              <tr key={op.opType}>
                <td>
                  <code>{op.opType}</code>
                </td>
                <td className="num">{formatCount(op.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </div>
  );
}

export function ModelField({ value, error, onChange }: Props) {
  const [picked, setPicked] = useState<string | null>(null);
  const [info, setInfo] = useState<ModelInfo | null>(null);
  const [reading, setReading] = useState(false);
  const [readError, setReadError] = useState<string | null>(null);
  const read = async (): Promise<void> => {
    setReading(true);
    setReadError(null);
    setInfo(null);
    try {
      setInfo(await call(hostApi(), 'inspectModel', { path: value.trim() }));
    } catch (e) {
      const { message, hint } = describeError(e);
      setReadError(hint ? `${message} ${hint}` : message);
    } finally {
      setReading(false);
    }
  };
  return (
    <div className="model-field">
      <Field
        id="model-path"
        label="Model file"
        error={error}
        help={picked ? `The browser gave only the name “${picked}”; type the folder in front of it, as a path on the computer running Tetherscope.` : 'A .tflite file (Android) or .mlmodel file (iPhone) on the computer running Tetherscope, as a full path.'}
      >
        <span className="inline-field wide">
          <input
            id="model-path"
            type="text"
            spellCheck={false}
            placeholder="/home/me/models/mobilenet_v3.tflite"
            value={value}
            onChange={(e) => {
              onChange(e.target.value);
              setInfo(null);
            }}
            {...described('model-path', error, true)}
          />
          <label className="file-button">
            Choose file…
            <input
              type="file"
              accept=".tflite,.mlmodel"
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (!file) return;
                setPicked(file.name);
                onChange(file.name);
                setInfo(null);
              }}
            />
          </label>
          <button type="button" onClick={() => void read()} disabled={reading || value.trim() === ''}>
            {reading ? 'Reading…' : 'Read model'}
          </button>
        </span>
      </Field>
      {readError && (
        <p className="error" role="alert" data-testid="model-error">
          {readError}
        </p>
      )}
      {info && <ModelSummary info={info} />}
    </div>
  );
}
