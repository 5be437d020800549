import type { StateCreator } from 'zustand';
import type { AppInfo } from '../../../shared/api.js';
import type { StoreState } from './store.js';

export type ThemeChoice = 'system' | 'light' | 'dark';
export type ConnectionState = 'connecting' | 'connected' | 'failed';

export interface AppSlice {
  appInfo: AppInfo | null;
  connection: ConnectionState;
  connectionError: string | null;
  theme: ThemeChoice;
  setAppInfo(info: AppInfo): void;
  setConnectionFailed(message: string): void;
  setTheme(theme: ThemeChoice): void;
}

export const createAppSlice: StateCreator<StoreState, [], [], AppSlice> = (set) => ({
  appInfo: null,
  connection: 'connecting',
  connectionError: null,
  theme: 'system',
  setAppInfo: (appInfo) => set({ appInfo, connection: 'connected', connectionError: null }),
  setConnectionFailed: (connectionError) => set({ connection: 'failed', connectionError }),
  setTheme: (theme) => set({ theme }),
});
