// Wires the store to the host: the first fetches, then the event streams.
import type { StoreApi } from 'zustand';
import type { Disposer, TetherscopeApi } from '../../../shared/api.js';
import { call, describeError } from '../api.js';
import type { StoreState } from './store.js';

export async function connectStore(api: TetherscopeApi, store: StoreApi<StoreState>): Promise<Disposer> {
  const stop = api.onDevicesChanged((devices) => store.getState().setDevices(devices));
  const words = (error: unknown): string => {
    const { message, hint } = describeError(error);
    return hint ? `${message} ${hint}` : message;
  };
  try {
    store.getState().setAppInfo(await call(api, 'getAppInfo'));
  } catch (error) {
    store.getState().setConnectionFailed(words(error));
    return stop;
  }
  try {
    store.getState().setDevices(await call(api, 'listDevices'));
  } catch (error) {
    store.getState().setDevicesError(words(error));
  }
  return stop;
}
