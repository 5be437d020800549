import { describe, expect, it } from 'vitest';
import { cppNumber } from './cpp-format.js';
import { RunStats } from './run-stats.js';

describe('benchmark_model number and stats formats', () => {
  it('prints doubles as C++ iostreams do (%g, 6 significant digits)', () => {
    expect([1885.7412, 2950340, 0.5, 86400, 150, 0, 1e-5, 123456.7, 0.000123456, Number.NaN].map((v) => cppNumber(v))).toEqual([
      '1885.74', '2.95034e+06', '0.5', '86400', '150', '0', '1e-05', '123457', '0.000123456', 'nan',
    ]);
  });

  it('prints the stats line in its full and short forms', () => {
    const stats = new RunStats();
    expect(stats.format()).toBe('count=0');
    stats.add(637079);
    expect(stats.format()).toBe('count=1 curr=637079');
    stats.add(637079);
    expect(stats.format()).toBe('count=2 curr=637079(all same)');
    const many = new RunStats();
    for (const v of [10, 12, 11, 30, 9]) many.add(v);
    expect(many.format()).toBe('count=5 first=10 curr=9 min=9 max=30 avg=14.4 std=7 p5=9 median=11 p95=30');
  });
});
