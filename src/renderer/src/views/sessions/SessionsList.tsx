import { useEffect } from 'react';
import { hostApi } from '../../api.js';
import { prefetchPlotly } from '../../charts/plotly.js';
import { deleteSession, openSession, refreshSessions } from '../../store/session-actions.js';
import { appStore, useAppStore } from '../../store/store.js';
import { SessionRow } from './SessionRow.js';
import { sessionFilePath } from './session-file.js';

function NoSessions() {
  return (
    <div className="empty-state welcome" data-testid="sessions-empty">
      <h3>No sessions yet</h3>
      <p>
        Tetherscope runs your model on the phone&apos;s NPU, GPU and CPU paths, records every inference&apos;s latency, the ops
        that fell back to the CPU, the power drawn and the temperature, and draws the paths side by side.
      </p>
      <p className="muted">Connect a phone or add a virtual phone on the left, then start a run from New run. Each run is kept here as a session.</p>
    </div>
  );
}

export function SessionsList() {
  const sessions = useAppStore((s) => s.sessions);
  const loaded = useAppStore((s) => s.sessionsLoaded);
  const error = useAppStore((s) => s.sessionsError);
  const sessionsDir = useAppStore((s) => s.appInfo?.sessionsDir ?? null);

  useEffect(() => {
    // The chart library is large; fetch it while the user reads the list.
    prefetchPlotly();
    try {
      void refreshSessions(hostApi(), appStore);
    } catch {
      // Not connected: the status bar says so.
    }
  }, []);

  return (
    <section aria-labelledby="sessions-title">
      <div className="section-head">
        <h2 id="sessions-title">Sessions</h2>
        <button type="button" onClick={() => void refreshSessions(hostApi(), appStore)}>
          Refresh
        </button>
      </div>
      {!loaded ? (
        <p className="muted">Reading the sessions folder…</p>
      ) : error ? (
        <p className="error" role="alert" data-testid="sessions-error">
          {error}
        </p>
      ) : sessions.length === 0 ? (
        <NoSessions />
      ) : (
        <ul className="session-list" aria-label="Recent sessions">
          {sessions.map((s) => (
            <SessionRow
              key={s.sessionId}
              summary={s}
              filePath={sessionsDir ? sessionFilePath(sessionsDir, s.sessionId) : null}
              onOpen={() => void openSession(hostApi(), appStore, s.sessionId)}
              onDelete={() => deleteSession(hostApi(), appStore, s.sessionId)}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
