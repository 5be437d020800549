import { useState } from 'react';
import type { SessionSummary } from '../../../../shared/api.js';
import { PathChip } from '../../components/PathChip.js';
import { VirtualBadge } from '../../components/VirtualBadge.js';
import { formatDateTime } from '../../format/units.js';
import { STATUS_WORDS } from './status-words.js';

interface Props {
  summary: SessionSummary;
  filePath: string | null;
  onOpen(): void;
  onDelete(): Promise<string | null>;
}

export function SessionRow({ summary, filePath, onOpen, onDelete }: Props) {
  const [confirming, setConfirming] = useState(false);
  const [showFile, setShowFile] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const remove = async (): Promise<void> => {
    setBusy(true);
    const problem = await onDelete();
    setBusy(false);
    if (problem) {
      setError(problem);
      setConfirming(false);
    }
  };
  const date = formatDateTime(summary.createdAt);
  return (
    <li className="session-row" data-testid="session-row" data-session-id={summary.sessionId}>
      <div className="session-main">
        <button type="button" className="session-open link-like" onClick={onOpen}>
          {summary.modelName}
        </button>
        <span className="session-phone">
          on {summary.deviceLabel} {summary.virtual && <VirtualBadge />}
        </span>
      </div>
      <div className="session-meta">
        <span className="session-paths">
          {summary.paths.map((p) => (
            <PathChip key={p} path={p} />
          ))}
        </span>
        <span className={`session-status status-${summary.status}`}>{STATUS_WORDS[summary.status]}</span>
        <time dateTime={new Date(summary.createdAt).toISOString()}>{date}</time>
      </div>
      <div className="session-actions">
        <button type="button" onClick={onOpen}>
          Open
        </button>
        <button type="button" aria-expanded={showFile} onClick={() => setShowFile((v) => !v)}>
          {showFile ? 'Hide file' : 'Show file'}
        </button>
        <button type="button" className="danger" onClick={() => setConfirming(true)} disabled={confirming || summary.status === 'running'} title={summary.status === 'running' ? 'A session cannot be deleted while it is recording.' : undefined}>
          Delete…
        </button>
      </div>
      {showFile && (
        <p className="session-file">
          {filePath ? (
            <>
              File: <code>{filePath}</code>
            </>
          ) : (
            'The file’s folder is not known yet; open the session to see its file.'
          )}
        </p>
      )}
      {confirming && (
        <div className="confirm" role="alertdialog" aria-label={`Delete ${summary.modelName}`}>
          <p>
            Delete the session of <strong>{summary.modelName}</strong> from {date}? Its file is removed from disk and cannot be brought back.
          </p>
          <button type="button" className="danger" onClick={() => void remove()} disabled={busy} autoFocus>
            {busy ? 'Deleting…' : 'Delete session'}
          </button>
          <button type="button" onClick={() => setConfirming(false)} disabled={busy}>
            Keep it
          </button>
        </div>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}
