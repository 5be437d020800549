import type { PathId, ProfileProgress } from '../../../../shared/api.js';
import type { SessionData } from '../../../../shared/session/session-data.js';
import { PathChip } from '../../components/PathChip.js';
import { formatCount, formatEta, formatShare } from '../../format/units.js';

const PHASE_WORDS: Readonly<Record<ProfileProgress['phase'], string>> = {
  deploy: 'copying the model and the benchmark tool to the phone',
  warmup: 'warming up',
  run: 'running',
  cooldown: 'waiting for the phone to cool to its starting temperature',
  decode: 'reading the trace',
  done: 'done',
};

type PathState = 'waiting' | 'running' | 'done' | 'failed';

function pathState(session: SessionData | null, path: PathId, progress: ProfileProgress | null): PathState {
  if (session?.results.some((r) => r.path === path && r.status === 'failed')) return 'failed';
  const events = session?.events ?? [];
  const started = events.some((e) => e.kind === 'path-start' && e.path === path);
  const ended = events.some((e) => e.kind === 'path-end' && e.path === path);
  if (ended && (progress?.path !== path || progress.phase === 'done')) return 'done';
  if (started || progress?.path === path) return 'running';
  return 'waiting';
}

const STATE_WORDS: Readonly<Record<PathState, string>> = { waiting: 'waiting', running: 'running', done: 'done', failed: 'failed' };

export function RunProgress({ session, paths, progress }: { session: SessionData | null; paths: readonly PathId[]; progress: ProfileProgress | null }) {
  const fraction = progress?.fraction ?? 0;
  return (
    <div className="run-progress" data-testid="run-progress">
      <div className="progress-line">
        <progress max={1} value={fraction} aria-label="Progress of the whole run" />
        <span>
          {formatShare(fraction, 0)} · {progress ? formatEta(progress.etaMs) : 'starting…'}
        </span>
      </div>
      {progress && (
        <p role="status">
          {progress.path ? <PathChip path={progress.path} /> : null} {PHASE_WORDS[progress.phase]}
          {progress.message ? ` — ${progress.message}` : ''}
        </p>
      )}
      <ul className="path-states">
        {paths.map((p) => {
          const state = pathState(session, p, progress);
          return (
            <li key={p} className={`path-state state-${state}`}>
              <PathChip path={p} /> {STATE_WORDS[state]} · {formatCount(session?.points[p]?.latUs.length ?? 0)} inferences
            </li>
          );
        })}
      </ul>
    </div>
  );
}
