// Exports go through the host (the file lands beside the session file); the window says
// where, or why not, in words.
import { useState } from 'react';
import type { ExportFormat } from '../../../../shared/api.js';
import { call, describeError, hostApi } from '../../api.js';
import { formatBytes } from '../../format/units.js';

const FORMATS: readonly { format: ExportFormat; label: string; what: string }[] = [
  { format: 'perfetto', label: 'Perfetto trace', what: 'opens in ui.perfetto.dev' },
  { format: 'json', label: 'Chrome trace JSON', what: 'opens in ui.perfetto.dev and chrome://tracing' },
  { format: 'csv', label: 'CSV of points', what: 'every inference and reading, for a spreadsheet' },
  { format: 'summary', label: 'Summary JSON', what: 'the figures per path' },
];

type Outcome = { ok: true; text: string; link?: string } | { ok: false; text: string };

export function ExportButtons({ sessionId }: { sessionId: string }) {
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const run = async (format: ExportFormat, label: string): Promise<void> => {
    setBusy(format);
    setOutcome(null);
    try {
      const result = await call(hostApi(), 'exportSession', { sessionId, format });
      setOutcome({ ok: true, text: `${label} saved: ${result.path} (${formatBytes(result.bytes)}).` });
    } catch (error) {
      const { message, hint } = describeError(error);
      setOutcome({ ok: false, text: hint ? `${message} ${hint}` : message });
    } finally {
      setBusy(null);
    }
  };
  const openInPerfetto = async (): Promise<void> => {
    setBusy('perfetto');
    setOutcome(null);
    try {
      const { url, expiresInS } = await call(hostApi(), 'openInPerfetto', { sessionId });
      setOutcome({ ok: true, text: `The trace is ready for ui.perfetto.dev for ${expiresInS} s:`, link: url });
    } catch (error) {
      const { message, hint } = describeError(error);
      setOutcome({ ok: false, text: hint ? `${message} ${hint}` : message });
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="export-row" role="group" aria-label="Export this session">
      <span className="muted">Export:</span>
      {FORMATS.map(({ format, label, what }) => (
        <button key={format} type="button" title={what} disabled={busy !== null} onClick={() => void run(format, label)}>
          {busy === format ? 'Exporting…' : label}
        </button>
      ))}
      <button type="button" title="Serve the trace once to ui.perfetto.dev, which opens it in your browser" disabled={busy !== null} onClick={() => void openInPerfetto()}>
        Open in Perfetto UI
      </button>
      {outcome && (
        <p className={outcome.ok ? 'muted export-outcome' : 'error export-outcome'} role={outcome.ok ? 'status' : 'alert'} data-testid="export-outcome">
          {outcome.text}
          {outcome.ok && outcome.link && (
            <>
              {' '}
              <a href={outcome.link} target="_blank" rel="noopener noreferrer">
                open it in ui.perfetto.dev
              </a>
            </>
          )}
        </p>
      )}
    </div>
  );
}
