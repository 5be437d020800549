// Wires the store to the host: the first fetches, then the event streams.
import type { StoreApi } from 'zustand';
import type { Disposer, TetherscopeApi } from '../../../shared/api.js';
import { call } from '../api.js';
import { liveSessions as defaultLiveSessions, type LiveSessions } from '../session/live-sessions.js';
import { refreshSessions } from './session-actions.js';
import type { StoreState } from './store.js';
import { errorWords } from './words.js';

export async function connectStore(api: TetherscopeApi, store: StoreApi<StoreState>, live: LiveSessions = defaultLiveSessions): Promise<Disposer> {
  const stops: Disposer[] = [
    api.onDevicesChanged((devices) => store.getState().setDevices(devices)),
    // Folded from the first batch on, before the window asks for any session.
    live.connect(api),
    api.onProfileProgress((progress) => {
      store.getState().setProgress(progress);
      if (progress.phase === 'done') void refreshSessions(api, store);
    }),
  ];
  const stop: Disposer = () => {
    for (const s of stops) s();
  };
  try {
    store.getState().setAppInfo(await call(api, 'getAppInfo'));
  } catch (error) {
    store.getState().setConnectionFailed(errorWords(error));
    return stop;
  }
  try {
    store.getState().setDevices(await call(api, 'listDevices'));
  } catch (error) {
    store.getState().setDevicesError(errorWords(error));
  }
  await refreshSessions(api, store);
  return stop;
}
