import type { StateCreator } from 'zustand';
import type { Device } from '../../../shared/api.js';
import type { StoreState } from './store.js';

export interface DevicesSlice {
  devices: Device[];
  devicesLoaded: boolean;
  /** Why phones cannot be listed (adb missing, its server not answering), in plain words. */
  devicesError: string | null;
  selectedDeviceId: string | null;
  setDevices(devices: Device[]): void;
  setDevicesError(message: string): void;
  selectDevice(id: string | null): void;
}

export const createDevicesSlice: StateCreator<StoreState, [], [], DevicesSlice> = (set) => ({
  devices: [],
  devicesLoaded: false,
  devicesError: null,
  selectedDeviceId: null,
  setDevicesError: (devicesError) => set({ devicesError, devicesLoaded: true }),
  setDevices: (devices) =>
    set((state) => {
      const stillThere = devices.some((d) => d.id === state.selectedDeviceId);
      // Keep the user's choice while that phone is listed; otherwise prefer a real, usable phone.
      const preferred =
        devices.find((d) => d.state === 'device' && !d.virtual) ?? devices.find((d) => d.state === 'device') ?? null;
      return {
        devices,
        devicesLoaded: true,
        devicesError: null,
        selectedDeviceId: stillThere ? state.selectedDeviceId : (preferred?.id ?? null),
      };
    }),
  selectDevice: (selectedDeviceId) => set({ selectedDeviceId }),
});
