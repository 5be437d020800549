// Sessions named on the command line: a file path, or an id in the sessions folder.
import { existsSync } from 'node:fs';
import type { SessionDetail } from '../../../shared/api.js';
import { defaultDataDir } from '../../core/app-paths.js';
import { SessionStore } from '../../sessions/session-store.js';
import { join } from 'node:path';

export function sessionStore(): SessionStore {
  return new SessionStore(join(defaultDataDir(), 'sessions'));
}

export async function openSessionArg(ref: string): Promise<SessionDetail> {
  const store = sessionStore();
  const detail = existsSync(ref) ? await store.open({ path: ref }) : await store.open({ sessionId: ref });
  for (const w of detail.warnings) console.error(`Note: ${w}`);
  return detail;
}
