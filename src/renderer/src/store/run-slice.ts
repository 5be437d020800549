import type { StateCreator } from 'zustand';
import type { ProfileProgress } from '../../../shared/api.js';
import type { StoreState } from './store.js';

export interface RunSlice {
  /** The latest progress of each running profile, by session id. A few updates a second at most. */
  progress: Readonly<Record<string, ProfileProgress>>;
  setProgress(progress: ProfileProgress): void;
}

export const createRunSlice: StateCreator<StoreState, [], [], RunSlice> = (set) => ({
  progress: {},
  setProgress: (p) => set((s) => ({ progress: { ...s.progress, [p.sessionId]: p } })),
});
