// One bound store made of typed slices (zustand's slices pattern).
import { createStore, type StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { createAppSlice, type AppSlice } from './app-slice.js';
import { createBudgetSlice, type BudgetSlice } from './budget-slice.js';
import { createDevicesSlice, type DevicesSlice } from './devices-slice.js';
import { createNavSlice, type NavSlice } from './nav-slice.js';
import { createOpenedSessionSlice, type OpenedSessionSlice } from './opened-session-slice.js';
import { createRunSlice, type RunSlice } from './run-slice.js';
import { createSessionsSlice, type SessionsSlice } from './sessions-slice.js';

export type StoreState = AppSlice & DevicesSlice & NavSlice & SessionsSlice & OpenedSessionSlice & BudgetSlice & RunSlice;

export const createAppStore = (): StoreApi<StoreState> =>
  createStore<StoreState>()((...a) => ({
    ...createAppSlice(...a),
    ...createDevicesSlice(...a),
    ...createNavSlice(...a),
    ...createSessionsSlice(...a),
    ...createOpenedSessionSlice(...a),
    ...createBudgetSlice(...a),
    ...createRunSlice(...a),
  }));

export const appStore = createAppStore();

export function useAppStore<T>(selector: (state: StoreState) => T): T {
  return useStore(appStore, selector);
}
