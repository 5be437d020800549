import type { StateCreator } from 'zustand';
import type { SessionSummary } from '../../../shared/api.js';
import type { StoreState } from './store.js';

export interface SessionsSlice {
  sessions: SessionSummary[];
  sessionsLoaded: boolean;
  /** Why the list could not be read, in plain words. */
  sessionsError: string | null;
  setSessions(sessions: SessionSummary[]): void;
  setSessionsError(message: string): void;
  dropSession(sessionId: string): void;
}

export const createSessionsSlice: StateCreator<StoreState, [], [], SessionsSlice> = (set) => ({
  sessions: [],
  sessionsLoaded: false,
  sessionsError: null,
  setSessions: (sessions) => set({ sessions, sessionsLoaded: true, sessionsError: null }),
  setSessionsError: (sessionsError) => set({ sessionsError, sessionsLoaded: true }),
  dropSession: (sessionId) => set((s) => ({ sessions: s.sessions.filter((x) => x.sessionId !== sessionId) })),
});
