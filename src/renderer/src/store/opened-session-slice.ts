import type { StateCreator } from 'zustand';
import type { SessionDetail } from '../../../shared/api.js';
import type { StoreState } from './store.js';

/** The session the session view shows. A reopened session never changes, so it lives here whole. */
export type OpenedSession =
  | { status: 'none' }
  | { status: 'loading'; sessionId: string }
  | { status: 'loaded'; sessionId: string; detail: SessionDetail }
  | { status: 'failed'; sessionId: string; message: string; hint: string | null };

export interface OpenedSessionSlice {
  opened: OpenedSession;
  setOpened(opened: OpenedSession): void;
}

export const createOpenedSessionSlice: StateCreator<StoreState, [], [], OpenedSessionSlice> = (set) => ({
  opened: { status: 'none' },
  setOpened: (opened) => set({ opened }),
});
