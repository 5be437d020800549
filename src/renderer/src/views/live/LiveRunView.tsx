// A run as it records: progress per path, and the same figures as a reopened session,
// filling from the streamed records. The timeline redraws at most once per frame,
// outside React; the tables follow about once a second.
import { useCallback, useState, useSyncExternalStore } from 'react';
import { hostApi } from '../../api.js';
import { VirtualBadge } from '../../components/VirtualBadge.js';
import { pathLabels, PathLabelsContext } from '../../paths.js';
import { liveSessions } from '../../session/live-sessions.js';
import { useThrottledRevision } from '../../session/use-throttled-revision.js';
import { cancelRun } from '../../store/run-actions.js';
import { openSession } from '../../store/session-actions.js';
import { appStore, useAppStore } from '../../store/store.js';
import { SessionFigures } from '../session/SessionFigures.js';
import { RunProgress } from './RunProgress.js';

const TABLE_INTERVAL_MS = 1000;

export function LiveRunView({ sessionId }: { sessionId: string }) {
  const fold = useSyncExternalStore(
    useCallback((listener: () => void) => liveSessions.subscribe(listener), []),
    () => liveSessions.get(sessionId) ?? null,
  );
  const revision = useThrottledRevision(fold, TABLE_INTERVAL_MS);
  const progress = useAppStore((s) => s.progress[sessionId] ?? null);
  const [cancelling, setCancelling] = useState(false);
  const [cancelError, setCancelError] = useState<string | null>(null);
  const session = fold?.current() ?? null;
  const ended = session?.end ?? null;

  const cancel = async (): Promise<void> => {
    setCancelling(true);
    setCancelError(null);
    const problem = await cancelRun(hostApi(), sessionId);
    setCancelling(false);
    if (problem) setCancelError(problem.hint ? `${problem.message} ${problem.hint}` : problem.message);
  };

  return (
    <PathLabelsContext.Provider value={pathLabels(session?.header.device.platform)}>
    <article className="session-view live" data-testid="live-view" data-revision={revision}>
      <header className="session-header">
        <h2>
          {session ? (
            <>
              {session.header.model.name} <span className="muted">on</span> {session.header.device.facts?.model ?? session.header.device.id}{' '}
              {session.header.device.virtual && <VirtualBadge />}
            </>
          ) : (
            'Starting the run…'
          )}
        </h2>
        {ended ? (
          <p role="status">
            The run {ended.status === 'complete' ? 'finished' : `ended: ${ended.status}`}
            {ended.message ? ` — ${ended.message}` : ''}.{' '}
            <button
              type="button"
              onClick={() => {
                // The saved file is the record from now on; the streamed copy can go.
                void openSession(hostApi(), appStore, sessionId).then(() => liveSessions.forget(sessionId));
              }}
            >
              Open the saved session
            </button>
          </p>
        ) : (
          <button type="button" className="danger" onClick={() => void cancel()} disabled={cancelling}>
            {cancelling ? 'Cancelling…' : 'Cancel run'}
          </button>
        )}
        {cancelError && (
          <p className="error" role="alert">
            {cancelError}
          </p>
        )}
      </header>
      <RunProgress session={session} paths={session?.header.plan.paths.map((p) => p.path) ?? []} progress={progress} />
      {session && fold ? (
        <SessionFigures session={session} revision={revision} source={fold} live={!ended} />
      ) : (
        <p className="muted" role="status">
          Waiting for the first records from the phone…
        </p>
      )}
    </article>
    </PathLabelsContext.Provider>
  );
}
