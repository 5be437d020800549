import { describe, expect, it } from 'vitest';
import type { ProfilePlan } from '../../../shared/api.js';
import { manualFrames } from '../charts/frame-scheduler.js';
import { LiveSessions } from '../session/live-sessions.js';
import { createFakeHost } from '../testing/fake-api.js';
import { sampleHeader } from '../testing/sample-session.js';
import { connectStore } from './connect.js';
import { cancelRun, startRun } from './run-actions.js';
import { createAppStore } from './store.js';

const plan: ProfilePlan = { deviceId: 'R58M', modelPath: '/m.tflite', paths: [{ path: 'gpu' }], runs: 100, warmupRuns: 5, threads: 4, repeats: 1, frameBudget: { kind: 'device' } };
const info = { name: 'Tetherscope' as const, version: '1.0.0', sessionsDir: '/tmp/s', sampleModels: [] };

describe('run actions', () => {
  it('shows the host’s words when profiling is unavailable', async () => {
    const store = createAppStore();
    const outcome = await startRun(createFakeHost({}).api, store, plan);
    expect(outcome).toEqual({ ok: false, message: 'The fake host has no startProfile.', hint: null });
    expect(store.getState().view.kind).toBe('sessions');
  });

  it('opens the live view, follows progress and folds the streamed records', async () => {
    const host = createFakeHost({ getAppInfo: () => info, listDevices: () => [], listSessions: () => [], startProfile: () => ({ sessionId: 'run-7' }), cancelProfile: () => null });
    const store = createAppStore();
    const frames = manualFrames();
    const live = new LiveSessions(frames.requestFrame);
    await connectStore(host.api, store, live);
    // The header may come before startProfile's answer; it must not be lost.
    host.push([{ event: 'sessionEvents', payload: { sessionId: 'run-7', records: [sampleHeader('run-7')] } }]);
    expect(await startRun(host.api, store, plan)).toEqual({ ok: true, sessionId: 'run-7' });
    expect(store.getState().view).toEqual({ kind: 'live', sessionId: 'run-7' });
    host.push([{ event: 'profileProgress', payload: { sessionId: 'run-7', path: 'gpu', phase: 'run', fraction: 0.25, etaMs: 30_000, message: 'GPU: 25 of 100 runs' } }]);
    expect(store.getState().progress['run-7']?.fraction).toBe(0.25);
    host.push([{ event: 'sessionEvents', payload: { sessionId: 'run-7', records: [{ r: 'points', path: 'gpu', repeat: 0, warmup: false, tUs: [1, 2], latUs: [6000, 6100] }] } }]);
    expect(live.get('run-7')!.current()!.points.gpu!.latUs).toEqual([6000, 6100]);
    expect(await cancelRun(host.api, 'run-7')).toBeNull();
    expect(host.calls.at(-1)).toEqual({ name: 'cancelProfile', input: { sessionId: 'run-7' } });
  });
});
