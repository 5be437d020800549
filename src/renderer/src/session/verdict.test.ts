import { describe, expect, it } from 'vitest';
import { IOS_PATH_LABEL } from '../paths.js';
import { percentWords, verdictLine, type VerdictPath } from './verdict.js';

const path = (over: Partial<VerdictPath> & Pick<VerdictPath, 'path'>): VerdictPath => ({
  p50Us: 5000,
  shareInside: 1,
  fallbackOpCount: 0,
  fallbackTo: null,
  failure: null,
  pointsUnavailable: null,
  ...over,
});

describe('verdictLine', () => {
  it('calls the NPU path the Neural Engine on an iPhone', () => {
    const paths = [path({ path: 'npu', p50Us: 2000 }), path({ path: 'cpu', p50Us: 9000, shareInside: 0.2 })];
    expect(verdictLine(paths, 'a 60 Hz frame', IOS_PATH_LABEL)).toMatch(/^Neural Engine fits a 60 Hz frame every time/);
    expect(verdictLine(paths, 'a 60 Hz frame')).toMatch(/^NPU fits a 60 Hz frame every time/);
  });

  it('names the path that fits most often and what holds the faster one back', () => {
    const line = verdictLine(
      [
        path({ path: 'npu', p50Us: 4600, shareInside: 0.88, fallbackOpCount: 14, fallbackTo: 'CPU' }),
        path({ path: 'gpu', p50Us: 6300, shareInside: 0.9712 }),
        path({ path: 'cpu', p50Us: 14_000, shareInside: 0.02 }),
      ],
      'a 120 Hz frame',
    );
    expect(line).toBe(
      'GPU fits a 120 Hz frame 97 % of the time; NPU is faster at the median (4.60 ms against 6.30 ms) but 14 ops fall back to the CPU and it fits only 88 % of the time.',
    );
  });

  it('says when the fastest path is also the best, and its fallback ops', () => {
    expect(verdictLine([path({ path: 'npu', fallbackOpCount: 1, fallbackTo: 'CPU' }), path({ path: 'cpu', p50Us: 9000, shareInside: 0.5 })], 'a 60 Hz frame')).toBe(
      'NPU fits a 60 Hz frame every time, though 1 op falls back to the CPU.',
    );
  });

  it('names every path that always fits, and the fastest of them', () => {
    expect(
      verdictLine(
        [path({ path: 'npu', p50Us: 98 }), path({ path: 'gpu', p50Us: 190 }), path({ path: 'cpu', p50Us: 34 })],
        'a 120 Hz frame',
      ),
    ).toBe('All 3 paths fit a 120 Hz frame every time; CPU is the fastest, 34 µs at the median.');
    expect(verdictLine([path({ path: 'npu', p50Us: 2000 }), path({ path: 'gpu', p50Us: 3000 }), path({ path: 'cpu', p50Us: 9000, shareInside: 0.2 })], 'a 60 Hz frame')).toBe(
      'NPU and GPU fit a 60 Hz frame every time; NPU is the fastest, 2.00 ms at the median.',
    );
  });

  it('says when no path fits', () => {
    expect(verdictLine([path({ path: 'cpu', p50Us: 30_000, shareInside: 0 }), path({ path: 'gpu', p50Us: 20_000, shareInside: 0 })], 'a 120 Hz frame')).toBe(
      'No path fits a 120 Hz frame; the fastest, GPU, takes 20.00 ms at the median.',
    );
  });

  it('reports failed paths and paths without timings in words', () => {
    const line = verdictLine(
      [
        path({ path: 'npu', p50Us: null, shareInside: null, failure: 'NNAPI refused the model (error 4)' }),
        path({ path: 'gpu', p50Us: null, shareInside: null, pointsUnavailable: 'the phone cannot trace this app.' }),
        path({ path: 'cpu', p50Us: 12_000, shareInside: 0.4 }),
      ],
      'a 60 Hz frame',
    );
    expect(line).toBe(
      'CPU fits a 60 Hz frame 40 % of the time. NPU failed: NNAPI refused the model (error 4). GPU has no per-inference timings: the phone cannot trace this app.',
    );
    expect(verdictLine([], 'a 60 Hz frame')).toBe('No inferences have been recorded yet.');
  });

  it('asks for a rate when the phone did not give one', () => {
    expect(verdictLine([path({ path: 'gpu', p50Us: 6000 })], null)).toBe(
      'GPU is the fastest, 6.00 ms at the median; pick a refresh rate to see which path fits a frame.',
    );
  });
});

describe('percentWords', () => {
  it('never rounds a miss up to 100 %', () => {
    expect(percentWords(0.9997)).toBe('99.9 %');
    expect(percentWords(0.99067)).toBe('99.1 %');
    expect(percentWords(1)).toBe('100 %');
    expect(percentWords(0.004)).toBe('under 1 %');
    expect(percentWords(0.5)).toBe('50 %');
  });
});
