import { useMemo } from 'react';
import type { SessionDetail } from '../../../../shared/api.js';
import { hostApi } from '../../api.js';
import { staticSource } from '../../session/session-source.js';
import { openSession } from '../../store/session-actions.js';
import { appStore, useAppStore } from '../../store/store.js';
import { SessionFigures } from './SessionFigures.js';
import { SessionHeader } from './SessionHeader.js';
import { WarningsBanner } from './WarningsBanner.js';

function LoadedSession({ detail }: { detail: SessionDetail }) {
  const navigate = useAppStore((s) => s.navigate);
  const source = useMemo(() => staticSource(detail.session), [detail.session]);
  return (
    <article className="session-view" data-testid="session-view">
      <SessionHeader detail={detail} onBack={() => navigate({ kind: 'sessions' })} />
      <WarningsBanner warnings={detail.warnings} />
      <SessionFigures session={detail.session} revision={0} source={source} />
    </article>
  );
}

export function SessionView({ sessionId }: { sessionId: string }) {
  const opened = useAppStore((s) => s.opened);
  const navigate = useAppStore((s) => s.navigate);
  if (opened.status === 'loaded' && opened.sessionId === sessionId) return <LoadedSession detail={opened.detail} />;
  if (opened.status === 'failed' && opened.sessionId === sessionId) {
    return (
      <section className="session-view">
        <button type="button" className="back" onClick={() => navigate({ kind: 'sessions' })}>
          ← Sessions
        </button>
        <p className="error" role="alert">
          {opened.message} {opened.hint}
        </p>
        <button type="button" onClick={() => void openSession(hostApi(), appStore, sessionId)}>
          Try again
        </button>
      </section>
    );
  }
  return (
    <p className="muted" role="status">
      Opening the session…
    </p>
  );
}
