// One bound store made of typed slices (zustand's slices pattern).
import { createStore, type StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { createAppSlice, type AppSlice } from './app-slice.js';
import { createDevicesSlice, type DevicesSlice } from './devices-slice.js';

export type StoreState = AppSlice & DevicesSlice;

export const createAppStore = (): StoreApi<StoreState> =>
  createStore<StoreState>()((...a) => ({
    ...createAppSlice(...a),
    ...createDevicesSlice(...a),
  }));

export const appStore = createAppStore();

export function useAppStore<T>(selector: (state: StoreState) => T): T {
  return useStore(appStore, selector);
}
