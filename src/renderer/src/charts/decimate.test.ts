import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimateMinMax, pick } from './decimate.js';

const ascending = (values: number[]): number[] => [...values].sort((a, b) => a - b);

describe('decimateMinMax', () => {
  it('keeps every point when there are few', () => {
    const x = [0, 1, 2, 3, 4];
    const y = [5, 4, 3, 2, 1];
    expect([...decimateMinMax(x, y, 0, 4, 10)]).toEqual([0, 1, 2, 3, 4]);
  });

  it('keeps the lowest and highest point of each column, in index order', () => {
    const x = Array.from({ length: 100 }, (_, i) => i);
    const y = x.map((i) => (i === 37 ? 1000 : i === 12 ? -50 : i % 7));
    const kept = [...decimateMinMax(x, y, 0, 99, 4)];
    expect(kept).toContain(37);
    expect(kept).toContain(12);
    expect(kept.length).toBeLessThanOrEqual(4 * 2);
    expect(kept).toEqual([...kept].sort((a, b) => a - b));
  });

  it('adds the nearest point beyond each edge of the range', () => {
    const x = Array.from({ length: 1000 }, (_, i) => i);
    const y = x.map((i) => Math.sin(i));
    const kept = [...decimateMinMax(x, y, 100, 199, 10)];
    expect(kept[0]).toBe(99);
    expect(kept.at(-1)).toBe(200);
    expect(kept.slice(1, -1).every((i) => i >= 100 && i <= 199)).toBe(true);
  });

  it('never picks a non-finite value as an extreme', () => {
    const x = Array.from({ length: 50 }, (_, i) => i);
    const y = x.map((i) => (i % 3 === 0 ? Number.NaN : i));
    const kept = decimateMinMax(x, y, 0, 49, 2);
    const inside = [...kept].filter((i) => i > 0 && i < 49);
    expect(inside.every((i) => Number.isFinite(y[i]))).toBe(true);
  });

  it('for any series keeps every column extreme and only real points', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1000, noNaN: true }), { minLength: 1, maxLength: 400 }),
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 400, maxLength: 400 }),
        fc.integer({ min: 1, max: 40 }),
        (rawX, rawY, columns) => {
          const x = ascending(rawX);
          const y = rawY.slice(0, x.length);
          const from = 100;
          const to = 900;
          const kept = decimateMinMax(x, y, from, to, columns);
          const keptSet = new Set(kept);
          expect(keptSet.size).toBe(kept.length);
          expect(kept.length).toBeLessThanOrEqual(Math.max(columns * 2 + 2, x.length));
          const inRange = x.map((v, i) => ({ v, i })).filter(({ v }) => v >= from && v <= to);
          if (inRange.length <= columns * 2) {
            for (const { i } of inRange) expect(keptSet.has(i)).toBe(true);
            return;
          }
          const perColumn = columns / (to - from);
          const byColumn = new Map<number, number[]>();
          for (const { v, i } of inRange) {
            const c = Math.min(columns - 1, Math.floor((v - from) * perColumn));
            byColumn.set(c, [...(byColumn.get(c) ?? []), i]);
          }
          for (const members of byColumn.values()) {
            const ys = members.map((i) => y[i]!);
            const keptYs = members.filter((i) => keptSet.has(i)).map((i) => y[i]!);
            expect(keptYs).toContain(Math.min(...ys));
            expect(keptYs).toContain(Math.max(...ys));
          }
        },
      ),
    );
  });
});

describe('pick', () => {
  it('returns the exact values at the kept indices, scaled', () => {
    expect([...pick([1000, 2000, 3000], new Uint32Array([0, 2]), 1 / 1000)]).toEqual([1, 3]);
  });
});
