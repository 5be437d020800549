// The real built Electron preload, loaded in a vm with a stubbed `electron`: it must
// expose the whole contract as named functions and require nothing else.
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { API_CALL_NAMES, API_EVENT_NAMES, IPC_EVENTS_CHANNEL, eventFnName, ipcCallChannel, type TetherscopeApi } from '../../src/shared/api.js';
import { builtFile } from '../built.js';

function loadPreload() {
  const source = readFileSync(builtFile('preload', 'index.cjs'), 'utf8');
  const required: string[] = [];
  const exposed = new Map<string, unknown>();
  const invoked: { channel: string; args: unknown[] }[] = [];
  const ipcListeners = new Map<string, (event: unknown, ...args: unknown[]) => void>();
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value) },
    ipcRenderer: {
      invoke: async (channel: string, ...args: unknown[]) => {
        invoked.push({ channel, args });
        return { ok: true, result: 'from-main' };
      },
      on: (channel: string, fn: (event: unknown, ...args: unknown[]) => void) => ipcListeners.set(channel, fn),
    },
  };
  const module = { exports: {} };
  runInNewContext(source, {
    require: (name: string) => {
      required.push(name);
      if (name === 'electron') return electron;
      throw new Error(`A sandboxed preload cannot require ${name}`);
    },
    module,
    exports: module.exports,
    console,
  });
  return { required, exposed, invoked, ipcListeners };
}

describe('built Electron preload', () => {
  it('requires nothing but electron', () => {
    const { required } = loadPreload();
    expect(new Set(required)).toEqual(new Set(['electron']));
  });

  it('exposes window.tetherscope with every call and event of the contract and nothing else', () => {
    const { exposed } = loadPreload();
    expect([...exposed.keys()]).toEqual(['tetherscope']);
    const api = exposed.get('tetherscope') as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual([...API_CALL_NAMES, ...API_EVENT_NAMES.map(eventFnName)].sort());
    for (const fn of Object.values(api)) expect(typeof fn).toBe('function');
    expect(Object.keys(api)).not.toContain('ipcRenderer');
  });

  it('maps each call to its fixed channel', async () => {
    const { exposed, invoked } = loadPreload();
    const api = exposed.get('tetherscope') as TetherscopeApi;
    await expect(api.listDevices()).resolves.toEqual({ ok: true, result: 'from-main' });
    await api.openSession({ sessionId: 's1' });
    expect(invoked).toEqual([
      { channel: ipcCallChannel('listDevices'), args: [undefined] },
      { channel: ipcCallChannel('openSession'), args: [{ sessionId: 's1' }] },
    ]);
  });

  it('delivers event batches from the one events channel without leaking the IPC event', () => {
    const { exposed, ipcListeners } = loadPreload();
    const api = exposed.get('tetherscope') as TetherscopeApi;
    const got: unknown[][] = [];
    const dispose = api.onDevicesChanged((...args: unknown[]) => got.push(args));
    const sender = { sender: 'secret-webcontents' };
    ipcListeners.get(IPC_EVENTS_CHANNEL)!(sender, [{ event: 'devicesChanged', payload: [] }]);
    expect(got).toEqual([[[]]]);
    dispose();
    ipcListeners.get(IPC_EVENTS_CHANNEL)!(sender, [{ event: 'devicesChanged', payload: [] }]);
    expect(got).toHaveLength(1);
    expect([...ipcListeners.keys()]).toEqual([IPC_EVENTS_CHANNEL]);
  });
});
