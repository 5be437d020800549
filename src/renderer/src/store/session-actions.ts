// The sessions list and the session view's calls to the host.
import type { StoreApi } from 'zustand';
import type { TetherscopeApi } from '../../../shared/api.js';
import { call, describeError } from '../api.js';
import type { StoreState } from './store.js';
import { errorWords } from './words.js';

export async function refreshSessions(api: TetherscopeApi, store: StoreApi<StoreState>): Promise<void> {
  try {
    store.getState().setSessions(await call(api, 'listSessions'));
  } catch (error) {
    store.getState().setSessionsError(errorWords(error));
  }
}

/** Shows the session view and loads the session; a later open wins over an earlier one still loading. */
export async function openSession(api: TetherscopeApi, store: StoreApi<StoreState>, sessionId: string): Promise<void> {
  const { navigate, setOpened } = store.getState();
  navigate({ kind: 'session', sessionId });
  setOpened({ status: 'loading', sessionId });
  const stillWanted = (): boolean => {
    const opened = store.getState().opened;
    return opened.status === 'loading' && opened.sessionId === sessionId;
  };
  try {
    const detail = await call(api, 'openSession', { sessionId });
    if (stillWanted()) setOpened({ status: 'loaded', sessionId, detail });
  } catch (error) {
    const { message, hint } = describeError(error);
    if (stillWanted()) setOpened({ status: 'failed', sessionId, message, hint });
  }
}

/** Deletes a session file; the reason in words when the host refuses. */
export async function deleteSession(api: TetherscopeApi, store: StoreApi<StoreState>, sessionId: string): Promise<string | null> {
  try {
    await call(api, 'deleteSession', { sessionId });
  } catch (error) {
    return errorWords(error);
  }
  store.getState().dropSession(sessionId);
  const opened = store.getState().opened;
  if (opened.status !== 'none' && opened.sessionId === sessionId) store.getState().setOpened({ status: 'none' });
  return null;
}
