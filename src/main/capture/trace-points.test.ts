import { describe, expect, it } from 'vitest';
import { splitInvokes } from './trace-points.js';

const slices = (n: number) => Array.from({ length: n }, (_, i) => ({ startNs: 1_000_000_000n + BigInt(i) * 10_000_000n, durNs: 5_000_000n + BigInt(i) * 1000n }));

describe('splitInvokes', () => {
  it('takes the first slices as warm-up and the rest as timed, in µs from the origin', () => {
    const s = splitInvokes(slices(7), 2, 5, 1_000_000_000n);
    expect(s.warmup.tUs).toEqual([0, 10_000]);
    expect(s.timed.tUs).toHaveLength(5);
    expect(s.timed.latUs[0]).toBe(5002);
    expect(s.missing).toBe(0);
    expect(s.note).toBeNull();
  });

  it('reports inferences the trace lost', () => {
    expect(splitInvokes(slices(5), 2, 5, 0n).missing).toBe(2);
  });

  it('drops extra leading slices that are not part of the run, and says so', () => {
    const s = splitInvokes(slices(9), 2, 5, 0n);
    expect(s.timed.tUs).toHaveLength(5);
    expect(s.warmup.tUs).toEqual([1_020_000, 1_030_000]);
    expect(s.note).toMatch(/2 more inferences/);
  });
});
