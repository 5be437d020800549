import { describe, expect, it } from 'vitest';
import type { SessionDetail, SessionSummary } from '../../../shared/api.js';
import { readSessionText } from '../../../shared/session/read-session.js';
import type { HostTimeMs } from '../../../shared/units.js';
import { createFakeHost } from '../testing/fake-api.js';
import { sampleRecords, toJsonLines } from '../testing/sample-session.js';
import { deleteSession, openSession, refreshSessions } from './session-actions.js';
import { createAppStore } from './store.js';

const summary = (sessionId: string): SessionSummary => ({
  sessionId,
  createdAt: 1_764_000_000_000 as HostTimeMs,
  deviceLabel: 'Synthetic unit-test phone',
  virtual: true,
  modelName: 'synthetic.tflite',
  paths: ['npu', 'gpu'],
  status: 'complete',
});

function detail(sessionId: string): SessionDetail {
  const read = readSessionText(toJsonLines(sampleRecords(sessionId)));
  if (!read.ok) throw new Error(read.error);
  return { summary: summary(sessionId), session: read.session, warnings: read.warnings, path: `/tmp/${sessionId}.tsession` };
}

describe('session actions', () => {
  it('lists, opens and deletes sessions', async () => {
    const deleted: string[] = [];
    const host = createFakeHost({
      listSessions: () => [summary('a'), summary('b')],
      openSession: ({ sessionId }) => detail(sessionId),
      deleteSession: ({ sessionId }) => {
        deleted.push(sessionId);
        return null;
      },
    });
    const store = createAppStore();
    await refreshSessions(host.api, store);
    expect(store.getState().sessions.map((s) => s.sessionId)).toEqual(['a', 'b']);

    const opening = openSession(host.api, store, 'a');
    expect(store.getState().view).toEqual({ kind: 'session', sessionId: 'a' });
    expect(store.getState().opened.status).toBe('loading');
    await opening;
    const opened = store.getState().opened;
    expect(opened.status === 'loaded' && opened.detail.session.points.npu?.latUs.length).toBe(10);

    expect(await deleteSession(host.api, store, 'a')).toBeNull();
    expect(deleted).toEqual(['a']);
    expect(store.getState().sessions.map((s) => s.sessionId)).toEqual(['b']);
    expect(store.getState().opened.status).toBe('none');
  });

  it('keeps the last session asked for when answers come back out of order', async () => {
    let releaseFirst: () => void = () => {};
    const host = createFakeHost({
      openSession: async ({ sessionId }) => {
        if (sessionId === 'slow') await new Promise<void>((resolve) => (releaseFirst = resolve));
        return detail(sessionId);
      },
    });
    const store = createAppStore();
    const slow = openSession(host.api, store, 'slow');
    await openSession(host.api, store, 'fast');
    releaseFirst();
    await slow;
    const opened = store.getState().opened;
    expect(opened.status === 'loaded' && opened.sessionId).toBe('fast');
  });

  it('says in words why a session cannot be opened or deleted', async () => {
    const host = createFakeHost({
      openSession: () => {
        throw new Error('Session x was not found.');
      },
      deleteSession: () => {
        throw new Error('A session cannot be deleted while it is recording.');
      },
    });
    const store = createAppStore();
    await openSession(host.api, store, 'x');
    expect(store.getState().opened).toEqual({ status: 'failed', sessionId: 'x', message: 'Session x was not found.', hint: 'fake hint' });
    expect(await deleteSession(host.api, store, 'x')).toBe('A session cannot be deleted while it is recording. fake hint');
    await refreshSessions(host.api, store);
    expect(store.getState().sessionsError).toBe('The fake host has no listSessions.');
  });
});
