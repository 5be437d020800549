import { describe, expect, it, vi } from 'vitest';
import { API_CALL_NAMES, API_EVENT_NAMES, eventFnName, type ApiEventEnvelope, type Device } from '../../shared/api.js';
import { createApiClient } from './api-client.js';

function makeClient() {
  let push: (batch: readonly ApiEventEnvelope[]) => void = () => {};
  const call = vi.fn(async () => ({ ok: true as const, result: [] }));
  const api = createApiClient({ call, onEvents: (l) => (push = l) });
  return { api, call, push: (batch: ApiEventEnvelope[]) => push(batch) };
}

describe('createApiClient', () => {
  it('exposes exactly the named calls and events of the contract, frozen', () => {
    const { api } = makeClient();
    expect(Object.keys(api).sort()).toEqual([...API_CALL_NAMES, ...API_EVENT_NAMES.map(eventFnName)].sort());
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('sends each call on its own name with its input', async () => {
    const { api, call } = makeClient();
    await api.addVirtualDevice({ profile: 'budget' });
    expect(call).toHaveBeenCalledWith('addVirtualDevice', { profile: 'budget' });
  });

  it('delivers batched events to listeners until their disposer runs', () => {
    const { api, push } = makeClient();
    const seen: Device[][] = [];
    const dispose = api.onDevicesChanged((d) => seen.push(d));
    const other = vi.fn();
    api.onSessionEvents(other);
    push([
      { event: 'devicesChanged', payload: [] },
      { event: 'devicesChanged', payload: [] },
    ]);
    expect(seen).toHaveLength(2);
    dispose();
    push([{ event: 'devicesChanged', payload: [] }]);
    expect(seen).toHaveLength(2);
    expect(other).not.toHaveBeenCalled();
  });

  it('keeps delivering when one listener throws', () => {
    const { api, push } = makeClient();
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    const good = vi.fn();
    api.onDevicesChanged(() => {
      throw new Error('boom');
    });
    api.onDevicesChanged(good);
    push([{ event: 'devicesChanged', payload: [] }]);
    expect(good).toHaveBeenCalledOnce();
    spy.mockRestore();
  });
});
