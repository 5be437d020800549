import { describe, expect, it } from 'vitest';
import { readSessionText } from '../../../shared/session/read-session.js';
import { manualFrames } from '../charts/frame-scheduler.js';
import { createFakeHost } from '../testing/fake-api.js';
import { sampleRecords, toJsonLines } from '../testing/sample-session.js';
import { LiveSessions } from './live-sessions.js';

describe('live session fold', () => {
  it('folds streamed batches exactly like the reopened file, telling listeners once per frame', () => {
    const host = createFakeHost({});
    const frames = manualFrames();
    const live = new LiveSessions(frames.requestFrame);
    const stop = live.connect(host.api);
    const records = sampleRecords('run-1');

    let added = 0;
    live.subscribe(() => added++);
    // The host batches records; here one record per batch, many batches per frame.
    host.push(records.slice(0, 3).map((r) => ({ event: 'sessionEvents', payload: { sessionId: 'run-1', records: [r] } })));
    expect(added).toBe(1);
    const fold = live.get('run-1')!;
    let notified = 0;
    fold.subscribe(() => notified++);
    for (const record of records.slice(3)) host.push([{ event: 'sessionEvents', payload: { sessionId: 'run-1', records: [record] } }]);
    expect(notified).toBe(0);
    expect(frames.flush()).toBe(1);
    expect(notified).toBe(1);
    expect(frames.flush()).toBe(0);

    const reopened = readSessionText(toJsonLines(records));
    if (!reopened.ok) throw new Error(reopened.error);
    expect(fold.current()).toEqual(reopened.session);
    expect(fold.skipped).toBe(0);
    stop();
  });

  it('keeps sessions apart and counts records that arrive before a header', () => {
    const frames = manualFrames();
    const live = new LiveSessions(frames.requestFrame);
    const [header, ...rest] = sampleRecords('a');
    live.receive({ sessionId: 'b', records: rest.slice(0, 2) });
    live.receive({ sessionId: 'a', records: [header!, ...rest] });
    expect(live.get('b')!.current()).toBeNull();
    expect(live.get('b')!.skipped).toBe(2);
    expect(live.get('a')!.current()!.points.npu!.latUs).toHaveLength(10);
    const revision = live.get('a')!.revision();
    live.receive({ sessionId: 'a', records: [{ r: 'points', path: 'npu', repeat: 0, warmup: false, tUs: [11e6], latUs: [6000] }] });
    expect(live.get('a')!.revision()).toBeGreaterThan(revision);
    expect(live.get('a')!.current()!.points.npu!.latUs).toHaveLength(11);
    live.forget('a');
    expect(live.get('a')).toBeUndefined();
  });
});
