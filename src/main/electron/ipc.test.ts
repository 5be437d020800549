import { describe, expect, it, vi } from 'vitest';
import { API_CALL_NAMES, ipcCallChannel, type ApiReply } from '../../shared/api.js';
import { createDispatch } from '../api/dispatch.js';
import { createCore } from '../core/core.js';
import { checkSender, registerApiIpc } from './ipc.js';

type Handler = (event: unknown, ...args: unknown[]) => Promise<ApiReply<unknown>>;

const OUR_ORIGIN = 'app://tetherscope';

const core = await createCore({ dataDir: '/tmp/tetherscope-ipc-test', version: '9.9.9' });

function setup() {
  const handlers = new Map<string, Handler>();
  const ipcMain = { handle: vi.fn((channel: string, fn: Handler) => void handlers.set(channel, fn)) };
  const dispatch = vi.fn(createDispatch(core.handlers));
  registerApiIpc(ipcMain, dispatch, new Set([OUR_ORIGIN]));
  const invoke = (name: string, frame: unknown, ...args: unknown[]) =>
    handlers.get(ipcCallChannel(name as never))!({ senderFrame: frame }, ...args);
  return { ipcMain, handlers, dispatch, invoke };
}

const topFrame = (origin: string) => ({ origin, parent: null, url: `${origin}/index.html` });

describe('registerApiIpc', () => {
  it('registers one fixed channel per call of the contract', () => {
    const { handlers } = setup();
    expect([...handlers.keys()].sort()).toEqual(API_CALL_NAMES.map((n) => ipcCallChannel(n)).sort());
  });

  it('answers the top frame of our own origin', async () => {
    const { invoke, dispatch } = setup();
    const reply = await invoke('getAppInfo', topFrame(OUR_ORIGIN));
    expect(reply).toMatchObject({ ok: true, result: { name: 'Tetherscope', version: '9.9.9' } });
    expect(dispatch).toHaveBeenCalledOnce();
  });

  it.each([
    ['a foreign origin', topFrame('https://evil.example')],
    ['a look-alike origin', topFrame('app://tetherscope.evil')],
    ['a sub-frame of our origin', { origin: OUR_ORIGIN, parent: topFrame(OUR_ORIGIN) }],
    ['a frame that is gone', null],
    ['an opaque origin', topFrame('null')],
  ])('refuses %s without reaching the core', async (_label, frame) => {
    const { invoke, dispatch } = setup();
    const reply = await invoke('listDevices', frame);
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.error.message).toMatch(/^Refused: /);
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('validates arguments with the contract schema', async () => {
    const { invoke } = setup();
    const reply = await invoke('addVirtualDevice', topFrame(OUR_ORIGIN), { profile: 'rm -rf /' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const extra = await invoke('listDevices', topFrame(OUR_ORIGIN), undefined, 'extra');
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('refuses to register twice on the same ipcMain', () => {
    const ipcMain = { handle: vi.fn() };
    const dispatch = vi.fn();
    registerApiIpc(ipcMain, dispatch, new Set([OUR_ORIGIN]));
    expect(() => registerApiIpc(ipcMain, dispatch, new Set([OUR_ORIGIN]))).toThrow(/already registered/);
  });
});

describe('checkSender', () => {
  it('names the reason for a refusal', () => {
    expect(checkSender(topFrame('http://localhost:1'), new Set([OUR_ORIGIN]))).toEqual({
      ok: false,
      reason: 'origin "http://localhost:1" is not Tetherscope\'s',
    });
  });
});
