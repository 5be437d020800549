// Wires the store to the host: the first fetches, then the event streams.
import type { StoreApi } from 'zustand';
import type { Disposer, TetherscopeApi } from '../../../shared/api.js';
import { call, describeError } from '../api.js';
import type { StoreState } from './store.js';

export async function connectStore(api: TetherscopeApi, store: StoreApi<StoreState>): Promise<Disposer> {
  const stop = api.onDevicesChanged((devices) => store.getState().setDevices(devices));
  try {
    const [info, devices] = await Promise.all([call(api, 'getAppInfo'), call(api, 'listDevices')]);
    store.getState().setAppInfo(info);
    store.getState().setDevices(devices);
  } catch (error) {
    const { message, hint } = describeError(error);
    store.getState().setConnectionFailed(hint ? `${message} ${hint}` : message);
  }
  return stop;
}
