import { describe, expect, it } from 'vitest';
import type { Device } from '../../../shared/api.js';
import { createFakeHost } from '../testing/fake-api.js';
import { connectStore } from './connect.js';
import { createAppStore } from './store.js';

const info = { name: 'Tetherscope' as const, version: '1.0.0', sessionsDir: '/tmp/s', sampleModels: [] };
const phone = (id: string, over: Partial<Device> = {}): Device => ({
  id,
  platform: 'android',
  transport: 'usb',
  state: 'device',
  virtual: false,
  facts: null,
  hint: null,
  ...over,
});

describe('connectStore', () => {
  it('loads the app info and phones, then follows device events', async () => {
    const host = createFakeHost({ getAppInfo: () => info, listDevices: () => [phone('virt', { virtual: true, transport: 'virtual' })] });
    const store = createAppStore();
    const stop = await connectStore(host.api, store);
    expect(store.getState().connection).toBe('connected');
    expect(store.getState().selectedDeviceId).toBe('virt');
    // A real phone plugged in becomes the default choice over the virtual one.
    host.push([{ event: 'devicesChanged', payload: [phone('virt', { virtual: true, transport: 'virtual' }), phone('R58M')] }]);
    expect(store.getState().devices.map((d) => d.id)).toEqual(['virt', 'R58M']);
    expect(store.getState().selectedDeviceId).toBe('virt');
    store.getState().selectDevice(null);
    host.push([{ event: 'devicesChanged', payload: [phone('virt', { virtual: true }), phone('R58M')] }]);
    expect(store.getState().selectedDeviceId).toBe('R58M');
    stop();
    host.push([{ event: 'devicesChanged', payload: [] }]);
    expect(store.getState().devices).toHaveLength(2);
  });

  it('shows why phones cannot be listed, without failing the connection', async () => {
    const host = createFakeHost({
      getAppInfo: () => info,
      listDevices: () => {
        throw new Error('adb is not installed.');
      },
    });
    const store = createAppStore();
    await connectStore(host.api, store);
    expect(store.getState().connection).toBe('connected');
    expect(store.getState().devicesError).toBe('adb is not installed. fake hint');
  });

  it('reports a host that does not answer', async () => {
    const store = createAppStore();
    await connectStore(createFakeHost({}).api, store);
    expect(store.getState().connection).toBe('failed');
    expect(store.getState().connectionError).toMatch(/no getAppInfo/);
  });
});
