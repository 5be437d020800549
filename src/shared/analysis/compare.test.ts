import { describe, expect, it } from 'vitest';
import { comparePaths } from './compare.js';

/** A run whose latency drifts up with heat (a slow ramp plus correlated noise), as phones do. */
function run(n: number, base: number, seed: number): number[] {
  let s = seed;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  let noise = 0;
  return Array.from({ length: n }, (_, i) => {
    noise = 0.9 * noise + (rand() - 0.5) * 0.04 * base;
    return base * (1 + 0.15 * (i / n)) + noise;
  });
}

describe('comparePaths', () => {
  const options = { threshold: 0.05, budgetMs: 8.33, seed: 7 };

  it('calls a 20 % slowdown a regression', () => {
    const r = comparePaths(run(3000, 5000, 1), run(3000, 6000, 2), options);
    expect(r.verdict).toBe('regressed');
    expect(r.deltas[0]!.change).toBeGreaterThan(0.15);
    expect(r.reason).toMatch(/rose by/);
  });

  it('calls two runs of the same plan with heat drift no significant change', () => {
    const r = comparePaths(run(3000, 5000, 3), run(3000, 5000, 4), options);
    expect(r.verdict).toBe('no significant change');
  });

  it('calls a 20 % speed-up an improvement, and refuses tiny samples', () => {
    expect(comparePaths(run(3000, 6000, 5), run(3000, 5000, 6), options).verdict).toBe('improved');
    expect(comparePaths([1, 2, 3], run(100, 5000, 1), options).verdict).toBe('not comparable');
  });

  it('gives the same answer for the same seed', () => {
    const a = run(2000, 5000, 9);
    const b = run(2000, 5200, 10);
    expect(comparePaths(a, b, options)).toEqual(comparePaths(a, b, options));
  });
});
