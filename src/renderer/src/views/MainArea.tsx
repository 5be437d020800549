import { useAppStore } from '../store/store.js';
import type { View } from '../store/nav-slice.js';
import { LiveRunView } from './live/LiveRunView.js';
import { RunSetup } from './setup/RunSetup.js';
import { SessionsList } from './sessions/SessionsList.js';
import { SessionView } from './session/SessionView.js';
import { SettingsView } from './settings/SettingsView.js';

const isSection = (view: View, kind: 'sessions' | 'setup'): boolean =>
  kind === 'sessions' ? view.kind === 'sessions' || view.kind === 'session' : view.kind === 'setup' || view.kind === 'live';

function MainNav() {
  const view = useAppStore((s) => s.view);
  const navigate = useAppStore((s) => s.navigate);
  return (
    <nav className="main-nav" aria-label="Main">
      <button type="button" aria-current={isSection(view, 'sessions') ? 'page' : undefined} onClick={() => navigate({ kind: 'sessions' })}>
        Sessions
      </button>
      <button type="button" aria-current={isSection(view, 'setup') ? 'page' : undefined} onClick={() => navigate({ kind: 'setup' })}>
        New run
      </button>
      <button type="button" aria-current={view.kind === 'settings' ? 'page' : undefined} onClick={() => navigate({ kind: 'settings' })}>
        Settings
      </button>
    </nav>
  );
}

export function MainArea() {
  const view = useAppStore((s) => s.view);
  return (
    <main className="main-area">
      <MainNav />
      {view.kind === 'sessions' && <SessionsList />}
      {view.kind === 'session' && <SessionView sessionId={view.sessionId} />}
      {view.kind === 'setup' && <RunSetup />}
      {view.kind === 'live' && <LiveRunView sessionId={view.sessionId} />}
      {view.kind === 'settings' && <SettingsView />}
    </main>
  );
}
