import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { sleep } from './capture-common.js';

describe('sleep', () => {
  it('leaves no abort listener behind when the wait ends, and ends early on abort', async () => {
    const controller = new AbortController();
    for (let i = 0; i < 20; i++) await sleep(1, controller.signal);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    const started = performance.now();
    const long = sleep(60_000, controller.signal);
    controller.abort();
    await long;
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
