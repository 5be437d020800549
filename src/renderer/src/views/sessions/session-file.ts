import { SESSION_FILE_EXTENSION } from '../../../../shared/session/records.js';

/**
 * Where the host keeps a session's file, for "Show file" in the list. The contract's
 * summaries do not carry the path yet; the session view shows the host's own answer.
 */
export function sessionFilePath(sessionsDir: string, sessionId: string): string {
  const sep = sessionsDir.includes('\\') && !sessionsDir.includes('/') ? '\\' : '/';
  return `${sessionsDir.replace(/[\\/]+$/, '')}${sep}${sessionId}${SESSION_FILE_EXTENSION}`;
}
