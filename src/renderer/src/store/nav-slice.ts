import type { StateCreator } from 'zustand';
import type { StoreState } from './store.js';

/** What the main area shows. */
export type View =
  | { kind: 'sessions' }
  | { kind: 'session'; sessionId: string }
  | { kind: 'setup' }
  | { kind: 'live'; sessionId: string }
  | { kind: 'settings' };

export interface NavSlice {
  view: View;
  navigate(view: View): void;
}

export const createNavSlice: StateCreator<StoreState, [], [], NavSlice> = (set) => ({
  view: { kind: 'sessions' },
  navigate: (view) => set({ view }),
});
