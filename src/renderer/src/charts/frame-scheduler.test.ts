import { describe, expect, it } from 'vitest';
import { createFrameScheduler, manualFrames } from './frame-scheduler.js';

describe('createFrameScheduler', () => {
  it('runs once per frame however often it is asked', () => {
    const frames = manualFrames();
    let runs = 0;
    const scheduler = createFrameScheduler(() => runs++, frames.requestFrame);
    for (let i = 0; i < 100; i++) scheduler.schedule();
    expect(frames.flush()).toBe(1);
    expect(runs).toBe(1);
    expect(frames.flush()).toBe(0);
    scheduler.schedule();
    frames.flush();
    expect(runs).toBe(2);
  });

  it('does nothing after it is disposed', () => {
    const frames = manualFrames();
    let runs = 0;
    const scheduler = createFrameScheduler(() => runs++, frames.requestFrame);
    scheduler.schedule();
    scheduler.dispose();
    frames.flush();
    scheduler.schedule();
    frames.flush();
    expect(runs).toBe(0);
  });
});
