// A session as the charts read it: the folded data, a revision that grows with every
// change, and a subscription. A reopened file never changes; a live run grows.
import type { Disposer } from '../../../shared/api.js';
import type { SessionData } from '../../../shared/session/session-data.js';

export interface SessionSource {
  current(): SessionData | null;
  revision(): number;
  /** Called at most once per animation frame while the session grows. */
  subscribe(listener: () => void): Disposer;
  /** True while records are still arriving (a live run before its end record). */
  growing(): boolean;
}

export function staticSource(session: SessionData): SessionSource {
  return { current: () => session, revision: () => 0, subscribe: () => () => {}, growing: () => false };
}
