import { describe, expect, it } from 'vitest';
import { createCore } from '../core/core.js';
import { createDispatch, type ApiHandlers } from './dispatch.js';
import { NotFoundError } from './errors.js';

const core = await createCore({ dataDir: '/tmp/tetherscope-dispatch-test', version: '1.2.3' });

describe('createDispatch', () => {
  const dispatch = createDispatch(core.handlers);

  it('refuses an unknown call by name', async () => {
    expect(await dispatch('formatDisk', undefined)).toEqual({
      ok: false,
      error: { code: 'unknown-call', message: 'There is no call named "formatDisk".', hint: null },
    });
    expect(await dispatch({ toString: 1 }, undefined)).toMatchObject({ ok: false, error: { code: "unknown-call", message: "There is no call named \"(object)\"." } });
  });

  it('explains which field of the input is wrong', async () => {
    const reply = await dispatch('startProfile', {
      deviceId: 'emulator-5554; reboot',
      modelPath: '/m.tflite',
      paths: [{ path: 'tpu' }],
      runs: 10,
      warmupRuns: 1,
      threads: 4,
      repeats: 1,
      frameBudget: { kind: 'device' },
    });
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.code).toBe('invalid-input');
    expect(reply.error.message).toContain('deviceId');
    expect(reply.error.message).toContain('paths.0.path');
  });

  it('refuses runs and duration together', async () => {
    const reply = await dispatch('startProfile', {
      deviceId: 'abc',
      modelPath: '/m.tflite',
      paths: [{ path: 'cpu' }],
      runs: 10,
      durationS: 5,
      warmupRuns: 1,
      threads: 4,
      repeats: 1,
      frameBudget: { kind: 'hz', hz: 120 },
    });
    expect(reply).toMatchObject({ ok: false, error: { message: expect.stringContaining('either a number of runs or a duration') } });
  });

  it('passes subsystem errors through in their own words and hides internal ones behind plain words', async () => {
    const handlers = {
      ...core.handlers,
      openSession: async () => {
        throw new NotFoundError('Session x', 'Pick one from the list.');
      },
      listSessions: async () => {
        throw new TypeError('cannot read properties of undefined');
      },
    } satisfies ApiHandlers;
    const logged: string[] = [];
    const d = createDispatch(handlers, (line) => logged.push(line));
    expect(await d('openSession', { sessionId: 'x' })).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'Session x was not found.', hint: 'Pick one from the list.' },
    });
    const internal = await d('listSessions', undefined);
    expect(internal).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(logged.join('\n')).toContain('TypeError');
  });
});
